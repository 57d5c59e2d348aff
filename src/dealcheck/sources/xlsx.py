"""Excel workbooks (``.xlsx``): each data row of every requirement sheet is a requirement.

openpyxl reads the workbook (imported only here). A sheet holds requirements
when one of its first :data:`HEADER_SCAN` rows is a recognisable header (a
requirement text column, found by name); other sheets (a cover page,
instructions) are skipped, and a workbook with no such sheet is an error
that lists every sheet's headers. ``--sheet`` reads one sheet only.

Two kinds of sheet look like requirement tables and are not read (each is warned of,
and ``--sheet`` reads it): a hidden sheet (drop-down lists, withdrawn items: "Code |
Description"), and a column guide, a table whose rows name the columns of another
sheet's header and say what they hold ("Column | Description": "Ref", "Priority", "M =
Mandatory, D = Desirable"); its rows are listed as not read.

Safety and scale:

* The workbook is a zip archive: its declared uncompressed size is checked
  before openpyxl opens it (:data:`MAX_UNCOMPRESSED`), so a zip bomb is
  refused. An encrypted workbook is an OLE2 file, not a zip: refused with a
  clear message.
* Cached values are read (``data_only``): formulas are never evaluated.
* The workbook is read in read-only (streaming) mode, so a sheet with 100k
  styled but empty rows costs little; reading a sheet stops after
  :data:`MAX_EMPTY_RUN` consecutive empty rows.
* Merged cells: in a merged Section/Category cell only the first row holds
  the value, so the section column is filled down to the rows below it (a
  blank section cell means "same as above"). A row whose only value is in
  its first cell, outside the text column ("Access control" across the
  table), is a group heading: it names the section of the rows below.
* The sheet's stored dimension is ignored (some exporters write ``A1:A1``).

Source: ``sheet``, ``row`` (1-based) and ``column`` (the letter of the text column).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from dealcheck.errors import InputError
from dealcheck.requirements import Location, Requirement
from dealcheck.sources import ReadOptions, Skipped, SourceResult
from dealcheck.sources.columns import (
    REPEATED_HEADER,
    cell_text,
    find_columns,
    first_filled_row,
    group_heading,
    header_score,
    normalise_header,
    read_as_text,
    repeats_header,
    row_text,
    text_column_by_width,
)
from dealcheck.sources.common import heading_priority, make_requirement

HEADER_SCAN = 30
MAX_EMPTY_RUN = 1000
MAX_UNCOMPRESSED = 256 * 1024 * 1024
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def open_archive(data: bytes, name: str, kind: str) -> None:
    """Refuse encrypted, corrupt and zip-bomb Office files before a library opens them."""
    if data.startswith(OLE2_MAGIC):
        raise InputError(
            f"password-protected or legacy-format {kind} file",
            name,
            hint="remove the password (or save as a modern file) and try again",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
            if total > MAX_UNCOMPRESSED:
                raise InputError(
                    f"the {kind} file would expand to {total:,} bytes (limit"
                    f" {MAX_UNCOMPRESSED:,}): refused as a possible zip bomb",
                    name,
                )
            bad = archive.testzip() if len(data) < 20 * 1024 * 1024 else None
            if bad is not None:
                raise InputError(f"corrupt {kind} file (damaged member {bad})", name)
    except zipfile.BadZipFile:
        raise InputError(f"not a valid {kind} file (corrupt or not a zip archive)", name) from None


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def read(data: bytes, name: str, options: ReadOptions) -> SourceResult:
    open_archive(data, name, ".xlsx")
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - installed with the formats extra
        raise InputError(
            f"reading .xlsx needs openpyxl ({exc})", name, hint='pip install "dealcheck[formats]"'
        ) from None
    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_links=False
        )
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise InputError(f"cannot open the workbook: {type(exc).__name__}: {exc}", name) from None
    try:
        sheets = workbook.worksheets
        if options.sheet:
            chosen = [ws for ws in sheets if ws.title == options.sheet]
            if not chosen:
                chosen = [ws for ws in sheets if ws.title.lower() == options.sheet.lower()]
            if not chosen:
                raise InputError(
                    f"no sheet named {options.sheet!r}",
                    name,
                    hint="sheets: " + ", ".join(repr(ws.title) for ws in sheets),
                )
            sheets = chosen
        result = SourceResult()
        seen_headers: list[str] = []
        tables: list[_Table] = []
        unread: list[tuple[Any, str]] = []  # sheets with rows but no requirement column
        hidden: list[tuple[Any, _Table | None]] = []  # hidden sheets, not read
        for ws in sheets:
            if ws.sheet_state != "visible" and not options.sheet:
                hidden.append((ws, _probe(ws, name, options)))
                continue
            table = _read_sheet(ws, name, options)
            if table.found:
                tables.append(table)
            else:
                seen_headers.append(f"{ws.title!r}: {table.headers_text or 'no header row'}")
                if table.headers_text:
                    unread.append((ws, table.headers_text))
        guides = _column_guides(tables)
        for table in tables:
            guided = guides.get(id(table))
            if guided is None:
                result.requirements.extend(table.requirements)
                result.skipped.extend(table.skipped)
                result.warnings.extend(table.warnings)
                continue
            # A column guide ("Column | Description": "Ref", "Requirement", "Priority" ...)
            # describes another sheet's columns: listed, not read.
            reason = f"a guide to the columns of sheet {guided!r}, not a requirement"
            for req, cells in zip(table.requirements, table.rows, strict=True):
                result.skipped.append(Skipped(cells, req.source, reason))
            result.warnings.append(
                f"{name}[{table.title}]: its rows name the columns of sheet {guided!r} and"
                " say what they hold: read as a column guide, not as requirements"
                f" ({len(table.requirements)} rows, listed by dealcheck read; --sheet"
                f" {table.title!r} reads them)"
            )
        if tables:
            # Nothing lost: a sheet with rows but no requirement column beside one that
            # has one is said, not passed over.
            for ws, headers in unread:
                result.warnings.append(
                    f"{name}[{ws.title}]: no requirement column found ({headers});"
                    " this sheet was not read: name it with --sheet and --text-column"
                )
            for ws, probe in hidden:
                if probe is not None:
                    result.warnings.append(_hidden_sheet(name, ws, probe))
        if not tables:
            for ws, probe in hidden:
                seen_headers.append(
                    f"{ws.title!r} (a hidden sheet, read only with --sheet):"
                    f" {probe.headers_text if probe is not None else 'no requirement column'}"
                )
            raise InputError(
                (
                    f"no column named {options.text_column!r} (--text-column) in any sheet"
                    if options.text_column
                    else "no requirement column found in any sheet"
                ),
                name,
                hint="; ".join(seen_headers) + "; name the column with --text-column (and --sheet)",
            )
        return result
    finally:
        workbook.close()


@dataclass
class _Table:
    """One sheet's requirement table, as read (before the workbook decides what it is)."""

    title: str
    found: bool
    headers_text: str
    #: the header's cells (and those of the row above it: a header of two rows)
    header_cells: list[str] = field(default_factory=list)
    requirements: list[Requirement] = field(default_factory=list)
    #: per requirement: its row's filled cells ("Ref | Unique reference of ...")
    rows: list[str] = field(default_factory=list)
    #: per requirement: its row's first filled cell outside the text column
    labels: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _plain(value: object) -> str:
    """A header cell as a column's plain name: "Vendor response (Y/N/P)" -> "vendor response"."""
    return re.sub(r"\s+", " ", re.sub(r"\([^)]*\)", " ", normalise_header(value))).strip()


