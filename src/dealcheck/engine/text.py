"""Text normalisation shared by the catalogue index and requirement analysis.

Words are lower-cased, split on anything that is not a letter or digit, and
stemmed with the Snowball English stemmer, so "provisioning", "provisioned"
and "provision" meet. Stop words are dropped the same way on both sides, so
"single sign-on" and "single sign on" and "Single Sign-On" are one phrase.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")
_WORD_RE = re.compile(r"[a-z0-9]+")

STOPWORDS = frozenset(
    """
    a an the and or but nor of to in on at by for from with without within into onto over under
    as is are was were be been being am it its this that these those there their them they
    we our us you your i me my he she his her which who whom whose what when where why how
    all any each every some such no not only own same so than too very can could would
    do does did doing done has have had having if then else also just both either neither
    via per etc e g ie eg vs one other others more most much many out up down off about above
    below between through during before after again further once here s t
    """.split()
)

#: Words RFPs use around every ask; they say nothing about *which* capability.
FILLER = frozenset(
    """
    must shall should may will might need needs needed require requires required requirement
    requirements mandatory optional desirable essential nice have able ability capable capability
    capabilities support supports supported supporting provide provides provided providing offer
    offers offered allow allows allowed allowing enable enables enabled enabling include includes
    including solution solutions system systems platform platforms product products vendor
    vendors supplier suppliers provider providers tool tools software application applications
    app service offering customer customers client clients company organisation organization
    our we us please describe confirm explain whether yes available feature features
    functionality function functions use used using uses make makes way ways ensure ensures
    also well like least full fully native natively out box e g etc please kindly
    """.split()
)


def fold(text: str) -> str:
    """Lower-case and strip accents ("Entra ID", "entrá id" -> "entra id")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    if word.isdigit() or len(word) <= 3:
        return word
    return _STEMMER.stemWord(word)


def words(text: str) -> list[str]:
    """Folded words of ``text`` in order (stop words kept)."""
    return _WORD_RE.findall(fold(text))


def tokens(text: str) -> list[str]:
    """Stemmed content tokens: the unit of matching."""
    return [stem(w) for w in _WORD_RE.findall(fold(text)) if w not in STOPWORDS]


def token_spans(text: str) -> list[tuple[str, str, int, int]]:
    """(stem, word, start, end) for each content word, positions into ``text``.

    Folding keeps string length for the scripts RFPs are written in; when it
    does not (rare ligatures), positions are approximate but still ordered.
    """
    folded = fold(text)
    return [
        (stem(m.group()), m.group(), m.start(), m.end())
        for m in _WORD_RE.finditer(folded)
        if m.group() not in STOPWORDS
    ]
