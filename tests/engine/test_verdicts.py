"""Every verdict rule of docs/report.md ("Verdicts"), on a small purpose-built catalogue."""

from __future__ import annotations

import pytest

from dealcheck.catalog import load_catalog
from dealcheck.engine import Engine
from dealcheck.requirements import DealContext
from tests.engine.conftest import requirement


def caps(result):
    return [c.id for c in result.capabilities]


# -- status ---------------------------------------------------------------


def test_ga_capability_in_every_dimension_is_supported(assess):
    r = assess("Users must be able to sign in with Google", edition="starter")
    assert r.verdict == "supported"
    assert caps(r) == ["social-login"]
    assert not r.at_risk


def test_not_planned_is_unsupported(assess):
    r = assess("Documents must be notarised with blockchain notarisation")
    assert r.verdict == "unsupported"
    assert r.at_risk
    assert caps(r) == ["blockchain-notary"]


def test_beta_is_partial(assess):
    r = assess("The app should offer an offline mode")
    assert r.verdict == "partial"
    assert any("beta" in reason for reason in r.capabilities[0].reasons)


def test_deprecated_is_partial(assess):
    r = assess("Integration through a SOAP API is required")
    assert r.verdict == "partial"
    assert "deprecated" in r.capabilities[0].reasons


def test_roadmap_before_go_live_is_not_at_risk(assess):
    r = assess("Must support OIDC SSO", go_live="2027-12-01")
    assert r.verdict == "roadmap"
    assert not r.at_risk


def test_roadmap_after_go_live_is_at_risk(assess):
    r = assess("Must support OIDC SSO", go_live="2027-03-01")
    assert r.verdict == "roadmap"
    assert r.at_risk
    assert any("after go-live" in reason for reason in r.reasons)


def test_roadmap_due_on_the_go_live_date_is_in_time_and_says_so(assess):
    # OIDC's ETA is 2027-Q2, the quarter's last day. docs/report.md: at risk only when
    # the ETA is later than go_live; on the day it is in time, not "before" it.
    r = assess("Must support OIDC SSO", go_live="2027-06-30")
    assert r.verdict == "roadmap" and not r.at_risk
    assert "sso-oidc: ETA 2027-06-30 is on the go-live date 2027-06-30" in r.reasons
    assert not any("before go-live" in reason for reason in r.reasons)
    later = assess("Must support OIDC SSO", go_live="2027-07-01")
    assert "sso-oidc: ETA 2027-06-30 is before go-live 2027-07-01" in later.reasons
    assert not later.at_risk
    earlier = assess("Must support OIDC SSO", go_live="2027-06-29")
    assert earlier.at_risk
    assert "sso-oidc: ETA 2027-06-30 is after go-live 2027-06-29" in earlier.reasons


def test_roadmap_without_go_live_is_at_risk(assess):
    r = assess("Must support OIDC SSO")
    assert r.verdict == "roadmap" and r.at_risk


def test_roadmap_without_eta_is_at_risk_even_with_go_live(assess):
    r = assess("We need an AI assistant", go_live="2030-01-01")
    assert r.verdict == "roadmap" and r.at_risk


def test_roadmap_after_the_requirements_own_date_is_at_risk(assess):
    r = assess("OIDC SSO must be live by Q1 2027", go_live="2027-12-31")
    assert r.verdict == "roadmap" and r.at_risk


# -- edition, add-on, deployment, region -----------------------------------


def test_higher_edition_gives_upgrade(assess):
    r = assess("Must support SAML SSO", edition="team")
    assert r.verdict == "upgrade"
    assert r.capabilities[0].minimum_edition == "business"
    assert any("needs the business edition" in x for x in r.capabilities[0].reasons)


def test_quoted_edition_that_has_it_is_supported(assess):
    assert assess("Must support SAML SSO", edition="enterprise").verdict == "supported"


def test_no_edition_does_not_constrain_but_names_the_minimum(engine):
    result, minimum, _ = engine.assess(requirement("SCIM provisioning"), DealContext())
    assert result.verdict == "supported"
    assert minimum == "enterprise"


def test_add_on_not_in_quote_gives_upgrade(assess):
    r = assess("Activity must be exported to our SIEM (Splunk integration)")
    assert r.verdict == "upgrade"
    assert any("Security Pack" in x for x in r.capabilities[0].reasons)


def test_add_on_in_quote_is_supported(assess):
    r = assess("Splunk integration", add_ons=["Security Pack"])
    assert r.verdict == "supported"


def test_deployment_not_offered_is_unsupported(assess):
    r = assess("A self-hosted installation is mandatory", deployment="saas")
    assert r.verdict == "unsupported"
    assert any("not offered in deployment saas" in x for x in r.capabilities[0].reasons)


def test_deployment_not_given_does_not_constrain_and_says_where(assess):
    r = assess("A self-hosted installation is mandatory")
    assert r.verdict == "supported"
    assert any("only on-prem" in x for x in r.capabilities[0].reasons)


def test_region_not_offered_is_unsupported(assess):
    r = assess("EU data residency is required", region="us")
    assert r.verdict == "unsupported"


def test_region_offered_is_supported(assess):
    assert assess("EU data residency is required", region="eu").verdict == "supported"


# -- limits and unit conversion --------------------------------------------


@pytest.mark.parametrize(
    "text, edition, verdict",
    [
        ("99.9% uptime SLA", "business", "supported"),
        ("99.95% availability", "business", "upgrade"),
        ("99.95% availability", "enterprise", "supported"),
        ("99.99% uptime", "enterprise", "unsupported"),
        ("99.99% uptime", None, "unsupported"),
    ],
)
def test_percent_limits_per_edition(assess, text, edition, verdict):
    assert assess(text, edition=edition).verdict == verdict


@pytest.mark.parametrize(
    "text, edition, verdict",
    [
        # Strictly more than a limit an edition offers exactly: a person's call, never a yes.
        ("Uptime of more than 99.95%", "enterprise", "unknown"),
        ("Uptime of more than 99.95%", None, "unknown"),
        ("Uptime of more than 99.9%", "business", "upgrade"),  # enterprise offers more
        ("Uptime of more than 99.9%", "enterprise", "supported"),
        ("Uptime greater than 99.99%", "enterprise", "unsupported"),
        ("Audit log retention of more than 365 days", "business", "upgrade"),
        ("Audit log retention of over 2555 days", "business", "unknown"),
        ("Backups with an RPO under 15 minutes", None, "unknown"),
        ("Backups with an RPO under 30 minutes", None, "supported"),
        ("Backups with an RPO of at most 15 minutes", None, "supported"),
        ("Uptime of at least 99.95%", "enterprise", "supported"),
    ],
)
def test_strict_bounds_at_the_limit_go_to_a_person(assess, text, edition, verdict):
    r = assess(text, edition=edition)
    assert r.verdict == verdict
    if verdict == "unknown":
        assert "the number the ask excludes" in " ".join(r.reasons)


