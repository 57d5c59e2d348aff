"""A narrower ask of a capability the deal cannot have is ``unsupported``, not ``unknown``.

When a rule holds a requirement back because it asks for *more* than its best
capability explains, and that capability itself is not available for the deal,
the answer is ``unsupported`` whatever a person decides about the rest: nothing
narrower built on it is available either. It is never given for a negative
requirement, for a capability that would be available, for a capability named
for a place, or when a rival reading would give another verdict.
"""

from __future__ import annotations

import textwrap

import pytest

from dealcheck.catalog import load_catalog
from dealcheck.engine import Engine
from dealcheck.formats._cells import reason_text
from dealcheck.requirements import DealContext
from tests.engine.conftest import requirement

CATALOG = """\
product: Ledger
editions: [team, business]
deployments: [saas, on-prem]
metrics:
  uptime:
    unit: "%"
    better: higher
    aliases: [availability]
  retention:
    unit: day
    better: higher
    aliases: [retention period]
  storage:
    unit: GB
    better: higher
  response:
    unit: hour
    better: lower
capabilities:
  - id: blockchain-notary
    name: Blockchain notarisation
    description: Anchor document hashes on a public blockchain.
    status: not-planned
  - id: offline-mode
    name: Offline mode
    description: Keep working without a network connection.
    status: beta
  - id: audit-export
    name: Audit log export
    description: Send the audit log to a SIEM.
    editions: [business]
  - id: uptime-sla
    name: Uptime SLA
    description: Contractual availability commitment with service credits.
    limits:
      uptime: {team: 99.5, business: 99.9}
  - id: direct-deposit
    name: Direct deposit
    description: Pay employees by bank transfer.
    aliases: [ACH payments, direct deposit payroll]
    caveats: ["Same-day ACH is not supported; next-day only"]
  - id: audit-log
    name: Audit log
    description: Every change to employee data, with who and when.
    limits:
      retention: {team: 365, business: 2555}
  - id: documents
    name: Employee document storage
    description: Contracts and letters in each employee's file.
    limits:
      storage: {team: 50, business: 500}
      retention: 3650
  - id: support
    name: Support desk
    description: Email support for administrators.
    limits:
      response: 24
  - id: self-hosted
    name: Self-hosted installation
    description: Install the product in your own data centre.
    aliases: [on-premises deployment]
    deployments: [on-prem]
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    path = tmp_path_factory.mktemp("cat") / "capabilities.yaml"
    path.write_text(textwrap.dedent(CATALOG), encoding="utf-8")
    return Engine(load_catalog(str(path)).catalog)


def check(engine, text, **context):
    result, _, _ = engine.assess(requirement(text), DealContext(**context))
    return result


def test_a_vendor_named_on_a_capability_that_is_not_planned_is_unsupported(engine):
    r = check(engine, "Blockchain notarisation on the Ethereum mainnet")
    assert r.verdict == "unsupported" and r.at_risk
    assert [c.id for c in r.capabilities] == ["blockchain-notary"]
    assert any("not planned" in why for why in r.capabilities[0].reasons)
    # What narrows the ask is still said, for the reviewer.
    assert any("Ethereum" in why for why in r.reasons)
    assert r.suggestion is None


def test_what_narrows_the_ask_is_never_left_dangling(engine):
    # No rule fired: the words no capability explains narrow the ask, and the reason
    # says which ("... what narrows it:" with nothing after it read as cut off).
    r = check(engine, "Blockchain notarisation for our quarterly supplier reconciliation batches")
    assert r.verdict == "unsupported"
    (lead,) = [why for why in r.reasons if "narrower ask" in why]
    assert lead.startswith("blockchain-notary is not available for this deal")
    assert "what narrows it: 'quarterly', 'reconciliation', 'batches'" in lead
    assert not any(why.rstrip().endswith(":") for why in r.reasons)
    # A rule's reason says what narrows it by itself: the lead is a whole sentence, and
    # the answered comment, which joins the reasons with "; ", reads on.
    ruled = check(engine, "Blockchain notarisation on the Ethereum mainnet")
    assert not any(why.rstrip().endswith(":") for why in ruled.reasons)
    assert ":;" not in reason_text(ruled) and not reason_text(ruled).endswith(":")
    assert "so neither is the narrower ask; 'Ethereum' narrows the ask" in reason_text(ruled)


def test_the_same_narrowing_on_an_available_capability_stays_unknown(engine):
    # Offline mode is beta (partial): whether it covers the Ethereum app is for a person.
    r = check(engine, "Offline mode for the Ethereum app")
    assert r.verdict == "unknown" and r.capabilities == []
    assert r.suggestion is not None and r.suggestion.verdict == "partial"


def test_a_capability_that_needs_an_upgrade_is_not_promised_for_a_narrower_ask(engine):
    # "upgrade" would say the narrower ask is available in Business: nobody said so.
    r = check(engine, "Audit log export to Sumo Logic", edition="team")
    assert r.verdict == "unknown"


def test_a_negative_requirement_is_never_answered_this_way(engine):
    r = check(engine, "We must never use blockchain notarisation on Ethereum")
    assert r.verdict == "unknown" and r.capabilities == []


def test_a_capability_named_for_a_place_is_not_used(engine):
    # "Self-hosted" is a deployment; a place word in the ask may be the customer's own.
    r = check(engine, "Self-hosted installation in our Frankfurt Equinix cage", deployment="saas")
    assert r.verdict == "unknown" and r.capabilities == []


def test_a_limit_the_ask_exceeds_is_unsupported_even_with_words_left_unexplained(engine):
    r = check(engine, "Four nines availability, written into the contract", edition="business")
    assert r.verdict == "unsupported"
    assert [c.id for c in r.capabilities] == ["uptime-sla"]


def test_an_ask_for_what_a_caveat_takes_back_is_unsupported_quoting_it(engine):
    r = check(engine, "Same-day ACH payments for off-cycle runs")
    assert r.verdict == "unsupported" and r.at_risk
    (cap,) = r.capabilities
    assert cap.id == "direct-deposit" and cap.verdict == "unsupported"
    caveat = "Same-day ACH is not supported; next-day only"
    assert cap.reasons[0] == f"the caveat rules out what is asked: {caveat}"
    assert not any(caveat in why for why in cap.reasons[1:])  # said once
    # The caveat settled it: no "a person must confirm" left in the reasons.
    assert not any("must confirm" in why for why in r.reasons)


def test_an_ask_the_caveat_does_not_speak_of_is_answered_as_usual(engine):
    r = check(engine, "Direct deposit for our employees")
    assert r.verdict == "supported"


def test_forever_against_a_finite_retention_limit_is_unsupported_naming_it(engine):
    r = check(engine, "Audit history kept forever")
    assert r.verdict == "unsupported"
    (cap,) = r.capabilities
    assert cap.id == "audit-log"
    assert any("retention is limited (team: 365 day, business: 2555 day)" in w for w in cap.reasons)


def test_unlimited_is_compared_with_the_limit_of_its_kind(engine):
    # Two limits: "unlimited storage" names storage, "kept forever" is about time.
    storage = check(engine, "Unlimited employee document storage")
    assert storage.verdict == "unsupported"
    assert any("storage is limited" in w for w in storage.capabilities[0].reasons)
    kept = check(engine, "Employee document storage with files kept forever")
    assert kept.verdict == "unsupported"
    assert any("retention is limited" in w for w in kept.capabilities[0].reasons)


def test_no_limit_on_a_metric_where_less_is_better_is_a_question_for_a_person(engine):
    # "Unlimited" says nothing against a response-time limit: a person reads the ask.
    r = check(engine, "Unlimited support desk tickets")
    assert r.verdict == "unknown"


def engine_of(folder, text: str) -> Engine:
    """An engine over the catalogue ``text``, written to a file in ``folder``."""
    path = folder / "capabilities.yaml"
    path.write_text(text, encoding="utf-8")
    return Engine(load_catalog(str(path)).catalog)


COUNTS = """\
product: Quill
editions: [business, enterprise]
metrics:
  envelopes: {unit: envelope, better: higher, aliases: [envelopes per month]}
  signers: {unit: signer, better: higher, aliases: [signers per envelope, recipients]}
