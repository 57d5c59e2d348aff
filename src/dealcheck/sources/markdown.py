"""Markdown: list items, table rows, and paragraphs with a requirement keyword.

Block structure comes from markdown-it-py (CommonMark with tables). A
hand-rolled line parser gets lazy continuations, nested lists, list items
inside block quotes, fenced code inside lists and tables wrong; markdown-it
gets them right, gives every block its source lines (``token.map``), and
imports in about 50 ms, only when a Markdown file is read (rich already
depends on it).

What is a requirement (docs/catalogue.md):

* each list item: its first paragraph, with the lines of a wrapped or lazily
  continued item joined by one space. A nested item is a requirement of its
  own, right after its parent; a parent whose own text is empty is none.
  Further paragraphs inside an item count only with a requirement keyword.
  An ordered item's number (``3.``, ``2)``) is its id unless its text starts
  with an id of its own (``1. SEC-4 - ...`` has the id ``SEC-4``).
* each table row below the header row; the text, id, priority and section
  columns are found by header as in a spreadsheet (``--text-column`` etc.).
* a paragraph (block quotes included) when it starts with an id
  (:func:`dealcheck.sources.common.split_id`, as every format reads one:
  ``3.1``, ``R-1:``, ``SEC-4 -``) or contains a requirement keyword
  (:data:`dealcheck.sources.common.KEYWORD_RE`): a paragraph wrapped over
  lines is one requirement.
* a line of a paragraph (or of an item's text) that starts with an id of
  its own and cannot be the rest of the line above it: CommonMark joins
  "3.1 ..." and "3.2 ..." written without a blank line into one paragraph,
  but each is a requirement, from its line on. A reference (``R-2:``,
  ``SEC-5 -``, ``A.1)``) always starts one; an outline number (``3.2``,
  ``4``) when the line above ends a sentence or a label (``.``, ``!``,
  ``?``, ``:``, ``;``) or the number comes after the id of the requirement
  above (3.1, then 3.2, 3.1.1 or 4). So "...retained for / 7 years" (a
  quantity, no id), "...support SAML / 2.0 single sign-on" (no id above)
  and "3.4 ... TLS / 1.2 or higher" (1.2 before 3.4) stay one requirement.

Headings (ATX and setext) name the section; a heading that is a priority
("Could have", "Won't have", :func:`dealcheck.sources.common.heading_priority`)
gives it to the requirements below it, down to the next heading of its level,
unless they state their own. Instructions to bidders (a
section about the tender process, or a sentence such as "suppliers must
respond by ...") are context, not requirements
(:mod:`dealcheck.sources.tender`; ``--all-sentences`` keeps them). Not
requirements either: headings,
prose without an id or a keyword, fenced and indented code, YAML front matter, HTML
blocks and comments, thematic breaks and blank lines.

Text is the source as written (inline markup such as ``**must**`` is kept;
only the list marker or number, block-quote markers and indentation go).
Source: ``line`` is the 1-based line where the item, paragraph, row or
id-led line starts.
"""

from __future__ import annotations

import re
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
from dealcheck.sources.tender import TenderProcess
from dealcheck.textio import decode_text

__all__ = ["KEYWORD_RE", "read"]

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def _blank_front_matter(text: str) -> str:
    """Front matter becomes blank lines, so line numbers stay true."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return text
    return "\n" * m.group(0).count("\n") + text[m.end() :]


def _joined(content: str) -> str:
    """A block's lines as one line: a wrapped requirement is one requirement."""
    return " ".join(line.strip() for line in content.split("\n") if line.strip())


class _Item:
    """An open list item: its number (ordered lists) and whether its text was taken."""

    def __init__(self, token: Any) -> None:
        self.number = token.info if token.markup in (".", ")") else ""
        self.has_text = False


def read(data: bytes, name: str, options: ReadOptions) -> SourceResult:
    try:
        from markdown_it import MarkdownIt
    except ImportError as exc:  # pragma: no cover - installed with the package
        raise InputError(f"reading Markdown needs markdown-it-py ({exc})", name) from None

    text = _blank_front_matter(decode_text(data, name))
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    result = SourceResult()
    section: str | None = None
    items: list[_Item] = []
    tender = TenderProcess(options.all_sentences, gives_priority=True)
    priority = HeadingPriority()
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind == "heading_open":
            title = _joined(tokens[i + 1].content)
            section = title or section
            level = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1
            tender.heading(title, level)
            priority.heading(title, level)
            i += 3
            continue
        if kind == "list_item_open":
            items.append(_Item(tok))
        elif kind == "list_item_close":
            items.pop()
        elif kind == "paragraph_open" and tok.map:
            own = bool(items) and not items[-1].has_text
            number = ""
            if own:
                # The item's own text: its first paragraph (nested items come on their own).
                items[-1].has_text = True
                number = items[-1].number
            parts = id_led_parts(tokens[i + 1].content, tok.map[0] + 1, number)
            for k, (raw, line) in enumerate(parts):
                if k == 0 and own:
                    if number and own_id(raw) is None:
                        raw = f"{number}. {raw}"
                elif not KEYWORD_RE.search(raw) and not _a_requirements_id(raw):
                    # Prose without a requirement keyword or a requirement's id; a
                    # footnote marker ("[1] Gartner ...") is no such id.
                    continue
                elif len(parts) == 1 and typed_heading(raw) is not None:
                    section = raw  # "2. Identity and Access" written as a paragraph
                    tender.heading(section, 1)
                    priority.heading(raw, 1)
                    continue
                _add(
                    result,
                    raw,
                    Location(name, line),
                    section,
                    tender,
                    tender.section_priority(priority.priority),
                )
            i += 3
            continue
        elif kind == "table_open":
            i = _table(
                tokens,
                i,
                name,
                section,
                options,
                result,
                tender,
                tender.section_priority(priority.priority),
            )
            continue
        i += 1
    return result


def _a_requirements_id(raw: str) -> bool:
    """Whether a line starts with an id a requirement has ("R-1:", "SEC-4 -", "3.2"), not
    a footnote or note marker in brackets ("[1]", "[Note]")."""
    ident = split_id(raw)[0]
    return ident is not None and not raw.lstrip().startswith("[")


def _add(
    result: SourceResult,
    raw: str,
    source: Location,
    section: str | None,
    tender: TenderProcess,
    section_priority: str | None = None,
) -> None:
    if not raw.strip():
        return
    reason = tender.skip_reason(split_id(raw)[1])
    if reason:
        result.skipped.append(Skipped(raw.strip(), source, reason))
        return
    result.requirements.append(
        make_requirement(raw, source, section=section, section_priority=section_priority)
    )


def _table(
    tokens: list[Any],
    i: int,
    name: str,
    section: str | None,
    options: ReadOptions,
    result: SourceResult,
    tender: TenderProcess | None = None,
    section_priority: str | None = None,
) -> int:
    """Read the table starting at ``tokens[i]``; returns the index after it."""
    rows: list[tuple[list[str], Location]] = []
    cells: list[str] = []
    line = 0
    while tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "tr_open":
            cells = []
            line = tok.map[0] + 1 if tok.map else 0
        elif tok.type == "inline":
            cells.append(tok.content.strip())
        elif tok.type == "tr_close":
            rows.append((cells, Location(name, line)))
        i += 1
    result.requirements.extend(
        read_table(
            rows,
            options,
            name,
            section,
            header_scan=1,
            first_row_is_header=True,
            tender=tender,
            skipped=result.skipped,
            warnings=result.warnings,
            section_priority=section_priority,
        )
    )
    return i + 1
