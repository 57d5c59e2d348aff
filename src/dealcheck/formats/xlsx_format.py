"""``--format xlsx``: the answered compliance matrix as an Excel workbook (needs ``--output``).

* When the requirements came from one workbook (``.xlsx``/``.xlsm``), the
  output is the customer's own workbook: every sheet, row, column, value,
  formula and format kept, with the answers on each requirement's row
  (``Location.sheet``/``row``). :func:`dealcheck.formats.matrix.plan` decides
  where: the customer's own response column (in its vocabulary: a
  data-validation list on the column, a legend in its header or above the
  table) and comment column when the sheet has them, found under a merged
  group header too; appended columns (to the right of the last used column,
  headed in the header row's style, cells in the requirement cell's style)
  for the rest. An autofilter over the header is widened to take new columns
  in. Run on a workbook dealcheck already answered, the same columns are
  updated: no second set.
* Otherwise, a fresh workbook: a "Compliance matrix" sheet (styled header,
  frozen header row, autofilter, column widths, wrapped text) and a
  "Summary" sheet.

The workbook is opened with formulas as formulas (not ``data_only``), so
nothing the customer computed is flattened to cached values; and each formula
keeps the value it last computed, which openpyxl drops on saving
(:mod:`dealcheck.formats._formula_values`), so that a reader that does not
calculate, dealcheck's own included, sees what the customer's cells showed (a
requirement id written as a formula keeps its id on a re-run). What openpyxl
cannot carry over is lost: shapes, form controls, pivot caches and external
images in unusual packaging; charts and images are kept. The input file is
only read, never written.

Every cell dealcheck writes (and every text cell of a fresh matrix) is
neutralised against formula injection and cleaned of characters XML cannot
hold.

The output is byte-for-byte reproducible (:func:`reproducible`): the same inputs give
the same file. openpyxl stamps the time of saving into the workbook's properties and
into every member of the zip archive; dealcheck writes one fixed time instead:
``SOURCE_DATE_EPOCH`` when it is set (the reproducible-builds convention), else the
customer's workbook's own last-modified time, else 1980-01-01 00:00 UTC (the earliest
time a zip archive can hold).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from copy import copy
from typing import Any

from dealcheck.errors import InputError
from dealcheck.formats import RenderOptions
from dealcheck.formats._cells import cell_text
from dealcheck.formats.matrix import (
    FIELDS,
    MATRIX_HEADERS,
    Layout,
    MatrixOptions,
    base_cells,
    fresh_layout,
    plan,
    requirement_columns,
    row_answers,
)
from dealcheck.report import VERDICTS, Report, RequirementResult

XLSX_SUFFIXES = (".xlsx", ".xlsm")
#: column widths of the appended answer columns, by field
ANSWER_WIDTHS = {"verdict": 14, "response": 22, "capability": 34, "notes": 64, "reviewed_by": 16}
MATRIX_WIDTHS = (12, 18, 10, 64, 14, 22, 34, 64, 16)
FILLS = {
    "unsupported": "FDE2E1",
    "unknown": "F4E3F7",
    "roadmap": "FEF0C7",
    "upgrade": "DDF3F8",
    "partial": "E0EAFF",
    "supported": "DCFAE6",
}


#: The time written when neither SOURCE_DATE_EPOCH nor the customer's workbook gives one:
#: the earliest a zip archive's member can carry.
ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)

_CORE_PART = "docProps/core.xml"
_CORE_DATE = re.compile(
    rb"(<dcterms:(?P<name>created|modified)\b[^>]*>)[^<]*(</dcterms:(?P=name)>)"
)


def stamp(saved: dt.datetime | None = None) -> dt.datetime:
    """The time the written workbook carries: ``SOURCE_DATE_EPOCH`` (seconds since
    1970, UTC) when set, else ``saved`` (the customer's workbook's last-modified time),
    else :data:`ZIP_EPOCH`; never earlier than that (a zip archive cannot hold it)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    when = None
    if epoch:
        try:
            when = dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            when = None
    if when is None and saved is not None:
        when = saved if saved.tzinfo else saved.replace(tzinfo=dt.timezone.utc)
    when = max(when or ZIP_EPOCH, ZIP_EPOCH)
    return when.astimezone(dt.timezone.utc).replace(microsecond=0)