capabilities:
  - id: esign
    name: Electronic signatures
    aliases: [envelopes, e-signature]
    description: Send envelopes for legally binding electronic signature.
    limits:
      envelopes: {business: 1000, enterprise: 10000}
      signers: {business: 50, enterprise: 300}
"""


def test_a_count_ties_to_the_metric_its_own_noun_names_before_a_metric_named_nearby(tmp_path):
    engine = engine_of(tmp_path, COUNTS)
    # "Envelopes" is named first, but 120 counts signers: 50 on business, 300 on enterprise.
    r = check(engine, "Envelopes with 120 signers each", edition="business")
    assert r.verdict == "upgrade", r.capabilities[0].reasons if r.capabilities else r.reasons
    assert any("120 signers asked" in why for why in r.capabilities[0].reasons)
    within = check(engine, "Electronic signatures for 900 envelopes per month", edition="business")
    assert within.verdict == "supported"


SEATS = """\
product: Vaultbed
editions: [business, enterprise]
metrics:
  users: {unit: user, better: higher, aliases: [seats, licensed users]}
  guests: {unit: user, better: higher, aliases: [guest users, guests]}
capabilities:
  - id: seats
    name: Licensed users
    description: Members of the organisation.
    limits:
      users: {business: 5000, enterprise: 50000}
  - id: guest-access
    name: Guest members
    description: Share single items with guests outside the organisation.
    limits:
      guests: {business: 50, enterprise: 1000}
