from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dealcheck.catalog import load_catalog
from dealcheck.engine import Engine
from dealcheck.quantities import extract_deadline, extract_quantities
from dealcheck.requirements import DealContext, Location
from dealcheck.sources.common import make_requirement

CATALOG = Path(__file__).with_name("catalog.yaml")


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine(load_catalog(str(CATALOG)).catalog)


def requirement(text: str, rid: str = "R-1", capability: str | None = None):
    req = make_requirement(text, Location("test.txt", 1), capability=capability)
    req.id = req.id or rid
    req.quantities = extract_quantities(req.text)
    req.deadline = extract_deadline(req.text)
    return req


@pytest.fixture
def assess(engine):
    def run(text: str, capability: str | None = None, **context):
        if "go_live" in context and isinstance(context["go_live"], str):
            context["go_live"] = dt.date.fromisoformat(context["go_live"])
        result, minimum, add_ons = engine.assess(
            requirement(text, capability=capability), DealContext(**context), verbose=True
        )
        return result

    return run