def reproducible(data: bytes, when: dt.datetime, created: bool = False) -> bytes:
    """The workbook ``data`` (as openpyxl saved it) with one fixed time: every member of
    the archive dated ``when``, and the workbook's "modified" property set to it (and its
    "created" property, with ``created``: a new workbook's, which openpyxl sets to the
    time it was made), so that the same inputs give the same bytes."""
    written = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    names = {b"created", b"modified"} if created else {b"modified"}

    def fixed_date(match: re.Match[bytes]) -> bytes:
        if match.group("name") not in names:
            return match.group(0)
        return match.group(1) + written + match.group(3)

    date_time = when.timetuple()[:6]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as out:
            for info in archive.infolist():
                member = archive.read(info)
                if info.filename == _CORE_PART:
                    member = _CORE_DATE.sub(fixed_date, member)
                fixed = zipfile.ZipInfo(info.filename, date_time=date_time)
                fixed.compress_type = info.compress_type
                fixed.external_attr = info.external_attr
                fixed.create_system = info.create_system
                out.writestr(fixed, member)
    return buffer.getvalue()


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _existing(ws: Any, row: int, column: int) -> Any:
    """The cell at (row, column) if the sheet has one; never creates it (ws.cell() would)."""
    return ws._cells.get((row, column))


def _has_value(cell: Any) -> bool:
    return cell is not None and cell.value is not None and cell.value != ""


def _last_used_column(ws: Any) -> int:
    """The rightmost column holding a value (or a merged range); formatting alone does not count."""
    last = max((col for (_, col), cell in ws._cells.items() if _has_value(cell)), default=0)
    for merged in ws.merged_cells.ranges:
        last = max(last, merged.max_col)
    return last


def _header_row(
    ws: Any, first: int, rows: dict[int, list[RequirementResult]], last: int
) -> int | None:
    from dealcheck.formats.csv_format import header_of, section_row_of, section_titles

    above = [row for row in range(first - 1, 0, -1) if row not in rows]
    sections = section_titles(rows)
    filled = []
    for row in above:
        cells = [_existing(ws, row, c) for c in range(1, last + 1)]
        values = [str(c.value) for c in cells if _has_value(c)]
        # A numbered section row ("2 | Security and data protection") is no header.
        filled.append(0 if section_row_of(values, sections) else len(values))
    pick = header_of(filled)
    return above[pick] if pick is not None else None


def _style_source(ws: Any, row: int, last: int) -> Any:
    """The rightmost non-empty cell of ``row`` (whose look the new header cells take)."""
    for col in range(last, 0, -1):
        cell = _existing(ws, row, col)
        if _has_value(cell):
            return cell
    return _existing(ws, row, last)


def _write(cell: Any, value: str) -> None:
    if value == "":
        cell.value = None  # an answer left for a person: an empty cell, not an empty string
        return
    cell.value = value
    cell.data_type = "s"  # belt and braces: never a formula, whatever the value


def _spanning(ws: Any, header: int, last: int) -> dict[int, Any]:
    """Column -> the cell of a merged range that comes down into the header row from above
    (a header of two rows: "Requirement" merged over both, beside "Supplier Response" over
    "Compliance (Y/N/P)"): that column's header."""
    spanning: dict[int, Any] = {}
    for merged in ws.merged_cells.ranges:
        if merged.min_row < header <= merged.max_row:
            top = _existing(ws, merged.min_row, merged.min_col)
            for col in range(merged.min_col, min(merged.max_col, last) + 1):
                spanning[col] = top
    return spanning


