"""False-promise classes found by trying dealcheck on a product type no rule was written
for (tests/engine/fieldservice.yaml, a field-service management catalogue), each with a
case that must go to a person and one that must still be answered."""

from __future__ import annotations

from pathlib import Path

import pytest

from dealcheck.catalog import load_catalog
from dealcheck.engine import Engine
from dealcheck.engine.rules import ALL_RULES
from dealcheck.requirements import DealContext
from tests.engine.conftest import requirement

CATALOG = Path(__file__).resolve().parents[2] / "bench" / "catalogs" / "fieldservice.yaml"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_catalog(str(CATALOG)).catalog)


def verdict(engine: Engine, text: str, **context) -> tuple[str, list[str]]:
    result, _, _ = engine.assess(requirement(text), DealContext(**context))
    return result.verdict, result.reasons


@pytest.mark.parametrize(
    "text",
    [
        # another capability's name narrows this one; neither speaks of the other
        "Route planning for the partner network",
        "We need offline mode for the subcontractor portal.",
        # two words of another capability's name, though none of its phrases matched
        "Single sign-on into the customer portal",
        "Signature capture inside the customer portal",
        # a participle may join them ("posted to"); job summaries never mention Salesforce
        "AI job summaries posted to Salesforce for the account team",
        # the people: the timesheets capability is for employed technicians
        "Our freelancers clock in and out from the app",
        "Time tracking for the subcontractors we bring in at peak season",
    ],
)
def test_an_ask_narrowed_to_something_the_capability_never_mentions_goes_to_a_person(engine, text):
    got, reasons = verdict(engine, text)
    assert got == "unknown", reasons
    assert any("narrows" in r or "asks for contractors" in r for r in reasons), reasons


@pytest.mark.parametrize(
    "text, want",
    [
        # the qualifier's capability speaks of the ask's subject: it is the one needed
        ("Invoices synced to QuickBooks", "supported"),
        # two asks side by side are two asks, each answered
        ("Route planning and the partner network", "upgrade"),
        ("Our technicians clock in and out from the app", "supported"),
        ("Customer signature capture on the technician's device", "supported"),
        ("Single sign-on with Okta for office staff", "supported"),
    ],
)
def test_a_related_or_coordinated_ask_is_still_answered(engine, text, want):
    got, reasons = verdict(engine, text)
    assert got == want, reasons


def test_switching_qualifier_after_off_brings_the_promise_back(engine):
    """The rule is what stops it: without it, both capabilities are answered as asks."""
    catalog = load_catalog(str(CATALOG)).catalog
    off = Engine(catalog, rules=ALL_RULES - {"qualifier-after"})
    result, _, _ = off.assess(requirement("Route planning for the partner network"), DealContext())
    assert result.verdict != "unknown"


def test_without_is_no_negation_when_the_capability_works_without_the_same_thing(engine):
    """Regression: "without mobile signal" was read as a negative requirement, though the
    offline mode "keeps working without signal"; a "without" the capability never speaks
    of still goes to a person."""
    got, reasons = verdict(engine, "The mobile app must keep working without signal")
    assert got == "supported", reasons
    # Fewer of the capability's words, with a weak agreement of the two rankings: no
    # negation is read, and the closest answer is there for a person to confirm.
    got, reasons = verdict(engine, "Techs must be able to close out jobs without mobile signal.")
    assert not any("negative requirement" in r for r in reasons), reasons
    assert any("closest: offline-mode, which would be supported" in r for r in reasons), reasons
    got, reasons = verdict(engine, "Single sign-on without any identity provider")
    assert got == "unknown" and any("negative requirement" in r for r in reasons), reasons
    got, reasons = verdict(engine, "Offline mode must never sync without signal")
    assert got == "unknown", reasons


@pytest.mark.parametrize(
    "text",
    [
        "Recurring quarterly PM visits generated automatically from service contracts.",
        "Out-of-the-box dashboards for FTFR and tech utilisation.",
    ],
)
def test_an_acronym_of_the_capabilitys_own_words_is_no_unknown_name(engine, text):
    """Regression: "PM" (preventive maintenance) and "FTFR" (first-time fix rate) were read
    as names the capability never mentions, though they are its own words' initials."""
    got, reasons = verdict(engine, text)
    assert got == "supported", reasons


def test_an_acronym_that_spells_nothing_of_the_capability_still_narrows(engine):
    got, reasons = verdict(engine, "Dashboards for MTBF of every asset")
    assert got == "unknown", reasons


def test_initialisms_of_names_and_aliases():
    from dealcheck.engine.index import initialisms

    found = initialisms(["Preventive maintenance plans", "first-time fix rate"])
    assert {"pm", "pmp", "ftfr", "ftf"} <= found
    assert "bk" not in found


def test_an_engineer_is_not_a_developer(engine):
    """Regression: "a senior engineer" (a field engineer here) was read as the developers
    group, and AR remote assistance for staff went to a person."""
    got, reasons = verdict(
        engine, "AR remote assistance so a senior engineer can see what the tech sees."
    )
    assert got == "roadmap", reasons
