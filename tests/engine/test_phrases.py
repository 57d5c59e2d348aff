"""The phrase signal: the names and aliases a requirement may name a capability by."""

from __future__ import annotations

from dealcheck.catalog import load_catalog
from dealcheck.engine import Engine
from dealcheck.requirements import DealContext
from tests.engine.conftest import requirement


def test_each_thing_a_name_lists_is_a_phrase_of_its_own(tmp_path):
    path = tmp_path / "catalog.yaml"
    path.write_text(
        "product: Meetbed\ncapabilities:\n"
        "  - id: captions\n    name: Live captions and transcripts\n"
        "    description: Automatic subtitles during meetings.\n"
        "  - id: streaming\n    name: Live streaming\n"
        "    description: Stream a webinar to YouTube.\n"
        "  - id: backup\n    name: Backup and restore\n"
        "    description: Nightly copies of every workspace.\n",
        encoding="utf-8",
    )
    engine = Engine(load_catalog(str(path)).catalog)
    index = engine.matcher.index
    parts = {p.text for p in index.phrases if p.kind == "name part"}
    # Parts of two words or more; one word alone ("transcripts", "restore") is too
    # common a word to name a capability by itself.
    assert parts == {"Live captions"}
    result, _, _ = engine.assess(requirement("Live captions in every meeting"), DealContext())
    assert [c.id for c in result.capabilities] == ["captions"], result.reasons


def test_a_number_between_the_words_is_no_near_phrase(tmp_path):
    path = tmp_path / "catalog.yaml"
    path.write_text(
        "product: Shopbed\nmetrics:\n  price_lists: {unit: item, better: higher,"
        " aliases: [customer price lists]}\ncapabilities:\n"
        "  - id: support\n    name: Customer support\n"
        "    description: Email and chat support.\n"
        "  - id: price-lists\n    name: B2B price lists\n"
        "    description: Customer-specific price lists.\n"
        "    limits: {price_lists: 10000}\n",
        encoding="utf-8",
    )
    engine = Engine(load_catalog(str(path)).catalog)
    for text in (
        "The platform must support at least 600 customer price lists",
        "Support at least 600 customer price lists",
    ):
        result, _, _ = engine.assess(requirement(text), DealContext())
        assert [c.id for c in result.capabilities] == ["price-lists"], (text, result.reasons)
        assert result.verdict == "supported"
    # The words in either order, with no number between, are still the phrase.
    result, _, _ = engine.assess(requirement("Support for our customers by email"), DealContext())
    assert [c.id for c in result.capabilities] == ["support"], result.reasons


def test_a_name_that_is_a_number_once_its_stop_words_go_names_nothing(tmp_path):
    """Regression: the alias "I-9" (a US employment form) was the phrase "9" and matched
    "99.9%" and "9 recruiter seats", bringing a not-planned capability into an uptime ask."""
    from dealcheck.catalog import load_catalog
    from dealcheck.engine import Engine
    from dealcheck.requirements import DealContext
    from tests.engine.conftest import requirement

    path = tmp_path / "hire.yaml"
    path.write_text(
        "product: Hirebed\nmetrics:\n  uptime: {unit: '%', better: higher}\n"
        "capabilities:\n"
        "  - id: uptime-sla\n    name: Uptime SLA\n    description: Monthly uptime.\n"
        "    limits: {uptime: 99.9}\n"
        "  - id: right-to-work\n    name: Right to work checks\n"
        "    description: US Form I-9 checks.\n    aliases: [I-9, E-Verify]\n"
        "    status: not-planned\n",
        encoding="utf-8",
    )
    engine = Engine(load_catalog(str(path)).catalog)
    for text in ("Uptime SLA of 99.9%", "Availability of 99.9% per month", "9 recruiter seats"):
        _, match = engine.match(requirement(text), DealContext())
        assert all(c.cap_id != "right-to-work" for c in match.candidates if c.score > 0), text
    result, _, _ = engine.assess(requirement("Uptime SLA of 99.9%"), DealContext())
    assert [c.id for c in result.capabilities] == ["uptime-sla"], result.reasons
    for text in ("E-Verify checks for new hires", "Form I-9 checks"):
        result, _, _ = engine.assess(requirement(text), DealContext())
        assert [c.id for c in result.capabilities] == ["right-to-work"], result.reasons


def test_words_in_another_order_that_qualify_the_next_noun_are_no_near_phrase(tmp_path):
    """Regression (review probe): "Detect duplicate expense claims" was read as the alias
    "duplicate detection" of an invoice capability plus expense claims, and promised."""
    path = tmp_path / "catalog.yaml"
    path.write_text(
        "product: Spendbed\ncapabilities:\n"
        "  - id: duplicate-invoices\n    name: Duplicate invoice detection\n"
        "    aliases: [duplicate detection]\n"
        "    description: Flags an invoice whose supplier, amount and date match another.\n"
        "  - id: expenses\n    name: Expense claims\n"
        "    description: Employees submit receipts and claim expenses back.\n",
        encoding="utf-8",
    )
    engine = Engine(load_catalog(str(path)).catalog)
    result, _, _ = engine.assess(requirement("Detect duplicate expense claims"), DealContext())
    assert result.verdict == "unknown", result.reasons
    # The words in another order, ending the noun phrase, are still the phrase; so are
    # the words in the phrase's own order.
    for text in ("We need to detect duplicates before paying", "Detect duplicate invoices"):
        result, _, _ = engine.assess(requirement(text), DealContext())
        assert [c.id for c in result.capabilities] == ["duplicate-invoices"], (text, result)
        assert result.verdict == "supported"


def test_two_words_hyphenated_that_the_catalogue_closes_up_are_one(tmp_path):
    path = tmp_path / "catalog.yaml"
    path.write_text(
        "product: Taskbed\ncapabilities:\n"
        "  - id: tasks\n    name: Tasks and subtasks\n"
        "    description: Break work into nested subtasks.\n"
        "  - id: approvals\n    name: Approvals\n"
        "    description: A manager approves each task.\n",
        encoding="utf-8",
    )
    engine = Engine(load_catalog(str(path)).catalog)
    analysis = engine.matcher.analyse("Nested sub-tasks for every project")
    assert [s[1] for s in analysis.spans][:2] == ["nested", "subtasks"]
    result, _, _ = engine.assess(requirement("Nested sub-tasks for every project"), DealContext())
    assert [c.id for c in result.capabilities] == ["tasks"], result.reasons
    # Words the catalogue does not close up stay two ("re-approve" is no "reapprove").
    analysis = engine.matcher.analyse("Managers re-approve each task")
    assert "re" in [s[1] for s in analysis.spans]
