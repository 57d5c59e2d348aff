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
* Cached values are read (``data_only``): formulas are never evaluated. A formula
  saved with no value (by a script or an export that does not calculate) in a
  requirement's text, id, priority or section column is an error naming the cells:
  the requirement cannot be read until the workbook is saved by Excel or LibreOffice.
* The workbook is read in read-only (streaming) mode, so a sheet with 100k
  styled but empty rows costs little; reading a sheet stops after
  :data:`MAX_EMPTY_RUN` consecutive empty rows.
* Merged cells: in a merged range only its top-left cell holds the value (and
  read-only openpyxl knows no merged ranges), so the ranges are read from the
  sheet's XML (:func:`sheet_facts`): an id, priority or section cell merged down
  over several rows is each row's (a priority "D" merged over 1.3-1.5 makes all
  three desirable); a requirement cell merged down is one requirement. The
  section column is also filled down (a blank section cell means "same as
  above"). A row whose only value is in its first cell, outside the text column
  ("Access control" across the table), is a group heading: it names the section
  of the rows below.
* A numbered section row ("2 | Security and data protection" above "2.1 | ...")
  names the section of the rows below; a row repeating the header and a total or
  score row at the foot of the table ("Total mandatory requirements in this
  section: | 13") are listed as not read (:func:`dealcheck.sources.columns.row_roles`).
* A hidden row is read (nothing lost) and warned of: it is often a withdrawn item.
* The sheet's stored dimension is ignored (some exporters write ``A1:A1``).

Source: ``sheet``, ``row`` (1-based) and ``column`` (the letter of the text column).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
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
    row_roles,
    row_text,
    text_column_by_width,
    total_row,
    total_rows_warning,
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
    archive: zipfile.ZipFile | None = None
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
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts: dict[str, str] | None = None

        def facts(title: str) -> _Facts:
            nonlocal parts
            from dealcheck.formats._formula_values import worksheet_parts

            if archive is None:  # pragma: no cover - opened above
                return _Facts()
            if parts is None:
                parts = worksheet_parts(archive)
            return sheet_facts(archive, parts[title]) if title in parts else _Facts()

        result = SourceResult()
        seen_headers: list[str] = []
        tables: list[_Table] = []
        unread: list[tuple[Any, str]] = []  # sheets with rows but no requirement column
        hidden: list[tuple[Any, _Table | None]] = []  # hidden sheets, not read
        for ws in sheets:
            if ws.sheet_state != "visible" and not options.sheet:
                hidden.append((ws, _probe(ws, name, options, facts)))
                continue
            table = _read_sheet(ws, name, options, facts)
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
        if archive is not None:
            archive.close()


@dataclass
class _Facts:
    """What openpyxl's read-only mode does not give of a sheet, read from its XML."""

    #: the rows hidden in the workbook (1-based)
    hidden: set[int] = field(default_factory=set)
    #: merged ranges over several rows: (min_row, min_col, max_row, max_col), 1-based
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    #: formula cells saved with no value: (row, column), 1-based
    unsaved: set[tuple[int, int]] = field(default_factory=set)


_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def sheet_facts(archive: zipfile.ZipFile, part: str) -> _Facts:
    """The hidden rows, the ranges merged down over several rows and the formula cells
    with no saved value of the worksheet ``part``, in one pass over its XML.

    A formula's saved value is its ``<v>``: a cell with a formula and no ``<v>``, or an
    empty one on a cell that is not text (a program that does not calculate, such as a
    script or a web export, saves formulas so), shows nothing to a reader that does not
    calculate. An empty ``<v>`` on a text cell (``t="str"``) is a formula that showed "".
    The archive was checked before openpyxl opened it (:func:`open_archive`); the XML is
    parsed with :mod:`xml.etree.ElementTree`, which fetches no external entity."""
    from xml.etree import ElementTree as ET

    from openpyxl.utils.cell import column_index_from_string, range_boundaries

    facts = _Facts()
    row_number, column = 0, 0
    try:
        with archive.open(part) as stream:
            for event, element in ET.iterparse(stream, events=("start", "end")):
                tag = _local(element.tag)
                if event == "start":
                    if tag == "row":
                        given = element.get("r")
                        row_number = int(given) if given and given.isdigit() else row_number + 1
                        column = 0
                        if element.get("hidden") in ("1", "true"):
                            facts.hidden.add(row_number)
                    continue
                if tag == "c":
                    ref = _CELL_REF.fullmatch(element.get("r") or "")
                    column = column_index_from_string(ref.group(1)) if ref else column + 1
                    row = int(ref.group(2)) if ref else row_number
                    children = {_local(child.tag): child for child in element}
                    value = children.get("v")
                    if "f" in children and (
                        value is None or (not value.text and element.get("t") != "str")
                    ):
                        facts.unsaved.add((row, column))
                    element.clear()
                elif tag == "row":
                    element.clear()
                elif tag == "mergeCell":
                    try:
                        min_col, min_row, max_col, max_row = range_boundaries(
                            element.get("ref") or ""
                        )
                    except (ValueError, TypeError):
                        continue
                    if min_row is not None and max_row is not None and max_row > min_row:
                        facts.merged.append((min_row, min_col or 1, max_row, max_col or 1))
    except (KeyError, ET.ParseError, OSError, zipfile.BadZipFile):
        return facts  # openpyxl read the sheet: what could not be parsed here is not said
    return facts


#: The cells named in the error for formulas with no saved value.
SHOWN_CELLS = 6


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


def _probe(
    ws: Any, name: str, options: ReadOptions, facts: Callable[[str], _Facts]
) -> _Table | None:
    """A hidden sheet's table, if it has one (read only to say so), else None."""
    try:
        table = _read_sheet(ws, name, options, facts)
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


def _read_sheet(ws: Any, name: str, options: ReadOptions, facts: Callable[[str], _Facts]) -> _Table:
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
    known = facts(ws.title)
    # The columns a cell merged down over several rows gives to each of them (an id, a
    # priority, a section; a merged requirement cell is one requirement, not several).
    spread = {c for c in (columns.id, columns.priority, columns.section) if c is not None}
    starts: dict[int, list[tuple[int, int, int]]] = {}
    for min_row, min_col, max_row, max_col in known.merged:
        if min_row > header_at:  # not the header's own merged cells
            starts.setdefault(min_row, []).append((min_col, max_row, max_col))
    active: list[tuple[int, object, set[int]]] = []  # (last row, value, columns)
    key_columns = spread | {columns.text}
    unsaved: list[tuple[int, int]] = []
    hidden: list[tuple[int, str]] = []

    def body():
        yield from head[header_at:]
        yield from enumerate(rows, start=len(head) + 1)

    filled: list[tuple[int, tuple]] = []  # the rows with a value, in order
    for number, row in body():
        if known.unsaved:
            unsaved.extend(
                (number, c)
                for c in sorted(key_columns)
                if (number, c + 1) in known.unsaved and _blank(row, c)
            )
        if starts or active:
            row = _merge_down(row, number, starts, active, spread)
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
        filled.append((number, row))
    roles = iter(row_roles([shape for _, row in filled if (shape := columns.shape(row))]))
    totals: list[str] = []  # the rows of total rows, not read
    for number, row in filled:
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
        role = next(roles)
        if role is not None and role[0] == "section":
            section = role[1]  # "2 | Security and data protection" above "2.1 | ..."
            continue
        if role is not None:
            at = Location(name, sheet=ws.title, row=number, column=letter)
            result.skipped.append(Skipped(row_text(row), at, role[1]))
            totals.append(total_row("row", number, text))
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
            if number in known.hidden:
                hidden.append((number, req.id or repr(_preview(req.text))))
            table.rows.append(row_text(row))
            label = next(
                (v for i, v in enumerate(row) if i != columns.text and cell_text(v).strip()), None
            )
            table.labels.append(_plain(label) if label is not None else "")
    if unsaved:
        raise _no_saved_value(name, ws.title, unsaved)
    if totals:
        result.warnings.append(total_rows_warning(f"{name}[{ws.title}]", totals))
    if hidden:
        rows_read = ", ".join(f"{number} ({what})" for number, what in hidden)
        result.warnings.append(
            f"{name}[{ws.title}]: hidden row{'s' if len(hidden) > 1 else ''} {rows_read}"
            f" read as requirement{'s' if len(hidden) > 1 else ''}: a hidden row is often a"
            " withdrawn item; check with the customer and leave it out of the answer if so"
        )
    columns.settle_priority_notes(result.requirements)
    table.requirements = result.requirements
    table.skipped = result.skipped
    table.warnings = result.warnings
    return table


def _blank(row: tuple, index: int) -> bool:
    return index >= len(row) or not cell_text(row[index]).strip()


def _merge_down(
    row: tuple,
    number: int,
    starts: dict[int, list[tuple[int, int, int]]],
    active: list[tuple[int, object, set[int]]],
    spread: set[int],
) -> tuple:
    """``row`` with the value of each cell merged down over it in the ``spread`` columns.

    In a merged range only its top-left cell holds the value (read-only openpyxl gives
    the others as empty): a priority "D" merged over three rows is each row's priority.
    ``starts`` are the merged ranges by their first row, (first column, last row, last
    column); ``active`` carries those met so far down to their last row."""
    active[:] = [a for a in active if a[0] >= number]
    for min_col, max_row, max_col in starts.get(number, ()):
        covered = {c for c in spread if min_col - 1 <= c <= max_col - 1}
        if covered and min_col - 1 < len(row) and row[min_col - 1] is not None:
            active.append((max_row, row[min_col - 1], covered))
    if not active:
        return row
    filled = list(row)
    for _, value, covered in active:
        for c in covered:
            if c >= len(filled):
                filled.extend([None] * (c + 1 - len(filled)))
            if filled[c] is None or (isinstance(filled[c], str) and not filled[c].strip()):
                filled[c] = value
    return tuple(filled)


def _preview(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"


def _no_saved_value(name: str, title: str, cells: list[tuple[int, int]]) -> InputError:
    """The error for formula cells saved with no value in a requirement's columns."""
    shown = ", ".join(f"{_letter(c)}{r}" for r, c in cells[:SHOWN_CELLS])
    more = f" and {len(cells) - SHOWN_CELLS} more" if len(cells) > SHOWN_CELLS else ""
    return InputError(
        f"{len(cells)} formula cell{'s' if len(cells) > 1 else ''} ({shown}{more}) of a"
        " requirement's text, id, priority or section column hold no saved value: the"
        " requirement cannot be read",
        f"{name}[{title}]",
        cells[0][0],
        hint="dealcheck reads the value a formula last showed and never calculates; the"
        " workbook was saved by a program that does not calculate (a script, an export):"
        " open it in Excel or LibreOffice, save it, and run again",
    )