#: Rows of a sheet that must name another sheet's columns for it to be a column guide.
GUIDE_ROWS = 2


def _column_guides(tables: list[_Table]) -> dict[int, str]:
    """The tables that are a guide to another sheet's columns: id(table) -> that sheet.

    An instructions sheet often explains the matrix column by column ("Column |
    Description": "Ref" - "Unique reference of the requirement", "Priority" - "M =
    Mandatory, D = Desirable"). Its header names a text column like any table's, but
    the first cell of its rows is a column name of another sheet's header: when that is
    so for two rows at least and for half of its rows, the table is a column guide."""
    guides: dict[int, str] = {}
    for table in tables:
        labels = [label for label in table.labels if label]
        if len(labels) < GUIDE_ROWS:
            continue
        best, best_count = None, 0
        for other in tables:
            if other is table:
                continue
            names = {_plain(cell) for cell in other.header_cells} - {""}
            count = sum(1 for label in labels if label in names)
            if count > best_count:
                best, best_count = other.title, count
        if best is not None and best_count >= GUIDE_ROWS and 2 * best_count >= len(labels):
            guides[id(table)] = best
    return guides


def _probe(ws: Any, name: str, options: ReadOptions) -> _Table | None:
    """A hidden sheet's table, if it has one (read only to say so), else None."""
    try:
        table = _read_sheet(ws, name, options)
    except InputError:
        return None
    return table if table.found and table.requirements else None


