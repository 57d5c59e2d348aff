"""The ``claimed`` rule: words an answer leaves out that a close rival is about.

An independent review wrote this catalogue and these asks: each was answered
``supported`` by the capability in every edition while the words it left out
("offline", "automatically every night", "the team lead automatically") are what a
capability of a higher edition does.
"""

from __future__ import annotations

import pytest

from dealcheck.catalog import load_catalog
from dealcheck.engine import Engine
from dealcheck.engine.match import ALL_SIGNALS
from dealcheck.engine.rules import ALL_RULES
from dealcheck.requirements import DealContext
from tests.engine.conftest import requirement

DESK = """\
product: Desk
editions: [team, enterprise]
capabilities:
  - id: email-notifications
    name: Email notifications
    description: Users get an email when a ticket assigned to them is updated.
  - id: scheduled-reports
    name: Scheduled reports
    description: Send managers a weekly summary of ticket volume and response times by email.
    editions: [enterprise]
  - id: sso
    name: Single sign-on
    description: Users sign in with their company identity provider over SAML.
  - id: scim
    name: User provisioning
    description: Create and deactivate accounts automatically from the identity provider
      through SCIM.
    editions: [enterprise]
  - id: mobile-app
    name: Mobile app
    description: iOS and Android apps to answer tickets on the go.
  - id: offline
    name: Offline mode
    description: Keep working on tickets without a connection; changes sync when the device
      is back online.
    editions: [enterprise]
  - id: csv-export
    name: Export to CSV
    description: Download tickets as a CSV file.
  - id: scheduled-export
    name: Scheduled exports
    description: Export all tickets automatically every night to an SFTP server.
    editions: [enterprise]
  - id: sla
    name: SLA policies
    description: Set response and resolution targets for tickets and see which are breached.
  - id: escalation
    name: Automatic escalation
    description: Tickets that breach their target are reassigned to a team lead without
      anyone stepping in.
    editions: [enterprise]
  - id: knowledge-base
    name: Knowledge base
    description: Publish help articles for customers.
"""


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    path = tmp_path_factory.mktemp("claimed") / "capabilities.yaml"
    path.write_text(DESK, encoding="utf-8")
    return load_catalog(str(path)).catalog


def check(catalog, text, edition="team", signals=ALL_SIGNALS, rules=ALL_RULES):
    engine = Engine(catalog, signals, rules)
    result, _, _ = engine.assess(requirement(text), DealContext(edition=edition))
    return result


@pytest.mark.parametrize(
    "text, answer, rival, words",
    [
        # The rarest word of the rival's name.
        ("iOS and Android apps that work offline", "mobile-app", "offline", ["offline"]),
        # Two words of the rival's text, each rare in the catalogue.
        (
            "Ticket data should be downloadable as CSV automatically every night",
            "csv-export",
            "scheduled-export",
            ["automatically", "night"],
        ),
        (
            "Set response targets for tickets; breached tickets go to the team lead automatically",
            "sla",
            "escalation",
            ["lead", "automatically"],
        ),
    ],
)
def test_words_a_rival_of_a_higher_edition_is_about_go_to_a_person(
    desk, text, answer, rival, words
):
    r = check(desk, text)
    assert r.verdict == "unknown" and r.capabilities == [], r.reasons
    (said,) = [why for why in r.reasons if f"what {rival} (" in why]
    assert all(f"'{w}'" in said for w in words), said
    assert f"not {answer}" in said
    # Switched off, the rule's doubt goes and the answer is the one the words found.
    off = check(desk, text, rules=ALL_RULES - {"claimed"})
    assert off.verdict == "supported" and [c.id for c in off.capabilities] == [answer]


def test_a_rival_the_deal_has_on_the_same_terms_changes_nothing(desk):
    # On the enterprise edition the offline mode is there too: no promise is at stake.
    r = check(desk, "iOS and Android apps that work offline", edition="enterprise")
    assert r.verdict == "supported", r.reasons


def test_words_no_rival_is_about_stay_context(desk):
    r = check(desk, "Download a CSV of tickets for the quarterly review")
    assert r.verdict == "supported" and [c.id for c in r.capabilities] == ["csv-export"]


def test_an_ask_all_about_the_rival_is_answered_by_it(desk):
    # (Where the words found another capability first, retrieval may still find the rival
    # and answer with it: tests/engine/test_retrieval.py, "Roll back to the last good
    # release automatically when a critical alert fires", against GitLab's alerts.)
    r = check(desk, "Breached tickets are handed to the team lead automatically")
    assert r.verdict == "upgrade", r.reasons
    assert [c.id for c in r.capabilities] == ["escalation"]


def test_without_the_semantic_ranking_the_rule_does_not_fire(desk):
    # No ranking by meaning, no close rival: the rule stays silent (other doubts remain).
    engine = Engine(desk, ALL_SIGNALS - {"semantic"})
    _, match = engine.match(
        requirement("iOS and Android apps that work offline"), DealContext(edition="team")
    )
    assert not any(r.rule == "claimed" for r in match.reasons)


def test_a_glossary_term_in_a_rivals_name_is_read_as_the_ask_reads_it(desk, tmp_path):
    # "Multi-factor authentication" is read as the glossary's "mfa", as a requirement's
    # "MFA" or "two-factor authentication" is: its rarest word is that term.
    from dealcheck.engine.index import CatalogIndex
    from dealcheck.engine.rules.claimed import _distinctive

    path = tmp_path / "capabilities.yaml"
    path.write_text(
        DESK + "  - id: mfa\n    name: Multi-factor authentication\n"
        "    description: A second factor at sign-in.\n    editions: [enterprise]\n",
        encoding="utf-8",
    )
    idx = CatalogIndex(load_catalog(str(path)).catalog)
    assert _distinctive(idx, idx.by_id["mfa"], "mfa")
    # "automatic" is in three capabilities' texts, "escalation" in one: not what the
    # name is about.
    assert not _distinctive(idx, idx.by_id["escalation"], "autom")
    assert _distinctive(idx, idx.by_id["escalation"], "escal")