def test_upgrade_reason_names_both_editions(assess):
    r = assess("99.95% uptime", edition="business")
    reason = " ".join(r.capabilities[0].reasons)
    assert "business offers 99.9%" in reason and "enterprise offers 99.95%" in reason


def test_no_edition_limit_names_lowest_edition_that_meets_it(engine):
    result, minimum, _ = engine.assess(requirement("99.95% uptime"), DealContext())
    assert result.verdict == "supported"
    assert minimum == "enterprise"


@pytest.mark.parametrize(
    "text, verdict",
    [
        ("Backups with an RPO of 15 minutes", "supported"),
        ("Backups with an RPO of 1 hour", "supported"),  # lower is better: 15 min < 60 min
        ("Backups with an RPO of 5 minutes", "unsupported"),
        ("Backups with an RPO of 900 seconds", "supported"),
    ],
)
def test_time_limits_convert_units_in_the_lower_is_better_direction(assess, text, verdict):
    assert assess(text).verdict == verdict


@pytest.mark.parametrize(
    "text, edition, verdict",
    [
        ("File storage of 10 TB", "business", "supported"),
        ("File storage of 10,000 GB", "business", "supported"),
        ("File storage of 20 TB", "business", "upgrade"),
        ("File storage of 500 GB", "starter", "upgrade"),
        ("File storage of 60 TB", "enterprise", "unsupported"),
    ],
)
def test_data_limits_convert_units(assess, text, edition, verdict):
    assert assess(text, edition=edition).verdict == verdict


@pytest.mark.parametrize(
    "text, edition, verdict",
    [
        ("Audit log retention of 1 year", "business", "supported"),
        ("Retain audit logs for 7 years", "business", "upgrade"),
        ("Retain audit logs for 7 years", "enterprise", "supported"),
        ("Retain audit logs for 10 years", "enterprise", "unsupported"),
        ("Audit log retention of 90 days", "business", "supported"),
    ],
)
def test_retention_in_years_against_days(assess, text, edition, verdict):
    assert assess(text, edition=edition).verdict == verdict


@pytest.mark.parametrize(
    "text, edition, verdict",
    [
        ("REST API rate limit of 50 requests per second", "business", "supported"),
        ("REST API rate limit of 100 requests per second", "business", "upgrade"),
        ("REST API with 1k requests per second", "enterprise", "unsupported"),
        ("REST API rate limit of 600 requests/minute", "team", "supported"),
    ],
)
def test_rate_limits_convert_per_second_and_per_minute(assess, text, edition, verdict):
    assert assess(text, edition=edition).verdict == verdict


def test_quantity_with_no_catalogue_limit_is_not_promised(assess):
    r = assess("Social login for 50,000 named users")
    assert r.verdict == "unknown"
    assert r.capabilities == []


# -- matching behaviour the verdicts depend on -----------------------------


def test_compound_requirement_takes_the_most_severe_verdict(assess):
    r = assess("SAML SSO and SCIM provisioning, with an audit trail", edition="business")
    assert set(caps(r)) == {"sso-saml", "scim", "audit-log"}
    assert r.verdict == "upgrade"  # scim needs enterprise
    verdicts = {c.id: c.verdict for c in r.capabilities}
    assert verdicts["sso-saml"] == "supported" and verdicts["scim"] == "upgrade"


def test_compound_with_one_unmatched_part_is_unknown(assess):
    r = assess("SAML SSO and quantum-resistant teleportation of invoices")
    assert r.verdict == "unknown"
    assert r.capabilities == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Single sign-on through SAML 2.0 (Okta)", "sso-saml"),
        ("Single sign-on through OpenID Connect", "sso-oidc"),
        ("Users can sign in with Google", "social-login"),
        ("An audit trail of admin actions", "audit-log"),
        ("Export activity to our SIEM", "siem-export"),
    ],
)
def test_close_neighbours_are_told_apart(assess, text, expected):
    assert caps(assess(text)) == [expected]


def test_typo_is_tolerated_but_costs_confidence(assess):
    clean = assess("SCIM user provisioning")
    typo = assess("SCIM user provisoning")
    assert caps(typo) == ["scim"]
    assert typo.confidence < clean.confidence


def test_unknown_thing_is_unknown_never_supported(assess):
    r = assess("The vendor must provide a dedicated submarine data centre")
    assert r.verdict == "unknown"
    assert r.at_risk


def test_pinned_capability_always_wins(assess):
    r = assess("Something phrased nothing like the catalogue", capability="backups")
    assert caps(r) == ["backups"] and r.verdict == "supported" and r.confidence == 1.0


def test_pin_to_missing_capability_is_unknown(assess):
    r = assess("Backups", capability="no-such-capability")
    assert r.verdict == "unknown"


def test_negative_residency_is_read_as_residency(assess):
    r = assess("Customer data must not be stored outside the EU", region="eu")
    assert caps(r) == ["eu-residency"]
    assert r.verdict == "supported"


def test_other_negative_requirement_goes_to_review(assess):
    r = assess("The product must not send audit log data to third parties")
    assert r.verdict == "unknown"
    assert any("negative requirement" in x for x in r.reasons)


def test_word_in_passing_is_not_an_ask(assess):
    # "file" and "storage" alone are common; the ask is the REST API.
    r = assess("Must provide a public API")
    assert caps(r) == ["rest-api"]


def test_region_named_in_the_text_constrains_when_the_deal_gives_none(assess):
    r = assess("EU data residency, hosted in the United States")
    assert r.verdict == "unsupported" or caps(r) == []


def test_region_named_in_the_text_that_is_offered(assess):
    r = assess("Data residency in the EU is mandatory")
    assert r.verdict == "supported"


def test_deployment_named_in_the_text(assess):
    r = assess("Point-in-time backups for our on-premises installation", deployment=None)
    # backups have no deployment restriction: naming one changes nothing
    assert r.verdict == "supported"


def test_growth_figure_is_checked_too(assess):
    # 10 TB is within business, the later 20 TB is not: never promise the first alone.
    r = assess("File storage of 10 TB, growing to 20 TB next year", edition="business")
    assert r.verdict == "upgrade"


def test_each_quantity_goes_to_the_capability_that_limits_it(assess):
    r = assess(
        "Point-in-time backups with an RPO of 15 minutes and 99.95% uptime SLA",
        edition="enterprise",
    )
    assert set(caps(r)) == {"backups", "uptime-sla"}
    assert r.verdict == "supported"


def test_metric_named_out_of_order_is_still_linked(assess):
    r = assess(
        "Audit trail entries must be kept; retain audit logs for 7 years", edition="enterprise"
    )
    assert r.verdict == "supported"
    assert any("audit_retention" in x for x in r.capabilities[0].reasons)


def test_parenthesised_examples_do_not_count_as_unmatched_asks(assess):
    r = assess("Sign in with Google (for contractors, interns and seasonal staff)")
    assert caps(r) == ["social-login"]


@pytest.mark.parametrize(
    "text",
    [
        "We need a GraphQL API",
        "The platform must offer a Kafka REST API",
        "Do you have a gRPC API?",
    ],
)
def test_unknown_technology_qualifying_a_phrase_is_not_promised(assess, text):
    r = assess(text)
    assert r.verdict == "unknown", r.capabilities


