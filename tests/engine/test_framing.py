"""A question written as a message: its greeting, opener and sign-off are no part of the ask."""

from __future__ import annotations

from pathlib import Path

import pytest

from dealcheck.catalog import load_catalog
from dealcheck.engine import Engine
from dealcheck.engine import analyse as analyse_module
from dealcheck.engine.framing import blank_framing, framing_spans
from dealcheck.report import for_reviewers
from dealcheck.requirements import DealContext
from tests.engine.conftest import requirement

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bundled() -> Engine:
    return Engine(load_catalog(str(ROOT / "capabilities.yaml")).catalog)


def answer(engine: Engine, text: str):
    result, _, _ = engine.assess(requirement(text), DealContext(), verbose=True)
    return result


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "Hi team, quick q from our finance lead - do you guys export to NetSuite?",
            ["Hi team,", "quick q from our finance lead -", "guys"],
        ),
        ("Hello Maria - question: is there an on-prem edition?", ["Hello Maria -", "question:"]),
        ("hey quick one - can we bring our own keys?", ["hey", "quick one -"]),
        ("FYI we run about 900 users on Okta, is that fine?", ["FYI"]),
        ("Good morning. Is the API rate limited? Thanks!", ["Good morning.", "Thanks!"]),
        ("Do you keep audit logs for a year, cheers", ["cheers"]),
        (
            "Hi! One more from the security side: pen test report please",
            ["Hi!", "One more from the security side:"],
        ),
        ("Is there a status page? Thanks in advance, Tom", ["Thanks in advance, Tom"]),
        ("Is there a status page? TIA", ["TIA"]),
        ("Is there SSO? Best regards, Sam Smith", ["Best regards, Sam Smith"]),
        # Who the ask is for stays in it; only the opener's own words go.
        ("Quick q from our Safari users - does co-editing work?", ["Quick q"]),
        (
            "One more from the finance and legal teams: e-signature?",
            ["One more from the finance and legal teams:"],
        ),
    ],
)
def test_the_framing_of_a_message_is_found(text, parts):
    blanked, found = blank_framing(text)
    assert found == parts
    assert len(blanked) == len(text)  # every offset (quantities, places) stays as written
    kept = [ch for ch, was in zip(blanked, text) if ch == was and not ch.isspace()]
    assert "".join(kept) == "".join(
        ch for a, b in _outside(text, framing_spans(text)) for ch in text[a:b] if not ch.isspace()
    )


def _outside(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, pos = [], 0
    for a, b in sorted(spans):
        out.append((pos, a))
        pos = b
    out.append((pos, len(text)))
    return out


@pytest.mark.parametrize(
    "text",
    [
        "Question banks with randomised order for onboarding quizzes",
        "Quick one-click checkout for returning buyers",
        "HI and AK sales tax rates",  # a state's code in capitals is no greeting
        "Thank-you emails to donors after each gift",
        "Morning stand-up summaries posted to Slack",
        "Reports must show which team performs best",
        "Users can say thanks to a colleague with a kudos post",
        # A list's last item is no sign-off, whatever its letters.
        "Hosting facility certifications: ISO 27001, SOC 2, TIA",
        "Data centres certified to ISO 27001 - TIA",
        "Signature providers supported: DocuSign; Cheers",
        "Signature providers: DocuSign, Cheers",
    ],
)
def test_an_ask_without_framing_is_read_as_written(text):
    assert framing_spans(text) == []
    assert blank_framing(text) == (text, [])


def test_a_question_asked_as_a_chat_message_gets_the_answer_of_the_bare_ask(bundled):
    framed = answer(
        bundled, "Hi Priya - quick one from our CX lead: can you export audit logs to Splunk?"
    )
    bare = answer(bundled, "can you export audit logs to Splunk?")
    assert framed.verdict == bare.verdict == "upgrade"
    assert [c.id for c in framed.capabilities] == [c.id for c in bare.capabilities]
    # The reviewer sees what was left out; a customer-facing reason never says it.
    notes = [r for r in framed.reasons if r.startswith("left out as the framing")]
    assert notes == [
        "left out as the framing of a message: 'Hi Priya -', 'quick one from our CX lead:'"
    ]
    assert all(for_reviewers(r) for r in notes)


def test_without_reading_the_framing_the_greeting_would_send_it_to_a_person(monkeypatch):
    # The same question with the framing read as words of the ask: "Priya" and "CX" are
    # names no capability mentions, and the greeting is wording nothing explains.
    monkeypatch.setattr(analyse_module, "blank_framing", lambda text: (text, []))
    engine = Engine(load_catalog(str(ROOT / "capabilities.yaml")).catalog)
    framed = answer(
        engine, "Hi Priya - quick one from our CX lead: can you export audit logs to Splunk?"
    )
    assert framed.verdict == "unknown"


def test_a_sign_off_and_informal_address_are_not_unexplained_wording(bundled):
    result = answer(bundled, "hey, quick q: do you guys do SCIM with Okta? cheers")
    assert result.verdict == "supported"
    assert [c.id for c in result.capabilities] == ["scim"]


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # Who the ask is for is part of it: the catalogue says Arabic is not supported.
        (
            "Quick question from our Arabic-speaking staff: is the interface localised?",
            "unsupported",
        ),
        # ... and a plan the catalogue does not put SAML in.
        ("Quick one from the Starter plan team: is SAML SSO included?", "unknown"),
        # A list's last item read as a sign-off would have let the rest answer alone.
        ("Hosting facility certifications: ISO 27001, SOC 2, TIA", "unknown"),
    ],
)
def test_framing_never_takes_what_narrows_the_ask(bundled, text, verdict):
    # An independent review's probes: each was answered `supported` when the opener's
    # "from our ..." or a sign-off took words that narrow the ask.
    assert answer(bundled, text).verdict == verdict
