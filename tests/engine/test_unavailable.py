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
