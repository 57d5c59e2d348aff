"""Words that narrow an ask to a more specific capability than the one named."""

from __future__ import annotations

import textwrap

import pytest

from dealcheck.catalog import load_catalog
from dealcheck.engine import Engine
from dealcheck.requirements import DealContext
from tests.engine.conftest import requirement

CATALOG = """\
product: Scanner
editions: [team, enterprise]
capabilities:
  - id: secret-detection
    name: Secret detection
    description: Finds credentials committed to the repository.
  - id: custom-secret-rules
    name: Custom rulesets for secret detection
    description: Write your own rules for the secret detector.
    editions: [enterprise]
  - id: custom-roles
    name: Custom roles
    description: Define roles with their own set of permissions.
    editions: [enterprise]
  - id: roles
    name: Predefined roles
    description: Owner, maintainer, developer and guest roles.
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    path = tmp_path_factory.mktemp("cat") / "capabilities.yaml"
    path.write_text(textwrap.dedent(CATALOG), encoding="utf-8")
    return Engine(load_catalog(str(path)).catalog)


def verdict(engine, text, edition="team"):
    result, _, _ = engine.assess(requirement(text), DealContext(edition=edition), verbose=True)
    return result.verdict, [c.id for c in result.capabilities]


def test_the_more_specific_capability_the_words_point_to_joins_the_match(engine):
    v, caps = verdict(engine, "Secret detection with custom rulesets")
    assert v == "upgrade"
    assert "custom-secret-rules" in caps
    assert verdict(engine, "Secret detection with custom rulesets", "enterprise")[0] == "supported"
    # Words that do not spell its name still point to it: it joins the general match.
    v, caps = verdict(engine, "Secret detection with custom rules")
    assert (v, caps) == ("upgrade", ["secret-detection", "custom-secret-rules"])


def test_without_those_words_the_general_capability_answers(engine):
    assert verdict(engine, "Secret detection for every repository") == (
        "supported",
        ["secret-detection"],
    )


def test_customer_is_filler_but_custom_is_not(engine):
    idx = engine.index
    assert not idx.is_content("customer", "customer")
    assert idx.is_content("custom", "custom")
    # "custom" asks for the custom-roles capability, which needs enterprise.
    v, caps = verdict(engine, "Custom roles for our customer's administrators")
    assert caps == ["custom-roles"] and v == "upgrade"


def test_a_misspelt_filler_word_is_still_filler(engine):
    idx = engine.index
    # "requried" is read as "required": filler, not an ask of its own.
    assert not idx.is_content("requir", "requried")
    assert verdict(engine, "Secret detection is requried")[0] == "supported"
