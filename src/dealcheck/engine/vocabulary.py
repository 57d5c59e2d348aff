"""English vocabulary: which words are real words, and how common they are.

The word-frequency list comes from the ``pyspellchecker`` package (English,
built from OpenSubtitles and Wiktionary; MIT licence), not from a hand-made
list. It is read lazily, the first time a requirement holds a word the
catalogue does not know, and once per process. The package ships it as JSON
with sorted keys, one entry a line, so a word is found by halving the text
(microseconds) instead of parsing 160,000 entries (about 80 ms); a list that is
not in order is parsed whole.

Two questions are asked of it:

* is this word a real word? A real word is never "corrected" into a catalogue
  word ("interaction" is not a typo of "integration", nor "provide" of
  "provider");
* is this capitalised word just a common English word ("Severity",
  "Windows", "Server") rather than a name (a vendor, product or standard such
  as "Okta", "GraphQL", "Datadog")?
"""

from __future__ import annotations

from functools import lru_cache

#: A word at least this frequent in the list is a real word, never a typo. Low enough
#: to keep proper but ordinary words ("germany": 340), high enough to skip the list's
#: long tail of misspellings, which appear a handful of times.
REAL_WORD_FREQUENCY = 100
#: A capitalised word whose lower-case form is at least this frequent is ordinary
#: English capitalised for a title or for emphasis, not a name. Names and jargon
#: ("sumo", "elk", "copilot", "soc") sit in the list's tail, below about 1,300.
COMMON_WORD_FREQUENCY = 1500


#: Lines of the list's text compared before it is searched by halves: a list whose
#: sampled lines are not in order (a release that writes it another way) is parsed
#: into a table instead.
ORDER_SAMPLES = 256


@lru_cache(maxsize=1)
def _resource_text() -> str | None:
    """The package's English list as the text of its JSON object, one ``"word": count``
    entry a line (None when the resource is not where this pyspellchecker keeps it)."""
    import gzip
    from importlib import resources

    try:
        resource = resources.files("spellchecker") / "resources" / "en.json.gz"
        with resource.open("rb") as handle:
            text = gzip.decompress(handle.read()).decode("utf-8")
    except (OSError, ValueError):
        return None
    # One entry a line, as `"word": count`: checked on a word every list has, so a
    # release that writes the object another way falls back to parsing it whole.
    return text if text.startswith('{\n"') and '\n"the": ' in text else None


@lru_cache(maxsize=1)
def _sorted_text() -> str | None:
    """The list's text when its entries are in key order (JSON written with sorted
    keys, as pyspellchecker ships it), so a word is found by halving; else None."""
    text = _resource_text()
    if text is None:
        return None
    step = max(1, len(text) // ORDER_SAMPLES)
    keys = []
    for at in range(0, len(text), step):
        key = _line_at(text, at, 0)[2]
        if key is not None:
            keys.append(key)
    in_order = len(keys) > 1 and all(a < b for a, b in zip(keys, keys[1:]))
    return text if in_order and count_in_text(text, "the") else None


def _line_at(text: str, at: int, lo: int) -> tuple[int, int, str | None]:
    """The line holding position ``at`` (``lo`` is a line start at or before it): its
    start, its end and its key (None for the braces that open and close the object)."""
    newline = text.rfind("\n", lo, at)
    start = lo if newline < 0 else newline + 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = text[start:end]
    colon = line.rfind('": ')
    key = line[1:colon] if line.startswith('"') and colon > 0 else None
    return start, end, key


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, int]:
    """The package's English list as {word: count}: the fallback when its text cannot be
    searched by halves (about 80 ms to parse, against microseconds a word).

    Read straight from the resource pyspellchecker ships (a gzipped JSON object), which
    takes half the time of building its SpellChecker; the SpellChecker is the fallback
    should a release move the resource.
    """
    import json

    text = _resource_text()
    if text is not None:
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict) and data:
            # Only what the two questions need: the long tail below REAL_WORD_FREQUENCY
            # answers "not a real word" whether it is kept or not (a third of the memory).
            return {w: f for w, f in data.items() if f >= REAL_WORD_FREQUENCY}
    from spellchecker import SpellChecker

    words = SpellChecker(language="en", distance=1).word_frequency.dictionary
    return {w: f for w, f in words.items() if f >= REAL_WORD_FREQUENCY}


_looked_up: dict[str, int] = {}


def count_in_text(text: str, word: str) -> int | None:
    """``word``'s count in the list's sorted text, found by halving (0 when absent or
    rarer than REAL_WORD_FREQUENCY); None when the text cannot answer (a line that is
    not ``"word": count``)."""
    if not word:
        return 0
    if any(c in '"\\' or c < " " for c in word):
        return 0  # JSON would have escaped it: no word of the list holds such a character
    lo, hi = 0, len(text)
    while lo < hi:
        start, end, key = _line_at(text, (lo + hi) // 2, lo)
        if key is None:
            # The opening brace sorts before every word, the closing one after.
            lo, hi = (end + 1, hi) if start == 0 else (lo, start)
        elif key < word:
            lo = end + 1
        elif key > word:
            hi = start
        else:
            digits = text[start + len(key) + 4 : end].rstrip(",")
            if not digits.isdigit():
                return None
            count = int(digits)
            return count if count >= REAL_WORD_FREQUENCY else 0
    return 0


def frequency(word: str) -> int:
    """How often the word occurs in the English list (0 when it is not a word or is rarer
    than REAL_WORD_FREQUENCY)."""
    word = word.lower()
    if word in _looked_up:
        return _looked_up[word]
    text = _sorted_text()
    found = None if text is None else count_in_text(text, word)
    if found is None:
        found = int(_frequencies().get(word, 0))
    _looked_up[word] = found
    return found


def is_real_word(word: str) -> bool:
    return frequency(word) >= REAL_WORD_FREQUENCY


def is_common_word(word: str) -> bool:
    return frequency(word) >= COMMON_WORD_FREQUENCY