def test_ordinary_words_before_a_phrase_do_not_block_it(assess):
    assert caps(assess("We need a documented public API")) == ["rest-api"]


# -- places named in the text, and the word "US" ---------------------------


def test_us_in_capitals_is_the_country_not_a_stop_word(assess):
    # "US" dropped as the pronoun would leave "data residency", which EU residency matches.
    r = assess("US data residency")
    assert r.verdict != "supported"
    assert "eu-residency" not in caps(r) or r.verdict == "unsupported"


def test_the_pronoun_us_names_no_region(assess):
    r = assess("Send us the details of EU data residency")
    assert r.verdict == "supported"
    assert caps(r) == ["eu-residency"]


def test_every_place_named_must_be_offered(assess):
    r = assess("EU data residency, hosted in the United States")
    assert r.verdict == "unsupported"
    assert any("region us" in reason for c in r.capabilities for reason in c.reasons)
    r = assess("Data residency in the EU and in the United States")
    assert r.verdict in ("unsupported", "unknown") and r.at_risk


def test_places_named_as_alternatives_need_one(assess):
    r = assess("Data residency in the EU or the United Kingdom")
    assert r.verdict == "supported"


def test_a_typo_inside_an_expansion_still_reads_as_the_acronym(assess):
    r = assess("SAML singel sign-on for our staff")
    assert caps(r) == ["sso-saml"]
    assert r.verdict == "supported"


# -- what narrows an ask beyond what the catalogue says ----------------------


def test_another_version_or_level_is_another_thing(assess):
    r = assess("SAML 1.1 single sign-on")
    assert r.verdict == "unknown"
    assert any("1.1" in reason for reason in r.reasons)
    # The same number, however written, is the same thing.
    assert assess("SAML 2 single sign-on").verdict == "supported"
    assert assess("Must support SAML 2.0 SSO.").verdict == "supported"


def test_a_quantity_is_not_a_version(assess):
    # "RPO 15 minutes" is compared with the limit, not read as a version of "RPO".
    r = assess("Point-in-time backups with an RPO of 15 minutes")
    assert "backups" in caps(r)


def test_unlimited_is_never_promised_from_a_finite_catalogue(assess):
    # File storage states a limit in every edition: the catalogue rules "unlimited" out.
    r = assess("Unlimited file storage")
    assert r.verdict == "unsupported" and r.at_risk
    (cap,) = r.capabilities
    assert cap.id == "file-storage"
    assert any("storage is limited (starter: 0.1 TB" in why for why in cap.reasons)
    assert assess("No limits on storage").verdict == "unsupported"
    # Backups limit only the RPO, where less is better: "forever" is for a person.
    kept = assess("Point-in-time backups kept forever")
    assert kept.verdict == "unknown" and kept.at_risk
    assert any("no limit" in reason for reason in kept.reasons)


def test_a_name_after_the_phrase_that_the_capability_never_mentions(assess):
    r = assess("SAML SSO with Ping Identity")
    assert r.verdict == "unknown"
    assert any("Ping" in reason for reason in r.reasons)
    # Named in the capability's aliases: trusted.
    assert assess("SAML SSO with Okta").verdict == "supported"
    # Lower-case words after the phrase are not names.
    assert assess("SAML SSO for contractors").verdict == "supported"


def test_a_place_the_requirement_names_counts_even_when_the_deal_quotes_a_region(assess):
    """Regression: with a region quoted, the places a requirement names itself were not
    checked, so "hosted in the United States" was promised by an EU-only capability for an
    EU deal."""
    r = assess("EU data residency, hosted in the United States", region="eu")
    assert r.verdict == "unsupported", r.reasons
    assert assess("EU data residency for all customer data", region="eu").verdict == "supported"


def test_a_full_date_binds_a_roadmap_promise_before_its_quarter_ends(assess):
    """OIDC SSO is due in 2027-Q1 (by 31 March). "By 1 February 2027" is earlier: read as
    "February 2027" or "2027" alone it looked on time."""
    r = assess("OIDC SSO must be live by 1 February 2027", go_live="2027-12-31")
    assert r.verdict == "roadmap" and r.at_risk
    r = assess("OIDC SSO must be live by 30/06/2027", go_live="2027-12-31")
    assert r.verdict == "roadmap" and not r.at_risk


# -- one edition for the whole deal ---------------------------------------------------

EDITIONS_CATALOG = """\
product: Edtest
editions: [starter, team, enterprise]
capabilities:
  - id: classic-editor
    name: Classic editor
    description: The legacy page editor.
    editions: [starter]
  - id: sso
    name: SAML single sign-on
    description: Federated login.
    editions: [enterprise]
  - id: audit
    name: Audit log
    description: Who did what, and when.
    editions: [team, enterprise]
  - id: kiosk
    name: Kiosk mode
    description: A locked-down screen for shared devices.
    editions: [starter, enterprise]
"""


@pytest.fixture(scope="module")
def editions_engine(tmp_path_factory):
    path = tmp_path_factory.mktemp("editions") / "editions.yaml"
    path.write_text(EDITIONS_CATALOG)
    return Engine(load_catalog(str(path)).catalog)


def _deal(engine, asks, **ctx):
    reqs = []
    for n, (text, priority) in enumerate(asks, start=1):
        req = requirement(text, f"R-{n}")
        req.priority = priority
        reqs.append(req)
    return engine.check(reqs, DealContext(**ctx))


def test_an_edition_list_with_a_gap_is_not_called_that_edition_and_up(editions_engine):
    report = _deal(editions_engine, [("Kiosk mode", "must")])
    reasons = report.requirements[0].capabilities[0].reasons
    assert "only in: starter, enterprise" in reasons
    assert not any("and up" in r for r in reasons)


def test_with_no_edition_quoted_the_deal_needs_the_lowest_edition_holding_every_answer(
    editions_engine,
):
    # Kiosk mode is in starter and enterprise, the audit log in team and enterprise: the
    # highest of their lowest editions (team) has no kiosk mode; enterprise has both.
    report = _deal(editions_engine, [("Kiosk mode", "must"), ("Audit log", "must")])
    assert [r.verdict for r in report.requirements] == ["supported", "supported"]
    assert report.summary.minimum_edition == "enterprise"
    assert report.summary.gate == "pass"


def test_answers_no_single_edition_holds_cannot_all_be_promised(editions_engine):
    report = _deal(
        editions_engine,
        [("Classic editor", "must"), ("SAML single sign-on", "must"), ("Audit log", "should")],
    )
    editor, sso, audit = report.requirements
    # Enterprise holds two of them, the must-have SSO among them: the deal needs it, and
    # the Starter-only editor cannot be had beside it.
    assert report.summary.minimum_edition == "enterprise"
    assert (sso.verdict, audit.verdict) == ("supported", "supported")
    assert editor.verdict == "unsupported" and editor.at_risk
    assert any("needs the enterprise edition (for R-2, R-3)" in r for r in editor.reasons)
    assert report.summary.gate == "fail"


