"""``--format csv``: the answered compliance matrix as CSV.

* When the requirements came from one CSV file, the output is the customer's
  own rows, with the answers on each requirement's row: in the customer's own
  response and comment columns when it has them (in its vocabulary), and in
  appended columns for the rest — where each answer goes is decided by
  :func:`dealcheck.formats.matrix.plan`. Other rows and cells are unchanged.
  Run on a matrix dealcheck already answered, the same columns are updated.
  The delimiter, quote character, line ending and UTF-8 BOM of the original
  are kept; the text is written as UTF-8.
* Otherwise (several files, another format, standard input, or rows that
  cannot be told apart), a fresh matrix: ID, Section, Priority, Requirement,
  Verdict, Response, Matched capability, Notes.

Every cell dealcheck writes, and every cell of a fresh matrix (the
requirement text included), is neutralised against formula injection
(:func:`dealcheck.formats._cells.neutralise`). The customer's own cells are
returned exactly as they sent them: it is their document, and it held the
same text before.
"""

from __future__ import annotations

import bisect
import csv
import io
import re
from pathlib import PurePath

from dealcheck.formats import RenderOptions
from dealcheck.formats.matrix import (
    MATRIX_HEADERS,
    Layout,
    MatrixOptions,
    base_cells,
    fresh_layout,
    plan,
    requirement_columns,
    row_answers,
)
from dealcheck.report import Report, RequirementResult

