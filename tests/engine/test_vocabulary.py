"""The English word list answers the same whether a word is found by halving the list's
sorted text (the normal path: no table is ever parsed) or in the parsed table (the
fallback for a list that is not in order)."""

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


def test_words_are_answered_without_parsing_the_whole_list(fresh):
    """However many words a check asks about, they are found in the sorted text; the
    answers are the ones the parsed table gives (whatever the package's counts are)."""
    fresh._frequencies.cache_clear()
    try:
        asked = ["interaction", "Provide", "integrashun", "Windows", "Okta"]
        asked += [f"word{i}" for i in range(200)]
        early = [(fresh.is_real_word(w), fresh.is_common_word(w)) for w in asked]
        if fresh._sorted_text() is not None:
            assert fresh._frequencies.cache_info().currsize == 0, "no table is parsed"
        table = fresh._frequencies()
        late = [
            (table.get(w.lower(), 0) >= fresh.REAL_WORD_FREQUENCY,
             table.get(w.lower(), 0) >= fresh.COMMON_WORD_FREQUENCY)
            for w in asked
        ]  # fmt: skip
        assert early == late
        # Real words are real words; a misspelling is not (the issue's own examples).
        assert early[0][0] and early[1][0] and not early[2][0]
    finally:
        fresh._frequencies.cache_clear()


def test_a_list_out_of_order_is_parsed_instead(fresh, monkeypatch):
    """A release that wrote its list in another order is never searched by halves (which
    would miss words): the whole list is parsed, and the answers stay the same."""
    text = fresh._resource_text()
    if text is None:
        pytest.skip("this pyspellchecker keeps its list elsewhere: only the table is used")
    lines = text.split("\n")
    body = lines[1:-1]
    random.Random(3).shuffle(body)
    body = [line.rstrip(",") + "," for line in body]
    body[-1] = body[-1].rstrip(",")
    shuffled = "\n".join([lines[0], *body, lines[-1]])
    fresh._sorted_text.cache_clear()
    monkeypatch.setattr(fresh, "_resource_text", lambda: shuffled)
    try:
        assert fresh._sorted_text() is None
        assert fresh.is_real_word("integration") and not fresh.is_real_word("integrashun")
    finally:
        fresh._sorted_text.cache_clear()
        fresh._frequencies.cache_clear()