def _headers(ws: Any, header: int, last: int) -> list[str]:
    """The header row's text per column; a cell under a merged header cell that comes down
    from the row above takes its text."""
    spanning = _spanning(ws, header, last)
    headers = []
    for col in range(1, last + 1):
        cell = spanning.get(col) or _existing(ws, header, col)
        headers.append(str(cell.value) if _has_value(cell) else "")
    return headers


def _groups(ws: Any, header: int, last: int) -> list[str]:
    """Per column, the merged group header right above the header row ("Supplier Response"
    over "Compliance (Y/N/P)" and "Comments"), or the cell above it alone; none over a
    column whose own header comes down from above."""
    groups = [""] * last
    if header <= 1:
        return groups
    for merged in ws.merged_cells.ranges:
        if merged.min_row <= header - 1 <= merged.max_row and merged.max_row < header:
            top = _existing(ws, merged.min_row, merged.min_col)
            if _has_value(top) and not (merged.min_col == 1 and merged.max_col >= last):
                for col in range(merged.min_col, min(merged.max_col, last) + 1):
                    groups[col - 1] = str(top.value)
    spanning = _spanning(ws, header, last)
    for col in range(1, last + 1):
        cell = _existing(ws, header - 1, col)
        if not groups[col - 1] and col not in spanning and _has_value(cell):
            groups[col - 1] = str(cell.value)
    return groups


def _choices(ws: Any, column: int, rows: list[int]) -> list[str]:
    """The options of a data-validation list on ``column`` (0-based) at the answer rows."""
    letter = _column_letter(column + 1)
    for dv in ws.data_validations.dataValidation:
        if dv.type != "list" or not dv.formula1:
            continue
        if not any(f"{letter}{row}" in dv.sqref for row in rows):
            continue
        formula = str(dv.formula1).strip()
        if formula.startswith('"') and formula.endswith('"'):
            return [x.strip() for x in formula[1:-1].split(",") if x.strip()]
        return _range_values(ws, formula)
    return []


def _range_values(ws: Any, reference: str) -> list[str]:
    """The values of a list validation's source range ("$H$2:$H$5", "Lists!$A$1:$A$4")."""
    from openpyxl.utils.cell import range_boundaries

    sheet, _, cells = reference.lstrip("=").rpartition("!")
    target = ws.parent[sheet.strip("'")] if sheet else ws
    try:
        min_col, min_row, max_col, max_row = range_boundaries(cells.replace("$", ""))
    except (ValueError, TypeError):
        return []
    values: list[str] = []
    for row in target.iter_rows(
        min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col, values_only=True
    ):
        values.extend(str(v).strip() for v in row if v not in (None, ""))
    return values[:50]


def _layout(
    ws: Any,
    header: int,
    last: int,
    rows: list[int],
    text_column: int | None,
    options: MatrixOptions,
    file: str,
) -> Layout:
    headers = _headers(ws, header, last)
    above = _headers(ws, header - 1, last) if header > 1 else []
    taken = requirement_columns(headers, above)
    if text_column is not None:
        taken.add(text_column)
    legends = []
    for row in range(1, header):
        values = [_existing(ws, row, col) for col in range(1, last + 1)]
        legends.append(" ".join(str(c.value) for c in values if _has_value(c)))
    return plan(
        headers,
        taken=taken,
        width=last,
        options=options,
        groups=_groups(ws, header, last),
        legends=legends,
        choices=lambda column: _choices(ws, column, rows),
        where=f"{file}[{ws.title}]:{header}",
    )


