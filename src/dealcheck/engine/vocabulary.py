"""English vocabulary: which words are real words, and how common they are.

The word-frequency list comes from the ``pyspellchecker`` package (English,
built from OpenSubtitles and Wiktionary; MIT licence), not from a hand-made
list. It is loaded lazily, the first time a requirement holds a word the
catalogue does not know, and once per process.

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


#: Words looked up one at a time in the list's text before the whole list is parsed
#: into a table: a short check asks about a few dozen words, and a lookup in the text
#: (about 1 ms) is far cheaper than parsing 160,000 entries (about 80 ms); a long list
#: of requirements asks about many, and then the table pays for itself.
LOOKUPS_BEFORE_TABLE = 48


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
def _frequencies() -> dict[str, int]:
    """The package's English list as {word: count}.

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


def _look_up(word: str) -> int | None:
    """The word's count found in the list's text, or None when it must come from the
    table (a word JSON would escape, the resource missing, or many words asked)."""
    if _frequencies.cache_info().currsize or len(_looked_up) >= LOOKUPS_BEFORE_TABLE:
        return None
    text = _resource_text()
    return None if text is None else count_in_text(text, word)


def count_in_text(text: str, word: str) -> int | None:
    """``word``'s count in the list's text (0 when absent or rarer than
    REAL_WORD_FREQUENCY); None for a word JSON might have escaped."""
    if not word or not all(c.isascii() and (c.isalnum() or c in "'-.") for c in word):
        return None
    key = f'\n"{word}": '
    at = text.find(key)
    if at < 0:
        return 0
    start = end = at + len(key)
    while end < len(text) and text[end].isdigit():
        end += 1
    if end == start:
        return None
    count = int(text[start:end])
    return count if count >= REAL_WORD_FREQUENCY else 0


def frequency(word: str) -> int:
    """How often the word occurs in the English list (0 when it is not a word or is rarer
    than REAL_WORD_FREQUENCY)."""
    word = word.lower()
    if word in _looked_up:
        return _looked_up[word]
    found = _look_up(word)
    if found is None:
        return int(_frequencies().get(word, 0))
    _looked_up[word] = found
    return found


def is_real_word(word: str) -> bool:
    return frequency(word) >= REAL_WORD_FREQUENCY


def is_common_word(word: str) -> bool:
    return frequency(word) >= COMMON_WORD_FREQUENCY
