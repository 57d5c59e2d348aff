"""Hostile requirement text comes out inert in EVERY format.

The fixture RFP holds formula-injection payloads, rich markup, HTML/script
and an ANSI escape (see conftest.RFP). Each format is read back with its real
consumer and checked for what would make the payload live there.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest

from dealcheck.formats import FORMATS
from dealcheck.formats._cells import neutralise

from .conftest import ANSI, FORMULA_PAYLOADS, MARKUP, SCRIPT

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def text_of(output: str | bytes) -> str:
    if isinstance(output, bytes):
        with zipfile.ZipFile(io.BytesIO(output)) as z:
            return "\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    return output


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_no_control_characters_reach_the_output(render, fmt):
    out = text_of(render(fmt))
    assert ANSI not in out and "\x1b" not in out
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", out), fmt


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_requirement_appears(render, report, fmt):
    """Inert does not mean dropped: each hostile requirement is still reported."""
    out = render(fmt)
    if fmt == "xlsx":
        import openpyxl

        ws = openpyxl.load_workbook(io.BytesIO(out)).worksheets[0]
        seen = {c.value for c in ws["A"]}
    else:
        seen = out
    for r in report.requirements:
        if fmt == "sarif" and r.verdict == "supported":
            continue
        assert r.id in seen, (fmt, r.id)


def test_table(render):
    out = render("table")
    assert MARKUP in out, "rich markup is shown as written, never interpreted"


def test_json_keeps_text_exactly(render, report):
    data = json.loads(render("json"))
    texts = [r["text"] for r in data["requirements"]]
    assert texts == [r.text for r in report.requirements]
    assert any(ANSI in t for t in texts), "the contract keeps text as read; JSON escapes it"


def test_markdown(render):
    out = render("markdown")
    assert SCRIPT not in out and "&lt;script&gt;" in out
    assert MARKUP not in out and r"\[bold red\]x\[/\]" in out
    assert "@SUM" not in out, "no @mention"


def test_html(render):
    out = render("html")
    body = out.split("<script>", 1)[0]
    assert SCRIPT not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert out.count("<script>") == 1


def test_sarif(render):
    data = json.loads(render("sarif"))
    messages = [r["message"]["text"] for r in data["runs"][0]["results"]]
    assert any(SCRIPT in m for m in messages), "plain text, rendered as text by viewers"
    assert not any("\x1b" in m for m in messages)


def test_junit(render):
    root = ET.fromstring(render("junit").encode("utf-8"))
    names = [c.get("name") for c in root.iter("testcase")]
    assert any(SCRIPT in n for n in names), "escaped by the XML writer, read back intact"
    assert not root.findall(".//script")


def test_csv_cells_are_neutralised(render):
    rows = list(csv.reader(io.StringIO(render("csv"), newline="")))
    for row in rows:
        for cell in row:
            assert not cell.startswith(TRIGGERS), cell
    texts = [row[3] for row in rows[1:]]
    for payload in FORMULA_PAYLOADS:
        assert any(t.startswith("'" + payload) for t in texts), payload


def test_xlsx_cells_are_text_never_formulas(render):
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(render("xlsx")))
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(TRIGGERS), (cell.coordinate, cell.value)
    texts = [c.value for c in wb["Compliance matrix"]["D"]]
    assert "'" + FORMULA_PAYLOADS[0] + " must be supported" in texts


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("fine", "fine"),
        ("", ""),
        ("a=b", "a=b"),
        ("'=already", "'=already"),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected
