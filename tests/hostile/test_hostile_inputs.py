"""Hostile and broken requirement files: a clear one-line error (exit 2) or correct output.

Every case runs through the real CLI. An error must be one line naming the
file, with no traceback; valid-but-odd input must be read correctly.
"""

from __future__ import annotations

import codecs
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dealcheck.cli import main

CATALOG = str(Path(__file__).parents[1] / "engine" / "catalog.yaml")


def check(path: Path, capsys, *extra: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(["check", str(path), "-c", CATALOG, "--format", "json", *extra])
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def assert_clean_error(code: int, out: str, err: str, path: Path, expected: str | None) -> None:
    assert code == 2, (code, out, err)
    assert "Traceback" not in err + out
    lines = err.strip().splitlines()
    assert lines and lines[0].startswith("dealcheck: error: "), err
    assert str(path) in lines[0]
    if expected is not None:
        assert expected.lower() in err.lower(), err


def texts(out: str) -> list[str]:
    return [r["text"] for r in json.loads(out)["requirements"]]


# -- errors -------------------------------------------------------------------


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    doc = docx.Document()
    for p in paragraphs:
        doc.add_paragraph(p, style="List Bullet")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * 1024 * 1024))
    return buffer.getvalue()


ERRORS = {
    "empty.txt": (lambda: b"", "empty"),
    "spaces.txt": (lambda: b"  \n\n \t\n", "empty"),
    "binary.txt": (lambda: bytes(range(256)) * 8, "binary"),
    "nul.csv": (lambda: b"Requirement\nSSO\x00 please\n", "NUL"),
    "image.md": (lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "binary"),
    "not-a-workbook.xlsx": (lambda: b"Requirement\nSSO\n", "not a valid .xlsx"),
    "truncated.xlsx": (lambda: xlsx_bytes([["Requirement"], ["SSO"]])[:400], "not a valid .xlsx"),
    "encrypted.xlsx": (
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
        "password-protected",
    ),
    "bomb.xlsx": (zip_bomb, "zip bomb"),
    "no-column.xlsx": (
        lambda: xlsx_bytes([["Colour", "Size"], ["red", "L"]]),
        "no requirement column",
    ),
    "corrupt.docx": (lambda: b"PK\x03\x04" + b"garbage" * 20, "not a valid .docx"),
    "encrypted.docx": (
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
        "password-protected",
    ),
    "not.pdf": (lambda: b"hello, not a pdf", "not a PDF"),
    "truncated.pdf": (lambda: b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "PDF"),
    "no-column.csv": (lambda: b"Colour,Size\nred,L\n", "no requirement column"),
    "bad.yaml": (lambda: b"requirements: [unclosed\n", "invalid YAML"),
    "bomb.yaml": (
        lambda: (
            b'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
            + b"".join(
                f"{c}: &{c} [{','.join([f'*{p}'] * 9)}]\n".encode()
                for p, c in zip("abcdefghi", "bcdefghij")
            )
            + b"requirements: [x]\n"
        ),
        "alias",
    ),
    # Deeper than the YAML parser allows: a clean error whoever refuses it (no wording).
    "deep.json": (lambda: b'{"requirements": ' + b"[" * 3000 + b"]" * 3000 + b"}", None),
    # Deeper than dealcheck allows, within the parser's limit: our check, our wording.
    "deep-100.json": (
        lambda: b'{"requirements": ' + b"[" * 100 + b"]" * 100 + b"}",
        "nested more than 64",
    ),
    "tag.yaml": (
        lambda: b"requirements: [!!python/object/apply:os.system ['id']]\n",
        "unsupported tag",
    ),
    "unknown-key.yaml": (lambda: b"requirement:\n  - SSO\n", "did you mean 'requirements'"),
    "bad-priority.yaml": (
        lambda: b"requirements:\n  - {text: SSO, priority: urgent}\n",
        "unknown priority",
    ),
    "legacy.xls": (lambda: b"\xd0\xcf\x11\xe0", "legacy"),
    "notes.rtf": (lambda: b"{\\rtf1 hello}", "extension"),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_bad_input_is_one_clean_line(name, tmp_path, capsys):
    make, expected = ERRORS[name]
    path = tmp_path / name
    path.write_bytes(make())
    code, out, err = check(path, capsys)
    assert_clean_error(code, out, err, path, expected)


def test_encrypted_pdf(tmp_path, capsys):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    code, out, err = check(path, capsys)
    assert_clean_error(code, out, err, path, "password-protected")


def test_oversized_file(tmp_path, capsys):
    path = tmp_path / "big.txt"
    path.write_text("Must support SAML SSO\n" * 10_000)
    code, out, err = check(path, capsys, "--max-bytes", "100000")
    assert_clean_error(code, out, err, path, "limit")


def test_unknown_region_in_deal_file_points_at_its_line(tmp_path, capsys):
    path = tmp_path / "deal.yaml"
    path.write_text("deal: X\nregion: mars\nrequirements: [SAML SSO]\n")
    code, out, err = check(path, capsys)
    assert_clean_error(code, out, err, path, "unknown region 'mars'")
    assert f"{path}:2:9" in err and "us, eu, uk" in err


def test_escape_codes_in_values_quoted_by_errors_are_shown_escaped(tmp_path, capsys):
    """A value an error quotes is shown as it is: its escape code was obeyed by the terminal
    (or dropped), and "unknown edition 'enterprise' (did you mean 'enterprise'?)" read as
    nonsense. Each error, one or several, shows the escapes; none reaches the terminal."""
    deal = tmp_path / "deal.yaml"
    deal.write_text(
        'deal: Globex\nedition: "\\e[31menterprise"\nrequirements:\n  - Must support SAML SSO\n',
        encoding="utf-8",
    )
    code, out, err = check(deal, capsys)
    assert_clean_error(code, out, err, deal, None)
    assert "\x1b" not in err
    assert "unknown edition '\\x1b[31menterprise' (did you mean 'enterprise'?" in err

    deal.write_text(
        'edition: "\\e]0;pwned\\a\\u202eesirpretne"\nregion: "eu\\tnorth"\n'
        "requirements:\n  - Must support SAML SSO\n",
        encoding="utf-8",
    )
    code, out, err = check(deal, capsys)
    lines = err.splitlines()
    assert code == 2 and len(lines) == 2, err
    assert not any(ch in err for ch in "\x1b\x07\u202e\t"), repr(err)
    assert "unknown edition '\\x1b]0;pwned\\x07\\u202eesirpretne'" in lines[0]
    assert "unknown region 'eu\\tnorth'" in lines[1]

    matrix = tmp_path / "matrix.csv"
    matrix.write_text("Ref,\x1b[2JRequirement\nA-1,Must support SAML SSO\n", encoding="utf-8")
    code, out, err = check(matrix, capsys, "--text-column", "Requirement")
    assert_clean_error(code, out, err, matrix, "no requirement column found")
    assert "\x1b" not in err and "'\\x1b[2JRequirement'" in err

    missing = tmp_path / "rfp\x1b[2J.txt"
    code, out, err = check(missing, capsys)
    assert code == 2 and "\x1b" not in err and "rfp\\x1b[2J.txt: no such file" in err

    missing.write_text("Must support SAML SSO\n", encoding="utf-8")  # a warning quotes it
    code, out, err = check(missing, capsys, "--sheet", "Security")
    assert code in (0, 1) and "dealcheck: warning: --sheet applies" in err
    assert "\x1b" not in err and "rfp\\x1b[2J.txt" in err


# -- valid but odd -----------------------------------------------------------

ODD_TEXT = ["Must support SAML SSO", "Caf\u00e9 menus \u2013 \u201cnice\u201d to have"]


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),
        lambda t: t.encode("utf-16-le"),
        lambda t: t.encode("utf-16-be"),
        lambda t: t.encode("cp1252"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.replace("\n", "\r").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "cp1252", "crlf", "lone-cr"],
)
def test_encodings_and_line_endings(encode, tmp_path, capsys):
    path = tmp_path / "odd.txt"
    path.write_bytes(encode("\n".join(ODD_TEXT) + "\n"))
    code, out, err = check(path, capsys)
    assert code in (0, 1), err
    assert texts(out) == ODD_TEXT
    assert [r["source"]["line"] for r in json.loads(out)["requirements"]] == [1, 2]


