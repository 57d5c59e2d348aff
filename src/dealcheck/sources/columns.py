"""Finding the requirement, id, priority and section columns of a table by their headers.

Shared by every tabular input (CSV, Excel, Markdown and Word tables), so a
compliance matrix is read the same way whatever it was saved as.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from dealcheck.errors import InputError

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


def _pick(headers: list[str], names: tuple[str, ...], taken: set[int]) -> int | None:
    best, best_score = None, 0
    for i, h in enumerate(headers):
        if i in taken:
            continue
        score = _score(h, names)
        if score > best_score:
            best, best_score = i, score
    return best


def _named(headers: list[str], wanted: str, option: str, where: str) -> int:
    key = normalise_header(wanted)
    for i, h in enumerate(headers):
        if h == key:
            return i
    shown = ", ".join(repr(h) for h in headers if h) or "none"
    raise InputError(
        f"no column named {wanted!r} ({option})", where, hint=f"headers found: {shown}"
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
    id_column: str | None = None,
    priority_column: str | None = None,
    where: str = "",
) -> Columns | None:
    """The columns of a header row, or None if it has no requirement text column."""
    headers = [normalise_header(v) for v in row]
    taken: set[int] = set()
    if text_column:
        text = _named(headers, text_column, "--text-column", where)
    else:
        found = _pick(headers, TEXT_HEADERS, taken)
        if found is None:
            return None
        text = found
    taken.add(text)
    ident = (
        _named(headers, id_column, "--id-column", where)
        if id_column
        else _pick(headers, ID_HEADERS, taken)
    )
    if ident is not None:
        taken.add(ident)
    priority = (
        _named(headers, priority_column, "--priority-column", where)
        if priority_column
        else _pick(headers, PRIORITY_HEADERS, taken)
    )
    if priority is not None:
        taken.add(priority)
    section = _pick(headers, SECTION_HEADERS, taken)
    return Columns(
        text, ident, priority, section, headers[priority] if priority is not None else ""
    )


def priority_cell(value: object, header: str) -> str | None:
    """An explicit priority from a cell; "Yes"/"No" only mean must/may under "Mandatory"."""
    from dealcheck.requirements import priority_from_value

    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    lowered = text.lower()
    if lowered in ("yes", "y", "no", "n", "true", "false", "x", "1", "0"):
        if "mandatory" not in header and "required" not in header and "must" not in header:
            return None
        return "must" if lowered in ("yes", "y", "true", "x", "1") else "may"
    return priority_from_value(text)


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