def test_the_deal_edition_follows_the_must_haves(editions_engine):
    report = _deal(editions_engine, [("Classic editor", "must"), ("SAML single sign-on", "may")])
    editor, sso = report.requirements
    assert report.summary.minimum_edition == "starter"
    assert editor.verdict == "supported"
    assert sso.verdict == "unsupported" and sso.at_risk


def test_a_quoted_edition_is_judged_as_before(editions_engine):
    report = _deal(
        editions_engine,
        [("Classic editor", "must"), ("SAML single sign-on", "must")],
        edition="enterprise",
    )
    assert [r.verdict for r in report.requirements] == ["unsupported", "supported"]
    assert not any("single edition" in r for r in report.requirements[0].reasons)


DEPLOYMENTS_CATALOG = """\
product: Deptest
deployments: [saas, on-prem]
capabilities:
  - id: on-prem
    name: On-premises installation
    aliases: [on-prem, self-hosted]
    description: Installed in the customer's own data centre.
    deployments: [on-prem]
  - id: ai-summaries
    name: AI summaries
    description: Summaries of long documents written by a language model.
    deployments: [saas]
  - id: co-editing
    name: Real-time co-editing
    description: Several people edit one document at once.
  - id: saas-hosting
    name: SaaS hosting
    description: Hosted and run by us in our cloud.
    deployments: [saas]
  - id: directory-sync
    name: Active Directory sync
    description: Users and groups synced from Active Directory.
  - id: ldap-sync
    name: LDAP sync
    description: Users and groups read from an LDAP server.
    deployments: [on-prem]
  - id: ai-addon-summaries
    name: AI assistant
    description: A chat assistant for questions about documents.
    add_on: AI Pack
    deployments: [saas]
"""


@pytest.fixture(scope="module")
def deployments_engine(tmp_path_factory):
    from dealcheck.catalog import load_catalog
    from dealcheck.engine import Engine

    path = tmp_path_factory.mktemp("deployments") / "deployments.yaml"
    path.write_text(DEPLOYMENTS_CATALOG)
    return Engine(load_catalog(str(path)).catalog)


def test_a_deal_that_names_its_deployment_cannot_have_what_is_offered_only_elsewhere(
    deployments_engine,
):
    report = _deal(
        deployments_engine,
        [
            ("The solution must be installed on-premises in our data centre", "must"),
            ("AI summaries of long documents", "must"),
            ("Real-time co-editing", "must"),
        ],
    )
    install, ai, editing = report.requirements
    # Both deployments hold two must-haves; the deal names on-prem itself.
    assert (install.verdict, editing.verdict) == ("supported", "supported")
    assert ai.verdict == "unsupported" and ai.at_risk
    assert any("needs the on-prem deployment (for R-1)" in r for r in ai.reasons)
    assert report.summary.gate == "fail"


def test_answers_one_deployment_holds_are_judged_as_before(deployments_engine):
    report = _deal(
        deployments_engine,
        [("AI summaries of long documents", "must"), ("Real-time co-editing", "must")],
    )
    assert [r.verdict for r in report.requirements] == ["supported", "supported"]


def test_a_quoted_deployment_is_judged_as_before(deployments_engine):
    report = _deal(
        deployments_engine,
        [("AI summaries of long documents", "must"), ("Real-time co-editing", "must")],
        deployment="on-prem",
    )
    assert [r.verdict for r in report.requirements] == ["unsupported", "supported"]
    assert not any("single deployment" in r for r in report.requirements[0].reasons)


def test_an_ask_for_several_deployments_is_no_conflict(deployments_engine):
    report = _deal(
        deployments_engine,
        [
            ("Available both as SaaS hosting and as an on-premises installation", "must"),
            ("Real-time co-editing", "must"),
        ],
    )
    assert [r.verdict for r in report.requirements] == ["supported", "supported"]


def test_a_place_the_buyer_names_for_its_own_systems_does_not_fix_the_deployment(
    deployments_engine,
):
    # The directory is the buyer's; the sync works in every deployment, so nothing
    # stops the SaaS-only summaries.
    report = _deal(
        deployments_engine,
        [
            ("Users synced from our on-premises Active Directory", "must"),
            ("AI summaries of long documents", "must"),
        ],
    )
    assert [r.verdict for r in report.requirements] == ["supported", "supported"]


def test_what_the_deal_cannot_have_leaves_the_summary_and_says_why_first(deployments_engine):
    report = _deal(
        deployments_engine,
        [
            ("The solution must be installed on-premises in our data centre", "must"),
            ("AI summaries of long documents", "must"),
            ("AI summaries of long documents", "must"),  # asked twice: counted once
            ("A chat assistant for questions about documents", "should"),
        ],
    )
    _, ai, again, assistant = report.requirements
    assert ai.verdict == again.verdict == assistant.verdict == "unsupported"
    assert ai.capabilities[0].reasons[0].startswith("the deal needs the on-prem deployment")
    # The assistant's add-on is no longer something the deal needs.
    assert assistant.needs.add_ons == []
    assert report.summary.add_ons == []


def test_a_capability_offered_in_no_deployment_is_unsupported(tmp_path):
    from dealcheck.catalog import load_catalog
    from dealcheck.engine import Engine

    path = tmp_path / "nowhere.yaml"
    path.write_text(
        "product: P\ndeployments: [saas, on-prem]\ncapabilities:\n"
        "  - {id: ftp, name: FTP export, description: Files over FTP., deployments: []}\n"
    )
    report = _deal(Engine(load_catalog(str(path)).catalog), [("FTP export", "must")])
    result = report.requirements[0]
    assert result.verdict == "unsupported" and "in no deployment" in result.capabilities[0].reasons


def test_one_answer_whose_capabilities_share_no_edition_cannot_be_promised(editions_engine):
    report = _deal(editions_engine, [("Classic editor and SAML single sign-on", "must")])
    result = report.requirements[0]
    assert result.verdict == "unsupported" and result.at_risk
    assert "no single edition has every capability this answer needs" in result.reasons


def test_a_deployment_stated_for_the_product_decides_it(deployments_engine):
    report = _deal(
        deployments_engine,
        [
            ("Real-time co-editing must be available in our on-premises deployment", "must"),
            ("AI summaries of long documents", "must"),
        ],
    )
    editing, ai = report.requirements
    assert editing.verdict == "supported"
    assert ai.verdict == "unsupported"


def test_one_answer_whose_capabilities_share_no_deployment_cannot_be_promised(
    deployments_engine,
):
    report = _deal(deployments_engine, [("AI summaries of long documents and LDAP sync", "must")])
    result = report.requirements[0]
    assert result.verdict == "unsupported", result.reasons
    assert "no single deployment has every capability this answer needs" in result.reasons


