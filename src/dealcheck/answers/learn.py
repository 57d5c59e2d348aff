"""``dealcheck learn``: import a reviewed compliance matrix into the answer library.

The matrix is the CSV or XLSX that ``dealcheck check --format csv|xlsx``
wrote, returned by a reviewer. A row is learned when its ``Reviewed by`` cell
is filled:

* its ``Matched capability`` cell (``Capability`` in a matrix an earlier
  dealcheck wrote) names the capabilities (ids, names, or the ``Name (id)``
  form dealcheck writes, separated by ``;``), or
* its ``Verdict`` cell says ``unsupported`` and no capability is named (the
  ``Notes`` cell, when the reviewer wrote one, is the reason).

A response cell that is not an answer dealcheck itself writes ("Comply",
"Comply — Enterprise edition", "Needs review", or a word of the customer's own
vocabulary such as "Y") is the wording to reuse in the next matrix.

The answer columns are found again by their headers, as
:func:`dealcheck.formats.matrix.answered_columns` finds them: dealcheck's
appended columns, and the customer's own response and comment columns that
``check`` wrote into.

The requirement text is read with the same reader ``check`` uses, so the
text learned is the text the next check looks up. Then, against the library:
the same text (normalised) already answered the same way is skipped; already
answered another way is skipped too (an answer is never overwritten or
dropped: edit the library to change it); a near phrasing of an answer with
the same capabilities is merged into it as a phrasing; anything else is a
new answer. Learning the same file twice changes nothing. A capability that
does not exist stops everything with ``file:row`` (exit 2): nothing is
written unless every row is valid.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from dealcheck.answers.lookup import AnswerLookup, answer_key, normalise
from dealcheck.answers.model import Answer, AnswerLibrary
from dealcheck.answers.store import Changes
from dealcheck.catalog.model import Catalog
from dealcheck.errors import InputError
from dealcheck.requirements import Requirement
from dealcheck.safe_text import one_line

#: The answer fields read back (formats/matrix.py FIELDS keys).
REVIEWED_BY, CAPABILITY, VERDICT, RESPONSE, NOTES = (
    "reviewed_by",
    "capability",
    "verdict",
    "response",
    "notes",
)
#: Notes dealcheck itself writes on an unknown row: not a reviewer's reason.
_OWN_NOTE = re.compile(
    r"^(no capability matches|pinned |negative requirement|needs review\b)", re.I
)
_NAME_ID = re.compile(r"^(?P<name>.*?)\s*\((?P<id>[a-z0-9][a-z0-9-]*)\)\s*$")


@dataclass
class ReviewedRow:
    """One row a reviewer signed: what it says, and where it is."""

    where: str
    text: str
    reviewed_by: str
    capability_cell: str
    verdict_cell: str
    response_cell: str
    notes_cell: str


@dataclass
class Outcome:
    where: str
    text: str
    action: str  # added | merged | skipped
    detail: str


@dataclass
class LearnResult:
    changes: Changes = field(default_factory=Changes)
    outcomes: list[Outcome] = field(default_factory=list)
    not_reviewed: int = 0

    def count(self, action: str) -> int:
        return sum(o.action == action for o in self.outcomes)


# -- reading the matrix ---------------------------------------------------------------------


def _header_map(row: list[Any], above: list[Any]) -> dict[str, int]:
    """Answer field -> its column in a header row (``above``: the row above it, the first
    row of a header of two)."""
    from dealcheck.formats.matrix import answered_columns, requirement_columns
    from dealcheck.sources.columns import cell_text

    headers = [cell_text(value) for value in row]
    taken = requirement_columns(headers, [cell_text(value) for value in above])
    return answered_columns(headers, taken)


def _cell(row: list[Any], index: int | None) -> str:
    from dealcheck.sources.columns import cell_text

    if index is None or index >= len(row):
        return ""
    text = cell_text(row[index]).strip()
    # dealcheck neutralised a formula-looking cell with a leading quote: undo it.
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@":
        text = text[1:]
    return text


def _rows_of_table(
    table: list[list[Any]], requirements: list[Requirement], row_of: Any, where: str
) -> tuple[list[ReviewedRow], int]:
    """The reviewed rows of one table (a CSV file or one sheet)."""
    numbers = sorted({row_of(r) for r in requirements})
    header: dict[str, int] | None = None
    for number in range(numbers[0] - 1, 0, -1):
        if number - 1 >= len(table):
            continue
        candidate = _header_map(table[number - 1], table[number - 2] if number >= 2 else [])
        if REVIEWED_BY in candidate:
            header = candidate
            break
    if header is None:
        raise InputError(
            "no 'Reviewed by' column above the requirements",
            where,
            hint="learn reads a matrix written by 'dealcheck check --format csv|xlsx'"
            " and returned by a reviewer",
        )
    reviewed: list[ReviewedRow] = []
    not_reviewed = 0
    by_row: dict[int, list[Requirement]] = {}
    for req in requirements:
        by_row.setdefault(row_of(req), []).append(req)
    for number, reqs in by_row.items():
        row = table[number - 1] if number - 1 < len(table) else []
        reviewer = _cell(row, header.get(REVIEWED_BY))
        if not reviewer:
            not_reviewed += len(reqs)
            continue
        for req in reqs:
            reviewed.append(
                ReviewedRow(
                    where=str(req.source),
                    text=req.text,
                    reviewed_by=reviewer,
                    capability_cell=_cell(row, header.get(CAPABILITY)),
                    verdict_cell=_cell(row, header.get(VERDICT)),
                    response_cell=_cell(row, header.get(RESPONSE)),
                    notes_cell=_cell(row, header.get(NOTES)),
                )
            )
    return reviewed, not_reviewed


def _csv_table(data: bytes, name: str) -> list[list[Any]]:
    import csv
    import io

    from dealcheck.textio import decode_text

    text = decode_text(data, name)
    if name.lower().endswith(".tsv"):
        dialect: Any = csv.excel_tab
    else:
        try:
            delimiter = csv.Sniffer().sniff(text[:65536], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
        dialect = type("LearnDialect", (csv.excel,), {"delimiter": delimiter})
    try:
        return [list(r) for r in csv.reader(io.StringIO(text, newline=""), dialect)]
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", name) from None


def _xlsx_tables(data: bytes, name: str, sheets: set[str]) -> dict[str, list[list[Any]]]:
    import io

    from dealcheck.sources.xlsx import open_archive

    open_archive(data, name, ".xlsx")
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_links=False
        )
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise InputError(f"cannot open the workbook: {type(exc).__name__}: {exc}", name) from None
    try:
        tables: dict[str, list[list[Any]]] = {}
        for ws in workbook.worksheets:
            if ws.title in sheets:
                ws.reset_dimensions()
                tables[ws.title] = [list(r) for r in ws.iter_rows(values_only=True)]
        return tables
    finally:
        workbook.close()


def read_matrix(path: str, options: Any = None) -> tuple[list[ReviewedRow], int]:
    """The reviewed rows of a returned matrix, and how many rows nobody signed."""
    from pathlib import PurePath

    from dealcheck.sources import ReadOptions, format_of, read_file
    from dealcheck.textio import display_name, read_bytes

    options = options or ReadOptions()
    fmt = format_of(path, options)
    name = display_name(path)
    if fmt not in ("csv", "xlsx"):
        raise InputError(
            f"learn reads a .csv or .xlsx compliance matrix, not {PurePath(path).suffix or fmt}",
            name,
            hint="write one with 'dealcheck check ... --format csv|xlsx --output FILE'",
        )
    requirements = read_file(path, options).requirements
    if not requirements:
        raise InputError("no requirements found in this file", name)
    data = read_bytes(path)
    if fmt == "csv":
        table = _csv_table(data, name)
        return _rows_of_table(table, requirements, lambda r: r.source.row, name)
    sheets = {str(r.source.sheet) for r in requirements}
    tables = _xlsx_tables(data, name, sheets)
    rows: list[ReviewedRow] = []
    not_reviewed = 0
    matrices = 0
    for sheet in tables:  # in workbook order
        reqs = [r for r in requirements if r.source.sheet == sheet]
        try:
            found, skipped = _rows_of_table(
                tables[sheet], reqs, lambda r: r.source.row, f"{name}[{sheet}]"
            )
        except InputError:
            continue  # a sheet without answer columns (a summary, instructions): not a matrix
        matrices += 1
        rows.extend(found)
        not_reviewed += skipped
    if not matrices:
        raise InputError(
            "no sheet has a 'Reviewed by' column above its requirements",
            name,
            hint="learn reads a matrix written by 'dealcheck check --format csv|xlsx'"
            " and returned by a reviewer",
        )
    return rows, not_reviewed


# -- deciding what each row teaches -----------------------------------------------------------


def resolve_capabilities(cell: str, catalog: Catalog, where: str) -> list[str]:
    """Capability ids named in a capability cell (ids, names, or ``Name (id)``, ``;``-separated)."""
    by_name = {c.name.casefold(): c.id for c in catalog.capabilities}
    ids = {c.id for c in catalog.capabilities}
    found: list[str] = []
    for part in cell.split(";"):
        part = part.strip()
        if not part:
            continue
        match = _NAME_ID.match(part)
        if match and match.group("id") in ids:
            cap_id = match.group("id")
        elif part in ids:
            cap_id = part
        elif part.casefold() in by_name:
            cap_id = by_name[part.casefold()]
        else:
            import difflib  # only for a did-you-mean hint

            options = sorted(ids) + sorted(c.name for c in catalog.capabilities)
            close = difflib.get_close_matches(part, options, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "use an id from the catalogue"
            shown = one_line(part)[:80]  # the reviewer's cell: never raw escapes on a terminal
            raise InputError(
                f"capability '{shown}' does not exist in the catalogue", where, hint=hint
            )
        if cap_id not in found:
            found.append(cap_id)
    return found


def _answer_of(row: ReviewedRow, catalog: Catalog, reviewed: dt.date) -> Answer | str:
    """The answer a row gives, or why it gives none."""
    from dealcheck.formats.matrix import answer_kind, own_response, without_needs

    capabilities = resolve_capabilities(row.capability_cell, catalog, row.where)
    # The wording without what this deal needed: the next deal's quote decides that.
    response = None if own_response(row.response_cell) else without_needs(row.response_cell)
    common: dict[str, Any] = {
        "text": row.text,
        "response": response or None,
        "reviewed_by": row.reviewed_by,
        "reviewed": reviewed,
        "catalog_version": catalog.version,
    }
    said_unsupported = row.verdict_cell.strip().casefold() == "unsupported"
    if said_unsupported:
        # The reviewer's verdict wins over a capability cell dealcheck filled in: a
        # reviewed "not offered" is never learned as a capability that answers it.
        note = row.notes_cell if row.notes_cell and not _OWN_NOTE.match(row.notes_cell) else ""
        return Answer(
            verdict="unsupported", reason=note or f"not offered ({row.reviewed_by})", **common
        )
    if answer_kind(row.response_cell.split("\u2014")[0]) in ("no", "partial", "roadmap", "unknown"):
        return (
            "the response does not say yes: set the Verdict cell to 'unsupported' to learn"
            " that the product does not offer it, or correct the response"
        )
    if capabilities:
        return Answer(capabilities=capabilities, **common)
    return "no capability named, and the verdict is not 'unsupported'"


def plan(
    rows: list[ReviewedRow],
    library: AnswerLibrary,
    catalog: Catalog,
    *,
    reviewed: dt.date,
    library_name: str,
    lines: list[int | None] | None = None,
    semantic: bool | None = None,
) -> LearnResult:
    """What learning ``rows`` changes in ``library`` (nothing is written here)."""
    result = LearnResult()
    # Validate every row first: one capability that does not exist stops everything.
    answers = [(row, _answer_of(row, catalog, reviewed)) for row in rows]
    lookup = AnswerLookup(library, catalog, lines=lines, semantic=semantic)
    known = len(library.answers)

    def where(entry: int) -> str:
        if entry >= known:
            return "a row above"
        line = lookup.lines[entry] if entry < len(lookup.lines) else None
        return f"{library_name}:{line}" if line else library_name

    for row, answer in answers:
        if isinstance(answer, str):
            result.outcomes.append(Outcome(row.where, row.text, "skipped", answer))
            continue
        exact = lookup.exact_entries(row.text)
        if exact:
            entry = exact[0]
            same = answer_key(lookup.answers[entry]) == answer_key(answer)
            detail = (
                f"already in the library ({where(entry)})"
                if same
                else f"the library answers it differently ({where(entry)}):"
                " edit the library to change an answer"
            )
            result.outcomes.append(Outcome(row.where, row.text, "skipped", detail))
            continue
        hit = lookup.find(row.text)
        if hit is not None and answer_key(hit.answer) == answer_key(answer):
            if hit.index < known:
                result.changes.merged.setdefault(hit.index, []).append(row.text)
            else:
                _merge_pending(result.changes, hit.index - known, row.text)
            lookup.add_phrasing(hit.index, row.text)
            result.outcomes.append(
                Outcome(
                    row.where,
                    row.text,
                    "merged",
                    f"a phrasing of {hit.phrasing!r} ({where(hit.index)};"
                    f" similarity {hit.similarity:.2f})",
                )
            )
            continue
        result.changes.added.append(answer)
        lookup.add(answer)
        what = ", ".join(answer.capabilities) or f"unsupported: {answer.reason}"
        result.outcomes.append(Outcome(row.where, row.text, "added", what))
    return result


def _merge_pending(changes: Changes, index: int, text: str) -> None:
    """A phrasing of an answer added earlier in the same run goes into that new answer."""
    answer = changes.added[index]
    changes.added[index] = answer.model_copy(update={"phrasings": [*answer.phrasings, text]})


def learn_files(
    paths: list[str],
    library: AnswerLibrary,
    catalog: Catalog,
    read_options: Any = None,
    **kwargs: Any,
) -> LearnResult:
    """Read every matrix first (any error stops everything), then plan the whole import."""
    rows: list[ReviewedRow] = []
    not_reviewed = 0
    for path in paths:
        found, skipped = read_matrix(path, read_options)
        rows.extend(found)
        not_reviewed += skipped
    result = plan(rows, library, catalog, **kwargs)
    result.not_reviewed = not_reviewed
    return result


__all__ = ["LearnResult", "Outcome", "ReviewedRow", "learn_files", "normalise", "plan"]