def _answer_sheet(
    ws: Any,
    rows: dict[int, list[RequirementResult]],
    columns: dict[int, str],
    options: MatrixOptions,
    file: str = "",
) -> None:
    from openpyxl.styles import Alignment
    from openpyxl.utils import column_index_from_string

    last = max(_last_used_column(ws), 1)
    header = _header_row(ws, min(rows), rows, last)
    text_letters = set(columns.values())
    text_column = None
    if len(text_letters) == 1:
        try:
            text_column = column_index_from_string(next(iter(text_letters))) - 1
        except ValueError:
            text_column = None
    if header is None:
        layout = plan([""] * last, taken=set(range(last)), width=last, options=options)
    else:
        layout = _layout(ws, header, last, sorted(rows), text_column, options, file)
    if header is not None:
        source = _style_source(ws, header, last)
        for index, title in layout.appended:
            cell = ws.cell(row=header, column=index + 1)
            if source is not None and source.has_style:
                cell._style = copy(source._style)
            _write(cell, title)
    appended = {index for index, _ in layout.appended}
    notes_column = layout.columns.get("notes")
    for row, results in rows.items():
        try:
            column = column_index_from_string(columns[row]) if row in columns else last
        except ValueError:
            column = last
        source = _existing(ws, row, column)
        for index, value in row_answers(results, layout).items():
            cell = ws.cell(row=row, column=index + 1)
            if index in appended and source is not None and source.has_style:
                cell._style = copy(source._style)
            _write(cell, value)
            if index == notes_column:
                alignment = copy(cell.alignment)
                cell.alignment = Alignment(
                    horizontal=alignment.horizontal,
                    vertical=alignment.vertical or "top",
                    wrap_text=True,
                    indent=alignment.indent,
                )
    widths = {layout.columns[f.key]: ANSWER_WIDTHS.get(f.key, 20) for f in FIELDS}
    for index, _ in layout.appended:
        dimension = ws.column_dimensions[_column_letter(index + 1)]
        if not dimension.customWidth:
            dimension.width = widths.get(index, 20)
    if layout.appended:
        _widen_autofilter(ws, header, last, max(index for index, _ in layout.appended) + 1)


def _widen_autofilter(ws: Any, header: int | None, last: int, new_last: int) -> None:
    from openpyxl.utils.cell import range_boundaries

    ref = ws.auto_filter.ref
    if not ref or header is None:
        return
    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
    except ValueError:
        return
    if min_row == header and max_col == last:
        ws.auto_filter.ref = (
            f"{_column_letter(min_col)}{min_row}:{_column_letter(new_last)}{max_row}"
        )


def answered_workbook(
    report: Report, options: RenderOptions, path: str, matrix: MatrixOptions | None = None
) -> bytes | None:
    """The customer's workbook with the answers added, or None if it cannot be placed."""
    from openpyxl import load_workbook
    from openpyxl.workbook.properties import CalcProperties

    from dealcheck.formats._formula_values import cached_values, keep_cached_values
    from dealcheck.textio import read_bytes

    sheets: dict[str, dict[int, list[RequirementResult]]] = {}
    columns: dict[str, dict[int, str]] = {}
    located: list[Any] = list(options.requirements)
    if len(located) != len(report.requirements):
        located = [None] * len(report.requirements)
    for r, req in zip(report.requirements, located, strict=True):
        sheet, row = r.source.get("sheet"), r.source.get("row")
        if not isinstance(sheet, str) or not isinstance(row, int) or row < 1:
            return None
        sheets.setdefault(sheet, {}).setdefault(row, []).append(r)
        column = getattr(getattr(req, "source", None), "column", None)
        if column:
            columns.setdefault(sheet, {})[row] = str(column)
    try:
        original = read_bytes(path)
        workbook = load_workbook(
            io.BytesIO(original),
            data_only=False,
            keep_vba=path.lower().endswith(".xlsm"),
            keep_links=True,
            rich_text=True,
        )
    except Exception:  # noqa: BLE001 - an unreadable workbook: answer in a fresh one
        return None
    # The customer's own last-modified time, read before openpyxl's save replaces it.
    when = stamp(workbook.properties.modified or workbook.properties.created)
    if any(name not in workbook.sheetnames for name in sheets):
        return None
    matrix = matrix or MatrixOptions()
    missing: list[InputError] = []
    file = str(report.requirements[0].source.get("file")) if report.requirements else path
    for name, rows in sheets.items():
        try:
            _answer_sheet(workbook[name], rows, columns.get(name, {}), matrix, file)
        except InputError as exc:
            # A column named with --response-column/--comment-column may be on some sheets
            # only: the others find their columns by header; it must be on one at least.
            missing.append(exc)
            _answer_sheet(workbook[name], rows, columns.get(name, {}), MatrixOptions())
    if missing and len(missing) == len(sheets):
        raise missing[0]
    # openpyxl saves a formula without the value it last computed: the customer's values
    # are put back, and the spreadsheet application recalculates them on open.
    cached = cached_values(original)
    if cached:
        if workbook.calculation is None:
            workbook.calculation = CalcProperties()
        workbook.calculation.fullCalcOnLoad = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    return reproducible(keep_cached_values(buffer.getvalue(), cached), when)