@pytest.mark.parametrize(
    "stating, other, flipped",
    [
        # Several deployments stated still hold only where the capability is offered.
        ("AI summaries must be available in SaaS or on-prem deployments", "LDAP sync", 1),
        # A place named before punctuation is named.
        ("Real-time co-editing must be installed on-premises.", "AI summaries", 1),
        ("Real-time co-editing must be self-hosted", "AI summaries", 1),
        ("Real-time co-editing in an on-premises solution", "AI summaries", 1),
        # The buyer's own system, right before its name, states nothing.
        ("Users synced from our on-premises Active Directory installation", "AI summaries", None),
    ],
)
def test_what_a_requirement_states_about_the_deployment(
    deployments_engine, stating, other, flipped
):
    report = _deal(deployments_engine, [(stating, "must"), (other, "must")])
    verdicts = [r.verdict for r in report.requirements]
    if flipped is None:
        assert "unsupported" not in verdicts, [r.reasons for r in report.requirements]
    else:
        assert verdicts[flipped] == "unsupported", [r.reasons for r in report.requirements]
        assert verdicts[1 - flipped] != "unsupported"


@pytest.mark.parametrize(
    "text, stated",
    [
        ("The solution must be installed on-premises.", {"on-prem"}),
        ("Delivered as SaaS; an on-premises installation is not acceptable", {"saas"}),
        ("Must be self-hosted", {"on-prem"}),
        ("SSO: the product must be hosted by the vendor as SaaS.", {"saas"}),
        ("Users synced from our on-premises directory. The product itself is hosted", set()),
        ("Users synced from our on-premises Active Directory installation", set()),
        ("Do you offer SaaS?", set()),  # a question about what is offered states nothing
        # A negation rejects the deployment it stands beside, not another one.
        ("Must run on your standard multi-tenant SaaS, no on-premises install.", {"saas"}),
        ("Installed on-premises, not SaaS", {"on-prem"}),
        ("The audit log must be available on-premises", {"on-prem"}),
        ("On-premises availability is mandatory", {"on-prem"}),
    ],
)
def test_the_deployments_a_requirement_states_for_the_product(deployments_engine, text, stated):
    assert deployments_engine.index.deployments_stated(text) == stated


def test_an_answer_stated_for_another_deployment_says_why_in_its_capability(
    deployments_engine,
):
    # Co-editing is offered everywhere; the requirement states on-prem for it, and the
    # must-haves need SaaS: the capability itself carries the reason the table shows.
    report = _deal(
        deployments_engine,
        [
            ("Real-time co-editing must be installed on-premises", "should"),
            ("AI summaries of long documents", "must"),
        ],
    )
    editing, ai = report.requirements
    assert ai.verdict == "supported"
    assert editing.verdict == "unsupported"
    assert editing.capabilities[0].verdict == "unsupported"
    assert editing.capabilities[0].reasons[0].startswith("the deal needs the saas deployment")


REGIONS_CATALOG = """\
product: Regtest
regions: [us, eu, uk, au]
capabilities:
  - id: au-residency
    name: Australian data residency
    description: Customer data stored only in Australia.
    status: roadmap
    regions: [au]
  - id: eu-residency
    name: EU data residency
    description: Customer data stored and processed only in the EU.
    aliases: [EU hosting]
    regions: [eu]
  - id: uk-residency
    name: UK data hosting
    description: Customer data stored and processed only in the United Kingdom.
    regions: [uk]
  - id: ai-writing
    name: AI writing assistant
    description: Drafts and rewrites text inside documents.
    regions: [us, eu]
  - id: hipaa
    name: HIPAA business associate agreement
    description: A signed BAA for protected health information.
    aliases: [HIPAA, BAA]
    regions: [us]
  - id: uk-payroll
    name: UK payroll
    description: Pay employees in the United Kingdom, with PAYE and RTI submissions.
    regions: [uk]
  - id: us-payroll
    name: US payroll
    description: Pay employees in the United States, with payroll tax filing.
    regions: [us]
  - id: co-editing
    name: Real-time co-editing
    description: Several people edit one document at once.
"""


@pytest.fixture(scope="module")
def regions_engine(tmp_path_factory):
    from dealcheck.catalog import load_catalog
    from dealcheck.engine import Engine

    path = tmp_path_factory.mktemp("regions") / "regions.yaml"
    path.write_text(REGIONS_CATALOG)
    return Engine(load_catalog(str(path)).catalog)


def test_a_residency_ask_states_the_deal_region(regions_engine):
    # The buyer keeps its data in the UK: what is offered only elsewhere cannot be
    # promised, as if the deal had quoted --region uk.
    asks = [
        ("Customer data must be hosted in the UK", "must"),
        ("AI writing assistant to draft text", "must"),
        ("We need a signed HIPAA BAA", "should"),
        ("Real-time co-editing", "must"),
    ]
    report = _deal(regions_engine, asks)
    residency, ai, hipaa, editing = report.requirements
    assert (residency.verdict, editing.verdict) == ("supported", "supported")
    assert (ai.verdict, hipaa.verdict) == ("unsupported", "unsupported")
    assert ai.at_risk and hipaa.at_risk
    assert (
        ai.capabilities[0]
        .reasons[0]
        .startswith("the deal's data is kept in the uk region (R-1 asks for it)")
    )
    assert report.summary.gate == "fail"
    quoted = _deal(regions_engine, asks, region="uk")
    assert [r.verdict for r in quoted.requirements] == [r.verdict for r in report.requirements]


def test_answers_the_stated_region_holds_are_judged_as_before(regions_engine):
    report = _deal(
        regions_engine,
        [
            ("Data residency in the EU", "must"),
            ("AI writing assistant to draft text", "must"),
            ("Real-time co-editing", "must"),
        ],
    )
    assert [r.verdict for r in report.requirements] == ["supported"] * 3
    assert report.summary.gate == "pass"


def test_alternative_regions_state_either(regions_engine):
    report = _deal(
        regions_engine,
        [
            ("Data residency in the EU or the UK", "must"),
            ("AI writing assistant to draft text", "must"),  # offered in the EU
            ("We need a signed HIPAA BAA", "must"),  # offered in neither
        ],
    )
    assert [r.verdict for r in report.requirements] == ["supported", "supported", "unsupported"]
    assert "the deal's data is kept in the eu or uk region" in report.requirements[2].reasons[-1]


@pytest.mark.parametrize(
    "asks",
    [
        # two regions for one deal, in one ask or in two: a person's question
        [("Data must be hosted in the EU and in the UK", "must")],
        [("Data must be hosted in the EU", "must"), ("UK data hosting", "must")],
        # no statement of where data is kept: regions constrain nothing
        [("UK payroll", "must"), ("US payroll", "must")],
        [("Phone support during UK business hours", "must")],
    ],
)
def test_no_single_stated_region_decides_nothing(regions_engine, asks):
    report = _deal(regions_engine, [*asks, ("We need a signed HIPAA BAA", "must")])
    assert report.requirements[-1].verdict == "supported"
    assert not any("data is kept" in r for q in report.requirements for r in q.reasons)


