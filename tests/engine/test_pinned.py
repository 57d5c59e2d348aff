"""A pinned requirement (a reviewed ``capability:`` mapping) gets the full verdict evaluation.

A pin says which capability a requirement asks for. It never says that the
deal's edition, add-ons, deployment or region allow it, that every quantity in
the text is met, or that a roadmap ETA is before go-live. Each rule of the
verdict evaluation is checked here on the pinned path, against the same
purpose-built catalogue as tests/engine/test_verdicts.py, and one property ties
the two paths together: pinning a requirement to the capability it already
matches never makes its verdict less severe.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dealcheck.catalog import load_catalog
from dealcheck.cli import main
from dealcheck.engine import Engine
from dealcheck.report import SEVERITY
from dealcheck.requirements import DealContext
from tests.engine.conftest import requirement

ROOT = Path(__file__).resolve().parents[2]


def caps(result):
    return [c.id for c in result.capabilities]


def test_pinned_ga_is_supported(assess):
    r = assess("Whatever words the customer used", capability="social-login")
    assert r.verdict == "supported" and caps(r) == ["social-login"]
    assert any("pinned" in reason for reason in r.reasons)


def test_pinned_status_not_planned_is_unsupported(assess):
    r = assess("Tamper-proof timestamps", capability="blockchain-notary")
    assert r.verdict == "unsupported" and r.at_risk


@pytest.mark.parametrize("cap", ["offline-mode", "legacy-api"])
def test_pinned_beta_or_deprecated_is_partial(assess, cap):
    assert assess("Works on a plane", capability=cap).verdict == "partial"


def test_pinned_roadmap_eta_after_go_live_is_at_risk(assess):
    r = assess("Login with our IdP", capability="sso-oidc", go_live="2027-03-01")
    assert r.verdict == "roadmap" and r.at_risk
    r = assess("Login with our IdP", capability="sso-oidc", go_live="2027-12-01")
    assert r.verdict == "roadmap" and not r.at_risk


def test_pinned_edition_below_is_upgrade(assess):
    r = assess("Keep a record of admin actions", capability="audit-log", edition="team")
    assert r.verdict == "upgrade"
    assert r.capabilities[0].minimum_edition == "business"


def test_pinned_add_on_not_quoted_is_upgrade(assess):
    r = assess("Send events to our SOC", capability="siem-export")
    assert r.verdict == "upgrade"
    quoted = assess("Send events to our SOC", capability="siem-export", add_ons=["Security Pack"])
    assert quoted.verdict == "supported"


def test_pinned_deployment_not_offered_is_unsupported(assess):
    r = assess("Run it in our data centre", capability="on-prem-install", deployment="saas")
    assert r.verdict == "unsupported"


def test_pinned_region_not_offered_is_unsupported(assess):
    r = assess("Keep our data local", capability="eu-residency", region="us")
    assert r.verdict == "unsupported"


def test_pinned_quantity_not_met_is_unsupported(assess):
    # Backups promise an RPO of 15 minutes; 5 minutes is stricter than any edition offers.
    r = assess("Backups with an RPO of 5 minutes", capability="backups")
    assert r.verdict == "unsupported", r.capabilities[0].reasons


def test_pinned_quantity_met_only_in_higher_edition_is_upgrade(assess):
    r = assess(
        "Audit logs must be retained for 5 years", capability="audit-log", edition="business"
    )
    assert r.verdict == "upgrade"
    assert r.capabilities[0].minimum_edition == "enterprise"


def test_pinned_quantity_met_is_supported(assess):
    r = assess("Backups with an RPO of 30 minutes", capability="backups")
    assert r.verdict == "supported"


def test_pinned_unlimited_against_a_finite_limit_goes_to_a_person(assess):
    r = assess("Audit logs retained with no limits", capability="audit-log", edition="enterprise")
    assert r.verdict == "unknown" and r.at_risk
    assert any("pinned to audit-log" in reason for reason in r.reasons)


def test_pin_to_a_missing_capability_is_unknown(assess):
    r = assess("SAML single sign-on", capability="no-such-capability")
    assert r.verdict == "unknown"
    assert any("no-such-capability" in reason for reason in r.reasons)


def test_several_pins_take_the_most_severe(engine):
    req = requirement("Audit trail streamed to Splunk")
    result, _, _ = engine.assess(
        req, DealContext(edition="enterprise"), pins=["audit-log", "siem-export"]
    )
    assert caps(result) == ["audit-log", "siem-export"]
    assert result.verdict == "upgrade"  # the Security Pack is not in the quote


def test_pinned_state_does_not_leak_between_requirements(engine):
    """The quantity positions of one requirement are never read for the next."""
    ctx = DealContext(edition="enterprise")
    first = requirement("Our platform needs 99.99% availability and an RPO of 1 minute")
    engine.assess(first, ctx)
    pinned = requirement("Disaster recovery: RPO of 5 minutes", capability="backups")
    result, _, _ = engine.assess(pinned, ctx)
    assert result.verdict == "unsupported"


def test_bundled_example_from_the_issue(tmp_path, capsys):
    """Enterprise recovers in hours, not 30 minutes: a pin does not make it supported."""
    deal = tmp_path / "deal.yaml"
    deal.write_text(
        "edition: enterprise\nrequirements:\n"
        "  - id: DR-1\n"
        "    text: Disaster recovery with an RPO of 15 minutes and an RTO of 30 minutes\n"
        "    capability: disaster-recovery\n"
        "  - id: DR-2\n"
        "    text: Disaster recovery with an RPO of 15 minutes and an RTO of 30 minutes\n"
    )
    with pytest.raises(SystemExit):
        main(["check", str(deal), "-c", str(ROOT / "capabilities.yaml"), "--format", "json"])
    import json

    report = json.loads(capsys.readouterr().out)
    verdicts = {r["id"]: r["verdict"] for r in report["requirements"]}
    assert verdicts == {"DR-1": "unsupported", "DR-2": "unsupported"}


# -- property: a pin never makes a verdict less severe ---------------------------------

ASKS = [
    "Audit logs must be retained for {n} days",
    "Backups with an RPO of {n} minutes",
    "At least {n} TB of file storage",
    "Uptime SLA of 99.{n}%",
    "REST API with {n} requests per minute",
    "Immutable audit trail of admin actions",
    "Stream events to Splunk",
    "EU data residency",
    "Self-hosted installation in our data centre",
    "Offline mode for field staff",
    "SAML single sign-on with Okta",
    "Must support OIDC SSO",
]
EDITIONS = [None, "starter", "team", "business", "enterprise"]


@pytest.fixture(scope="module")
def bundled_engine() -> Engine:
    return Engine(load_catalog(str(ROOT / "capabilities.yaml")).catalog)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    template=st.sampled_from(ASKS),
    n=st.integers(min_value=1, max_value=9000),
    edition=st.sampled_from(EDITIONS),
    deployment=st.sampled_from([None, "saas", "dedicated", "on-prem"]),
    region=st.sampled_from([None, "us", "eu", "uk"]),
    add_ons=st.sampled_from([[], ["Security Pack"]]),
    go_live=st.sampled_from([None, dt.date(2027, 3, 1), dt.date(2028, 1, 1)]),
)
def test_pinning_the_matched_capability_never_makes_a_verdict_less_severe(
    engine, template, n, edition, deployment, region, add_ons, go_live
):
    ctx = DealContext(
        edition=edition, deployment=deployment, region=region, add_ons=add_ons, go_live=go_live
    )
    text = template.format(n=n)
    matched, _, _ = engine.assess(requirement(text), ctx)
    if len(matched.capabilities) != 1:
        return  # nothing (or several things) matched: there is no single capability to pin
    pinned, _, _ = engine.assess(requirement(text, capability=matched.capabilities[0].id), ctx)
    assert SEVERITY[pinned.verdict] >= SEVERITY[matched.verdict], (text, ctx)
    assert pinned.at_risk or not matched.at_risk, (text, ctx)


def test_pinning_never_makes_the_bundled_examples_less_severe(bundled_engine):
    """The same property over every requirement in the bundled example deal."""
    from dealcheck.sources import read_requirements

    reqs, ctx = read_requirements([str(ROOT / "examples" / "deal.yaml")])
    checked = 0
    for req in reqs:
        req.capability = None
        matched, _, _ = bundled_engine.assess(req, ctx)
        if len(matched.capabilities) != 1:
            continue
        req.capability = matched.capabilities[0].id
        pinned, _, _ = bundled_engine.assess(req, ctx)
        assert SEVERITY[pinned.verdict] >= SEVERITY[matched.verdict], req.text
        checked += 1
    assert checked >= 10


@pytest.mark.parametrize(
    "text, edition, verdict",
    [
        # a negation rewritten for matching must not move the quantities' positions
        (
            "Disaster recovery must not run outside the EU: RTO of 1 hour with RPO of 60 minutes",
            "business",
            "unsupported",
        ),
        ("Disaster recovery: RTO 1 hour / RPO 60 minutes", "business", "unsupported"),
        ("Uptime SLA of three 9s", "team", "upgrade"),
        ("Users per organisation: twelve thousand five hundred users", "business", "upgrade"),
        ("Audit log retention of no more than 30 days", "enterprise", "unknown"),
        # a finite retention limit in every edition: the catalogue rules "no expiry" out
        ("Audit log retention with no expiry", "enterprise", "unsupported"),
    ],
)
def test_review_findings_on_quantities_stay_fixed(bundled_engine, text, edition, verdict):
    result, _, _ = bundled_engine.assess(requirement(text), DealContext(edition=edition))
    assert result.verdict == verdict, (text, result.reasons)


def test_an_assistant_hosted_in_two_regions_needs_both(bundled_engine):
    """Another capability's residency in the UK does not put the assistant there."""
    result, _, _ = bundled_engine.assess(
        requirement("AI writing assistant hosted in the EU and the UK"), DealContext()
    )
    assert result.verdict == "unsupported"


