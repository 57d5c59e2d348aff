"""PDF documents: numbered and bulleted items, and sentences with a requirement keyword.

pypdf (imported only here) extracts each page's text in reading order, with the
size and weight of the font each line is set in where pypdf reports them. Then:

1. Running headers and footers are dropped: a line at the top or bottom of
   a page that repeats (digits ignored, except in a reference id alone on its
   line: "B.1" atop one page and "B.5" atop the next are items) on at least
   half the pages, and page numbers ("Page 3 of 12", "3", "- 3 -", "3/12").
2. Footnotes are listed as not read: lines at the foot of a page, set smaller
   than the body's text, from one that starts with a number that a mark above
   on the page (a superscript, or the number alone on a small line) refers to.
3. The pages are joined, so a requirement split by a page break is whole.
4. A list number, bullet or reference id alone on its line is joined to the
   line below (generators that draw numbers apart from the text extract them
   so), unless it is set much smaller than that line (a footnote mark).
   Lines are grouped into blocks: a line that starts with a number or a
   list marker starts a new item; other lines continue the block before
   them unless that block visibly ended (a short line ending in a full stop).
   A line that starts with a number goes on the block above when that block
   did not end and the number is no list number there ("... 24 hours a day," /
   "7 days a week, ..."; "... SAML" / "2.0 ..."). A short line set apart by
   its font (larger than the body's text; or bold above plain text, after a
   paragraph that ended; Title Case where the PDF gives no fonts), with text
   below it that does not go on in lower case, is a title: a heading with no
   number, never glued onto the text above or below it. Bullets as fonts draw
   them (Word's Symbol bullets, squares, ticks) are read as bullets. The lines
   of a block are joined with a space; a word hyphenated at a line's end is
   put back together ("configu-" / "ration"), a compound keeps its hyphen
   ("customer-" / "managed").
5. A numbered line is a section heading, not a requirement, when it is
   short, has no closing punctuation and no requirement keyword, and the
   next numbered line extends its number ("2. Identity" then "2.1 ...").
   A heading that is a priority ("4. Could have") gives it to the
   requirements below it unless they state their own.
6. Items are requirements; in prose, each sentence with a requirement
   keyword is one. Instructions to bidders (a section about the tender
   process, or a sentence such as "suppliers must respond by ...") are
   context, not requirements (:mod:`dealcheck.sources.tender`;
   ``--all-sentences`` keeps them).

pypdf's own log messages ("EOF marker not found", "Ignoring wrong pointing object")
are kept off the terminal (:func:`_quiet_pypdf`): a damaged file is one clean error,
and a file read past a flaw in its structure is read as any other.

Source: ``page`` and ``line`` (the line on that page where the requirement starts).
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from dealcheck.errors import InputError
from dealcheck.requirements import Location
from dealcheck.sources import ReadOptions, Skipped, SourceResult
from dealcheck.sources.common import (
    KEYWORD_RE,
    HeadingPriority,
    make_requirement,
    numbered_heading,
    split_id,
    starts_requirement,
)
from dealcheck.sources.docx import sentences
from dealcheck.sources.tender import TenderProcess

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I
)
_ITEM_START = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]?\s+\S"  # 2.1 Text / 3. Text / 4) Text
    r"|[A-Za-z]{1,12}(?:[-_.][A-Za-z]{1,8})?[-_.]\d+[A-Za-z]?\s*(?::|[-–—]\s|\s)"  # SEC-4 -
    r"|[-•▪●◦*]\s+\S"  # bullets
    r"|\(?[a-z]\)\s+\S)"  # a) (b)
)
_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)[.)]?\s")


@dataclass
class _Line:
    text: str
    page: int
    line: int
    #: the font size most of its characters are set in (None: the PDF does not say)
    size: float | None = None
    bold: bool = False  # most of its characters are set in a bold font
    #: numbers set smaller than the text around them: footnote marks ("keys.¹")
    marks: frozenset[str] = field(default_factory=frozenset)


#: A footnote mark is set at most this part of its text's size (superscripts are about
#: 0.6 of it); a footnote's text is smaller than the body's.
_MARK_SIZE = 0.8
_SMALLER = 0.92
#: A title set apart by its font: this much larger than the body's text.
_LARGER = 1.1
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)


def _scale(matrix: Any) -> float:
    """How much a PDF matrix (a, b, c, d, e, f) scales text (1 when it cannot say)."""
    try:
        det = abs(float(matrix[0]) * float(matrix[3]) - float(matrix[1]) * float(matrix[2]))
    except (TypeError, ValueError, IndexError):
        return 1.0
    return math.sqrt(det) if det > 0 else 1.0


#: Bullets as fonts draw them: Word's Symbol and Wingdings bullets (private-use code
#: points), a middle dot, squares, arrows, ticks, and the standard fonts' bullet that
#: extracts as DEL. Each is read as "•" when it starts a line.
_BULLET_GLYPH = re.compile(
    "^(\\s*)[\x7f\u00b7\u2023\u2043\u25a0\u25a1\u25aa\u25cf\u25e6\u27a2\u2713"
    "\uf076\uf0a7\uf0b7\uf0d8\uf0fc](?=\\s|$)"
)


def _bullet(text: str) -> str:
    """A line with the bullet it starts with read as "•" (the list markers' bullet)."""
    return _BULLET_GLYPH.sub("\\1\u2022", text, count=1)


def _page_lines(page: Any, page_no: int) -> list[_Line]:
    """A page's text lines in pypdf's reading order, each with the size and weight of its
    font where pypdf reports them (its text pieces, put together, are the page's text)."""
    pieces: list[tuple[str, float | None, bool]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        try:
            name = str(font.get("/BaseFont", "")) if font else ""
            points = round(float(size) * _scale(tm) * _scale(cm), 1) if size else None
        except (TypeError, ValueError, AttributeError):
            name, points = "", None
        pieces.append((text, points, bool(_BOLD.search(name))))

    text = page.extract_text(visitor_text=visit) or ""
    texts = text.split("\n")
    if "".join(piece for piece, _, _ in pieces) != text:
        return [_Line(_bullet(x), page_no, i) for i, x in enumerate(texts, start=1)]
    lines: list[_Line] = []
    chars: list[tuple[str, float | None, bool]] = []
    for piece, size, bold in [*pieces, ("\n", None, False)]:
        for ch in piece:
            if ch != "\n":
                chars.append((ch, size, bold))
                continue
            lines.append(_attributed(chars, page_no, len(lines) + 1))
            chars = []
    return [replace(x, text=_bullet(x.text)) for x in lines[: len(texts)]]


def _attributed(chars: list[tuple[str, float | None, bool]], page: int, line: int) -> _Line:
    """A line from its characters: its main font size and weight, and its footnote marks
    (digits set in a font much smaller than the line's, "keys.¹")."""
    text = "".join(ch for ch, _, _ in chars)
    sizes = Counter(size for ch, size, _ in chars if not ch.isspace() and size)
    if not sizes:
        return _Line(text, page, line)
    size = max(sizes, key=lambda k: (sizes[k], k))
    solid = [bold for ch, _, bold in chars if not ch.isspace()]
    marks: set[str] = set()
    run = ""
    for ch, small, _ in [*chars, (" ", None, False)]:
        if ch.isdigit() and small and small <= _MARK_SIZE * size:
            run += ch
        elif run:
            marks.add(run)
            run = ""
    return _Line(text, page, line, size, sum(solid) * 2 > len(solid), frozenset(marks))


#: A reference id alone on its line ("B.1", "SEC-4", "NCC-2026-044").
_LONE_ID = re.compile(r"^[A-Za-z]{1,12}(?:[-_.][A-Za-z]{1,8})?[-_.]\d+[A-Za-z]?(?:[-_.]\d+)*$")


def _signature(line: str) -> str:
    """A line as running text repeats it: its digits may change ("Page 3 of 12"), except
    in a reference id alone on its line. "B.1" atop one page and "B.5" atop the next are
    two items; "NCC-2026-044" at the foot of every page is running text."""
    line = line.strip()
    return line.lower() if _LONE_ID.match(line) else re.sub(r"\d+", "#", line.lower())


def _strip_running(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Drop running headers/footers and page numbers; keep page and line positions."""
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = {_signature(x.text) for x in lines[:3] + lines[-3:] if x.text.strip()}
        counts.update(edge)
    threshold = max(2, (len(pages) + 1) // 2)
    running = {sig for sig, n in counts.items() if n >= threshold} if len(pages) > 1 else set()
    kept: list[list[_Line]] = []
    for lines in pages:
        near = [i < 3 or i >= len(lines) - 3 for i in range(len(lines))]
        gone = [
            not x.text.strip() or (near[i] and _signature(x.text) in running)
            for i, x in enumerate(lines)
        ]
        out = []
        for i, x in enumerate(lines):
            stripped = x.text.strip()
            if gone[i]:
                continue
            # A lone number is the page's number only at the page's very edge (nothing
            # but running text before or after it): "5" followed by its item's text at
            # the bottom of a page is a list number, not a page number.
            if near[i] and _PAGE_NUMBER.match(stripped) and (all(gone[:i]) or all(gone[i + 1 :])):
                continue
            out.append(replace(x, text=stripped))
        kept.append(out)
    return kept


def _body_size(pages: list[list[_Line]]) -> float | None:
    """The font size most of the text is set in, if the PDF says."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for x in lines:
            if x.size:
                sizes[x.size] += len(x.text)
    return max(sizes, key=lambda k: (sizes[k], k)) if sizes else None


_FOOTNOTE = re.compile(r"^(?P<mark>\d{1,3})[.)]?(?:\s+|$)")


def _footnotes(
    lines: list[_Line], body: float | None
) -> tuple[list[_Line], list[list[_Line]], list[_Line]]:
    """A page's lines without its footnotes, the footnotes (each its lines), and the
    marks that stood alone on a line of their own.

    A footnote is at the foot of the page, below the body's text, set in a font smaller
    than the body's, and starts with a number that the page's text above has set smaller
    than itself (a superscript "¹", or the number alone on a line): a numbered list set
    small at the foot of a page, with no such mark above it, stays a list."""
    if body is None:
        return lines, [], []
    small = [x.size is not None and x.size < _SMALLER * body for x in lines]
    foot = len(lines)
    while foot > 0 and small[foot - 1]:
        foot -= 1
    marks: set[str] = set()
    for x in lines[:foot]:
        marks |= x.marks
        if x.size and x.size <= _MARK_SIZE * body and re.fullmatch(r"\d{1,3}", x.text):
            marks.add(x.text)
    start = next(
        (
            i
            for i in range(foot, len(lines))
            if (m := _FOOTNOTE.match(lines[i].text)) and m["mark"] in marks
        ),
        None,
    )
    if start is None:
        return lines, [], []
    notes: list[list[_Line]] = []
    for x in lines[start:]:
        if _FOOTNOTE.match(x.text) or not notes:
            notes.append([x])
        else:
            notes[-1].append(x)
    numbers = {m["mark"] for note in notes if (m := _FOOTNOTE.match(note[0].text))}
    # The marks alone on their lines go with their notes (not read into the text).
    alone = [
        x for x in lines[:start] if x.size and x.size <= _MARK_SIZE * body and x.text in numbers
    ]
    return [x for x in lines[:start] if x not in alone], notes, alone


def _is_heading(line: str, next_number: str | None, next_is_item: bool) -> bool:
    return numbered_heading(line, next_number, next_is_item) is not None


_LONE_MARKER = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]?|[-•▪●◦*]|\(?[a-z]\)"
    r"|[A-Za-z]{1,12}(?:[-_.][A-Za-z]{1,8})?[-_.]\d+[A-Za-z]?(?:[-_.]\d+)*)$"
)


def _join_lone_markers(lines: list[_Line], page_no: int) -> list[_Line]:
    """A list number, bullet or reference id on a line of its own belongs to the text
    below it.

    Generators that draw the number apart from the item (reportlab, many RFP
    templates) extract as "1" / "Stream audit events to Splunk", or "B.1" / "The
    service must ...". A bare number as the first line of a page, close to the page's
    number, is a page number; a number set much smaller than the text below it is a
    footnote mark, not the text's number. A reference id is joined only where it reads
    as the id of the joined line ("ISO-27001" is a standard's name, not an id). The
    joined line keeps the marker's position; the text's line is left blank.
    """
    out = list(lines)
    filled = [i for i, x in enumerate(out) if x.text.strip()]
    for n, i in enumerate(filled[:-1]):
        marker, below = out[i].text.strip(), out[filled[n + 1]].text.strip()
        if not _LONE_MARKER.match(marker) or _LONE_MARKER.match(below) or not below:
            continue
        small, text_size = out[i].size, out[filled[n + 1]].size
        if small and text_size and small <= _MARK_SIZE * text_size:
            continue  # a superscript footnote mark on a line of its own
        if n == 0 and marker.isdigit() and abs(int(marker) - page_no) <= 2:
            after = out[filled[n + 2]].text.strip() if n + 2 < len(filled) else ""
            if after != str(int(marker) + 1):
                continue  # the page's number, unless the next item's number follows
        if _LONE_ID.match(marker) and split_id(f"{marker} {below}")[0] != marker:
            continue
        if marker.isdigit():
            marker += "."  # "1" drawn apart is the list's "1."
        text = out[filled[n + 1]]
        out[i] = replace(
            text, text=f"{marker} {below}", line=out[i].line, marks=out[i].marks | text.marks
        )
        out[filled[n + 1]] = replace(text, text="")
    return out


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """Keep pypdf's log messages off stderr while it reads.

    pypdf logs what it reads past ("EOF marker not found") through :mod:`logging`; with
    no handler configured, Python's last-resort handler printed them on stderr, before
    dealcheck's own error for the same file, or among a clean run's output. The error
    dealcheck raises (or the requirements it reads) says what matters to the user."""
    logger = logging.getLogger("pypdf")
    propagate = logger.propagate
    quiet = logging.NullHandler()
    logger.addHandler(quiet)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(quiet)
        logger.propagate = propagate


def read(data: bytes, name: str, options: ReadOptions) -> SourceResult:
    with _quiet_pypdf():
        return _read(data, name, options)


def _read(data: bytes, name: str, options: ReadOptions) -> SourceResult:
    try:
        import pypdf
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - installed with the formats extra
        raise InputError(
            f"reading .pdf needs pypdf ({exc})", name, hint='pip install "dealcheck[formats]"'
        ) from None
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise InputError("not a PDF file (no %PDF header)", name)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise InputError(
                        "password-protected PDF", name, hint="remove the password and try again"
                    )
            except InputError:
                raise
            except Exception:
                raise InputError(
                    "password-protected PDF", name, hint="remove the password and try again"
                ) from None
        pages = [_page_lines(page, n) for n, page in enumerate(reader.pages, start=1)]
    except InputError:
        raise
    except (
        PdfReadError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        RecursionError,
        OSError,
    ) as exc:
        raise InputError(f"cannot read the PDF (damaged or truncated): {exc}", name) from None
    except Exception as exc:  # pypdf raises many types for damaged files
        raise InputError(f"cannot read the PDF: {type(exc).__name__}: {exc}", name) from None
    if not any(line.text.strip() for page in pages for line in page):
        raise InputError(
            "the PDF has no extractable text (a scanned image?)",
            name,
            hint="run it through OCR, or export the requirements to .csv",
        )
    result = SourceResult()
    pages = [_join_lone_markers(page, n) for n, page in enumerate(pages, start=1)]
    kept = _strip_running(pages)
    body = _body_size(kept)
    lines: list[_Line] = []
    for page in kept:
        page_lines, notes, marks = _footnotes(page, body)
        lines.extend(page_lines)
        for x in marks:
            where = Location(name, x.line, page=x.page)
            result.skipped.append(Skipped(x.text, where, "a footnote mark"))
        for note in notes:
            where = Location(name, note[0].line, page=note[0].page)
            result.skipped.append(Skipped(_joined(note), where, "a footnote"))
    typical = sorted(len(x.text) for x in lines)[int(len(lines) * 0.9)] if lines else 0

    numbers: list[str | None] = []
    for x in lines:
        found = _NUMBER.match(x.text + " ")
        numbers.append(found.group(1) if found else None)
    # ("item" | "heading" | "title" | "prose", lines); a title is a heading with no number
    blocks: list[tuple[str, list[_Line]]] = []
    for i, line in enumerate(lines):
        next_number = next((n for n in numbers[i + 1 :] if n), None)
        above = blocks[-1] if blocks and blocks[-1][0] in ("item", "prose") else None
        if _ITEM_START.match(line.text) and not (above and _wraps(line.text, above)):
            next_is_item = i + 1 < len(lines) and bool(_ITEM_START.match(lines[i + 1].text))
            # A heading heads something: the document's last line is never one.
            heading = i + 1 < len(lines) and _is_heading(line.text, next_number, next_is_item)
            kind = "heading" if heading else "item"
            blocks.append((kind, [line]))
            continue
        ended = above is None or (
            above[1][-1].text[-1:] in ".!?" and len(above[1][-1].text) < 0.85 * typical
        )
        below = lines[i + 1] if i + 1 < len(lines) else None
        if not line.text[:1].islower() and _title(line, below, body, ended):
            # A title: a block of its own, never glued onto the text above or below it.
            blocks.append(("title", [line]))
            continue
        if above is not None and (not ended or line.text[:1].islower()):
            above[1].append(line)
            continue
        blocks.append(("prose", [line]))

    section: str | None = None
    tender = TenderProcess(options.all_sentences, gives_priority=True)
    priority = HeadingPriority()
    numbered_level = 0  # the level of the last numbered heading
    for kind, block in blocks:
        text = _joined(block)
        first = block[0]
        source = Location(name, first.line, page=first.page)
        if kind in ("heading", "title"):
            section = text
            number = _NUMBER.match(text + " ")
            if number:
                level = numbered_level = number.group(1).count(".") + 1
            else:  # a title with no number: below the numbered heading above it
                level = numbered_level + 1
            tender.heading(text, level)
            priority.heading(text, level)
        elif kind == "item":
            _add(result, text, source, section, tender, priority.priority)
        else:
            for sentence in sentences(text):
                if KEYWORD_RE.search(sentence):
                    _add(result, sentence, source, section, tender, priority.priority)
    # (Footnotes were listed page by page: the list goes down the document.)
    result.skipped.sort(key=lambda x: (x.source.page or 0, x.source.line or 0))
    return result


#: The line above ended a sentence or a label (before any closing quote or bracket).
_LINE_ENDED = re.compile(r"[.!?:;][\"')\]\u201d\u2019]*$")
#: The words a title does not end on: "Desk booking for" goes on below.
_FUNCTION_WORDS = frozenset(
    """a an the and or nor of to for in on at by with from via per into onto over under
    using through within across against inside our your their its all every""".split()
)


def _wraps(text: str, above: tuple[str, list[_Line]]) -> bool:
    """Whether a line that starts with a number goes on the item or paragraph above it:
    that did not end ("... 24 hours a day," / "7 days a week, ..."), and the number is
    no id ("7 days", "500 users"), or an outline number that cannot come next there
    ("... SAML" / "2.0 single sign-on" inside item 3.1), as in Markdown and Word."""
    last = above[1][-1].text
    number = _NUMBER.match(text + " ")
    if number is None or _LINE_ENDED.search(last):
        return False
    ident = split_id(text)[0]
    if ident is None:  # a count or an amount, not a list's number ("1 Introduction" is)
        rest = text[number.end() - 1 :].strip()
        return re.match(r"[a-z%]|[KMGTP]i?B\b", rest) is not None
    if "." not in ident or not ident[:1].isdigit():
        return False
    current = split_id(above[1][0].text)[0] if above[0] == "item" else None
    if starts_requirement(ident, last, current):
        return False
    if current is None or not current[:1].isdigit():
        return True
    # (3.1.3 after 3.1.1, or 4.1 after 3.2, is the outline going on with a gap.)
    return int(ident.split(".")[0]) not in (
        int(current.split(".")[0]),
        int(current.split(".")[0]) + 1,
    )


def _title(line: _Line, below: _Line | None, body: float | None, after_break: bool) -> bool:
    """Whether a line is a title with no number ("Annex B - Additional requirements"):
    short, no closing punctuation, not breaking off on "for", "and" ..., text below it
    that does not go on in lower case; and set apart by its font: larger than the body's
    text, or, after a paragraph or item that ended, bold above text that is not. Where
    the PDF gives no fonts: after a break, in Title Case, with no requirement keyword,
    above a line in upper case."""
    text = line.text
    words = text.split()
    if not words or len(words) > 12 or text[-1] in ".,;:!?" or words[-1].lower() in _FUNCTION_WORDS:
        return False
    if below is None or below.text[:1].islower():
        return False  # (a title heads something)
    if body is not None and line.size is not None:
        if line.size >= _LARGER * body:
            return True
        return after_break and line.bold and not below.bold
    if not after_break or KEYWORD_RE.search(text) or not below.text[:1].isupper():
        return False
    long_words = [w for w in re.findall(r"[A-Za-z][\w'-]*", text) if len(w) > 3]
    capitals = sum(w[0].isupper() for w in long_words)
    return len(words) <= 8 and bool(long_words) and capitals >= 0.6 * len(long_words)


def _joined(block: list[_Line]) -> str:
    """A block's lines as one text, joined by a space; a word broken by a hyphen at the
    end of a line is put back together ("configu-" / "ration": "configuration"), a
    compound keeps its hyphen ("customer-" / "managed": "customer-managed")."""
    text = ""
    for x in block:
        broken = re.search(r"([A-Za-z]+)-$", text)
        if broken and x.text[:1].islower():
            text = text + x.text if _compound(broken[1], x.text) else text[:-1] + x.text
        else:
            text = f"{text} {x.text}" if text else x.text
    return text


def _compound(left: str, right: str) -> bool:
    """Whether a hyphen at a line's end between ``left`` and ``right`` belongs to the
    words: not when they make one English word ("configu" + "ration"), yes when ``left``
    is a word or a name of its own ("customer", "de", "HSM"), not when it is a
    syllable ("provi" + "sioning")."""
    from dealcheck.engine.vocabulary import frequency  # English word frequencies

    rest = re.match(r"[a-z]+", right)
    word = left + (rest[0] if rest else "")
    if frequency(word.lower()) > 0:
        return False
    return not left.islower() or frequency(left.lower()) > 0


def _add(
    result: SourceResult,
    text: str,
    source: Location,
    section: str | None,
    tender: TenderProcess,
    section_priority: str | None,
) -> None:
    # (A sentence above that stated the section's priority gives it, else the headings.)
    stated = tender.section_priority(section_priority)
    req = make_requirement(text, source, section=section, section_priority=stated)
    if not req.text:
        return
    reason = tender.skip_reason(req.text)
    if reason:
        result.skipped.append(Skipped(text, source, reason))
    else:
        result.requirements.append(req)
