"""A list that repeats a question is matched once per distinct question, and every copy
gets exactly the result it would get on its own: its own id, priority, section, source
and deadline, and nothing one copy's result gains leaks into another's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from dealcheck.catalog import load_catalog
from dealcheck.engine import Engine
from dealcheck.quantities import extract_deadline, extract_quantities
from dealcheck.report import AnswerInfo
from dealcheck.requirements import DealContext, Location
from dealcheck.sources.common import make_requirement

ROOT = Path(__file__).resolve().parents[2]

QUESTIONS = [
    "Single sign-on with Okta over SAML",
    "The platform must keep audit logs for 10 years",
    "Customer data must stay in the EU",
    "Real-time co-editing of documents",
    "A quantum ledger",
]


def _req(text: str, n: int, **fields):
    req = make_requirement(text, Location("rfp.txt", n))
    req.id = f"Q-{n}"
    req.quantities = extract_quantities(text)
    req.deadline = extract_deadline(text)
    for name, value in fields.items():
        setattr(req, name, value)
    return req


def _list():
    reqs = []
    n = 0
    for round_ in range(3):
        for text in QUESTIONS:
            n += 1
            reqs.append(
                _req(
                    text,
                    n,
                    priority=["must", "should", "may"][round_],
                    section=f"Lot {round_ + 1}",
                    deadline=dt.date(2027, 3, 1) if round_ == 2 else None,
                )
            )
    return reqs


def test_repeated_questions_get_the_result_each_would_get_alone():
    catalog = load_catalog(str(ROOT / "capabilities.yaml")).catalog
    ctx = DealContext(edition="pro", go_live=dt.date(2027, 1, 1))
    reqs = _list()
    together = Engine(catalog).check(reqs, ctx, today=dt.date(2026, 11, 29))
    for req, got in zip(reqs, together.requirements, strict=True):
        alone = Engine(catalog).check([req], ctx, today=dt.date(2026, 11, 29))
        want = alone.requirements[0]
        assert got.model_dump(mode="json") == want.model_dump(mode="json"), req.id
        assert got.id == req.id and got.section == req.section and got.priority == req.priority
    # a copy's reasons are its own list: changing one changes no other copy
    first, again = together.requirements[0], together.requirements[len(QUESTIONS)]
    assert first.text == again.text and first.reasons is not again.reasons
    first.reasons.append("edited")
    assert "edited" not in again.reasons


@dataclass
class Reviewed:
    capabilities: tuple[str, ...]
    verdict: str | None
    reason: str | None
    note: str
    info: AnswerInfo


def test_a_reviewed_answer_on_a_repeated_question_does_not_leak_into_the_others():
    catalog = load_catalog(str(ROOT / "capabilities.yaml")).catalog
    engine = Engine(catalog)
    ctx = DealContext()
    text = QUESTIONS[0]
    first, second = _req(text, 1), _req(text, 2)
    reviewed = Reviewed(
        capabilities=("sso-saml",),
        verdict=None,
        reason="",
        note="answered from the library",
        info=AnswerInfo(source="reviewed", origin="library"),
    )

    def answers(req):
        return reviewed if req.id == "Q-1" else None

    report = engine.check([first, second], ctx, answers=answers)
    assert report.requirements[0].reasons[0] == "answered from the library"
    assert "answered from the library" not in report.requirements[1].reasons
    assert report.requirements[1].answer.source != "reviewed" or (
        report.requirements[1].answer.origin != "library"
    )