def test_an_add_on_beyond_the_quoted_add_ons_fails_the_default_gate(bundled_engine):
    """A deal that quotes add-ons but no edition: another add-on is a promise not paid for."""
    reqs = [requirement("Legal hold on custodians' documents", rid="LEG-1")]
    quoted = DealContext(add_ons=["Security Pack"])
    report = bundled_engine.check(reqs, quoted)
    assert report.requirements[0].verdict == "upgrade"
    assert report.summary.gate == "fail"
    # Without any add-on quoted, the upgrade only says what to quote.
    assert bundled_engine.check(reqs, DealContext()).summary.gate == "pass"


CAPPED = """\
product: Hiring
capabilities:
  - id: offer-approvals
    name: Offer approvals
    description: Approval chains for job offers.
    caveats: [At most 6 approval steps per offer]
"""


@pytest.mark.parametrize(
    "text, want",
    [
        # The mapping says which capability, not how many: an amount past the caveat's
        # cap goes to a person, as a limit would.
        ("Offer approval chains with 8 approval steps", "unknown"),
        ("Offer approval chains with 4 approval steps", "supported"),
        ("Offer approval chains for every offer", "supported"),
    ],
)
def test_a_pinned_amount_a_caveat_caps_goes_to_a_person(tmp_path, text, want):
    path = tmp_path / "catalogue.yaml"
    path.write_text(CAPPED, encoding="utf-8")
    engine = Engine(load_catalog(str(path)).catalog)
    result, _, _ = engine.assess(requirement(text, capability="offer-approvals"), DealContext())
    assert result.verdict == want, (text, result.reasons)
