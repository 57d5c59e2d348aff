"""Word documents (``.docx``): list items, table rows, and sentences with a requirement keyword.

python-docx (imported only here) opens the document; the body is walked in
document order, so paragraphs and tables interleave as the author wrote
them, including those inside content controls (``w:sdt``, common in RFP
templates) and custom XML wrappers.

* Headings (styles "Heading n" and "Title") name the section (with their
  number, when Word numbers them). A heading that is a priority ("Could
  have", "Nice-to-have requirements") gives it to the requirements below it,
  down to the next heading of its level, unless they state their own.
* A paragraph is a list item when its style is a list style ("List Bullet",
  "List Number", "List Paragraph" ...) or it carries Word numbering
  (``w:numPr``, its own or its style's); each list item is one requirement.
  The number Word shows in front of it (computed from the numbering
  definitions by :mod:`dealcheck.sources.docx_numbering`) is its id, unless
  its text starts with an id of its own.
* Tables are read like a spreadsheet: the header row names the columns
  (:func:`dealcheck.sources.columns.read_table`). A vertically merged id,
  priority or section cell applies to every row it spans ("Desirable" merged
  over three rows is each row's priority); a vertically merged text cell is
  one requirement, not one per row.
* Other paragraphs are read as Markdown reads a paragraph
  (:func:`dealcheck.sources.common.id_led_parts`): one that starts with an id
  (``R-1: SSO via Okta``, ``3.1 ...``, ``SEC-4 - ...``) is a requirement, with
  or without a requirement keyword, and a line in it (after a manual line
  break) that starts with an id of its own and cannot be the rest of the line
  above starts the next one, so "3.1 ..." / "3.2 ..." parted by line breaks are
  two requirements while "retained for" / "7 years" stays one. In the rest of
  a paragraph, each sentence with a requirement keyword is one.
* Instructions to bidders (a section about the tender process, or a sentence
  such as "suppliers must respond by ...") are context, not requirements
  (:mod:`dealcheck.sources.tender`; ``--all-sentences`` keeps them).

Text is what the reader sees: tracked insertions are in, tracked deletions
out (a list item deleted whole, paragraph mark and all, takes no number: the
items below it keep the numbers Word shows), text in content controls,
hyperlinks and fields is kept, text boxes are left out. A manual line break
inside a paragraph is a wrapped line, joined with one space, unless the line
after it starts a requirement of its own (see above); in a table cell, line
breaks and paragraphs stay as written (as in a spreadsheet cell).

Source: ``line`` is the 1-based position of the paragraph (or table row)
among the body's paragraphs and table rows, counting empty paragraphs: how
a reader counts down the document. Word has no line numbers of its own.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from dealcheck.errors import InputError
from dealcheck.requirements import Location
from dealcheck.sources import ReadOptions, Skipped, SourceResult
from dealcheck.sources.columns import read_table
from dealcheck.sources.common import (
    KEYWORD_RE,
    HeadingPriority,
    id_led_parts,
    make_requirement,
    own_id,
    split_id,
    typed_heading,
)
from dealcheck.sources.docx_numbering import WordNumbering, label_id
from dealcheck.sources.tender import TenderProcess
from dealcheck.sources.xlsx import open_archive

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
#: Subtrees whose text the reader does not see in the paragraph: paragraph
#: properties (their w:tab elements are tab stops), text boxes, tracked
#: deletions and moves away, and the fallback copy of alternate content.
_SKIP = frozenset(
    {
        f"{_W}pPr",
        f"{_W}rPr",
        f"{_W}txbxContent",
        f"{_W}del",
        f"{_W}moveFrom",
        f"{_MC}Fallback",
    }
)
#: Containers that wrap body blocks without being blocks themselves.
_WRAPPERS = frozenset({f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag"})

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


def paragraph_text(p: Any) -> str:
    """The text of a ``w:p`` element as Word shows it (python-docx drops tracked insertions)."""
    parts: list[str] = []

    def walk(element: Any) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == f"{_W}t":
                parts.append(child.text or "")
            elif tag == f"{_W}tab":
                parts.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                parts.append("-")
            else:
                walk(child)

    walk(p)
    return "".join(parts)


def _gone(p: Any) -> bool:
    """Whether a paragraph is gone from what the reader sees: its paragraph mark is a
    tracked deletion (or was moved away) and none of its text is left. Word then draws
    no number for it, and the list goes on from the paragraph before."""
    mark = p.find(f"{_W}pPr/{_W}rPr")
    removed = mark is not None and (
        mark.find(f"{_W}del") is not None or mark.find(f"{_W}moveFrom") is not None
    )
    return removed and not paragraph_text(p).strip()


def _label(numbering: WordNumbering, p: Any) -> str | None:
    """The number Word shows before ``p`` (advancing the list), none for a paragraph
    deleted with tracked changes (:func:`_gone`)."""
    return None if _gone(p) else numbering.label(p)


def _blocks(container: Any) -> Iterator[Any]:
    """The paragraphs and tables of a body or cell, in order, through content controls."""
    for child in container:
        tag = child.tag
        if tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif tag in _WRAPPERS:
            yield from _blocks(child)


def _style_name(paragraph: Any) -> str:
    try:
        style = paragraph.style
    except Exception:  # a paragraph naming a style the document lacks
        return ""
    return (style.name if style is not None else "") or ""


def read(data: bytes, name: str, options: ReadOptions) -> SourceResult:
    open_archive(data, name, ".docx")
    try:
        import docx
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
    numbering = WordNumbering(document)
    tender = TenderProcess(options.all_sentences, gives_priority=True)
    priority = HeadingPriority()
    for block in _blocks(document.element.body):
        if block.tag == f"{_W}tbl":
            position = _table(
                block,
                document,
                name,
                position,
                section,
                options,
                result,
                numbering,
                tender,
                tender.section_priority(priority.priority),
            )
            continue
        position += 1
        # In document order, even for empty paragraphs; not for one deleted with tracked
        # changes, which Word no longer numbers.
        label = _label(numbering, block)
        text = re.sub(r"[ \t]*\n[ \t]*", " ", paragraph_text(block)).strip()
        if not text:
            continue
        style = _style_name(Paragraph(block, document))
        if style.startswith("Heading") or style == "Title":
            section = f"{label} {text}" if label else text
            level = style.removeprefix("Heading").strip()
            tender.heading(section, int(level) if level.isdigit() else 0)
            priority.heading(text, int(level) if level.isdigit() else 0)
            continue
        p_pr = block.find(f"{_W}pPr")
        numbered = p_pr is not None and p_pr.find(f"{_W}numPr") is not None
        source = Location(name, position)
        if "List" in style or numbered or label:
            reason = tender.skip_reason(split_id(text)[1])
            if reason:
                result.skipped.append(Skipped(text, source, reason))
                continue
            # The number Word draws is the customer's id, unless the text has its own.
            has_id = own_id(text) is not None
            result.requirements.append(
                make_requirement(
                    text,
                    source,
                    explicit_id=None if has_id or not label else label_id(label),
                    section=section,
                    section_priority=tender.section_priority(priority.priority),
                )
            )
            continue
        number = typed_heading(text) if "\n" not in paragraph_text(block).strip() else None
        if number is None and _bold_title(Paragraph(block, document), text):
            tender.title()  # "Lot 2 - Core platform" set in bold: a title, not a heading
        if number is not None:
            # A heading typed as a plain paragraph ("3. Payroll", "1. Overview"): a
            # section, as a numbered PDF line of that shape is, not requirement 3.
            section = text
            depth = number.count(".") + 1
            tender.heading(section, depth)
            priority.heading(text, depth)
            continue
        # Lines parted by manual line breaks are read as a Markdown paragraph's lines: one
        # that starts with an id of its own starts a requirement ("3.1 ..." / "3.2 ...").
        for part, _ in id_led_parts(paragraph_text(block)):
            led = split_id(part)[0] is not None and not part.lstrip().startswith("[")
            for k, sentence in enumerate(sentences(part)):
                # The sentence that carries the id is a requirement with or without a
                # keyword; the others are read as any paragraph's ("Bidders must submit
                # pricing in Annex B" is still an instruction to bidders).
                if (k == 0 and led) or KEYWORD_RE.search(sentence):
                    _add(result, sentence, source, section, tender, priority.priority)
    return result


#: The most words of a title set in bold ("Lot 2 - Core platform").
TITLE_WORDS = 10


def _bold_title(paragraph: Any, text: str) -> bool:
    """Whether a paragraph reads as a title though no heading style says so: a few words,
    every run bold, no sentence end and no requirement keyword."""
    runs = [r for r in paragraph.runs if r.text.strip()]
    return (
        bool(runs)
        and all(r.bold for r in runs)
        and len(text.split()) <= TITLE_WORDS
        and not text.rstrip().endswith((".", "?", "!", ";", ":"))
        and not KEYWORD_RE.search(text)
    )


def _add(
    result: SourceResult,
    text: str,
    source: Location,
    section: str | None,
    tender: TenderProcess,
    section_priority: str | None,
) -> None:
    reason = tender.skip_reason(split_id(text)[1])
    if reason:
        result.skipped.append(Skipped(text, source, reason))
        return
    # (A sentence above that stated the section's priority gives it, else the headings.)
    stated = tender.section_priority(section_priority)
    result.requirements.append(
        make_requirement(text, source, section=section, section_priority=stated)
    )


def _cell_text(tc: Any, numbering: WordNumbering | None = None) -> str:
    """A table cell's text as shown: an auto-numbered cell shows its number too."""
    lines = []
    for p in _blocks(tc):
        if p.tag != f"{_W}p":
            continue
        label = _label(numbering, p) if numbering is not None else None
        text = paragraph_text(p)
        if label:
            text = f"{label} {text}".strip() if text.strip() else label_id(label)
        lines.append(text)
    return "\n".join(lines).strip()