"""


def test_a_count_ties_to_the_metric_the_text_names_at_the_number(tmp_path):
    engine = engine_of(tmp_path, SEATS)
    # Both metrics count users; "guest users" names the guests metric right there, though
    # the users metric is declared first.
    r = check(engine, "We need 120 guest users", edition="business")
    assert [c.id for c in r.capabilities] == ["guest-access"], r.reasons
    assert r.verdict == "upgrade", r.capabilities[0].reasons
    assert any("guests:" in why for why in r.capabilities[0].reasons)
    plain = check(engine, "We need 120 licensed users", edition="business")
    assert plain.verdict == "supported"
    # Each number counts what it names itself, whichever metric is named first.
    order = check(engine, "We need 200 licensed users and 120 guest users", edition="business")
    assert order.verdict == "upgrade", [c.reasons for c in order.capabilities]


VIEWERS = """\
product: Lumen
editions: [team, business]
metrics:
  seats: {unit: user, better: higher, aliases: [licensed users, editors]}
  viewers: {unit: user, better: higher, aliases: [read-only users, viewers]}
capabilities:
  - id: workspace
    name: Analytics workspace
    description: Users build dashboards and reports in a workspace.
    limits:
      seats: {team: 50, business: 500}
  - id: viewer-access
    name: Viewer access
    description: Read-only users view dashboards without editing them.
    limits:
      viewers: {team: 1000, business: 10000}
"""


def test_a_metric_named_elsewhere_does_not_decide_what_a_number_counts(tmp_path):
    # "300 users" counts users: the read-only users named later are another metric's.
    engine = engine_of(tmp_path, VIEWERS)
    r = check(
        engine, "Analytics workspace for 300 users, some of them read-only users", edition="team"
    )
    assert r.verdict in ("upgrade", "unknown"), [c.reasons for c in r.capabilities]
    assert not any("viewers:" in w for c in r.capabilities for w in c.reasons)


EOL = """\
product: Ledger
capabilities:
  - id: bi-connector
    name: Power BI connector
    description: Live connection from Power BI to the workspace's reports.
    status: deprecated
    caveats: ["Replaced by the REST API; end of life on 2027-06-30"]
  - id: soap-api
    name: SOAP API
    description: The legacy SOAP interface.
    status: deprecated
"""


@pytest.fixture(scope="module")
def eol_engine(tmp_path_factory):
    path = tmp_path_factory.mktemp("eol") / "capabilities.yaml"
    path.write_text(EOL, encoding="utf-8")
    return Engine(load_catalog(str(path)).catalog)


def test_a_deprecated_capability_gone_before_the_date_asked_is_at_risk(eol_engine):
    r = check(eol_engine, "The Power BI connector must remain supported through 2028")
    # The verdict table keeps deprecated as partial; the end of life makes it at risk,
    # as a roadmap ETA after go-live does.
    assert r.verdict == "partial" and r.at_risk
    assert "bi-connector: end of life 2027-06-30, before 2028-12-31 asked" in r.reasons


def test_a_deprecated_capability_gone_before_go_live_is_at_risk(eol_engine):
    import datetime as dt

    r = check(eol_engine, "Power BI connector", go_live=dt.date(2027, 9, 1))
    assert r.verdict == "partial" and r.at_risk
    assert any("before go-live 2027-09-01" in why for why in r.reasons)


@pytest.mark.parametrize(
    "text, go_live",
    [
        ("Power BI connector", None),  # no date: deprecated is partial, not at risk
        ("Power BI connector until Q1 2027", None),  # needed only until before the end
        ("SOAP API through 2030", None),  # no end of life stated: nothing to compare
    ],
)
def test_a_deprecated_capability_needed_within_its_life_is_partial(eol_engine, text, go_live):
    r = check(eol_engine, text, go_live=go_live)
    assert r.verdict == "partial" and not r.at_risk, r.reasons


VENDOR = """\
product: Skybed
capabilities:
  - id: serverless-monitoring
    name: Serverless function monitoring
    description: Invocations, cold starts and errors of your serverless functions.
    aliases: [serverless]
    caveats: ["AWS Lambda only; Azure Functions and Google Cloud Functions are not supported"]
  - id: azure-integration
    name: Azure integration
    description: Azure Monitor metrics and activity logs through Event Hubs.
    aliases: [Azure, Microsoft Azure, Azure Monitor, Azure metrics, Event Hubs]
  - id: aws-integration
    name: AWS integration
    description: CloudWatch metrics and logs from your AWS accounts.
    aliases: [AWS, Amazon Web Services, CloudWatch]
  - id: log-management
    name: Log management
    description: Collect, search and archive logs from every source.
    aliases: [logs, log search]
  - id: dashboards
    name: Dashboards
    description: Charts of metrics, logs and traces on shared boards.
