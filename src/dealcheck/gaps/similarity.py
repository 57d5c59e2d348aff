"""Which unmatched asks are the same ask: content words, a wording key, and meaning.

Two requirements ask for the same thing in different words ("SMS alerts for
pending approvals", "Send approval reminders by text message") when their
*content* is alike. The words every RFP wraps around an ask (must, support,
the vendor shall provide, our, ...) say nothing about which thing is asked
for, so they are dropped first (:func:`content_words`).

* :func:`wording_key` is the ask's content words, stemmed and sorted: asks
  with the same key are grouped whatever else happens ("Must support SMS
  notifications" and "SMS notifications are required").
* :func:`group_by_meaning` groups asks by meaning, from the offline WordLlama
  model (:func:`dealcheck.engine.semantic.embed_texts`, cosine similarity of
  the asks as written). Asks are visited most-asked first; each joins the
  group whose centroid is most similar, when that reaches the threshold,
  else starts a group (:func:`centroid_groups`). Comparing with a group's
  centroid, not with its nearest member, stops chains (A like B like C) from
  merging different asks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from dealcheck.engine.semantic import embed_texts

#: Similarity at or above which an ask joins a theme. Chosen on
#: bench/themes.yaml (43 themes, 110 asks written by hand, several sharing
#: generic words across themes on purpose): `python bench/gaps.py --calibrate` prints
#: the grouping's pairwise precision and recall per threshold (docs/BENCHMARKS.md).
#: 0.50 is the lowest threshold that merged no two different asks there (precision
#: 1.00, recall 0.48; at 0.45 "Hosting in Canada" joins "Hosting in Australia").
#: Merging different asks hides demand; splitting one ask only shows it twice, so
#: the threshold favours precision.
DEFAULT_SIMILARITY = 0.50

_WORD = re.compile(r"[a-z0-9]+")

# Grammar words, and the words requirement lists wrap around every ask: they tell
# which capability is meant no more than "the" does.
BOILERPLATE = frozenset(
    """
    a an the and or but nor of to in on at by for from with without within into onto over under
    as is are was were be been being am it its this that these those there their them they
    we our us you your i me my he she his her which who whom whose what when where why how
    all any each every some such no not only own same so than too very can could would
    do does did doing done has have had having if then else also just both either neither
    via per etc e g ie eg vs one other others more most much many out up about s t
    must shall should may will might need needs needed require requires required requirement
    requirements mandatory optional desirable essential nice able ability capable capability
    capabilities support supports supported supporting provide provides provided providing offer
    offers offered allow allows allowed allowing enable enables enabled enabling include includes
    including solution solutions system systems platform platforms product products vendor
    vendors supplier suppliers provider providers tool tools software service services
    customer customers client clients company organisation organization please describe confirm
    explain whether yes available feature features functionality ensure ensures well least
    fully native natively box kindly expected want wants like
    """.split()
)


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def content_words(text: str) -> list[str]:
    """The words of ``text`` that say what is asked for, in order (lower case)."""
    return [w for w in _WORD.findall(_fold(text)) if w not in BOILERPLATE]


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer  # PyStemmer: a core dependency (Snowball in C)

    return Stemmer.Stemmer("english")


def wording_key(text: str) -> str:
    """The ask's stemmed content words, sorted and without repeats.

    Word order, inflection and boilerplate do not change the key; a requirement
    with no content word at all keys on its folded text, so it groups only with
    the same text.
    """
    found = content_words(text)
    if not found:
        return " ".join(_WORD.findall(_fold(text))) or text.strip().lower()
    stems = _stemmer().stemWords(found)
    return " ".join(sorted(set(stems)))


def centroid_groups(vectors: Any, threshold: float, block: int = 256) -> list[int]:
    """A group number for each row of ``vectors`` (unit length), visited in row order.

    A row joins the group whose centroid (the normalised mean of its members so
    far) is most similar to it, when that similarity reaches ``threshold``
    (the older group on a tie); otherwise it starts a new group. This is the
    sequential algorithm exactly; for speed, a block of rows is compared with
    every centroid in one matrix product, and only the columns of groups that
    change inside the block are recomputed.
    """
    import numpy as np

    n = len(vectors)
    labels = [0] * n
    if n == 0:
        return labels
    dim = vectors.shape[1]
    capacity = min(n, 1024)
    sums = np.zeros((capacity, dim), dtype=np.float64)
    centroids = np.zeros((capacity, dim), dtype=np.float32)
    groups = 0
    for start in range(0, n, block):
        chunk = vectors[start : start + block]
        size = len(chunk)
        if groups + size > capacity:
            capacity = max(capacity * 2, groups + size)
            sums = np.resize(sums, (capacity, dim))
            centroids = np.resize(centroids, (capacity, dim))
        sims = np.empty((size, groups + size), dtype=np.float32)
        if groups:
            sims[:, :groups] = chunk @ centroids[:groups].T
        for k in range(size):
            row = sims[k, :groups]
            best = int(row.argmax()) if groups else -1
            if groups and row[best] >= threshold:
                group = best
                sums[group] += chunk[k]
                centroids[group] = sums[group] / np.linalg.norm(sums[group])
            else:
                group = groups
                groups += 1
                sums[group] = chunk[k]
                centroids[group] = chunk[k]
            labels[start + k] = group
            if k + 1 < size:  # later rows of the block see the group as it is now
                sims[k + 1 :, group] = chunk[k + 1 :] @ centroids[group]
    return labels


def group_by_meaning(texts: Sequence[str], threshold: float) -> list[int]:
    """Group numbers for ``texts`` (already in visiting order) by similarity of meaning."""
    return centroid_groups(embed_texts(list(texts)), threshold)
