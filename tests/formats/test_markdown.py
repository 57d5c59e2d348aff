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
    for needle in (
        "**Edition:** business",
        "**Go-live:** 2027-03-01",
        "**Gate:** \u274c **FAIL**",
        "5 requirement(s) of priority must at risk",
        "**Coverage:** 13.3%",
        "enterprise edition, Security Pack add-on",
        "**Waived:** 1",
    ):
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


def test_rendered_by_a_commonmark_parser(render, report):
    """Read back by a real CommonMark + GFM-tables parser (raw HTML allowed, as on GitHub)."""
    markdown_it = pytest.importorskip("markdown_it")
    from html.parser import HTMLParser

    from dealcheck.safe_text import one_line

    html = (
        markdown_it.MarkdownIt("commonmark")
        .enable("table")
        .enable("strikethrough")
        .render(render("markdown"))
    )

    class Table(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.rows, self.cell, self.tags = [], None, []

        def handle_starttag(self, tag, attrs):
            if tag == "tr":
                self.rows.append([])
            elif tag == "td":
                self.cell = []
            elif self.cell is not None:
                self.tags.append((len(self.rows[-1]), tag))
            if tag in ("script", "a", "img", "iframe", "style"):
                raise AssertionError(f"<{tag}> in the rendered Markdown")

        def handle_endtag(self, tag):
            if tag == "td":
                self.rows[-1].append("".join(self.cell))
                self.cell = None

        def handle_data(self, data):
            if self.cell is not None:
                self.cell.append(data)

    table = Table()
    table.feed(html)
    rows = [r for r in table.rows if len(r) == 6]
    assert [r[0] for r in rows] == [r.id for r in report.requirements]
    for cells, r in zip(rows, report.requirements, strict=True):
        shown = cells[3].replace("\u200b", "")
        assert shown == one_line(r.text), "the requirement reads exactly as written"
    # Markup only where we put it: bold verdicts (column 2), nothing inside text columns.
    assert {column for column, _ in table.tags} <= {2}