@pytest.mark.parametrize(
    ("data", "line", "byte", "label"),
    [
        # Excel's plain "CSV" (Windows-1252) behind a UTF-8 byte-order mark, CRLF.
        (
            codecs.BOM_UTF8
            + b"ID;Requirement;Priority\r\n1;Wi-Fi guest access must be supported;Must\r\n"
            + "2;Caf\u00e9 menus must show prices in \u20ac;Should\r\n".encode("cp1252"),
            3,
            "E9",
            "UTF-8",
        ),
        # UTF-16 with its mark, and half a surrogate pair on the second line.
        (
            "ID,Requirement\nR-1,SSO\n".encode("utf-16") + b"\x00\xdcA\x00",
            3,
            "00 DC",
            "UTF-16",
        ),
    ],
    ids=["utf8-bom-cp1252", "utf16-lone-surrogate"],
)
def test_text_not_in_the_encoding_its_mark_announces_names_the_line_and_the_fix(
    data, line, byte, label, tmp_path, capsys
):
    """Regression: "cannot decode utf-8-sig text: invalid continuation byte", with no
    line and no way out."""
    path = tmp_path / "matrix.csv"
    path.write_bytes(data)
    code, out, err = check(path, capsys)
    assert_clean_error(code, out, err, path, None)
    assert err.startswith(
        f"dealcheck: error: {path}:{line}: the file starts with a {label} byte-order mark,"
        f" but this line is not {label}: byte {byte} cannot be read ("
    ), err
    assert "CSV UTF-8" in err and "without the byte-order mark" in err


@pytest.mark.parametrize(
    ("rows", "line"),
    [
        (['R-1,"SSO with SAML 2.0,Must', "R-2,Audit log,Must", "R-3,Data residency,Should"], 2),
        # The quote opens a cell two lines below a quoted cell with a line break.
        (['R-1,"Audit log,\nexported daily",Must', 'R-2,Retention,"Must', "R-3,SIEM,Should"], 4),
        # A file cut short inside its last quoted cell.
        (["R-1,SSO,Must", 'R-2,"Audit log of every admin action'], 3),
    ],
    ids=["middle", "after-a-multi-line-cell", "cut-short"],
)
def test_a_quote_never_closed_is_an_error_at_its_line(rows, line, tmp_path, capsys):
    """Regression: the csv module took the end of the file as the quote's end, and every
    row after it became one cell of its row, with no word said."""
    path = tmp_path / "matrix.csv"
    path.write_text("ID,Requirement,Priority\n" + "\n".join(rows) + "\n", encoding="utf-8")
    code, out, err = check(path, capsys)
    assert_clean_error(code, out, err, path, None)
    assert err.startswith(
        f'dealcheck: error: {path}:{line}: a quote " that opens a cell on this line is never closed'
    ), err
    assert 'written twice ("")' in err


def test_quotes_that_close_or_stand_in_a_cell_are_read_as_before(tmp_path, capsys):
    path = tmp_path / "matrix.csv"
    path.write_bytes(
        b'ID,Requirement,Priority\r\nR-1,"Audit log, ""exported"" daily",Must\r\n'
        b'R-2,27" monitors for every desk,Should\r\nR-3,"Data residency\nin the EU","Must"'
    )
    code, out, err = check(path, capsys)
    assert code in (0, 1), err
    assert texts(out) == [
        'Audit log, "exported" daily',
        '27" monitors for every desk',
        "Data residency\nin the EU",
    ]


def test_invalid_utf8_falls_back_without_losing_lines(tmp_path, capsys):
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"Must support SAML SSO\nCaf\xe9 \xff\xfe menu\n")
    code, out, err = check(path, capsys)
    assert code in (0, 1) and len(texts(out)) == 2


def test_csv_ragged_rows_embedded_newlines(tmp_path, capsys):
    path = tmp_path / "matrix.csv"
    path.write_text(
        "ID,Requirement,Priority\n"
        'A-1,"Must support SAML SSO\nwith Okta",M\n'
        "A-2,Short row\n"
        'A-3,"Audit trail, with ""quotes""",S,extra,cells\n'
        ",,\n"
        "A-4,Offline mode,C\n"
    )
    code, out, err = check(path, capsys)
    report = json.loads(out)["requirements"]
    assert [r["id"] for r in report] == ["A-1", "A-2", "A-3", "A-4"]
    assert report[0]["text"] == "Must support SAML SSO\nwith Okta"
    assert report[2]["text"] == 'Audit trail, with "quotes"'
    assert [r["priority"] for r in report] == ["must", "must", "should", "may"]
    assert [r["source"]["line"] for r in report] == [2, 4, 5, 7]


