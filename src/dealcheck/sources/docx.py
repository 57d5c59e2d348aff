"""Word documents (``.docx``): list items, table rows, and sentences with a requirement keyword.

python-docx (imported only here) gives the body; it is walked in document
order so paragraphs and tables interleave as the author wrote them.
Headings (styles "Heading n" and "Title") name the section. A paragraph is
a list item when its style is a list style or it carries Word numbering;
each list item is one requirement. Tables are read like a spreadsheet (the
header row names the columns). In other paragraphs, each sentence that has
a requirement keyword is one requirement.

Source: ``line`` is the 1-based position of the paragraph (or table row)
among the body's paragraphs and table rows, which is how a reader counts
down the document.
"""

from __future__ import annotations

import io
import re

from dealcheck.errors import InputError
from dealcheck.requirements import Location
from dealcheck.sources import ReadOptions, SourceResult
from dealcheck.sources.columns import cell_text, find_columns, header_score, priority_cell
from dealcheck.sources.common import make_requirement
from dealcheck.sources.markdown import KEYWORD_RE
from dealcheck.sources.xlsx import open_archive

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'“‘(])")


def sentences(text: str) -> list[str]:
    """Split prose into sentences (a full stop after "e.g." or "v2." stays inside)."""
    parts = _SENTENCE_END.split(text.strip())
    merged: list[str] = []
    for part in parts:
        if merged and re.search(r"\b(?:e\.g|i\.e|etc|vs|no|approx|incl|cf)\.$", merged[-1], re.I):
            merged[-1] += " " + part
        else:
            merged.append(part)
    return [p.strip() for p in merged if p.strip()]


def read(data: bytes, name: str, options: ReadOptions) -> SourceResult:
    open_archive(data, name, ".docx")
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:  # pragma: no cover - installed with the formats extra
        raise InputError(
            f"reading .docx needs python-docx ({exc})",
            name,
            hint='pip install "dealcheck[formats]"',
        ) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for damaged files
        raise InputError(f"cannot open the document: {type(exc).__name__}: {exc}", name) from None

    result = SourceResult()
    section: str | None = None
    position = 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            position += 1
            paragraph = Paragraph(child, document)
            text = paragraph.text.strip()
            if not text:
                continue
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            if style.startswith("Heading") or style == "Title":
                section = text
                continue
            p_pr = child.pPr
            numbered = p_pr is not None and p_pr.numPr is not None
            if "List" in style or numbered:
                _add(result, text, Location(name, position), section)
                continue
            for sentence in sentences(text):
                if KEYWORD_RE.search(sentence):
                    _add(result, sentence, Location(name, position), section)
        elif tag == "tbl":
            table = Table(child, document)
            position = _table(table, name, position, section, options, result)
    return result


def _add(
    result: SourceResult, text: str, source: Location, section: str | None, **explicit: str | None
) -> None:
    req = make_requirement(text, source, section=section, **explicit)
    if req.text:
        result.requirements.append(req)


def _table(
    table, name: str, position: int, section: str | None, options: ReadOptions, result: SourceResult
) -> int:
    rows = []
    for row in table.rows:
        position += 1
        cells = []
        previous = None
        for cell in row.cells:
            # A merged cell is returned once per grid column: keep it once.
            if previous is not None and cell._tc is previous:
                cells.append("")
                continue
            previous = cell._tc
            cells.append(cell.text.strip())
        rows.append((cells, position))
    if not rows:
        return position
    header_at = None
    for i, (cells, _) in enumerate(rows[:5]):
        if header_score(cells) or (
            options.text_column
            and options.text_column.strip().lower() in [c.lower() for c in cells]
        ):
            header_at = i
            break
    if header_at is None:
        for cells, line in rows:
            text = max(cells, key=len, default="")
            if text:
                _add(result, text, Location(name, line), section)
        return position
    header, header_line = rows[header_at]
    columns = find_columns(
        header,
        text_column=options.text_column,
        id_column=options.id_column,
        priority_column=options.priority_column,
        where=f"{name}:{header_line}",
    )
    if columns is None:
        return position
    for cells, line in rows[header_at + 1 :]:
        text = cells[columns.text] if columns.text < len(cells) else ""
        if not text.strip():
            continue
        ident = cells[columns.id] if columns.id is not None and columns.id < len(cells) else ""
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
    return position
