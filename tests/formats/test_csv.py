"""--format csv: the answered compliance matrix, read back with the csv module."""

from __future__ import annotations

import csv
import io

import pytest

from dealcheck.engine import GateOptions
from dealcheck.formats import RenderOptions
from dealcheck.formats._cells import response
from dealcheck.formats.csv_format import render
from dealcheck.formats.matrix import ANSWER_HEADERS, MATRIX_HEADERS
from dealcheck.requirements import Location
from dealcheck.sources.common import make_requirement

from .conftest import CONTEXT, TODAY

# The customer's matrix: ';'-separated, CRLF, a UTF-8 BOM, a multi-line cell, a section row,
# a row shorter than the others, a formula the customer wrote, and text we must not touch.
CUSTOMER_ROWS = [
    ["Ref", "Requirement", "Priority", "Customer notes"],
    ["", "Identity", "", ""],
    ["SEC-1", "The platform must support SAML single sign-on", "Mandatory", "=A1"],
    ["SEC-2", "Blockchain notarisation of\nevery signed document", "Mandatory", ""],
    ["OPS-1", "Offline mode", "Optional"],
    ["OPS-2", "Must integrate with our mainframe via COBOL", "Mandatory", "ask \u00c9lodie"],
]


def write_customer_csv(path) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(CUSTOMER_ROWS)
    data = b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
    path.write_bytes(data)
    return data


def customer_requirements(name: str, how: str):
    """Requirements as a CSV reader would give them: located by record (row) or line."""
    lines = {2: 3, 3: 4, 4: 6, 5: 7}  # record index -> physical line (the cell spans 2 lines)
    reqs = []
    for index in (2, 3, 4, 5):
        ref, text, priority = CUSTOMER_ROWS[index][:3]
        if how == "row":
            where = Location(name, row=index + 1, column="B")
        else:
            where = Location(name, line=lines[index])
        req = make_requirement(
            text,
            where,
            explicit_id=ref,
            explicit_priority="may" if priority == "Optional" else "must",
        )
        reqs.append(req)
    return reqs


def read(text: str, **kw) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), **kw))


def test_fresh_matrix(render, report):
    rows = read(render("csv"))
    assert rows[0] == list(MATRIX_HEADERS)
    assert len(rows) == len(report.requirements) + 1
    for row, r in zip(rows[1:], report.requirements, strict=True):
        assert row[0] == r.id and row[1] == r.section and row[2] == r.priority
        assert row[4] == r.verdict and row[5] == response(r)
    cmp1 = next(row for row in rows if row[0] == "CMP-1")
    assert "waived by Dana Reyes <VP Sales> until 2027-01-31" in cmp1[7]
    sec2 = next(row for row in rows if row[0] == "SEC-2")
    assert sec2[6] == "SCIM user provisioning (scim)" and "enterprise" in sec2[7]


@pytest.mark.parametrize("how", ["row", "line"])
def test_customer_csv_answered_in_place(engine, tmp_path, how):
    path = tmp_path / "matrix.csv"
    original = write_customer_csv(path)
    reqs = customer_requirements(str(path), how)
    report = engine.check(reqs, CONTEXT, GateOptions(), today=TODAY)
    out = render(report, RenderOptions(inputs=[str(path)], requirements=reqs))
    assert out.startswith("\ufeff"), "the BOM Excel needs is kept"
    assert "\r\n" in out and ";" in out.splitlines()[0]
    rows = read(out, delimiter=";")
    assert len(rows) == len(CUSTOMER_ROWS)
    for row, before in zip(rows, CUSTOMER_ROWS, strict=True):
        assert row[: len(before)] == before, "the customer's cells are unchanged"
        assert len(row) == 4 + len(ANSWER_HEADERS)
    assert rows[0][4:] == list(ANSWER_HEADERS)
    assert rows[1][4:] == [""] * len(ANSWER_HEADERS), "a section row gets empty cells"
    verdicts = {row[0]: row[4:] for row in rows[2:]}
    for r in report.requirements:
        assert verdicts[r.id][0] == r.verdict
        assert verdicts[r.id][1] == response(r)
    assert verdicts["SEC-2"][1] == "Does not comply"
    assert verdicts["OPS-2"][1] == "Needs review"
    assert path.read_bytes() == original, "the input is never written"


def test_unplaceable_rows_fall_back_to_a_fresh_matrix(engine, tmp_path):
    path = tmp_path / "matrix.csv"
    write_customer_csv(path)
    reqs = customer_requirements(str(path), "row")
    for req in reqs:
        req.source = Location(str(path), row=99)
    report = engine.check(reqs, CONTEXT, GateOptions(), today=TODAY)
    out = render(report, RenderOptions(inputs=[str(path)], requirements=reqs))
    assert read(out)[0] == list(MATRIX_HEADERS)


def test_several_inputs_give_a_fresh_matrix(render, report):
    out = render("csv", opts=RenderOptions(inputs=["a.csv", "b.csv"]))
    assert read(out)[0] == list(MATRIX_HEADERS)


def test_real_csv_reader_round_trip(tmp_path, engine):
    """Through the real CSV reader, once it exists (written concurrently)."""
    pytest.importorskip("dealcheck.sources.csv_source")
    from dealcheck.sources import read_requirements

    path = tmp_path / "matrix.csv"
    write_customer_csv(path)
    reqs, _ = read_requirements([str(path)])
    report = engine.check(reqs, CONTEXT, GateOptions(), today=TODAY)
    out = render(report, RenderOptions(inputs=[str(path)], requirements=reqs))
    rows = read(out, delimiter=";")
    width = len(ANSWER_HEADERS)
    assert rows[0][-width:] == list(ANSWER_HEADERS)
    answered = [row for row in rows if row[-width]]
    assert len(answered) == len(reqs) + 1
