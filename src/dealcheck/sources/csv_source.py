"""CSV and TSV compliance matrices: each data row is a requirement.

The encoding is sniffed (UTF-8 with or without BOM, UTF-16, cp1252) by
:func:`dealcheck.textio.decode_text` and the dialect by :class:`csv.Sniffer`.
Title rows above the header are skipped: the header is the row among the
first :data:`HEADER_SCAN` that looks most like a requirement table's header.
Each data row with text in the requirement column is one requirement (blank
rows and rows without text are skipped, short and long rows tolerated); a
cell's text is kept as written, embedded line breaks included, trimmed at
the ends. A blank Section/Category cell takes the value above it, as a
merged cell does in the workbook the CSV was saved from, and a row whose
only value is its first cell (outside the text column) is a group heading
naming the section of the rows below. A numbered section row ("2 | Security
and data protection" above "2.1 | ..."), a row repeating the header and a
total row at the foot of the table are not requirements either
(:func:`dealcheck.sources.columns.row_roles`): the first names the section, the
others are listed as not read.

Source: ``line`` is the physical line where the record starts, ``row`` the
record's number in the file (the header row included), 1-based; they differ
only after a quoted cell with a line break.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections import Counter

from dealcheck.errors import InputError
from dealcheck.requirements import Location
from dealcheck.sources import ReadOptions, Skipped, SourceResult
from dealcheck.sources.columns import (
    REPEATED_HEADER,
    cell_text,
    find_columns,
    first_filled_row,
    group_heading,
    header_score,
    read_as_text,
    repeats_header,
    row_roles,
    row_text,
    text_column_by_width,
    total_row,
    total_rows_warning,
)
from dealcheck.sources.common import heading_priority, make_requirement
from dealcheck.textio import decode_text

HEADER_SCAN = 20


class _Dialect(csv.excel):
    """Excel's quoting rules (the ones every spreadsheet writes), with the sniffed delimiter."""


#: The delimiters a spreadsheet export uses, the most common first (ties go to it).
DELIMITERS = ",;\t|"
#: Rows of the file's start read to choose the delimiter.
DELIMITER_SCAN = 50


#: Characters of the file's start read to choose the delimiter.
DELIMITER_SAMPLE = 65536


def _dialect(text: str, name: str) -> type[csv.Dialect]:
    if name.lower().endswith(".tsv"):
        return csv.excel_tab
    sample = text[:DELIMITER_SAMPLE]
    delimiter = _delimiter(sample, cut=len(text) > len(sample))
    return type("SniffedDialect", (_Dialect,), {"delimiter": delimiter})


