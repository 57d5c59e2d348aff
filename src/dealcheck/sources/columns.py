"""Finding the requirement, id, priority and section columns of a table by their headers.

Shared by every tabular input (CSV, Excel, Markdown and Word tables), so a
compliance matrix is read the same way whatever it was saved as.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dealcheck.errors import InputError
from dealcheck.requirements import Location, Requirement

if TYPE_CHECKING:
    from dealcheck.sources import ReadOptions, Skipped
    from dealcheck.sources.tender import TenderProcess

TEXT_HEADERS = (
    "requirement",
    "requirements",
    "requirement description",
    "requirement text",
    "description",
    "question",
    "questions",
    "text",
    "statement",
    "requirement statement",
    "feature",
    "capability",
    "need",
    "criteria",
    "criterion",
    "item description",
    "details",
    "specification",
    "functional requirement",
    "requirement detail",
    "ask",
    "request",
)
ID_HEADERS = (
    "id",
    "ref",
    "reference",
    "req id",
    "req",
    "req #",
    "req no",
    "requirement id",
    "requirement ref",
    "#",
    "no",
    "number",
    "item",
    "item no",
    "ref no",
    "key",
    "question id",
)
PRIORITY_HEADERS = (
    "priority",
    "m/s/c",
    "msc",
    "moscow",
    "mandatory",
    "mandatory (y/n)",
    "mandatory y/n",
    "type",
    "importance",
    "criticality",
    "must/should",
    "required",
    "requirement type",
    "level",
    "weight",
)
SECTION_HEADERS = (
    "section",
    "category",
    "area",
    "domain",
    "group",
    "module",
    "topic",
    "theme",
    "chapter",
    "heading",
    "capability area",
    "functional area",
)


def normalise_header(value: object) -> str:
    text = "" if value is None else str(value)
    text = text.replace("\n", " ").strip().lower()
    text = re.sub(r"[\s_]+", " ", text)
    return text.strip(" :.*")


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9#/]", "", text)


def _score(header: str, names: tuple[str, ...]) -> int:
    """3: exact name, 2: same letters, 1: a name inside the header, 0: no match."""
    if not header:
        return 0
    if header in names:
        return 3
    squashed = _squash(header)
    if squashed and squashed in {_squash(n) for n in names}:
        return 2
    words = set(re.findall(r"[a-z]+", header))
    if len(header.split()) > 4:
        return 0  # a title or a sentence, not a column header
    for name in names:
        if len(name) >= 4 and (name in words or f" {name} " in f" {header} "):
            return 1
    return 0


@dataclass
class Columns:
    text: int
    id: int | None = None
    priority: int | None = None
    section: int | None = None
    priority_header: str = ""
    #: code -> priority, from the header ("Priority (M/D)") or a key row above it
    priority_legend: dict[str, str] = field(default_factory=dict)

    def priority_of(self, value: object) -> tuple[str | None, str | None]:
        """The explicit priority a cell gives, and a note when the cell is not one."""
        return priority_cell(value, self.priority_header, self.priority_legend)

    def shape(self, row: Sequence[object]) -> RowShape | None:
        """What :func:`row_roles` looks at in a data row, or None when it has no text."""

        def at(index: int | None) -> str:
            return cell_text(row[index]).strip() if index is not None and index < len(row) else ""

        text = at(self.text)
        if not text:
            return None
        others = [
            v for i, v in enumerate(row) if i not in (self.text, self.id) and cell_text(v).strip()
        ]
        return RowShape(at(self.id), text, at(self.priority), others)

    def settle_priority_notes(self, requirements: Sequence[Requirement]) -> None:
        """Drop the notes of a column that only looked like a priority column.

        "Type", "Level" or "Weight" may hold categories ("Functional") rather than
        priorities: when no cell of such a column reads as a priority, it is not one and
        its cells are not reported. A column headed as a priority ("Priority",
        "MoSCoW", "Mandatory") keeps its notes: its values should have been priorities.
        """
        if self.priority_legend or _PRIORITY_NAMED.search(self.priority_header):
            return
        if any(r.priority_explicit for r in requirements):
            return
        for r in requirements:
            r.priority_note = None


#: Headers that say their column holds priorities (others in PRIORITY_HEADERS may not).
_PRIORITY_NAMED = re.compile(r"priority|moscow|m/s/c|msc|mandatory|must|importance|critical")


# Letter codes by the words they abbreviate (MoSCoW, Mandatory/Desirable/Optional, ...).
_CODE_LETTERS = {
    "m": "must",
    "r": "must",
    "e": "must",
    "h": "must",
    "s": "should",
    "d": "should",
    "p": "should",
    "c": "may",
    "w": "may",
    "o": "may",
    "l": "may",
}
# High / Medium / Low: here M is Medium, not MoSCoW's Must.
_HML = {"h": "must", "m": "should", "l": "may"}
_CODE_LIST = re.compile(r"\b([a-z0-9])(?:\s*/\s*[a-z0-9])+\b", re.I)
_LEGEND_PAIR = re.compile(
    r"\b([A-Za-z0-9]{1,3})\s*(?:=|:|-|\u2013|\u2014)\s*([A-Za-z][A-Za-z' -]*[A-Za-z])\s*$"
)


def priority_legend(text: str) -> dict[str, str]:
    """The priority codes a header or key row defines, lower-cased code -> priority.

    Two forms: pairs ("M = Mandatory, D = Desirable", "Key: 1 - Must have; 2 - Nice to
    have"), read word by word; and a bare list of letters ("Priority (M/D)", "H/M/L"),
    read by what the letters abbreviate (H/M/L is High/Medium/Low). Y/N is left to the
    Mandatory column rule. Empty when the text defines fewer than two codes.
    """
    from dealcheck.requirements import priority_from_value

    legend: dict[str, str] = {}
    for chunk in re.split(r"[,;/|()\n]", text):
        pair = _LEGEND_PAIR.search(chunk)
        if pair:
            priority = priority_from_value(pair.group(2))
            if priority:
                legend[pair.group(1).lower()] = priority
    if len(legend) >= 2:
        return legend
    for listed in _CODE_LIST.finditer(text):
        found = letter_legend(re.findall(r"[a-z0-9]", listed.group(0), re.I))
        if found:
            return found
    return {}


def letter_legend(codes: Iterable[str]) -> dict[str, str]:
    """What letter codes used together stand for, lower-cased code -> priority.

    Read by the words they abbreviate together: M/D is Mandatory/Desirable (D is
    ``should``), M/S/C/W MoSCoW, M/D/O Mandatory/Desirable/Optional, and H/M/L
    High/Medium/Low (M is medium, ``should``). The priority column's header
    ("Priority (M/D)") and a document's bracketed tags ("[M] ...", "[D] ...") are read
    by this one rule. Codes no table defines are left out; Y/N and fewer than two known
    codes define nothing.
    """
    letters = [c.lower() for c in codes]  # in the order written: messages list them so
    if set(letters) <= {"y", "n"}:
        return {}
    table = _HML if set(letters) <= set(_HML) else _CODE_LETTERS
    found = {c: table[c] for c in letters if c in table}
    return found if len(found) >= 2 else {}


def _pick(headers: list[str], names: tuple[str, ...], taken: set[int]) -> int | None:
    best, best_score = None, 0
    for i, h in enumerate(headers):
        if i in taken:
            continue
        score = _score(h, names)
        if score > best_score:
            best, best_score = i, score
    return best


def _named(
    headers: list[str], wanted: str, option: str, where: str, raw: Sequence[object] = ()
) -> int:
    key = normalise_header(wanted)
    for i, h in enumerate(headers):
        if h == key:
            return i
    shown = ", ".join(repr(cell_text(v).strip()) for v in raw if cell_text(v).strip())
    raise InputError(
        f"no column named {wanted!r} ({option})", where, hint=f"headers found: {shown or 'none'}"
    )


def header_score(row: Sequence[object]) -> int:
    """How much a row looks like a requirement table's header row."""
    headers = [normalise_header(v) for v in row]
    text = max((_score(h, TEXT_HEADERS) for h in headers), default=0)
    if text == 0:
        return 0
    others = sum(
        1
        for names in (ID_HEADERS, PRIORITY_HEADERS, SECTION_HEADERS)
        if any(_score(h, names) >= 2 for h in headers)
    )
    if text == 1 and others == 0:
        return 0  # one loosely named column alone is not a table header
    return text * 2 + others


def find_columns(
    row: Sequence[object],
    *,
    text_column: str | None = None,
    text_index: int | None = None,
    id_column: str | None = None,
    priority_column: str | None = None,
    where: str = "",
    above: Sequence[Sequence[object]] = (),
) -> Columns | None:
    """The columns of a header row, or None if it has no requirement text column.

    ``above`` are the rows above the header (titles, a priority key row)."""
    headers = [normalise_header(v) for v in row]
    taken: set[int] = set()
    if text_index is not None:
        text = text_index  # found by what the column holds (:func:`text_column_by_width`)
    elif text_column:
        text = _named(headers, text_column, "--text-column", where, row)
    else:
        found = _pick(headers, TEXT_HEADERS, taken)
        if found is None:
            return None
        text = found
    taken.add(text)
    ident = (
        _named(headers, id_column, "--id-column", where, row)
        if id_column
        else _pick(headers, ID_HEADERS, taken)
    )
    if ident is not None:
        taken.add(ident)
    priority = (
        _named(headers, priority_column, "--priority-column", where, row)
        if priority_column
        else _pick(headers, PRIORITY_HEADERS, taken)
    )
    if priority is not None:
        taken.add(priority)
    section = _pick(headers, SECTION_HEADERS, taken)
    legend: dict[str, str] = {}
    if priority is not None:
        legend = priority_legend(cell_text(row[priority]))
        for title in above:
            legend = legend or priority_legend(" ".join(cell_text(v) for v in title if v))
    return Columns(
        text,
        ident,
        priority,
        section,
        headers[priority] if priority is not None else "",
        legend,
    )


def priority_cell(
    value: object, header: str, legend: dict[str, str] | None = None
) -> tuple[str | None, str | None]:
    """The explicit priority of a cell, and a note when the cell holds something else.

    The legend (:func:`priority_legend`) decides first, then the usual words (MoSCoW,
    Mandatory/Desirable/Optional, ...); "Yes"/"No" mean must/may only under a
    "Mandatory" or "Required" header. A value none of these read is not guessed: the
    note says so, and the text's own words (else ``must``) decide.
    """
    from dealcheck.requirements import priority_from_value

    if value is None:
        return None, None
    text = cell_text(value).strip()
    if not text:
        return None, None
    lowered = text.lower()
    legend = legend or {}
    if lowered in legend:
        return legend[lowered], None
    if lowered in ("yes", "y", "no", "n", "true", "false", "x", "1", "0") and (
        "mandatory" in header or "required" in header or "must" in header
    ):
        return ("must" if lowered in ("yes", "y", "true", "x", "1") else "may"), None
    found = priority_from_value(text)
    if found and not (legend and len(lowered) <= 2):
        return found, None
    codes = "/".join(code.upper() for code in legend)
    defined = f"the legend defines {codes}" if legend else f"under the header '{header}'"
    return None, f"priority {text!r} is not a priority ({defined})"


def cell_text(value: object) -> str:
    """A cell as text; 3.0 stays "3" for ids, dates as ISO."""
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def group_heading(cells: Sequence[str], columns: Columns) -> str | None:
    """A row with one value, in its first cell and outside the text column, is a group heading.

    Compliance matrices group rows under a title row ("Access control",
    merged across the table); it names the section of the rows below. An id
    alone (a row whose text was left blank) is not a heading.
    """
    filled = [i for i, c in enumerate(cells) if c.strip()]
    if filled != [0] or columns.text == 0:
        return None
    value = cells[0].strip()
    if _ID_CELL.fullmatch(value) or not re.search(r"[A-Za-z]{2}", value):
        return None
    return value


#: Why a row that repeats its table's header was not read.
REPEATED_HEADER = "the table's header row again, inside the table: not a requirement"


def repeats_header(cells: Sequence[object], header: Sequence[object], text: int) -> bool:
    """Whether a data row is its table's header row again: a header typed again after a
    page break, two tables joined into one, a sheet pasted below another. Every filled
    cell equals the header's cell in its column (case, spacing and a trailing colon
    aside), the requirement column's among them, and two cells at least are filled: a
    requirement that only shares a word with a header cell is read."""
    filled = [(i, normalise_header(v)) for i, v in enumerate(cells) if cell_text(v).strip()]
    if len(filled) < 2 or text not in {i for i, _ in filled}:
        return False
    return all(i < len(header) and normalise_header(header[i]) == value for i, value in filled)


#: Why a total or score row was not read.
SUMMARY_ROW = (
    "a total or score row (no id, in a table whose other rows have ids): not a requirement"
)

#: A table id that is an outline number alone: "2", "2.", "3.1".
_OUTLINE_ID = re.compile(r"\d{1,3}(?:\.\d{1,3})*\.?")
#: The start of a total row's label: "Total", "Sub-total", "Grand total".
_TOTAL_LABEL = re.compile(r"^(?:(?:sub|grand)[\s-]?)?totals?\b", re.I)
#: Words of a row about the evaluation's scores, not about the product.
_SCORE_WORDS = re.compile(r"\b(?:scores?|scoring|points|marks|weighting|weighted)\b", re.I)
#: The verbs that make a sentence ask for something ("Total cost must stay under ...").
_ASKS = re.compile(
    r"\b(?:must|shall|should|will|may|needs?\s+to|ha(?:s|ve)\s+to|is\s+expected\s+to)\b", re.I
)
#: A cell that holds a number as text: "13", "1,250", "85%", "-2.5".
_NUMBER_TEXT = re.compile(r"[-+]?\d[\d\s.,]*%?")


@dataclass
class RowShape:
    """What the structure rules of a table look at in one data row that has text."""

    ident: str
    text: str
    #: the priority cell as written ("" when the table has none)
    priority: str
    #: the row's other filled cells (neither its text nor its id)
    others: list[object]


def _number_cell(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    return bool(_NUMBER_TEXT.fullmatch(cell_text(value).strip()))


def section_row(ident: str, text: str, priority: str, next_ident: str | None) -> str | None:
    """The section a numbered row heads, or None: "2 | Security and data protection" above
    "2.1 | ...". Its id is an outline number that the id of the row below extends, its
    text a title (short, no requirement keyword, no closing punctuation:
    :func:`dealcheck.sources.common.numbered_heading`, as a PDF's numbered heading), and
    it gives no priority. The title, with its number, is the section of the rows below."""
    from dealcheck.sources.common import numbered_heading

    if priority.strip() or not next_ident or not _OUTLINE_ID.fullmatch(ident):
        return None
    number = ident.rstrip(".")
    if not next_ident.startswith(number + "."):
        return None
    if numbered_heading(f"{number} {text}", next_ident, next_is_item=True) is None:
        return None
    return f"{number} {text}"


def summary_row(text: str, others: Sequence[object]) -> bool:
    """Whether a row without an id is a total or score row at the foot of a table
    ("Total mandatory requirements in this section: | 13", "Maximum available score -
    Section 1 | 33"): its other filled cells are numbers (one at least: a count, a sum),
    and its text is a label that starts with "Total" and asks nothing ("mandatory" there
    names what is counted; "must" would ask), or speaks of scores or points with no
    requirement keyword. A label of another kind beside a number ("Number of named
    users: | 500") may be an ask: it is read. The caller asks only of a row without an
    id in a table whose other rows have ids (:func:`row_roles`)."""
    from dealcheck.sources.common import KEYWORD_RE

    values = [v for v in others if cell_text(v).strip()]
    if not values or not all(_number_cell(v) for v in values):
        return False
    label = text.strip()
    if _TOTAL_LABEL.match(label) and not _ASKS.search(label):
        return True
    return bool(_SCORE_WORDS.search(label)) and not KEYWORD_RE.search(label)


def total_rows_warning(where: str, rows: Sequence[str]) -> str:
    """The warning that rows ("row 19 ('Maximum available score')") were read as a
    table's total or score rows, not as requirements."""
    many = len(rows) > 1
    what = "total or score rows, not as requirements" if many else "a total or score row"
    return (
        f"{where}: {', '.join(rows)} read as {what}"
        f"{'' if many else ', not as a requirement'} (listed by dealcheck read)"
    )


def total_row(kind: str, at: object, text: str, width: int = 50) -> str:
    """One total row as :func:`total_rows_warning` names it: "row 19 ('Maximum ...')"."""
    shown = text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"
    return f"{kind} {at} ({shown!r})"


def row_roles(shapes: Sequence[RowShape]) -> list[tuple[str, str] | None]:
    """What each data row with text is, in a table's order: ``("section", title)`` for a
    numbered section row (:func:`section_row`), ``("summary", reason)`` for a total or
    score row (:func:`summary_row`; only in a table where two rows at least, and half of
    them, have ids, and only for a row without one), None for a requirement."""
    given = sum(1 for shape in shapes if shape.ident)
    with_ids = given >= 2 and 2 * given >= len(shapes)
    roles: list[tuple[str, str] | None] = []
    for k, shape in enumerate(shapes):
        below = shapes[k + 1].ident if k + 1 < len(shapes) else None
        title = section_row(shape.ident, shape.text, shape.priority, below)
        if title is not None:
            roles.append(("section", title))
        elif with_ids and not shape.ident and summary_row(shape.text, shape.others):
            roles.append(("summary", SUMMARY_ROW))
        else:
            roles.append(None)
    return roles


def row_text(cells: Sequence[object]) -> str:
    """A row's filled cells, as a person reads them across: "Ref | Requirement | Priority"."""
    return " | ".join(cell_text(v).strip() for v in cells if cell_text(v).strip())


#: A table cell that is an id on its own: "3", "3.1.", "SEC-4", "SEC-4.1", "FR12".
_ID_CELL = re.compile(
    r"\d{1,4}(?:\.\d{1,3})*\.?"
    r"|[A-Za-z]{1,12}(?:[-_.][A-Za-z]{1,8})?[-_.]?\d+[A-Za-z]?(?:[-_.]\d+[A-Za-z]?)*\.?"
)


#: Words a filled cell of a column must hold on average to be read as the requirement
#: text of a table whose header names no text column (a category column holds one or two).
MIN_WORDS_PER_CELL = 3
#: Why a row of a table with no requirement column was not read.
NO_TEXT_COLUMN = "a table row with no requirement column and no requirement keyword"


#: Header names that say a row is a requirement table's header, read exactly (after
#: normalising): an id column's usual names. Not the looser ones a data cell may hold
#: ("No", "Item", "#"), nor a priority column's alone (a legend sheet: "Priority |
#: Meaning").
STRONG_HEADERS = frozenset(
    {"id", "ref", "reference", "req id", "req #", "req no", "requirement id"}
    | {"requirement ref", "ref no", "question id"}
)
#: Words of a header that names what the supplier writes (its response, comments,
#: evidence) or why the buyer asks (context, rationale, background): never the
#: requirement, however many words it holds.
_NOT_THE_ASK = re.compile(
    r"\b(?:respon\w*|answers?|comments?|notes?|remarks?|vendor|supplier|bidder|tenderer"
    r"|complian\w*|compl(?:y|ies)|explanation|evidence|clarification|context|rationale"
    r"|background|justification|reasons?|purpose|why|benefits?|scenario|use\s+case"
    r"|pain|problems?|issues?|current|today|as[\s-]is|examples?|outcomes?)\b",
    re.I,
)
#: The most words a header cell holds ("Requirement description"); a longer cell is data.
_HEADER_CELL_WORDS = 4


def text_column_by_width(header: Sequence[object], body: Sequence[Sequence[object]]) -> int | None:
    """The text column of a header row that names an id column but no requirement
    column ("ID | Integration | Priority"): of the other columns, the one
    whose cells below hold the most words, if they read as sentences (at least
    ``MIN_WORDS_PER_CELL`` words a filled cell, not "Planning", "Security"). None when
    the row is no header (it names no id column by a usual name, or a cell of it is
    long, or an id: a data row), or no column reads so. A column for what the
    supplier writes (response, comments, compliance) or why the buyer asks (context,
    rationale) is never the text."""
    cells = [cell_text(v).strip() for v in header]
    if any(len(c.split()) > _HEADER_CELL_WORDS or _ID_CELL.fullmatch(c) for c in cells if c):
        return None
    headers = [normalise_header(v) for v in header]
    known = {i for i, h in enumerate(headers) if h in STRONG_HEADERS}
    if not known:
        return None
    skip = known | {i for i, c in enumerate(cells) if _NOT_THE_ASK.search(c)}
    skip |= {i for i, h in enumerate(headers) if _score(h, PRIORITY_HEADERS) >= 2}
    words = [0] * len(headers)
    filled = [0] * len(headers)
    for row in body:
        for i, value in enumerate(row[: len(headers)]):
            text = cell_text(value).strip()
            found = len(re.findall(r"[A-Za-z]{2,}", text))
            # (Not a column of ids: "Item": "H-1", "H-2".)
            if i not in skip and found and not _ID_CELL.fullmatch(text):
                words[i] += found
                filled[i] += 1
    best = max(range(len(headers)), key=lambda i: words[i], default=None)
    if best is None or not filled[best] or words[best] < MIN_WORDS_PER_CELL * filled[best]:
        return None
    return best


def read_as_text(where: str, header: object) -> str:
    """The warning that a column was read as the requirement text by what it holds."""
    return (
        f"{where}: no header names the requirement column; read the column"
        f" {cell_text(header).strip()!r} as the requirements (--text-column names another)"
    )


def first_filled_row(rows: Sequence[Sequence[object]]) -> int | None:
    """The index of the first row with two filled cells or more: the only one that may be
    a header found by :func:`text_column_by_width` (the rows above it are titles)."""
    for i, row in enumerate(rows):
        if sum(1 for v in row if cell_text(v).strip()) >= 2:
            return i
    return None


def read_table(
    rows: Sequence[tuple[Sequence[str], Location]],
    options: ReadOptions,
    where: str,
    section: str | None,
    *,
    header_scan: int = 5,
    first_row_is_header: bool = False,
    tender: TenderProcess | None = None,
    skipped: list[Skipped] | None = None,
    section_priority: str | None = None,
    warnings: list[str] | None = None,
    merged_down: Sequence[Mapping[int, str]] | None = None,
) -> list[Requirement]:
    """The requirements of a document table (Markdown, Word): one per data row.

    The header row is the first of the first ``header_scan`` rows that names a
    requirement column (or the ``--text-column``); the rows above it are titles.
    A blank section cell takes the section above it (a merged or visually
    grouped cell), then the document's heading. A table with no recognisable
    header has no requirement column: its rows are read like prose, so a row
    is a requirement only if its widest cell has a requirement keyword (the id
    then comes from a cell before it that looks like one). With
    ``first_row_is_header`` (Markdown, where the syntax says so) the first
    row is never a requirement. ``section_priority`` is the priority the document's
    headings give (:class:`dealcheck.sources.common.HeadingPriority`); a section or
    group-heading cell that is a priority ("Could have") gives its own.
    ``merged_down``, per row, holds the text of each cell merged down into it from a row
    above (Word's vertically merged cells): an id, priority or section cell gives it to
    every row it spans; a requirement cell stays one requirement.
    """
    from dealcheck.sources import Skipped
    from dealcheck.sources.common import KEYWORD_RE, heading_priority, make_requirement

    wanted = normalise_header(options.text_column) if options.text_column else None
    header_at = None
    for i, (cells, _) in enumerate(rows[:header_scan]):
        named = wanted is not None and any(normalise_header(c) == wanted for c in cells)
        if named or (wanted is None and header_score(cells)):
            header_at = i
            break
    text_index = None
    first = first_filled_row([c for c, _ in rows[:header_scan]])
    if header_at is None and wanted is None and first is not None:
        # A header that names an id column but no text column ("ID |
        # Integration | Priority"): the text is the column with the most words below it.
        text_index = text_column_by_width(rows[first][0], [c for c, _ in rows[first + 1 :]])
        if text_index is not None:
            header_at = first
            if warnings is not None:
                warnings.append(read_as_text(str(rows[first][1]), rows[first][0][text_index]))
    found: list[Requirement] = []
    if header_at is None:
        dropped = 0
        for cells, source in rows[1 if first_row_is_header else 0 :]:
            widest = max(range(len(cells)), key=lambda i: len(cells[i].strip()), default=None)
            if widest is None:
                continue
            text = cells[widest].strip()
            if not text:
                continue
            if not KEYWORD_RE.search(text):
                # Nothing lost: a row not read is listed, and the table is warned about.
                dropped += 1
                if skipped is not None:
                    skipped.append(Skipped(text, source, NO_TEXT_COLUMN))
                continue
            before = [c.strip() for c in cells[:widest] if c.strip()]
            ident = before[0] if before and _ID_CELL.fullmatch(before[0]) else None
            reason = tender.skip_reason(text) if tender is not None else None
            if reason:
                if skipped is not None:
                    skipped.append(Skipped(text, source, reason))
                continue
            found.append(
                make_requirement(
                    text,
                    source,
                    explicit_id=ident,
                    section=section,
                    section_priority=section_priority,
                )
            )
        if dropped and warnings is not None:
            warnings.append(
                f"{rows[0][1]}: a table with no requirement column: {dropped} of its rows"
                " have no requirement keyword and were not read; name the column with"
                " --text-column"
            )
        return found
    header, header_source = rows[header_at]
    columns = find_columns(
        header,
        text_column=options.text_column,
        text_index=text_index,
        id_column=options.id_column,
        priority_column=options.priority_column,
        where=where if header_source.line is None else f"{where}:{header_source.line}",
        above=[cells for cells, _ in rows[:header_at]],
    )
    if columns is None:  # pragma: no cover - the header scan found a text column
        return found
    grouped: str | None = None
    spread = {c for c in (columns.id, columns.priority, columns.section) if c is not None}
    body: list[tuple[Sequence[str], Location]] = []
    for at, (cells, source) in enumerate(rows[header_at + 1 :], start=header_at + 1):
        if merged_down is not None and at < len(merged_down) and merged_down[at]:
            cells = list(cells)
            for index, value in merged_down[at].items():
                if index in spread and index < len(cells) and not cells[index].strip():
                    cells[index] = value
        if repeats_header(cells, header, columns.text):
            if skipped is not None:
                skipped.append(Skipped(row_text(cells), source, REPEATED_HEADER))
            continue
        body.append((cells, source))
    roles = iter(row_roles([shape for cells, _ in body if (shape := columns.shape(cells))]))
    totals: list[str] = []
    for cells, source in body:

        def cell(index: int | None, cells: Sequence[str] = cells) -> str:
            return cells[index].strip() if index is not None and index < len(cells) else ""

        if cell(columns.section):
            grouped = cell(columns.section)
        text = cell(columns.text)
        if not text:
            grouped = group_heading([c.strip() for c in cells], columns) or grouped
            continue
        role = next(roles)
        if role is not None and role[0] == "section":
            grouped = role[1]
            continue
        if role is not None:
            if skipped is not None:
                skipped.append(Skipped(row_text(cells), source, role[1]))
            totals.append(total_row("line", source.line, text))
            continue
        priority, note = columns.priority_of(cell(columns.priority))
        found.append(
            make_requirement(
                text,
                source,
                explicit_id=cell(columns.id) or None,
                explicit_priority=priority,
                section=grouped or section,
                priority_note=note,
                section_priority=(heading_priority(grouped) if grouped else None)
                or section_priority,
            )
        )
    if totals and warnings is not None:
        warnings.append(total_rows_warning(where, totals))
    columns.settle_priority_notes(found)
    return found
