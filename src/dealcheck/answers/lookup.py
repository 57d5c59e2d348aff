"""Look a requirement up in the answer library, before any matching.

Two ways to find an answer:

* **The same text**: after normalising case, spacing and punctuation
  (:func:`normalise`), the requirement is the question or one of its merged
  phrasings. A dictionary lookup.
* **A near phrasing**: the same question reworded ("SAML 2.0 SSO is required
  for all staff" for "Must support SAML 2.0 single sign-on"). Precision beats
  recall here as everywhere: a wrong hit is a reviewed pin on the wrong
  capability, so a near phrasing must pass every gate below, and otherwise
  the requirement is matched as usual.

  1. *Nothing that tells capabilities apart differs.* The words of the two
     texts (stemmed, catalogue acronyms folded, stop words and RFP filler
     dropped) may differ only in plain words. A word that differs blocks the
     hit when the catalogue uses it in a capability's name, alias or id
     ("OIDC" for "SAML"), when it holds a digit ("TLS 1.3" for "TLS 1.2",
     "SOC 1" for "SOC 2"), or when it is written as a name (capitalised inside
     the sentence, or an acronym: "in French" for "in German", "US" for "EU").
  2. *Negation agrees*: "must not send data to third parties" is never
     "must send data to third parties".
  3. *Most words are shared*: the Jaccard overlap of the two word sets is at
     least :data:`MIN_OVERLAP`.
  4. *The semantic signal agrees*: the WordLlama embeddings of the two texts
     (``dealcheck[semantic]``, loaded only when a candidate got this far) have
     a cosine similarity of at least :data:`MIN_SIMILARITY`. Without the
     model, such near phrasings are not used and the check warns how many
     requirements it could not confirm. A rewording with exactly the same
     content words (only their order, stop words, RFP filler and punctuation
     differ: "Do you offer X?" / "X must be offered") needs no model: the
     model averages word embeddings, so those words are what it would compare.
     Its similarity is reported as 1.0.

Candidates come from an inverted index over the library's words, by the
requirement's rarest words, so a library of 10,000 answers costs a few
dictionary lookups per requirement (measured in ``bench/answers.py``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dealcheck.answers.model import Answer, AnswerLibrary
from dealcheck.catalog.model import Catalog
from dealcheck.engine.text import FILLER, STOPWORDS, Canon, learn_acronyms, stem
from dealcheck.engine.vocabulary import is_real_word

#: Jaccard overlap of the content words below which two texts are not the same
#: question. On bench/answers.py's held-out list every rewording of a learned question
#: that passes the word gates shares at least 0.6 of its words; 0.5 leaves room for one
#: added plain word in a four-word question.
MIN_OVERLAP = 0.5
#: WordLlama cosine similarity below which a near phrasing is not trusted: a floor, not
#: the discriminator. The rewordings on bench/answers.py's held-out list that pass the
#: word gates score 0.78 to 1.0; unrelated requirements score 0.3 to 0.4 with this model;
#: 0.55 sits between. What keeps different questions apart are the word gates: the model
#: scores "stored in the EU only" and "stored in the US only" 0.64.
MIN_SIMILARITY = 0.55
#: How many of a requirement's rarest words propose candidates in a large bucket.
RAREST_WORDS = 3
#: A bucket of texts (same catalogue words) up to this size is compared whole.
BUCKET_SCAN = 64

_PUNCT = re.compile(r"[\W_]+", re.UNICODE)
#: Words that turn an ask around: a phrasing with other such words is another question
#: ("stored outside the EU" is not "stored in the EU", "must not" is not "must").
_NEGATION = re.compile(
    r"\b(?:not|no|never|none|cannot|without|neither|nor|outside|beyond|except|excluding"
    r"|unless|prevent|prevents|block|blocks|disable|disables)\b|n't\b"
    r"|\b(?:prohibit|forbid|disallow)",
    re.I,
)
_FILLER_STEMS = frozenset(stem(w) for w in FILLER) | frozenset(FILLER)


def normalise(text: str) -> str:
    """``text`` with case, spacing and punctuation normalised: the exact-lookup key."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_PUNCT.sub(" ", text).split())


