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


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, int]:
    """The package's English list as {word: count}.

    Read straight from the resource pyspellchecker ships (a gzipped JSON object), which
    takes half the time of building its SpellChecker; the SpellChecker is the fallback
    should a release move the resource.
    """
    import gzip
    import json
    from importlib import resources

    try:
        resource = resources.files("spellchecker") / "resources" / "en.json.gz"
        with resource.open("rb") as handle:
            data = json.loads(gzip.decompress(handle.read()))
        if isinstance(data, dict) and data:
            # Only what the two questions need: the long tail below REAL_WORD_FREQUENCY
            # answers "not a real word" whether it is kept or not (a third of the memory).
            return {w: f for w, f in data.items() if f >= REAL_WORD_FREQUENCY}
    except (OSError, ValueError):
        pass
    from spellchecker import SpellChecker

    words = SpellChecker(language="en", distance=1).word_frequency.dictionary
    return {w: f for w, f in words.items() if f >= REAL_WORD_FREQUENCY}


def frequency(word: str) -> int:
    """How often the word occurs in the English list (0 when it is not a word or is rarer
    than REAL_WORD_FREQUENCY)."""
    return int(_frequencies().get(word.lower(), 0))


def is_real_word(word: str) -> bool:
    return frequency(word) >= REAL_WORD_FREQUENCY


def is_common_word(word: str) -> bool:
    return frequency(word) >= COMMON_WORD_FREQUENCY
