"""What README.md and docs/CI.md tell a user to type must work as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dealcheck.app import parse_fail_on
from dealcheck.engine import DEFAULT_RULE

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", ROOT / "docs" / "CI.md"]


def fail_on_values(text: str) -> list[str]:
    """Every ``--fail-on X`` and ``fail-on: X`` written in ``text``."""
    values = re.findall(r"--fail-on[ =]([\w,]+)", text)
    values += re.findall(r"^\s*fail-on:\s*([\w,]+)", text, flags=re.M)
    return values


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_fail_on_example_keeps_the_default_rule(doc):
    """An example that lists verdicts without `default` would let late roadmap items pass."""
    values = fail_on_values(doc.read_text(encoding="utf-8"))
    assert values, f"{doc.name} shows no --fail-on example"
    for value in values:
        names = parse_fail_on(value)
        assert names is not None and DEFAULT_RULE in names, f"{doc.name}: --fail-on {value}"


def test_development_commands_name_tools_the_documented_extra_installs():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]

    def installs(extra: str) -> set[str]:
        names: set[str] = set()
        for spec in extras[extra]:
            name = re.match(r"[A-Za-z0-9_.-]+", spec).group(0).lower()
            nested = re.fullmatch(r"dealcheck\[([\w,]+)\]", spec.replace(" ", ""))
            if nested:
                for inner in nested.group(1).split(","):
                    names |= installs(inner)
            else:
                names.add(name)
        return names

    # The development set-up: the venv the README's Development commands run from.
    installed = re.findall(r'python3 -m venv \.venv .*?pip install -e "\.\[(\w+)\]"', readme)
    assert installed, "the README shows no development install"
    for tool in ("ruff", "mypy", "pytest"):
        if re.search(rf"\.venv/bin/{tool}\b|\b{tool} ", readme):
            for extra in installed:
                assert tool in installs(extra), f"README installs .[{extra}] but runs {tool}"
