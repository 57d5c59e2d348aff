"""PDF documents: numbered and bulleted items, and sentences with a requirement keyword.

pypdf (imported only here) extracts each page's text in reading order. Then:

1. Running headers and footers are dropped: a line at the top or bottom of
   a page that repeats (digits ignored) on at least half the pages, and page
   numbers ("Page 3 of 12", "3", "- 3 -", "3/12").
2. The pages are joined, so a requirement split by a page break is whole.
3. A list number or bullet alone on its line is joined to the line below
   (generators that draw numbers apart from the text extract them so).
   Lines are grouped into blocks: a line that starts with a number or a
   list marker starts a new item; other lines continue the block before
   them unless that block visibly ended (a short line ending in a full stop).
4. A numbered line is a section heading, not a requirement, when it is
   short, has no closing punctuation and no requirement keyword, and the
   next numbered line extends its number ("2. Identity" then "2.1 ...").
   A heading that is a priority ("4. Could have") gives it to the
   requirements below it unless they state their own.
5. Items are requirements; in prose, each sentence with a requirement
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
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from dealcheck.errors import InputError
from dealcheck.requirements import Location
from dealcheck.sources import ReadOptions, Skipped, SourceResult
from dealcheck.sources.common import (
    KEYWORD_RE,
    HeadingPriority,
    make_requirement,
    numbered_heading,
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


def _signature(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def _strip_running(pages: list[list[str]]) -> list[list[_Line]]:
    """Drop running headers/footers and page numbers; keep page and line positions."""
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = {_signature(x) for x in lines[:3] + lines[-3:] if x.strip()}
        counts.update(edge)
    threshold = max(2, (len(pages) + 1) // 2)
    running = {sig for sig, n in counts.items() if n >= threshold} if len(pages) > 1 else set()
    kept: list[list[_Line]] = []
    for page_no, lines in enumerate(pages, start=1):
        near = [i < 3 or i >= len(lines) - 3 for i in range(len(lines))]
        gone = [
            not text.strip() or (near[i] and _signature(text.strip()) in running)
            for i, text in enumerate(lines)
        ]
        out = []
        for i, text in enumerate(lines):
            stripped = text.strip()
            if gone[i]:
                continue
            # A lone number is the page's number only at the page's very edge (nothing
            # but running text before or after it): "5" followed by its item's text at
            # the bottom of a page is a list number, not a page number.
            if near[i] and _PAGE_NUMBER.match(stripped) and (all(gone[:i]) or all(gone[i + 1 :])):
                continue
            out.append(_Line(stripped, page_no, i + 1))
        kept.append(out)
    return kept


def _is_heading(line: str, next_number: str | None, next_is_item: bool) -> bool:
    return numbered_heading(line, next_number, next_is_item) is not None


_LONE_MARKER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]?|[-•▪●◦*]|\(?[a-z]\))$")


def _join_lone_markers(lines: list[str], page_no: int) -> list[str]:
    """A list number or bullet on a line of its own belongs to the text below it.

    Generators that draw the number apart from the item (reportlab, many RFP
    templates) extract as "1" / "Stream audit events to Splunk". A bare number
    as the first line of a page, close to the page's number, is a page number.
    The joined line keeps the marker's position; the text's line is left blank.
    """
    out = list(lines)
    filled = [i for i, x in enumerate(out) if x.strip()]
    for n, i in enumerate(filled[:-1]):
        marker, below = out[i].strip(), out[filled[n + 1]].strip()
        if not _LONE_MARKER.match(marker) or _LONE_MARKER.match(below) or not below:
            continue
        if n == 0 and marker.isdigit() and abs(int(marker) - page_no) <= 2:
            after = out[filled[n + 2]].strip() if n + 2 < len(filled) else ""
            if after != str(int(marker) + 1):
                continue  # the page's number, unless the next item's number follows
        if marker.isdigit():
            marker += "."  # "1" drawn apart is the list's "1."
        out[i] = f"{marker} {below}"
        out[filled[n + 1]] = ""
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
        pages = [(page.extract_text() or "").split("\n") for page in reader.pages]
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
    if not any(line.strip() for page in pages for line in page):
        raise InputError(
            "the PDF has no extractable text (a scanned image?)",
            name,
            hint="run it through OCR, or export the requirements to .csv",
        )
    pages = [_join_lone_markers(page, n) for n, page in enumerate(pages, start=1)]
    lines = [line for page in _strip_running(pages) for line in page]
    typical = sorted(len(x.text) for x in lines)[int(len(lines) * 0.9)] if lines else 0

    numbers: list[str | None] = []
    for x in lines:
        found = _NUMBER.match(x.text + " ")
        numbers.append(found.group(1) if found else None)
    blocks: list[tuple[str, list[_Line]]] = []  # ("item" | "heading" | "prose", lines)
    for i, line in enumerate(lines):
        next_number = next((n for n in numbers[i + 1 :] if n), None)
        if _ITEM_START.match(line.text):
            next_is_item = i + 1 < len(lines) and bool(_ITEM_START.match(lines[i + 1].text))
            # A heading heads something: the document's last line is never one.
            heading = i + 1 < len(lines) and _is_heading(line.text, next_number, next_is_item)
            kind = "heading" if heading else "item"
            blocks.append((kind, [line]))
            continue
        if blocks and blocks[-1][0] != "heading":
            previous = blocks[-1][1][-1].text
            ended = previous[-1:] in ".!?" and len(previous) < 0.85 * typical
            starts_lower = line.text[:1].islower()
            if not ended or starts_lower:
                blocks[-1][1].append(line)
                continue
        blocks.append(("prose", [line]))

    result = SourceResult()
    section: str | None = None
    tender = TenderProcess(options.all_sentences)
    priority = HeadingPriority()
    for kind, block in blocks:
        text = " ".join(x.text for x in block)
        first = block[0]
        source = Location(name, first.line, page=first.page)
        if kind == "heading":
            section = text
            number = _NUMBER.match(text + " ")
            level = number.group(1).count(".") + 1 if number else 1
            tender.heading(text, level)
            priority.heading(text, level)
        elif kind == "item":
            _add(result, text, source, section, tender, priority.priority)
        else:
            for sentence in sentences(text):
                if KEYWORD_RE.search(sentence):
                    _add(result, sentence, source, section, tender, priority.priority)
    return result


def _add(
    result: SourceResult,
    text: str,
    source: Location,
    section: str | None,
    tender: TenderProcess,
    section_priority: str | None,
) -> None:
    req = make_requirement(text, source, section=section, section_priority=section_priority)
    if not req.text:
        return
    reason = tender.skip_reason(req.text)
    if reason:
        result.skipped.append(Skipped(text, source, reason))
    else:
        result.requirements.append(req)