def answer_key(answer: Answer) -> tuple[tuple[str, ...], str | None]:
    """What an answer says, for comparing two answers: its capabilities or its verdict."""
    return tuple(sorted(set(answer.capabilities))), answer.verdict


@dataclass(frozen=True)
class Hit:
    """A library answer found for a requirement."""

    answer: Answer
    index: int  # position of the answer in the library
    line: int | None  # where the answer starts in its file
    phrasing: str  # the library text that matched
    similarity: float  # 1.0 for the same text, else the semantic similarity
    exact: bool


@dataclass
class _Text:
    entry: int
    text: str
    tokens: frozenset[str]
    marked: frozenset[str]  # tokens written as names, or holding digits
    negated: str  # the words that turn the ask around, sorted ("" for none)


@dataclass
class LookupStats:
    """What the lookup did in one check (reported as warnings and in the bench)."""

    exact: int = 0
    near: int = 0
    unconfirmed: int = 0  # near candidates that passed the word gates with no model to confirm
    conflicts: list[str] = field(default_factory=list)


def catalogue_canon(catalog: Catalog) -> Canon:
    """Acronym folding as the matcher does it: the glossary plus the catalogue's own."""
    learned: dict[str, str] = {}
    for cap in catalog.capabilities:
        for text in (cap.name, *cap.aliases, cap.description or ""):
            if "(" in text:
                learned.update(learn_acronyms(text))
    return Canon(learned)