def test_what_only_applies_in_a_region_is_no_statement_of_where_data_is_kept(regions_engine):
    report = _deal(regions_engine, [("UK payroll", "must"), ("EU hosting", "must")])
    payroll, hosting = report.requirements
    assert hosting.verdict == "supported"
    assert payroll.verdict == "unsupported"  # as with --region eu: offered only in the UK


def test_a_count_in_a_noun_whose_plural_ends_in_ies_is_compared(tmp_path):
    # "queries" holds no "query": the quick test before reading quantities in the
    # catalogue's count nouns missed it, and the number was never compared.
    from dealcheck.catalog import load_catalog
    from dealcheck.engine import Engine

    path = tmp_path / "warehouse.yaml"
    path.write_text(
        "product: W\neditions: [standard, critical]\n"
        "metrics:\n  concurrent_queries:\n    unit: query\n    better: higher\n"
        "    aliases: [concurrent queries]\n"
        "capabilities:\n"
        "  - id: scaling\n    name: Multi-cluster concurrency scaling\n"
        "    description: More clusters start when many queries run at once.\n"
        "    limits:\n      concurrent_queries: {standard: 200, critical: 800}\n"
        "  - id: support\n    name: Technical support\n    aliases: [support]\n"
        "    description: 24x7 support by ticket and phone.\n"
    )
    engine = Engine(load_catalog(str(path)).catalog)
    report = _deal(engine, [("Support for 2000 concurrent queries", "must")], edition="critical")
    (r,) = report.requirements
    assert r.verdict == "unsupported", r.reasons
    scaling = next(c for c in r.capabilities if c.id == "scaling")
    assert any("800 queries" in why for why in scaling.reasons), scaling.reasons


def test_a_region_is_stated_whatever_the_answer_to_the_requirement_stating_it(regions_engine):
    # Australian residency is only on the roadmap (at risk with no go-live), yet the deal's
    # data is to be kept there: the AI assistant, offered in the US and EU, cannot be had.
    report = _deal(
        regions_engine,
        [
            ("All customer content must be stored in Australia", "must"),
            ("AI writing assistant to draft text", "must"),
            ("Real-time co-editing", "must"),
        ],
    )
    stating, ai, editing = report.requirements
    assert stating.verdict == "roadmap" and stating.at_risk
    assert (ai.verdict, editing.verdict) == ("unsupported", "supported")
    assert "the deal's data is kept in the au region (R-1 asks for it)" in ai.reasons[-1]


@pytest.mark.parametrize(
    "text, stated",
    [
        ("All customer content must be stored in Australia", {"au"}),
        ("Our data must stay in the UK", {"uk"}),
        ("Data sovereignty: Australian data centres only", {"au"}),  # adjective, plural
        ("Data must be hosted in the EU or the UK", {"eu", "uk"}),
        ("Support during UK business hours", set()),
        ("Tickets are hosted in our US instance of ServiceNow", set()),  # the buyer's own
        ("Data must not be stored in the US", set()),
    ],
)
def test_the_regions_a_requirement_states_for_the_deals_data(regions_engine, text, stated):
    assert regions_engine.index.regions_stated(text) == stated


def test_a_must_have_deployment_statement_outweighs_features_offered_elsewhere(
    deployments_engine,
):
    # Three must-haves hold in SaaS, one must-have states on-prem: where the product runs
    # is the buyer's to say, so the SaaS-only features are what the deal cannot have.
    report = _deal(
        deployments_engine,
        [
            ("The platform must be installed on-premises in our own data centre", "must"),
            ("AI summaries of long documents", "must"),
            ("AI assistant for questions about documents", "must"),
            ("Real-time co-editing", "must"),
        ],
    )
    install, summaries, assistant, editing = report.requirements
    assert (install.verdict, editing.verdict) == ("supported", "supported")
    assert (summaries.verdict, assistant.verdict) == ("unsupported", "unsupported")


def test_a_deployment_is_stated_whatever_the_answer_to_the_requirement_stating_it(
    deployments_engine,
):
    # The statement itself matches nothing (a person answers it), but it says where the
    # product runs: LDAP sync, offered only on-prem, cannot be had.
    report = _deal(
        deployments_engine,
        [
            ("Must be delivered as multi-tenant SaaS hosted by the vendor, nothing else", "must"),
            ("LDAP sync of users and groups", "must"),
        ],
    )
    stating, ldap = report.requirements
    assert stating.verdict == "unknown"
    assert ldap.verdict == "unsupported"
    assert any("the deal needs the saas deployment" in r for r in ldap.reasons)


def test_a_capability_named_with_a_deployment_word_but_offered_everywhere_is_no_place(tmp_path):
    # "Dedicated customer success manager" is offered in every deployment: "dedicated" in
    # its name is an adjective, not the dedicated deployment.
    from dealcheck.catalog import load_catalog
    from dealcheck.engine import Engine

    path = tmp_path / "csm.yaml"
    path.write_text(
        "product: P\ndeployments: [saas, dedicated]\ncapabilities:\n"
        "  - id: csm\n    name: Dedicated customer success manager\n"
        "    description: A named person who reviews adoption with you every quarter.\n"
        "  - id: ai\n    name: AI summaries\n    description: Summaries of documents.\n"
        "    deployments: [saas]\n"
    )
    engine = Engine(load_catalog(str(path)).catalog)
    report = _deal(
        engine,
        [
            ("A dedicated customer success manager should be assigned", "should"),
            ("AI summaries of long documents", "must"),
        ],
    )
    assert [r.verdict for r in report.requirements] == ["supported", "supported"]


def test_a_deployment_named_inside_a_longer_one_is_not_named(tmp_path):
    # "private cloud" names the private-cloud deployment, not the cloud one as well: a
    # deal stated as a private cloud cannot have what is offered only in the cloud one.
    from dealcheck.catalog import load_catalog
    from dealcheck.engine import Engine

    path = tmp_path / "desk.yaml"
    path.write_text(
        "product: Desk\ndeployments: [cloud, private-cloud]\ncapabilities:\n"
        "  - id: private-cloud\n    name: Private cloud\n"
        "    description: A single-tenant instance hosted by us.\n"
        "    deployments: [private-cloud]\n"
        "  - id: byok\n    name: Customer-managed encryption keys\n    aliases: [BYOK]\n"
        "    description: Encrypt data with keys you hold in AWS KMS.\n"
        "    deployments: [cloud]\n"
    )
    engine = Engine(load_catalog(str(path)).catalog)
    assert engine.index.places_named("A single-tenant private cloud deployment")[1] == {
        "private-cloud"
    }
    report = _deal(
        engine,
        [
            ("The service must be deployed as a single-tenant private cloud", "must"),
            ("Customer-managed encryption keys (BYOK) are required", "must"),
        ],
    )
    stating, byok = report.requirements
    assert stating.verdict == "supported"
    assert byok.verdict == "unsupported"


