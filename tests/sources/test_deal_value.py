"""The deal file's optional ``value`` and ``currency``: read, checked, and carried to the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dealcheck.cli import main

CATALOG = str(Path(__file__).resolve().parents[1] / "engine" / "catalog.yaml")


def check(tmp_path: Path, capsys, head: str) -> tuple[int, str, str]:
    deal = tmp_path / "deal.yaml"
    deal.write_text(f"deal: Globex\n{head}requirements:\n  - SAML SSO\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["check", str(deal), "-c", CATALOG, "--format", "json"])
    out, err = capsys.readouterr()
    return exc.value.code, out, err


@pytest.mark.parametrize(
    "head, value, currency",
    [
        ("value: 1200000\ncurrency: EUR\n", 1200000, "EUR"),
        ("value: 99500.50\ncurrency: gbp\n", 99500.5, "GBP"),
        ("value: 0\n", 0, None),
        ("", None, None),
    ],
)
def test_value_and_currency_reach_the_report(tmp_path, capsys, head, value, currency):
    code, out, err = check(tmp_path, capsys, head)
    assert code in (0, 1), err
    deal = json.loads(out)["deal"]
    assert deal["value"] == value and deal["currency"] == currency
    assert isinstance(deal["value"], type(value))  # integral amounts stay integers


@pytest.mark.parametrize(
    "head, line, message",
    [
        ('value: "1,200,000"\n', 2, "value '1,200,000' is not a number"),
        ("value: -5\n", 2, "value -5 must be zero or more"),
        ("value: .inf\n", 2, "must be zero or more"),
        ("value: true\n", 2, "is not a number"),
        ("value: 5\ncurrency: euro\n", 3, "currency 'euro' is not a three-letter code"),
        ("currency: 978\n", 2, "is not a three-letter code"),
        ("valeu: 5\n", 2, "unknown key 'valeu'"),
    ],
)
def test_bad_value_or_currency_is_reported_at_its_line(tmp_path, capsys, head, line, message):
    code, out, err = check(tmp_path, capsys, head)
    assert code == 2 and out == ""
    assert err.startswith(f"dealcheck: error: {tmp_path / 'deal.yaml'}:{line}:")
    assert message in err and len(err.strip().splitlines()) == 1