class AnswerLookup:
    """A library indexed once per run for exact and near-phrasing lookups."""

    def __init__(
        self,
        library: AnswerLibrary,
        catalog: Catalog,
        *,
        lines: list[int | None] | None = None,
        canon: Canon | None = None,
        semantic: bool | None = None,
        prepared: list[list[Any]] | None = None,
    ) -> None:
        """``prepared`` is :meth:`prepared` of the same library and catalogue (the cache)."""
        self.library = library
        self.answers: list[Answer] = list(library.answers)
        self.lines: list[int | None] = list(lines or [None] * len(library.answers))
        self.canon = canon or catalogue_canon(catalog)
        #: None: use the model when it is installed; False: never (exact lookups only)
        self._semantic = semantic
        self.stats = LookupStats()
        # Words the catalogue tells capabilities apart by: a near phrasing may not differ in them.
        self._vocabulary: set[str] = set()
        for cap in catalog.capabilities:
            for text in (cap.name, *cap.aliases, cap.id.replace("-", " ")):
                self._vocabulary.update(self.canon.tokens(text))
        self._vocabulary -= _FILLER_STEMS
        self._exact: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self._near_built = False
        self._texts: list[_Text] = []
        self._postings: dict[str, list[int]] = defaultdict(list)
        # Texts by the catalogue words they hold: a near phrasing holds exactly the same ones
        # (gate 1), so one dictionary lookup finds every candidate.
        self._buckets: dict[frozenset[str], list[int]] = defaultdict(list)
        self._vectors: dict[str, Any] = {}
        if prepared is not None:
            self._load_prepared(prepared)
        else:
            for i, answer in enumerate(self.answers):
                for text in answer.texts:
                    self._index_exact(i, text)

    def _index_exact(self, entry: int, text: str, key: str | None = None) -> None:
        key = normalise(text) if key is None else key
        if key and all(e != entry for e, _ in self._exact[key]):
            self._exact[key].append((entry, text))

    def _index_near(self, entry: int, text: str, analysed: _Text | None = None) -> None:
        analysed = analysed or self._analyse(entry, text)
        if not analysed.tokens:
            return
        index = len(self._texts)
        self._texts.append(analysed)
        for token in analysed.tokens:
            self._postings[token].append(index)
        self._buckets[analysed.tokens & self._vocabulary].append(index)

    # -- the prepared index (cached between runs by dealcheck.answers.cache) ---
    def prepared(self) -> list[list[Any]]:
        """Everything the lookup computes per library text, as plain JSON-able rows."""
        rows: list[list[Any]] = []
        for i, answer in enumerate(self.answers):
            for text in answer.texts:
                a = self._analyse(i, text)
                rows.append(
                    [i, text, normalise(text), sorted(a.tokens), sorted(a.marked), a.negated]
                )
        return rows

    def _load_prepared(self, rows: list[list[Any]]) -> None:
        self._near_built = True
        for entry, text, key, tokens, marked, negated in rows:
            self._index_exact(entry, text, key)
            analysed = _Text(entry, text, frozenset(tokens), frozenset(marked), str(negated))
            self._index_near(entry, text, analysed)

    # -- growing the library during a run (learn, review) ----------------------
    def add(self, answer: Answer, line: int | None = None) -> int:
        """Index a new answer; its position in :attr:`answers`."""
        entry = len(self.answers)
        self.answers.append(answer)
        self.lines.append(line)
        for text in answer.texts:
            self.add_phrasing(entry, text)
        return entry

    def add_phrasing(self, entry: int, text: str) -> None:
        """Index another phrasing of answer ``entry``."""
        self._index_exact(entry, text)
        if self._near_built:
            self._index_near(entry, text)

    def exact_entries(self, text: str) -> list[int]:
        """The answers whose question or phrasings are ``text`` once normalised."""
        return [entry for entry, _ in self._exact.get(normalise(text), [])]

    # -- the analysis shared by both sides -------------------------------------
    def _analyse(self, entry: int, text: str) -> _Text:
        spans = self.canon.spans(text)
        tokens: set[str] = set()
        marked: set[str] = set()
        for token, word, start, _end in spans:
            if token in _FILLER_STEMS or word in STOPWORDS:
                continue
            tokens.add(token)
            original = text[start : start + len(word)] if start < len(text) else word
            if any(ch.isdigit() for ch in word) or _written_as_name(text, start, original):
                marked.add(token)
        return _Text(entry, text, frozenset(tokens), frozenset(marked), _negated(text))

    def _build_near(self) -> None:
        self._near_built = True
        for i, answer in enumerate(self.answers):
            for text in answer.texts:
                self._index_near(i, text)

    # -- lookups ---------------------------------------------------------------
    def find(self, text: str) -> Hit | None:
        """The library's answer to ``text``, or None (then the requirement is matched)."""
        if not self.answers:
            return None
        found = self._exact.get(normalise(text))
        if found:
            return self._exact_hit(text, found)
        return self._near(text)

    def _exact_hit(self, text: str, found: list[tuple[int, str]]) -> Hit | None:
        keys = {answer_key(self.answers[i]) for i, _ in found}
        if len(keys) > 1:
            self._conflict(text, [i for i, _ in found])
            return None
        entry, phrasing = found[0]
        self.stats.exact += 1
        return Hit(self.answers[entry], entry, self.lines[entry], phrasing, 1.0, exact=True)

    def _conflict(self, text: str, entries: Iterable[int]) -> None:
        lines = ", ".join(str(self.lines[i]) for i in entries if self.lines[i] is not None)
        where = f" (lines {lines})" if lines else ""
        self.stats.conflicts.append(
            f"the answer library answers {text[:60]!r} in different ways{where}:"
            " it was matched instead; see dealcheck lint"
        )

    def _candidates(self, req: _Text) -> list[int]:
        bucket = self._buckets.get(req.tokens & self._vocabulary, [])
        plain = [t for t in req.tokens if t not in self._vocabulary and t in self._postings]
        if len(bucket) <= BUCKET_SCAN or not plain:
            return bucket
        # A large bucket: the texts that also share one of the requirement's rarest plain
        # words (a near phrasing shares at least half of its words).
        rarest = sorted(plain, key=lambda t: (len(self._postings[t]), t))[:RAREST_WORDS]
        members = set(bucket)
        seen: set[int] = set()
        for token in rarest:
            seen.update(i for i in self._postings[token] if i in members)
        return sorted(seen)

    def _near(self, text: str) -> Hit | None:
        if not self._near_built:
            self._build_near()
        req = self._analyse(-1, text)
        if not req.tokens:
            return None
        passed: list[tuple[float, int]] = []
        for index in self._candidates(req):
            lib = self._texts[index]
            overlap = _words_agree(req, lib, self._vocabulary)
            if overlap is not None:
                passed.append((overlap, index))
        if not passed:
            return None
        same_words = [(overlap, index) for overlap, index in passed if overlap == 1.0]
        if same_words:
            # The same content words, only order, stop words, filler and punctuation
            # differ: what the model compares (averaged word embeddings) is then the same.
            passed, scored = same_words, [1.0] * len(same_words)
        elif not self._semantic_on():
            self.stats.unconfirmed += 1
            return None
        else:
            scored = self._similarities(text, [index for _, index in passed])
        best: tuple[float, float, int] | None = None
        for (overlap, index), similarity in zip(passed, scored):
            if similarity < MIN_SIMILARITY:
                continue
            key = (similarity, overlap, -index)
            if best is None or key > best:
                best = key
        if best is None:
            return None
        similarity, _, neg_index = best
        lib = self._texts[-neg_index]
        # Two different answers equally close: a person decides, not the order of the file.
        rivals = {
            answer_key(self.answers[self._texts[i].entry])
            for (_, i), s in zip(passed, scored)
            if s >= similarity - 0.01
        }
        if len(rivals) > 1:
            self._conflict(text, sorted({self._texts[i].entry for _, i in passed}))
            return None
        self.stats.near += 1
        entry = lib.entry
        return Hit(
            self.answers[entry],
            entry,
            self.lines[entry],
            lib.text,
            round(similarity, 3),
            exact=False,
        )

    def _semantic_on(self) -> bool:
        if self._semantic is None:
            from dealcheck.engine.semantic import available

            self._semantic = available()
        return self._semantic

    def _similarities(self, text: str, indexes: list[int]) -> list[float]:
        from dealcheck.engine.semantic import embed_texts

        wanted = [text] + [self._texts[i].text for i in indexes]
        missing = [t for t in dict.fromkeys(wanted) if t not in self._vectors]
        if missing:
            for t, vector in zip(missing, embed_texts(missing)):
                self._vectors[t] = vector
        query = self._vectors[text]
        return [float(query @ self._vectors[self._texts[i].text]) for i in indexes]