def _table(
    tbl: Any,
    document: Any,
    name: str,
    position: int,
    section: str | None,
    options: ReadOptions,
    result: SourceResult,
    numbering: WordNumbering | None = None,
    tender: TenderProcess | None = None,
    section_priority: str | None = None,
) -> int:
    """Read one table; returns the position of its last row."""
    from docx.table import Table

    rows: list[tuple[list[str], Location]] = []
    merged_down: list[dict[int, str]] = []  # per row: column -> a cell merged down over it
    texts: dict[Any, str] = {}  # each cell's text, read once (its numbering counts once)
    try:
        table_rows = list(Table(tbl, document).rows)
        for row in table_rows:
            position += 1
            cells: list[str] = []
            below: dict[int, str] = {}
            previous = None
            for index, cell in enumerate(row.cells):
                tc = cell._tc
                # A cell spanning several grid columns comes once per column, and a
                # vertically merged one once per row: its text belongs to its first.
                if tc is previous:
                    cells.append("")
                elif next(tc.iterancestors(f"{_W}tr"), None) is not row._tr:
                    cells.append("")
                    if tc in texts:
                        below[index] = texts[tc]  # read_table decides which columns take it
                else:
                    texts[tc] = _cell_text(tc, numbering)
                    cells.append(texts[tc])
                previous = tc
            rows.append((cells, Location(name, position)))
            merged_down.append(below)
    except InputError:
        raise
    except Exception as exc:  # a malformed table python-docx cannot lay out
        raise InputError(
            f"cannot read a table: {type(exc).__name__}: {exc}", name, position or None
        ) from None
    result.requirements.extend(
        read_table(
            rows,
            options,
            name,
            section,
            tender=tender,
            skipped=result.skipped,
            warnings=result.warnings,
            section_priority=section_priority,
            merged_down=merged_down,
        )
    )
    return position
