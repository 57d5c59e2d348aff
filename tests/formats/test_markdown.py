"""--format markdown: GitHub-flavoured, every requirement in input order, untrusted text inert."""

from __future__ import annotations

import re

import pytest

from dealcheck.formats.markdown import escape


def table_rows(md: str) -> list[list[str]]:
    """The requirement table's rows, split on unescaped pipes."""
    lines = md.split("## Requirements", 1)[1].splitlines()
    rows = [line for line in lines if line.startswith("| ") and not line.startswith("| ID ")]
    return [[c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows]


def test_title_summary_and_context(render, report):
    md = render("markdown")
    first = md.splitlines()[0]
    assert first.startswith("# ") and "Globex 2027 renewal" in first and "Testbed 1.0" in first
    for needle in ("**Edition:** business", "**Go-live:** 2027-03-01", "**Gate:** \u274c **FAIL**",
                   "5 requirement(s) of priority must at risk", "**Coverage:** 13.3%",
                   "enterprise edition, Security Pack add-on", "**Waived:** 1"):
        assert needle in md
    for verdict, count in report.summary.verdicts.items():
        assert re.search(rf"\| \S+ {verdict} \| {count} \|", md)


def test_one_row_per_requirement_in_input_order(render, report):
    rows = table_rows(render("markdown"))
    assert [r[0] for r in rows] == [escape(r.id) for r in report.requirements]
    assert all(len(r) == 6 for r in rows), "an unescaped pipe would add a column"
    by_id = {r[0]: r for r in rows}
    assert "waived by Dana Reyes &lt;VP Sales&gt; until 2027-01-31" in by_id["CMP-1"][2]
    assert by_id["CMP-2"][2].startswith("**"), "gate failures are bold"
    assert by_id["SEC-2"][4] == "scim"


def test_warnings_listed(engine, requirements):
    import datetime as dt

    from dealcheck.engine import GateOptions
    from dealcheck.formats import RenderOptions
    from dealcheck.formats.markdown import render
    from dealcheck.waivers import WaiverRule

    from .conftest import CONTEXT, TODAY

    stale = WaiverRule(id="NOPE-1", approved_by="x", reason="y", expires=dt.date(2030, 1, 1))
    report = engine.check(requirements, CONTEXT, GateOptions(), [stale], today=TODAY)
    md = render(report, RenderOptions())
    assert "### Warnings" in md and "matches no requirement" in md


@pytest.mark.parametrize(
    "raw, forbidden",
    [
        ("a | b", r"(?<!\\)\|"),
        ("`rm -rf`", r"(?<!\\)`"),
        ("<b>x</b> & y", r"<|>|& "),
        ("# heading", r"^#"),
        ("> quote", r"^>"),
        ("- item", r"^-"),
        ("[click](http://evil.example)", r"(?<!\\)[\[\]]"),
        ("![img](http://evil.example/x.png)", r"(?<!\\)[\[\]]"),
        ("line1\nline2\r\nline3", r"[\r\n]"),
        ("bell\x07 esc\x1b[31m red", r"[\x00-\x1f]"),
        ("ping @security-team now", r"@[\w-]"),
        ("*bold* _it_ ~~del~~", r"(?<!\\)[*_~]"),
    ],
)
def test_escape(raw, forbidden):
    out = escape(raw)
    assert not re.search(forbidden, out), out
    assert "\n" not in out


def test_deterministic(render):
    assert render("markdown") == render("markdown")