def _negated(text: str) -> str:
    """The negation words of a text, sorted: two phrasings are the same question only if
    they turn the ask around the same way."""
    found = {m.group().lower().replace("n't", "not") for m in _NEGATION.finditer(text)}
    return " ".join(sorted(found))


def _written_as_name(text: str, start: int, word: str) -> bool:
    """A word written as a name: an acronym, mixed case ("BambooHR"), a capitalised word
    that is no English word ("Workday" is one, "Okta" is not), or capitalised other than
    at a sentence start."""
    if not word or not word[0].isupper():
        return False
    if len(word) > 1 and (word.isupper() or any(ch.isupper() for ch in word[1:])):
        return True  # an acronym (EU, SOC, AWS) or mixed case (BambooHR, GitHub)
    if word.isalpha() and not is_real_word(word):
        return True  # a capitalised non-word names something, even first in a sentence
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in ".!?:;-\u2022*(\"'" and not before[-1].isdigit()


def _words_agree(req: _Text, lib: _Text, vocabulary: set[str]) -> float | None:
    """The word overlap of two texts, or None when a gate says they are different questions."""
    if req.negated != lib.negated:
        return None
    differ = req.tokens ^ lib.tokens
    for token in differ:
        if token in vocabulary or token in req.marked or token in lib.marked:
            return None
    overlap = len(req.tokens & lib.tokens) / len(req.tokens | lib.tokens)
    return overlap if overlap >= MIN_OVERLAP else None


__all__ = ["AnswerLookup", "Hit", "LookupStats", "normalise"]