def _hidden_sheet(name: str, ws: Any, table: _Table) -> str:
    """The warning for a hidden sheet with a table, which is not read."""
    state = "very hidden" if ws.sheet_state == "veryHidden" else "hidden"
    return (
        f"{name}[{ws.title}]: a {state} sheet ({table.headers_text}; {len(table.requirements)}"
        " rows) was not read: hidden sheets hold drop-down lists and withdrawn items;"
        f" --sheet {ws.title!r} reads it"
    )


def _read_sheet(ws, name: str, options: ReadOptions) -> _Table:
    # The stored <dimension> is often wrong (A1:A1 from some exporters); read what is there.
    ws.reset_dimensions()
    rows = ws.iter_rows(values_only=True)
    head: list[tuple[int, tuple]] = []
    try:
        for number, row in enumerate(rows, start=1):
            head.append((number, row))
            if number >= HEADER_SCAN:
                break
    except Exception as exc:
        raise InputError(f"cannot read sheet {ws.title!r}: {exc}", name) from None
    header_at = None
    best = 0
    for number, row in head:
        if options.text_column:
            wanted = normalise_header(options.text_column)
            if any(normalise_header(v) == wanted for v in row):
                header_at = number
                break
            continue
        score = header_score(list(row))
        if score > best:
            header_at, best = number, score
    text_index = None
    first = first_filled_row([r for _, r in head])
    if header_at is None and not options.text_column and first is not None:
        # A header that names an id column but no text column ("ID |
        # Integration | Priority"): the text is the column with the most words below it.
        text_index = text_column_by_width(head[first][1], [r for _, r in head[first + 1 :]])
        if text_index is not None:
            header_at = head[first][0]
    first_filled = next((r for _, r in head if any(v not in (None, "") for v in r)), ())
    headers_text = ", ".join(repr(cell_text(v)) for v in first_filled if v not in (None, ""))
    table = _Table(ws.title, False, headers_text)
    if header_at is None:
        return table
    header = list(head[header_at - 1][1])
    columns = find_columns(
        header,
        text_column=options.text_column,
        text_index=text_index,
        id_column=options.id_column,
        priority_column=options.priority_column,
        where=f"{name}[{ws.title}]:{header_at}",
        above=[row for _, row in head[: header_at - 1]],
    )
    if columns is None:
        return table
    table.found = True
    table.header_cells = [cell_text(v) for v in header]
    if header_at > 1:
        table.header_cells += [cell_text(v) for v in head[header_at - 2][1]]
    result = SourceResult()
    if text_index is not None:
        result.warnings.append(read_as_text(f"{name}[{ws.title}]:{header_at}", header[text_index]))
    letter = _letter(columns.text)
    section = None
    empty_run = 0

    def body():
        yield from head[header_at:]
        yield from enumerate(rows, start=len(head) + 1)

    for number, row in body():
        if not row or all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            empty_run += 1
            if empty_run >= MAX_EMPTY_RUN:
                break
            continue
        empty_run = 0
        if repeats_header(row, header, columns.text):
            at = Location(name, sheet=ws.title, row=number, column=letter)
            result.skipped.append(Skipped(row_text(row), at, REPEATED_HEADER))
            continue
        if columns.section is not None and columns.section < len(row):
            value = cell_text(row[columns.section]).strip()
            if value:
                section = value  # merged section cells: filled down
        text = cell_text(row[columns.text] if columns.text < len(row) else None).strip()
        if not text:
            heading = group_heading([cell_text(v) for v in row], columns)
            if heading:
                section = heading
            continue
        ident = ""
        if columns.id is not None and columns.id < len(row):
            ident = cell_text(row[columns.id]).strip()
        priority, note = None, None
        if columns.priority is not None and columns.priority < len(row):
            priority, note = columns.priority_of(row[columns.priority])
        req = make_requirement(
            text,
            Location(name, sheet=ws.title, row=number, column=letter),
            explicit_id=ident or None,
            explicit_priority=priority,
            section=section,
            priority_note=note,
            section_priority=heading_priority(section) if section else None,
        )
        if req.text:
            result.requirements.append(req)
            table.rows.append(row_text(row))
            label = next(
                (v for i, v in enumerate(row) if i != columns.text and cell_text(v).strip()), None
            )
            table.labels.append(_plain(label) if label is not None else "")
    columns.settle_priority_notes(result.requirements)
    table.requirements = result.requirements
    table.skipped = result.skipped
    table.warnings = result.warnings
    return table
