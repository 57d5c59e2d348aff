"""Markdown: list items, table rows, and paragraphs with a requirement keyword.

Block structure comes from markdown-it-py (CommonMark with tables), whose
tokens carry the source lines of every block, so the requirement text is
taken from the source exactly as written (inline markup and all), a
wrapped item is one requirement, and the line number is right. A
hand-rolled line parser gets lazy continuations, nested lists, fenced code
inside lists and tables wrong; markdown-it gets them right and imports in
about 50 ms, only when a Markdown file is read.

Headings name the section. Not requirements: headings, prose without a
keyword, code blocks, YAML front matter, HTML blocks and blank lines.
"""

from __future__ import annotations

import re

from dealcheck.errors import InputError
from dealcheck.requirements import Location, Requirement
from dealcheck.sources import ReadOptions, SourceResult
from dealcheck.sources.columns import cell_text, find_columns, header_score, priority_cell
from dealcheck.sources.common import make_requirement
from dealcheck.textio import decode_text

#: A paragraph (or sentence) is a requirement only if it has one of these.
KEYWORD_RE = re.compile(
    r"\b(must|shall|required|requires?|should|may|will\s+provide|will\s+support|will\s+offer"
    r"|need(?:s)?\s+to|has\s+to|have\s+to|mandatory|recommended|optional|is\s+expected\s+to"
    r"|are\s+expected\s+to)\b",
    re.I,
)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def _blank_front_matter(text: str) -> str:
    """Front matter becomes blank lines, so line numbers stay true."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return text
    return "\n" * m.group(0).count("\n") + text[m.end() :]


def _source_text(lines: list[str], start: int, end: int) -> str:
    """The lines of a block joined as one line (a wrapped requirement is one requirement)."""
    return " ".join(line.strip() for line in lines[start:end] if line.strip())


_HEADING_MARKS = re.compile(r"^\s{0,3}#{1,6}\s*|\s+#+\s*$")


def read(data: bytes, name: str, options: ReadOptions) -> SourceResult:
    try:
        from markdown_it import MarkdownIt
    except ImportError as exc:  # pragma: no cover - installed with the package
        raise InputError(f"reading Markdown needs markdown-it-py ({exc})", name) from None

    text = _blank_front_matter(decode_text(data, name))
    lines = text.split("\n")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    result = SourceResult()
    section: str | None = None
    depth_in_item = 0
    item_first_paragraph: list[bool] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind == "heading_open":
            inline = tokens[i + 1]
            section = inline.content.strip() or section
            i += 3
            continue
        if kind == "list_item_open":
            depth_in_item += 1
            item_first_paragraph.append(True)
        elif kind == "list_item_close":
            depth_in_item -= 1
            item_first_paragraph.pop()
        elif kind == "paragraph_open" and tok.map:
            start, end = tok.map
            raw = _source_text(lines, start, end)
            if depth_in_item and item_first_paragraph and item_first_paragraph[-1]:
                # The item's own text: its first paragraph (nested items come on their own).
                item_first_paragraph[-1] = False
                _add(result, raw, Location(name, start + 1), section)
            elif not depth_in_item and KEYWORD_RE.search(raw):
                _add(result, raw, Location(name, start + 1), section)
            elif depth_in_item and KEYWORD_RE.search(raw):
                _add(result, raw, Location(name, start + 1), section)
        elif kind == "table_open":
            i = _table(tokens, i, lines, name, section, options, result)
            continue
        i += 1
    return result


def _add(
    result: SourceResult, raw: str, source: Location, section: str | None, **explicit: str | None
) -> None:
    if not raw.strip():
        return
    req: Requirement = make_requirement(raw, source, section=section, **explicit)
    if req.text:
        result.requirements.append(req)


def _cells(tokens: list, i: int) -> tuple[list[str], int]:
    """The cells of the row starting at tokens[i] (a tr_open); returns (cells, index after)."""
    cells: list[str] = []
    i += 1
    while tokens[i].type != "tr_close":
        if tokens[i].type == "inline":
            cells.append(tokens[i].content.strip())
        i += 1
    return cells, i + 1


def _table(
    tokens: list,
    i: int,
    lines: list[str],
    name: str,
    section: str | None,
    options: ReadOptions,
    result: SourceResult,
) -> int:
    rows: list[tuple[list[str], int]] = []
    while tokens[i].type != "table_close":
        if tokens[i].type == "tr_open":
            line = (tokens[i].map[0] + 1) if tokens[i].map else 0
            cells, i = _cells(tokens, i)
            rows.append((cells, line))
            continue
        i += 1
    if not rows:
        return i + 1
    header, header_line = rows[0]
    columns = None
    if header_score(header) or options.text_column:
        columns = find_columns(
            header,
            text_column=options.text_column,
            id_column=options.id_column,
            priority_column=options.priority_column,
            where=f"{name}:{header_line}",
        )
    for cells, line in rows[1:]:
        if columns is None:
            # No recognisable header: the widest cell of each row is the requirement.
            text = max(cells, key=len, default="")
            _add(result, text, Location(name, line), section)
            continue
        text = cells[columns.text] if columns.text < len(cells) else ""
        if not text.strip():
            continue
        ident = cells[columns.id] if columns.id is not None and columns.id < len(cells) else None
        priority = None
        if columns.priority is not None and columns.priority < len(cells):
            priority = priority_cell(cells[columns.priority], columns.priority_header)
        row_section = section
        if columns.section is not None and columns.section < len(cells):
            row_section = cell_text(cells[columns.section]).strip() or section
        _add(
            result,
            text,
            Location(name, line),
            row_section,
            explicit_id=ident or None,
            explicit_priority=priority,
        )
    return i + 1
