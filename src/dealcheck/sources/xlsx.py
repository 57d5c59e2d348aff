"""Excel workbooks (``.xlsx``): each data row of every requirement sheet is a requirement.

openpyxl reads the workbook (imported only here). A sheet holds requirements
when one of its first :data:`HEADER_SCAN` rows is a recognisable header (a
requirement text column, found by name); other sheets (a cover page,
instructions) are skipped, and a workbook with no such sheet is an error
that lists every sheet's headers. ``--sheet`` reads one sheet only.

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
import zipfile
from typing import Any

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
        found_any = False
        unread: list[tuple[Any, str]] = []  # sheets with rows but no requirement column
        for ws in sheets:
            found, headers = _read_sheet(ws, name, options, result)
            found_any = found_any or found
            if not found:
                seen_headers.append(f"{ws.title!r}: {headers or 'no header row'}")
                if headers:
                    unread.append((ws, headers))
        if found_any:
            # Nothing lost: a sheet with rows but no requirement column beside one that
            # has one is said, not passed over.
            for ws, headers in unread:
                result.warnings.append(
                    f"{name}[{ws.title}]: no requirement column found ({headers});"
                    " this sheet was not read: name it with --sheet and --text-column"
                )
        if not found_any:
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


def _read_sheet(ws, name: str, options: ReadOptions, result: SourceResult) -> tuple[bool, str]:
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
            where = f"{name}[{ws.title}]:{header_at}"
            result.warnings.append(read_as_text(where, head[first][1][text_index]))
    first_filled = next((r for _, r in head if any(v not in (None, "") for v in r)), ())
    headers_text = ", ".join(repr(cell_text(v)) for v in first_filled if v not in (None, ""))
    if header_at is None:
        return False, headers_text
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
        return False, headers_text
    letter = _letter(columns.text)
    section = None
    empty_run = 0
    first = len(result.requirements)

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
    columns.settle_priority_notes(result.requirements[first:])
    return True, headers_text