def test_spreadsheet_with_100k_empty_styled_rows(tmp_path, capsys):
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill

    wb = Workbook()
    ws = wb.active
    ws.append(["ID", "Requirement"])
    ws.append(["X-1", "Must support SAML SSO"])
    fill = PatternFill("solid", fgColor="FFFF00")
    for row in range(3, 100_003):
        ws.cell(row=row, column=1).fill = fill
    ws.cell(row=100_003, column=2, value="Hidden far below")
    path = tmp_path / "styled.xlsx"
    wb.save(path)
    code, out, err = check(path, capsys)
    assert texts(out) == ["Must support SAML SSO"]


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "html", "csv"])
def test_markup_escape_codes_html_and_formulas_are_inert(fmt, tmp_path, capsys):
    path = tmp_path / "evil.txt"
    path.write_text(
        "Must support [bold red]SAML SSO[/]\n"
        "\x1b[2J\x1b]0;pwned\x07Offline mode \x1b[31mred\x1b[0m\n"
        "<script>alert(1)</script> audit trail\n"
        '=HYPERLINK("http://evil.example","click") REST API\n'
    )
    with pytest.raises(SystemExit):
        main(["check", str(path), "-c", CATALOG, "--format", fmt])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    if fmt in ("table", "json", "csv"):
        assert "[bold red]SAML SSO[/]" in out  # shown as written, never as markup
    if fmt in ("html", "markdown"):
        assert "<script>alert(1)</script>" not in out
    if fmt == "csv":
        assert "\n=HYPERLINK" not in out and ",=HYPERLINK" not in out


def test_twenty_thousand_requirements_are_checked(tmp_path):
    lines = ["Must support SAML SSO", "Offline mode", "A submarine", "99.95% uptime SLA"] * 5000
    path = tmp_path / "big.txt"
    path.write_text("\n".join(lines) + "\n")
    proc = subprocess.run(
        [sys.executable, "-m", "dealcheck", "check", str(path), "-c", CATALOG, "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert report["summary"]["total"] == 20_000
    assert [r["text"] for r in report["requirements"][:4]] == lines[:4]


def test_input_files_are_never_modified(tmp_path, capsys):
    import hashlib

    examples = Path(__file__).parents[2] / "examples"
    for name in (
        "rfp.md",
        "compliance-matrix.csv",
        "compliance-matrix.xlsx",
        "rfp.docx",
        "rfp.pdf",
        "deal.yaml",
        "questions.txt",
    ):
        path = examples / name
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        with pytest.raises(SystemExit):
            main(
                [
                    "check",
                    str(path),
                    "--catalog",
                    str(examples.parent / "capabilities.yaml"),
                    "--format",
                    "json",
                ]
            )
        capsys.readouterr()
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before, name


def test_fuzz_regression_id_with_only_a_marker_keeps_its_text(tmp_path, capsys):
    # Found by tests/fuzz: "A-0 *" once became a requirement with empty text.
    path = tmp_path / "odd.txt"
    path.write_bytes(b"A-0\t*\n")
    code, out, err = check(path, capsys)
    assert texts(out) == ["A-0\t*"]


def _pdf_bytes(text: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([Paragraph(text, getSampleStyleSheet()["Normal"])])
    return buffer.getvalue()


def _read_in_a_process(path: Path) -> subprocess.CompletedProcess[str]:
    # A process of its own: pytest's log capture would hide what pypdf logs to stderr.
    return subprocess.run(
        [sys.executable, "-m", "dealcheck", "read", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_pypdf_log_lines_never_reach_stderr(tmp_path):
    """Regression: pypdf's "EOF marker not found" came before dealcheck's error line, and
    "incorrect startxref pointer(3)" among the output of a PDF read past its flaw."""
    pytest.importorskip("reportlab")
    pytest.importorskip("pypdf")
    import re

    good = _pdf_bytes("1. The platform must support SAML single sign-on.")
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(good[: good.rfind(b"%%EOF")])
    proc = _read_in_a_process(cut)
    assert proc.returncode == 2
    # One line, ours (what pypdf says of the damage after the colon is its own wording).
    (line,) = proc.stderr.splitlines()
    assert line.startswith(f"dealcheck: error: {cut}: cannot read the PDF (damaged or truncated)")
    # A wrong xref pointer pypdf reads past: the file is read, and nothing else is said.
    skewed = tmp_path / "skewed.pdf"
    skewed.write_bytes(
        re.sub(rb"startxref\s+(\d+)", lambda m: b"startxref\n%d" % (int(m.group(1)) + 7), good)
    )
    proc = _read_in_a_process(skewed)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert [r["text"] for r in json.loads(proc.stdout)["requirements"]] == [
        "The platform must support SAML single sign-on."
    ]


def test_reading_a_pdf_leaves_the_pypdf_logger_as_it_was(tmp_path):
    pytest.importorskip("reportlab")
    import logging

    from dealcheck.sources import read_requirements

    path = tmp_path / "ok.pdf"
    path.write_bytes(_pdf_bytes("1. The platform must support SAML single sign-on."))
    logger = logging.getLogger("pypdf")
    before = (logger.propagate, list(logger.handlers), logger.level)
    requirements, _ = read_requirements([str(path)])
    assert [r.text for r in requirements] == ["The platform must support SAML single sign-on."]
    assert (logger.propagate, list(logger.handlers), logger.level) == before