def fresh_workbook(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    workbook = Workbook()
    ws = workbook.active
    ws.title = "Compliance matrix"
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1D2939")
    thin = Side(style="thin", color="D0D5DD")
    border = Border(bottom=thin)
    ws.append(list(MATRIX_HEADERS))
    for cell in ws[1]:
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center")
    layout = fresh_layout()
    wrap = Alignment(vertical="top", wrap_text=True)
    top = Alignment(vertical="top")
    fills = {v: PatternFill("solid", fgColor=color) for v, color in FILLS.items()}
    bold = Font(bold=True)
    for row, r in enumerate(report.requirements, start=2):
        answers = row_answers([r], layout)
        values = base_cells(r) + [answers[i] for i in range(4, len(MATRIX_HEADERS))]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col)
            _write(cell, value)
            cell.alignment = wrap if col in (4, 7, 8) else top
            cell.border = border
        verdict_cell = ws.cell(row=row, column=5)
        verdict_cell.fill = fills[r.verdict]
        if r.fails_gate:
            verdict_cell.font = bold
    for col, width in enumerate(MATRIX_WIDTHS, start=1):
        ws.column_dimensions[_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{_column_letter(len(MATRIX_HEADERS))}{ws.max_row}"

    summary = workbook.create_sheet("Summary")
    s, deal = report.summary, report.deal
    rows: list[tuple[str, Any]] = [
        ("Product", report.catalog.product),
        ("Catalogue version", report.catalog.version),
        ("Deal", deal.deal),
        ("Customer", deal.customer),
        ("Edition quoted", deal.edition),
        ("Deployment", deal.deployment),
        ("Region", deal.region),
        ("Go-live", deal.go_live),
        ("Add-ons quoted", ", ".join(deal.add_ons)),
        ("Requirements", s.total),
        *((f"Verdict: {v}", s.verdicts.get(v, 0)) for v in VERDICTS),
        ("Coverage (supported)", s.coverage),
        ("At risk", s.at_risk),
        ("Waived", s.waived),
        ("Minimum edition", s.minimum_edition),
        ("Add-ons needed", ", ".join(s.add_ons)),
        ("Gate", s.gate.upper()),
        ("Gate reasons", "; ".join(s.gate_reasons)),
        *(("Warning", w) for w in report.warnings),
    ]
    for label, value in rows:
        if value is None or value == "":
            continue
        summary.append([label, None])
        target = summary.cell(row=summary.max_row, column=2)
        if isinstance(value, (int, float)):
            target.value = value
            if label.startswith("Coverage"):
                target.number_format = "0.0%"
        else:
            _write(target, cell_text(value))
        summary.cell(row=summary.max_row, column=1).font = Font(bold=True)
    summary.column_dimensions["A"].width = 24
    summary.column_dimensions["B"].width = 70
    workbook.properties.creator = "dealcheck"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return reproducible(buffer.getvalue(), stamp(), created=True)


def render(report: Report, options: RenderOptions) -> bytes:
    from dealcheck.formats.csv_format import matrix_options, single_input

    path = single_input(report, options, XLSX_SUFFIXES)
    if path is not None and report.requirements:
        answered = answered_workbook(report, options, path, matrix_options(options))
        if answered is not None:
            return answered
    return fresh_workbook(report)