"""


@pytest.mark.parametrize(
    "text, want",
    [
        # The caveat names what the rival was found by ("Azure"): the serverless
        # capability's caveat answers the ask, and it says no.
        ("Serverless function monitoring for Azure Functions", "unsupported"),
        ("Serverless function monitoring for AWS Lambda", "supported"),
        # A rival found by words the caveat does not name ("dashboards", beside the
        # Azure Monitor it speaks of) is a reading of its own: a person decides; so is
        # one where the ask also names what the caveat keeps the capability to (partly
        # offered), or names the buyer's own estate ("our Azure tenant").
        ("Serverless function monitoring with Azure Monitor dashboards", "unknown"),
        ("Serverless function monitoring for Azure Functions and AWS Lambda", "unknown"),
        ("Serverless function monitoring for functions in our Azure tenant", "unknown"),
    ],
)
def test_a_rival_found_by_what_the_caveat_takes_back_is_no_rival(tmp_path, text, want):
    path = tmp_path / "catalog.yaml"
    path.write_text(VENDOR, encoding="utf-8")
    engine = Engine(load_catalog(str(path)).catalog)
    r = check(engine, text)
    assert r.verdict == want, r.reasons


DIRECTORY = """\
product: Directory
editions: [essentials, enterprise]
metrics:
  audit_retention: {unit: day, better: higher, aliases: [audit retention]}
capabilities:
  - id: audit-log
    name: System audit log
    description: Every sign-in, admin change and provisioning event, searchable in the
      console and exportable by API or CSV.
    aliases: [audit trail, system log, sign-in logs, activity log, event log]
    limits:
      audit_retention: {essentials: 30, enterprise: 365}
  - id: log-streaming
    name: SIEM log streaming
    description: Near-real-time streaming of system log events to a SIEM or event bus.
    aliases: [SIEM integration, log forwarding, event streaming]
  - id: access-requests
    name: Access requests
    description: Users request access to apps and groups; owners approve.
  - id: sdk-node
    name: Node.js SDK
    description: Server-side SDK for Node.js services.
    caveats:
      - Node.js 18 or later
"""


@pytest.mark.parametrize(
    "text, want",
    [
        # The words alone leave the audit log the closest candidate, below the
        # threshold; its finite retention answers an ask for none in so many words.
        ("Audit events must be kept forever.", "unsupported"),
        # A number is compared by the evaluation only once a capability is the answer.
        ("Audit events must be kept for 90 days.", "unknown"),
        # A closest capability with no limit on time says nothing of "forever".
        ("Access requests must be kept forever.", "unknown"),
        # A version below the lowest one the closest capability states, likewise.
        ("Our services run Node 16.", "unsupported"),
        ("Our services run Node 20.", "supported"),
    ],
)
def test_what_the_closest_capability_states_answers_an_ask_it_rules_out(tmp_path, text, want):
    r = check(engine_of(tmp_path, DIRECTORY), text, edition="enterprise")
    assert r.verdict == want, r.reasons
    if want == "unsupported":
        assert r.capabilities and r.capabilities[0].id in {"audit-log", "sdk-node"}
        said = reason_text(r)
        assert "no edition offers it without a limit" in said or "needs 18 or later" in said