def _delimiter(sample: str, cut: bool = False) -> str:
    """The delimiter that splits the most rows into the same number of columns (more
    than one), with Excel's quoting. ``csv.Sniffer`` guesses from character counts and
    goes wrong on short files whose cells hold a ';' or a quote ("Must ;'").

    ``cut``: the sample is the start of a longer text, so the record that runs into its
    end may be a piece of one (a long quoted cell): it is not counted. Counted, a cell
    of prose cut short was a row of 27 columns split at its semicolons, ';' won over
    the header's ',', and a file whose cell was too long said "no requirement column".
    """
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(sample, newline=""), _Dialect, delimiter=delimiter)
        try:
            rows = list(itertools.islice(reader, DELIMITER_SCAN + 1))
        except csv.Error:
            continue
        if len(rows) > DELIMITER_SCAN:
            rows = rows[:DELIMITER_SCAN]  # the last one read ended before the sample did
        elif cut:
            rows = rows[:-1]
        widths = Counter(len(row) for row in rows if any(cell.strip() for cell in row))
        if not widths:
            continue
        width, count = max(widths.items(), key=lambda wc: (wc[1], wc[0]))
        score = (count, width) if width > 1 else (0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _cell_too_long(name: str, line: int) -> InputError:
    """A cell longer than the csv module reads, reported on the line its row starts."""
    limit = csv.field_size_limit()
    return InputError(
        f"a cell in this row is larger than the CSV field limit of {limit:,} characters",
        name,
        line,
        hint="split a long requirement over several rows, or put it in a .txt or .docx"
        ' file; if no cell is meant to be that long, look for a quote " that is never'
        " closed, which runs the cell on to the end of the file; --max-bytes limits the"
        " whole file, not a cell",
    )


def _check_closed(
    text: str, last: tuple[list[str], int], dialect: type[csv.Dialect], name: str
) -> None:
    """Refuse a file whose last record ends inside a quoted cell.

    The csv module (not strict, so that a stray quote in a cell, 27" screens, reads as
    Excel reads it) takes the end of the file as the end of a quote never closed: every
    row after the quote was one cell of the row before, silently ("SSO with SAML
    2.0,Must\nR-2,Audit log,Must"). Only the last record can run to the end, so it alone
    is parsed again, strictly; the error names the line of the quote that opens the cell.
    """
    row, start = last
    tail = "\n".join(text.split("\n")[start - 1 :])
    try:
        for _ in csv.reader(io.StringIO(tail, newline=""), dialect, strict=True):
            pass
    except csv.Error as exc:
        if "unexpected end of data" not in str(exc):
            return  # a stray quote before the end: read as Excel reads it, as before
        cell = row[-1] if row else ""
        line = text.count("\n") + 1 - cell.count("\n")
        raise InputError(
            'a quote " that opens a cell on this line is never closed: the rest of the file'
            " would be read as that one cell",
            name,
            line,
            hint='close the quote; a quote inside a quoted cell is written twice ("")',
        ) from None


def read(data: bytes, name: str, options: ReadOptions) -> SourceResult:
    text = decode_text(data, name)
    dialect = _dialect(text, name)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    records: list[tuple[list[str], int]] = []
    line = 1
    try:
        for row in reader:
            records.append((row, line))
            line = reader.line_num + 1
    except csv.Error as exc:
        if "field limit" in str(exc):
            raise _cell_too_long(name, line) from None
        raise InputError(f"malformed CSV: {exc}", name, reader.line_num) from None
    if records:
        _check_closed(text, records[-1], dialect, name)

    header_index = None
    best = 0
    for i, (row, _) in enumerate(records[:HEADER_SCAN]):
        score = header_score(row)
        if score > best:
            header_index, best = i, score
    if options.text_column:
        # The user named the column: the header is the first row that has it.
        wanted = options.text_column.strip().lower()
        for i, (row, _) in enumerate(records[:HEADER_SCAN]):
            if any(str(c).strip().lower() == wanted for c in row):
                header_index = i
                break
    text_index = None
    at = first_filled_row([r for r, _ in records[:HEADER_SCAN]])
    if header_index is None and not options.text_column and at is not None:
        # A header that names an id column but no text column ("ID,
        # Integration, Priority"): the text is the column with the most words below it.
        text_index = text_column_by_width(records[at][0], [r for r, _ in records[at + 1 :]])
        if text_index is not None:
            header_index = at
    if header_index is None:
        first, first_line = next(
            ((r, n) for r, n in records if any(c.strip() for c in r)), ([], None)
        )
        shown = ", ".join(repr(c.strip()) for c in first if c.strip()) or "none"
        raise InputError(
            "no requirement column found",
            name,
            first_line,
            hint=f"headers found: {shown}; name the column with --text-column",
        )
    header, header_line = records[header_index]
    columns = find_columns(
        header,
        text_column=options.text_column,
        text_index=text_index,
        id_column=options.id_column,
        priority_column=options.priority_column,
        where=f"{name}:{header_line}",
        above=[row for row, _ in records[:header_index]],
    )
    if columns is None:  # pragma: no cover - header_score > 0 implies a text column
        raise InputError("no requirement column found", name, header_line)
    result = SourceResult()
    if text_index is not None:
        result.warnings.append(read_as_text(f"{name}:{header_line}", header[text_index]))
    section: str | None = None
    body: list[tuple[int, list[str], int]] = []
    for number, (row, line) in enumerate(records[header_index + 1 :], start=header_index + 2):
        if repeats_header(row, header, columns.text):
            where = Location(name, line, row=number)
            result.skipped.append(Skipped(row_text(row), where, REPEATED_HEADER))
            continue
        body.append((number, row, line))
    roles = iter(row_roles([shape for _, row, _ in body if (shape := columns.shape(row))]))
    totals: list[str] = []  # the lines of total rows, not read
    for number, row, line in body:
        if columns.section is not None and columns.section < len(row):
            # A blank section cell belongs to the group above it (merged cells saved as CSV).
            section = cell_text(row[columns.section]).strip() or section
        value = row[columns.text] if columns.text < len(row) else ""
        if not value.strip():
            section = group_heading(row, columns) or section
            continue
        role = next(roles)
        if role is not None and role[0] == "section":
            section = role[1]  # "2 | Security and data protection" above "2.1 | ..."
            continue
        if role is not None:
            result.skipped.append(Skipped(row_text(row), Location(name, line, row=number), role[1]))
            totals.append(total_row("line", line, value.strip()))
            continue
        ident = row[columns.id].strip() if columns.id is not None and columns.id < len(row) else ""
        priority, note = None, None
        if columns.priority is not None and columns.priority < len(row):
            priority, note = columns.priority_of(row[columns.priority])
        req = make_requirement(
            value,
            Location(name, line, row=number),
            explicit_id=ident or None,
            explicit_priority=priority,
            section=section,
            priority_note=note,
            section_priority=heading_priority(section) if section else None,
        )
        if req.text:
            result.requirements.append(req)
    if totals:
        result.warnings.append(total_rows_warning(name, totals))
    columns.settle_priority_notes(result.requirements)
    return result
