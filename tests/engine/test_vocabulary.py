"""The English word list answers the same whether a word is found in the list's text (the
first few dozen words a process asks about) or in the parsed table."""

from __future__ import annotations

import random

import pytest

from dealcheck.engine import vocabulary

WORDS = [
    "the", "integration", "interaction", "provide", "provider", "germany", "aardvark",
    "a's", "don't", "e-mail", "sumo", "copilot", "okta", "datadog", "severity", "windows",
    "zzzzq", "integrashun", "x.509", "elk", "soc", "",
]  # fmt: skip


@pytest.fixture
def fresh(monkeypatch):
    monkeypatch.setattr(vocabulary, "_looked_up", {})
    return vocabulary


def test_lookup_in_the_text_agrees_with_the_table(fresh):
    if fresh._resource_text() is None:
        pytest.skip("this pyspellchecker keeps its list elsewhere: only the table is used")
    table = fresh._frequencies()
    sample = random.Random(5).sample(sorted(table), 300)
    text = fresh._resource_text()
    answered = 0
    for word in [*WORDS, *sample, *(w + "q" for w in sample[:50])]:
        found = fresh.count_in_text(text, word)
        assert found is None or found == table.get(word, 0), word
        answered += found is not None
    assert answered > 300, "almost every word is answered from the text"


def test_the_first_words_are_answered_without_parsing_the_whole_list(fresh):
    """A short check looks its few words up in the list's text; the answers are the ones
    the parsed table gives (whatever the package's counts are)."""
    fresh._frequencies.cache_clear()
    try:
        asked = ["interaction", "Provide", "integrashun", "Windows", "Okta"]
        early = [(fresh.is_real_word(w), fresh.is_common_word(w)) for w in asked]
        if fresh._resource_text() is not None:
            assert fresh._frequencies.cache_info().currsize == 0, "no table for five words"
        table = fresh._frequencies()
        late = [
            (table.get(w.lower(), 0) >= fresh.REAL_WORD_FREQUENCY,
             table.get(w.lower(), 0) >= fresh.COMMON_WORD_FREQUENCY)
            for w in asked
        ]  # fmt: skip
        assert early == late
    finally:
        fresh._frequencies.cache_clear()


def test_many_words_switch_to_the_table(fresh):
    fresh._frequencies.cache_clear()
    for i in range(fresh.LOOKUPS_BEFORE_TABLE + 5):
        fresh.frequency(f"word{i}")
    assert fresh.is_real_word("integration")
    if fresh._resource_text() is not None:
        assert fresh._frequencies.cache_info().currsize == 1
