"""The catalogue's own product against a buyer's system of the same kind.

A CRM vendor's catalogue (``nimbus_crm.yaml``, ``product: Nimbus CRM``), asked for what
only a buyer's *other* CRM can settle: syncing with it, importing from it, reporting
across it. No capability of the catalogue says it works with another CRM, so none of
these may be answered: each goes to a person. The lines were written and labelled by an
independent reviewer before any tool ran on them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dealcheck.catalog import load_catalog
from dealcheck.engine import Engine
from dealcheck.requirements import DealContext
from tests.engine.conftest import requirement

CATALOG = str(Path(__file__).with_name("nimbus_crm.yaml"))

BUYERS_OWN_SYSTEM = [
    "Contacts must stay in sync with the CRM our EMEA team uses",
    "Sync accounts with our legacy CRM nightly",
    "Calendar sync with our other CRM",
    "Import deals from the CRM of the company we acquired",
    "Sales dashboards combining pipeline from our existing CRM",
    "Forecasts must also include deals still tracked in our old CRM",
    "Territory rules copied from our current CRM",
    "Two-way contact sync between Nimbus and our existing CRM",
]


@pytest.fixture(scope="module")
def engine():
    return Engine(load_catalog(CATALOG).catalog)


@pytest.mark.parametrize("text", BUYERS_OWN_SYSTEM)
def test_a_buyers_own_system_of_the_products_kind_goes_to_a_person(engine, text):
    result, _, _ = engine.assess(requirement(text), DealContext(edition="enterprise"))
    assert result.verdict == "unknown", (text, result.verdict, result.reasons)


def test_the_product_itself_named_by_its_kind_is_answered(engine):
    # "in the CRM" asked of Nimbus CRM: the product the ask is put to.
    text = "Territory assignment of accounts by region in the CRM"
    result, _, _ = engine.assess(requirement(text), DealContext(edition="enterprise"))
    assert result.verdict == "supported", result.reasons
    assert [c.id for c in result.capabilities] == ["territories"]