@pytest.mark.parametrize(
    "text, want, said",
    [
        # A limit per month against a count per day, week or year: the same period.
        ("We send about 100 envelopes a day", "upgrade", "about 3,044 envelopes a month"),
        ("We send 600 envelopes every week", "upgrade", "about 2,609 envelopes a month"),
        ("We send 12,000 envelopes a year", "supported", "about 1,000 envelopes a month"),
        ("We send 900 envelopes monthly", "supported", "900 envelopes asked"),
        ("We send 900 envelopes", "supported", "900 envelopes asked"),
        # A limit that states no period cannot be compared with a count per period.
        ("We onboard 200 users a year", "unknown", "states no period"),
    ],
)
def test_a_count_asked_per_period_is_compared_in_the_limits_period(tmp_path, text, want, said):
    from dealcheck.catalog import load_catalog
    from dealcheck.engine import Engine

    path = tmp_path / "esign.yaml"
    path.write_text(
        "product: Q\neditions: [business, enterprise]\nmetrics:\n"
        "  envelopes:\n    unit: envelope\n    better: higher\n"
        "    aliases: [envelopes per month, envelopes sent]\n"
        "  users:\n    unit: user\n    better: higher\n    aliases: [named users]\n"
        "capabilities:\n"
        "  - id: esign\n    name: Electronic signatures\n    aliases: [send envelopes]\n"
        "    description: Send documents in envelopes for signature.\n"
        "    limits:\n      envelopes: {business: 1000, enterprise: 10000}\n"
        "  - id: seats\n    name: User accounts\n    aliases: [onboard users]\n"
        "    description: Named users who sign in.\n"
        "    limits:\n      users: {business: 500, enterprise: 5000}\n"
    )
    engine = Engine(load_catalog(str(path)).catalog)
    (r,) = _deal(engine, [(text, "must")], edition="business").requirements
    assert r.verdict == want, r.reasons
    assert any(said in why for c in r.capabilities for why in c.reasons) or any(
        said in why for why in r.reasons
    ), (r.reasons, [c.reasons for c in r.capabilities])


def catalogue_of(tmp_path, text: str):
    """A catalogue written inline."""
    from dealcheck.catalog import load_catalog

    path = tmp_path / "catalogue.yaml"
    path.write_text(text, encoding="utf-8")
    return load_catalog(str(path)).catalog


def verdicts_of(catalog, cases):
    """(text, edition, verdict got, reasons) of each (text, edition) on the catalogue."""
    from dealcheck.engine import Engine

    engine = Engine(catalog)
    for text, edition in cases:
        result, _, _ = engine.assess(requirement(text), DealContext(edition=edition))
        yield text, edition, result


def test_a_quantity_on_a_metric_confirms_the_capability_a_short_phrase_found(tmp_path):
    catalog = catalogue_of(
        tmp_path,
        "product: Scope\neditions: [pro, business]\nmetrics:\n"
        "  trace_retention: {unit: day, better: higher, aliases: [trace retention,"
        " retain traces]}\n"
        "capabilities:\n"
        "  - id: tracing\n    name: Distributed tracing\n    aliases: [tracing, APM traces]\n"
        "    description: End-to-end traces across services.\n"
        "    limits: {trace_retention: {pro: 15, business: 30}}\n"
        "  - id: tracing-sampling\n    name: Tail-based sampling\n"
        "    description: Keep the traces that matter and drop the rest.\n",
    )
    wanted = {
        ("Traces must be retained for at least 30 days", "pro"): "upgrade",
        ("Traces must be retained for at least 30 days", "business"): "supported",
        ("Tracing data retained for 60 days", "business"): "unsupported",
    }
    for text, edition, result in verdicts_of(catalog, wanted):
        assert result.verdict == wanted[text, edition], (text, edition, result.reasons)
        assert [c.id for c in result.capabilities] == ["tracing"]


def test_a_metric_named_word_for_word_though_apart_brings_in_the_capability_limiting_it(
    tmp_path,
):
    """ "Help center articles must be available in 12 languages" names help center
    languages with words between: the capability limiting that metric answers the
    quantity, beside the help center the phrase found."""
    catalog = catalogue_of(
        tmp_path,
        "product: Helpbed\neditions: [growth, professional]\nmetrics:\n"
        "  help_center_languages: {unit: language, better: higher,"
        " aliases: [help center languages]}\n"
        "capabilities:\n"
        "  - id: help-center\n    name: Help center\n"
        "    description: A public knowledge base of articles.\n"
        "  - id: help-center-languages\n    name: Multilingual help center\n"
        "    description: Articles translated for every locale.\n"
        "    limits: {help_center_languages: {growth: 5, professional: 40}}\n"
        "  - id: agent-console\n    name: Agent console\n"
        "    description: Where agents answer tickets.\n",
    )
    wanted = {
        ("Help center articles must be available in 12 languages.", "growth"): "upgrade",
        ("Help centre articles must be available in 12 languages.", "professional"): "supported",
        # The metric's words are not all there: no limit of the console is known.
        ("The agent console must be available in 12 languages.", "professional"): "unknown",
    }
    for text, edition, result in verdicts_of(catalog, wanted):
        assert result.verdict == wanted[text, edition], (text, edition, result.reasons)


def test_a_count_noun_is_read_in_either_spelling(tmp_path):
    """A metric named "recruiter licences" counts "12 recruiter licenses", and the other
    way round; "text messages per month" counts messages, never months."""
    from dealcheck.engine import _count_nouns

    catalog = catalogue_of(
        tmp_path,
        "product: Hirebed\neditions: [growth, business]\nmetrics:\n"
        "  recruiter_seats: {unit: seat, better: higher, aliases: [recruiter licences]}\n"
        "  sms: {unit: message, better: higher, aliases: [text messages per month]}\n"
        "capabilities:\n"
        "  - id: users\n    name: Recruiter seats\n    description: Named recruiter users.\n"
        "    limits: {recruiter_seats: {growth: 20, business: 100}}\n",
    )
    assert {"licence", "license", "seat", "message"} <= _count_nouns(catalog)
    assert "month" not in _count_nouns(catalog)
    cases = [
        ("We need 40 recruiter licenses", "growth"),
        ("We need 40 recruiter licences", "growth"),
    ]
    for text, _, result in verdicts_of(catalog, cases):
        assert result.verdict == "upgrade", (text, result.reasons)


def test_a_rate_in_the_catalogues_own_noun_is_compared(tmp_path):
    """A metric whose unit is ``backup/day`` reads "6 backups per day": it was read as no
    quantity at all, and the ask was promised against a limit of 4."""
    from dealcheck.engine import _rate_nouns

    catalog = catalogue_of(
        tmp_path,
        "product: Vaultbed\neditions: [standard, business, enterprise]\nmetrics:\n"
        "  backups_per_day: {unit: backup/day, better: higher, aliases: [backups per day]}\n"
        "capabilities:\n"
        "  - id: scheduling\n    name: Automated backup scheduling\n"
        "    description: Policy-based automatic backups on a schedule.\n"
        "    aliases: [scheduled backups, backup frequency]\n"
        "    limits: {backups_per_day: {standard: 1, business: 4, enterprise: 12}}\n",
    )
    assert _rate_nouns(catalog) == {"backup"}
    wanted = {
        ("We need 6 backups per day", "business"): "upgrade",
        ("We need 24 backups per day", "enterprise"): "unsupported",
        ("Scheduled backups, 3 backups a day", "business"): "supported",
    }
    for text, edition, result in verdicts_of(catalog, wanted):
        assert result.verdict == wanted[text, edition], (text, edition, result.reasons)


