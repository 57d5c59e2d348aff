"""A caveat's ceiling on a size or a duration, read against the amount an ask needs
(engine/ceilings.py): past it the answer is ``unsupported`` quoting the caveat; within
it the amount is covered; a cap the ask sets, a delay or a frequency is not read."""

from __future__ import annotations

from pathlib import Path

import pytest

from dealcheck.catalog import load_catalog
from dealcheck.engine import Engine
from dealcheck.engine.ceilings import against_ceilings, ceilings
from dealcheck.quantities import extract_quantities
from dealcheck.requirements import DealContext
from tests.engine.conftest import requirement

CATALOG = Path(__file__).parents[1] / "fixtures" / "ceilings.yaml"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_catalog(str(CATALOG)).catalog)


def answer(engine: Engine, text: str):
    result, _, _ = engine.assess(requirement(text), DealContext(), verbose=True)
    return result


@pytest.mark.parametrize(
    "caveat, amount",
    [
        ("Files larger than 2 GB cannot be uploaded", "2 GB"),
        ("Files over 250 MB are not scanned", "250 MB"),
        ("Activity history is kept for at most 90 days", "90 days"),
        ("Recordings are limited to 4 hours", "4 hours"),
        ("Uploads of up to 100 MB; larger files must use the desktop app", "100 MB"),
    ],
)
def test_ceilings_a_caveat_states(caveat, amount):
    (ceiling,) = ceilings((caveat,))
    assert ceiling.amount.text == amount


@pytest.mark.parametrize(
    "caveat",
    [
        "Exports are ready within 24 hours",  # a delay: less is better
        "Export runs at most every 6 hours",  # a frequency
        "Restores take up to 12 hours to start",  # a delay
        "Exports may be delayed by up to 5 minutes",  # a delay
        "Files larger than 2 GB upload in the background",  # takes nothing back
        "Kept for 30 days and 365 days on Enterprise",  # two amounts: which one is which
        "At most 500 API calls per minute",  # a rate: the metric's own limit reads those
    ],
)
def test_no_ceiling_where_the_clause_does_not_state_one(caveat):
    assert ceilings((caveat,)) == ()


def read(ask: str, caveat: str):
    (q,) = [q for q in extract_quantities(ask) if q.dimension in ("data", "time")]
    return against_ceilings(ask, q, extract_quantities(ask), ceilings((caveat,)))


def test_an_ask_past_the_ceiling_and_within_it():
    caveat = "Files over 250 MB are not scanned"
    assert read("Every upload up to 1 GB must be virus scanned", caveat) == (True, caveat)
    assert read("Scanning of 40 MB files is enough for us", caveat) == (False, caveat)
    # On the ceiling: "over 250 MB" leaves 250 MB itself scanned.
    assert read("Files of 250 MB must be scanned", caveat) == (False, caveat)


def test_keeping_words_speak_of_one_another():
    # "kept" in the clause, "retained" in the ask (lexicon.yaml: keeping_words).
    caveat = "Audit events are kept for at most 12 months"
    assert read("User activity retained for 24 months", caveat) == (True, caveat)
    assert read("Activity history preserved for 6 months", caveat) == (False, caveat)
    # A word outside the table shares nothing with the clause.
    assert read("Activity history searchable for 24 months", caveat) is None


@pytest.mark.parametrize(
    "ask",
    [
        "Scanned files must be under 50 MB",  # a cap the ask sets: less may be wanted
        "Webhook payloads are kept for 30 days for replay",  # shares no word of the clause
        "Scanning must finish in 5 minutes",  # a duration that is no time kept
    ],
)
def test_asks_a_ceiling_does_not_answer(ask):
    caveats = (
        "Files over 250 MB are not scanned",
        "Failed deliveries are retried for at most 24 hours",
    )
    qs = [q for q in extract_quantities(ask) if q.dimension in ("data", "time")]
    assert all(against_ceilings(ask, q, qs, ceilings(caveats)) is None for q in qs)


def test_past_the_ceiling_is_unsupported_quoting_the_caveat(engine):
    result = answer(engine, "Document access history must be kept for 12 months")
    assert result.verdict == "unsupported"
    (cap,) = result.capabilities
    assert cap.reasons[0] == (
        "asks for '12 months', past what a caveat allows:"
        " Activity history is kept for at most 90 days"
    )
    result = answer(engine, "Our scanned drawings run to 5 GB per file, uploads must take them")
    assert result.verdict == "unsupported"


def test_within_the_ceiling_the_amount_is_covered(engine):
    # Every file of the ask is within what is scanned.
    result = answer(engine, "Antivirus check on uploads; our files are 20 MB at most")
    assert result.verdict == "supported"
    assert [c.id for c in result.capabilities] == ["virus-scanning"]
    result = answer(engine, "Access history must be kept for 60 days")
    assert result.verdict == "supported"
    assert [c.id for c in result.capabilities] == ["activity-history"]


def test_delays_and_retries_are_not_read_as_ceilings(engine):
    # "within 24 hours" is a delay; the ask's 2 hours says nothing about what is kept.
    result = answer(engine, "Matter exports must be delivered within 2 hours")
    assert result.verdict != "supported"
    # A retry window of 72 hours against "retried for at most 24 hours".
    result = answer(
        engine, "If our endpoint is down, webhook deliveries must be retried for 72 hours"
    )
    assert result.verdict == "unsupported"


def test_an_amount_a_limit_measures_is_the_limit_s_to_answer(engine):
    # Two years of retention: the recording_retention limit (2555 days on enterprise)
    # answers, not the caveat on how long one recording may be.
    text = "Call recordings must be retained for 2 years"
    result, _, _ = engine.assess(requirement(text), DealContext(edition="pro"), verbose=True)
    (cap,) = result.capabilities
    assert cap.id == "call-recording"
    assert result.verdict == "upgrade"
    assert not any("past what a caveat allows" in r for r in cap.reasons)
    # One recording of 6 hours is past what is kept.
    result = answer(engine, "Call recording for depositions of up to 6 hours")
    assert result.verdict == "unsupported"


def test_a_clause_about_another_part_says_nothing_of_the_ask(tmp_path):
    # Review: the capability's own words ("audit log") in every clause made the first
    # clause decide: a search window read as a retention ceiling.
    catalogue = tmp_path / "audit.yaml"
    catalogue.write_text(
        "product: P\ncapabilities:\n"
        "  - id: audit-log\n    name: Audit log\n"
        "    description: Every admin action, recorded.\n"
        "    caveats: [Audit log search covers at most 90 days,"
        " Audit logs are kept for at most 30 days]\n"
    )
    engine = Engine(load_catalog(str(catalogue)).catalog)
    assert answer(engine, "Audit logs kept for 60 days").verdict == "unsupported"
    # (Within 30 days, the search clause's number is still a person's to read.)
    assert answer(engine, "Audit logs kept for 20 days").verdict == "unknown"
    catalogue.write_text(
        catalogue.read_text().replace(", Audit logs are kept for at most 30 days", "")
    )
    engine = Engine(load_catalog(str(catalogue)).catalog)
    assert answer(engine, "Audit logs kept for 60 days").verdict == "unknown"


def test_an_ask_open_upwards_is_not_within_a_ceiling(engine):
    # Review: "100 MB or more" is no range a ceiling of 250 MB holds.
    for text in (
        "Virus scanning of files of 100 MB or more",
        "Virus scanning of files of at least 100 MB",
    ):
        assert answer(engine, text).verdict != "supported", text