CSV_SUFFIXES = (".csv", ".tsv")


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def fresh_matrix(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(MATRIX_HEADERS)
    layout = fresh_layout()
    for r in report.requirements:
        answers = row_answers([r], layout)
        writer.writerow(base_cells(r) + [answers[i] for i in range(4, len(MATRIX_HEADERS))])
    return buffer.getvalue()


class _Original:
    """The customer's CSV as records, with the physical lines each record spans."""

    def __init__(self, data: bytes, name: str, suffix: str) -> None:
        from dealcheck.textio import decode_text

        self.bom = data.startswith(b"\xef\xbb\xbf")
        self.newline = "\r\n" if b"\r\n" in data[:65536] else "\n"
        text = decode_text(data, name)
        if text.startswith("\ufeff"):
            text = text[1:]
        self.dialect = self._sniff(text, suffix)
        reader = csv.reader(io.StringIO(text, newline=""), self.dialect)
        self.records: list[list[str]] = []
        self.first_line: list[int] = []  # physical line where each record starts
        line = 1
        for record in reader:
            self.records.append(record)
            self.first_line.append(line)
            line = reader.line_num + 1
        # Blank lines are skipped by csv.reader; rows are counted as records.

    @staticmethod
    def _sniff(text: str, suffix: str) -> type[csv.Dialect] | csv.Dialect:
        if suffix == ".tsv":
            return csv.excel_tab
        try:
            return csv.Sniffer().sniff(text[:65536], delimiters=",;\t|")
        except csv.Error:
            return csv.excel

    def record_of_line(self, line: int) -> int | None:
        """The index of the record that starts on, or spans, physical ``line``."""
        index = bisect.bisect_right(self.first_line, line) - 1
        return index if index >= 0 else None

    def holds(self, index: int | None, r: RequirementResult) -> bool:
        """Whether record ``index`` contains the requirement's text (a guard on the mapping)."""
        if index is None or not 0 <= index < len(self.records):
            return False
        want = _fold(r.text)
        return any(want and want in _fold(cell) for cell in self.records[index])


def _map_rows(original: _Original, report: Report) -> dict[int, list[RequirementResult]] | None:
    """Record index -> the requirements read from it, or None if any cannot be placed."""
    rows: dict[int, list[RequirementResult]] = {}
    for r in report.requirements:
        src = r.source
        candidates = []
        if isinstance(src.get("line"), int):
            candidates.append(original.record_of_line(src["line"]))
        if isinstance(src.get("row"), int):
            candidates += [src["row"] - 1, src["row"]]  # 1-based with header, or data rows only
        index = next((i for i in candidates if original.holds(i, r)), None)
        if index is None:
            return None
        rows.setdefault(index, []).append(r)
    return rows


def header_of(filled: list[int]) -> int | None:
    """Pick the header among the rows above the first requirement, nearest first.

    ``filled`` holds how many non-empty cells each candidate row has, nearest
    first. A header names several columns: the nearest row with two or more
    filled cells wins over a one-cell section or title row; failing that, the
    nearest non-empty row.
    """
    for i, n in enumerate(filled):
        if n >= 2:
            return i
    return next((i for i, n in enumerate(filled) if n), None)


def _plain_section(text: str) -> str:
    return re.sub(r"[\s.:]+", " ", text).strip().lower()


def section_titles(rows: dict[int, list[RequirementResult]]) -> set[str]:
    """The sections the reader gave the requirements, as :func:`section_row_of` compares
    them: a numbered section row ("2 | Security and data protection") above the first
    requirement is that requirement's section, not the table's header."""
    return {_plain_section(r.section) for results in rows.values() for r in results if r.section}


def section_row_of(cells: list[str], sections: set[str]) -> bool:
    """Whether a row's filled cells, read across, are the section of requirements below."""
    joined = " ".join(cell.strip() for cell in cells if cell.strip())
    return bool(joined) and _plain_section(joined) in sections


def _header_index(original: _Original, rows: dict[int, list[RequirementResult]]) -> int | None:
    above = [i for i in range(min(rows) - 1, -1, -1) if i not in rows]
    sections = section_titles(rows)
    filled = [
        0
        if section_row_of(original.records[i], sections)
        else sum(1 for cell in original.records[i] if cell.strip())
        for i in above
    ]
    pick = header_of(filled)
    return above[pick] if pick is not None else None


def _groups(original: _Original, header: int, width: int) -> list[str]:
    """Per column, the group header above it: a CSV keeps a merged cell's text in its first
    cell and leaves the rest empty, so a cell spans the empty ones to its right (a title
    that spans the whole row from the first column is a title, not a group)."""
    if header == 0:
        return [""] * width
    above = original.records[header - 1] + [""] * width
    groups, current = [], ""
    for i in range(width):
        if above[i].strip():
            current = above[i].strip()
        groups.append(current)
    filled = [i for i in range(width) if above[i].strip()]
    if filled == [0]:
        return [""] * width
    return groups


def _layout(
    original: _Original, header: int, width: int, options: MatrixOptions, name: str
) -> Layout:
    cells = original.records[header] + [""] * (width - len(original.records[header]))
    return plan(
        cells,
        taken=requirement_columns(cells, original.records[header - 1] if header else []),
        width=width,
        options=options,
        groups=_groups(original, header, width),
        legends=[" ".join(c for c in record if c.strip()) for record in original.records[:header]],
        where=f"{name}:{original.first_line[header]}",
    )


def answered_copy(
    report: Report, path: str, name: str, options: MatrixOptions | None = None
) -> str | None:
    """The customer's CSV with the answers in place, or None if it cannot be done."""
    from dealcheck.errors import InputError
    from dealcheck.textio import read_bytes

    try:
        original = _Original(read_bytes(path), name, PurePath(path).suffix.lower())
    except (InputError, csv.Error, OSError):
        return None
    if not original.records:
        return None
    rows = _map_rows(original, report)
    if not rows:
        return None
    header = _header_index(original, rows)
    width = max(len(record) for record in original.records)
    if header is None:
        return None
    layout = _layout(original, header, width, options or MatrixOptions(), name)
    total = max(width, layout.width)
    buffer = io.StringIO()
    if original.bom:
        buffer.write("\ufeff")
    writer = csv.writer(
        buffer,
        delimiter=original.dialect.delimiter,
        quotechar=original.dialect.quotechar or '"',
        doublequote=True,
        quoting=csv.QUOTE_MINIMAL,
        lineterminator=original.newline,
    )
    for i, record in enumerate(original.records):
        # Only records as wide as the table are padded: the customer's cells stay as sent.
        padded = record + [""] * (total - len(record)) if layout.appended else list(record)
        if i == header:
            for index, title in layout.appended:
                padded[index] = title
        elif i in rows:
            padded += [""] * (total - len(padded))
            for index, value in row_answers(rows[i], layout).items():
                padded[index] = value
        writer.writerow(padded)
    return buffer.getvalue()


def single_input(report: Report, options: RenderOptions, suffixes: tuple[str, ...]) -> str | None:
    """The one input file the whole report came from, if it has one of ``suffixes``."""
    if len(options.inputs) != 1 or options.inputs[0] == "-":
        return None
    path = options.inputs[0]
    if PurePath(path).suffix.lower() not in suffixes:
        return None
    files = {str(r.source.get("file")) for r in report.requirements}
    if len(files) != 1:
        return None
    return path


def matrix_options(options: RenderOptions) -> MatrixOptions:
    return MatrixOptions(
        response_column=options.extra.get("response_column"),
        comment_column=options.extra.get("comment_column"),
    )


def render(report: Report, options: RenderOptions) -> str:
    path = single_input(report, options, CSV_SUFFIXES)
    if path is not None and report.requirements:
        name = str(report.requirements[0].source.get("file"))
        answered = answered_copy(report, path, name, matrix_options(options))
        if answered is not None:
            return answered
    return fresh_matrix(report)