def test_the_longer_metric_name_at_the_number_decides(tmp_path):
    """ "Audit log retention: 2 years" names "audit log retention" and the "retention"
    inside it, both beside the number: the longer name is the metric."""
    catalog = catalogue_of(
        tmp_path,
        "product: Keepbed\neditions: [business, enterprise]\nmetrics:\n"
        "  retention: {unit: year, better: higher, aliases: [retention, data retention]}\n"
        "  audit_retention: {unit: day, better: higher, aliases: [audit log retention]}\n"
        "capabilities:\n"
        "  - id: backups\n    name: Backup retention policies\n"
        "    description: Keep backups for as long as policy requires.\n"
        "    limits: {retention: {business: 7, enterprise: 10}}\n"
        "  - id: audit-log\n    name: Audit log\n"
        "    description: Every admin action, recorded.\n"
        "    limits: {audit_retention: {business: 365, enterprise: 730}}\n",
    )
    wanted = {
        ("Audit log retention: 2 years", "business"): "upgrade",
        ("Audit log retention: 2 years", "enterprise"): "supported",
        ("Backup retention: 8 years", "business"): "upgrade",
    }
    for text, edition, result in verdicts_of(catalog, wanted):
        assert result.verdict == wanted[text, edition], (text, edition, result.reasons)


# -- places a caveat takes back ---------------------------------------------

PLACE_CAVEATS = """
product: Placebed
editions: [team, business]
regions: [us, eu, uk]
deployments: [saas, self-managed]
capabilities:
  - id: ai-ranking
    name: AI candidate ranking
    description: Applicants ranked against the job profile.
    caveats: [Not available in the EU region]
  - id: account-recovery
    name: Account recovery
    description: Admins reset a member's master password.
    caveats: [Not available on self-managed]
  - id: live-sync
    name: Live sync
    description: Changes synced to every device as they happen.
    caveats: [SaaS only]
  - id: dial-out
    name: Dial-out
    description: The meeting calls the participant's phone.
    caveats: [Toll-free numbers in the US and UK only]
  - id: residency
    name: Data residency
    description: Customer data stored in the customer's region.
    caveats: [Data is never stored outside the EU for EU accounts]
  - id: call-recording
    name: Call recording
    description: Interview calls recorded for the hiring team.
    caveats: [Transcription is not available for EU-hosted accounts]
  - id: replica
    name: Reporting replica
    description: A read replica of the reporting database.
    caveats: [Read-only on self-managed deployments]
  - id: offer-letters
    name: Offer letters
    description: Offer letters sent for e-signature.
    caveats: ["Available on SaaS and dedicated, not on self-managed"]
  - id: video-interviews
    name: Video interviews
    description: One-way recorded video interviews.
    caveats: [Not available on self-managed deployments in the EU]
  - id: referrals
    name: Referral programme
    description: Employees refer candidates.
    caveats: [US region only]
  - id: voice
    name: Voice channel
    description: Inbound and outbound calls.
    regions: [us, eu, uk]
    caveats: [Local numbers in 40 countries; toll-free numbers in the US, UK only]
"""


@pytest.fixture(scope="module")
def place_engine(tmp_path_factory):
    from dealcheck.catalog import load_catalog
    from dealcheck.engine import Engine

    path = tmp_path_factory.mktemp("places") / "catalog.yaml"
    path.write_text(PLACE_CAVEATS, encoding="utf-8")
    return Engine(load_catalog(str(path)).catalog)


@pytest.mark.parametrize(
    "text, capability, place, verdict",
    [
        # A caveat that takes the deal's own region or deployment back rules it out, as
        # the capability's `regions` or `deployments` would ...
        ("AI ranking of applicants", "ai-ranking", {"region": "eu"}, "unsupported"),
        ("AI ranking of applicants", "ai-ranking", {"region": "us"}, "supported"),
        (
            "Admins can reset a master password",
            "account-recovery",
            {"deployment": "self-managed"},
            "unsupported",
        ),
        (
            "Admins can reset a master password",
            "account-recovery",
            {"deployment": "saas"},
            "supported",
        ),
        ("Live sync to every device", "live-sync", {"deployment": "self-managed"}, "unsupported"),
        ("Live sync to every device", "live-sync", {"deployment": "saas"}, "supported"),
        # ... but not a clause about a part of the capability, nor one that keeps data in
        # the place.
        ("The meeting calls the participant's phone", "dial-out", {"region": "eu"}, "supported"),
        ("Customer data stored in our region", "residency", {"region": "eu"}, "supported"),
        ("Interview calls recorded", "call-recording", {"region": "eu"}, "supported"),
        (
            "A read replica of the reporting database",
            "replica",
            {"deployment": "saas"},
            "supported",
        ),
        # What a "not" governs is what follows it; two places in one clause go together.
        (
            "Offer letters sent for e-signature",
            "offer-letters",
            {"deployment": "saas"},
            "supported",
        ),
        (
            "One-way video interviews",
            "video-interviews",
            {"region": "eu", "deployment": "saas"},
            "supported",
        ),
        (
            "One-way video interviews",
            "video-interviews",
            {"region": "eu", "deployment": "self-managed"},
            "unsupported",
        ),
        ("Employees refer candidates", "referrals", {"region": "eu"}, "unsupported"),
        ("Employees refer candidates", "referrals", {"region": "us"}, "supported"),
        # A clause that says less than the capability's own regions speaks of a part (the
        # flow list above splits "toll-free numbers in the US, UK only" at its comma).
        ("Inbound and outbound calls", "voice", {"region": "eu"}, "supported"),
    ],
)
def test_a_caveat_that_takes_back_the_deals_place(place_engine, text, capability, place, verdict):
    result, _, _ = place_engine.assess(requirement(text), DealContext(**place))
    assert caps(result) == [capability], result.reasons
    assert result.verdict == verdict, result.reasons
    if verdict == "unsupported":
        assert result.at_risk
        assert any("not offered in" in r for r in result.capabilities[0].reasons)


def test_a_place_the_requirement_names_is_read_instead_of_the_deals(place_engine):
    # Asked for US hosting on a deal quoted in the EU: the requirement's own place is
    # what the capability must be offered in.
    result, _, _ = place_engine.assess(
        requirement("AI ranking of applicants hosted in the US"), DealContext(region="eu")
    )
    assert caps(result) == ["ai-ranking"], result.reasons
    assert not any("not offered in eu" in r for r in result.capabilities[0].reasons)
    # ... and a place it names is read against the caveat as the deal's would be.
    named, _, _ = place_engine.assess(
        requirement("AI ranking of applicants in Europe"), DealContext(region="us")
    )
    assert named.verdict == "unsupported", named.reasons
