"""Requirement sources: one module per input format behind one small interface.

Each format module exposes ``read(data: bytes, name: str, options: ReadOptions)
-> SourceResult``. :func:`read_requirements` picks the module by extension
(or ``--input-format``), imports it only then (so spreadsheet, Word and PDF
libraries load only when such a file is read), splits a requirement longer
than :data:`MAX_REQUIREMENT_CHARS` at sentence boundaries, numbers
requirements that have no id, and attaches the quantities each one asks for.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from dealcheck.errors import InputError, Problem, raise_problems
from dealcheck.requirements import (
    DealContext,
    Location,
    Quantity,
    Requirement,
    priority_from_text,
    resolve_priority,
)
from dealcheck.textio import display_name, read_bytes

#: The longest requirement text the matcher is given. Real asks are a few sentences
#: (the longest in the labelled corpus is under 300 characters); a longer "requirement"
#: is a paragraph or a whole document on one line, and matching cost grows faster than
#: its length. So a longer one is split into parts at sentence boundaries (between words
#: when a sentence alone is longer), each part a requirement of its own, and the split
#: is reported: the cost of a check stays linear in the input's size whatever its shape.
MAX_REQUIREMENT_CHARS = 2_000

#: Where a long text may be cut: after a sentence's closing punctuation (and any closing
#: quote or bracket), before the whitespace that follows.
_SENTENCE_BOUNDARY = re.compile(r"[.!?;][\"')\]”’]*(?=\s)")
_SPACE = re.compile(r"\s")

#: format name -> module under dealcheck.sources
FORMATS: dict[str, str] = {
    "txt": "text",
    "md": "markdown",
    "csv": "csv_source",
    "xlsx": "xlsx",
    "docx": "docx",
    "pdf": "pdf",
    "deal": "deal",
}

#: file extension -> format name
EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".csv": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".docx": "docx",
    ".pdf": "pdf",
    ".yaml": "deal",
    ".yml": "deal",
    ".json": "deal",
}


@dataclass
class ReadOptions:
    input_format: str | None = None
    sheet: str | None = None
    text_column: str | None = None
    id_column: str | None = None
    priority_column: str | None = None
    #: read instructions to bidders as requirements too (see :mod:`dealcheck.sources.tender`)
    all_sentences: bool = False


@dataclass
class Skipped:
    """Text a reader saw and chose not to read as a requirement, and why."""

    text: str
    source: Location
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {"text": self.text, "source": self.source.as_dict(), "reason": self.reason}


@dataclass
class ReadLog:
    """What reading noticed besides the requirements: warnings, and text it skipped."""

    warnings: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


@dataclass
class SourceResult:
    requirements: list[Requirement] = field(default_factory=list)
    context: DealContext | None = None
    #: where each context field was written: field -> (line, column)
    context_positions: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    #: text seen but not read as requirements (with the reason), for ``dealcheck read``
    skipped: list[Skipped] = field(default_factory=list)
    #: what the reader warns of (a table or sheet it could not read)
    warnings: list[str] = field(default_factory=list)
    #: mistakes in the file (a deal file's), raised by :func:`read_file` unless the caller
    #: collects them to report with its own (:func:`read_requirements`)
    problems: list[Problem] = field(default_factory=list)


def format_of(path: str, options: ReadOptions) -> str:
    if options.input_format:
        if options.input_format not in FORMATS:
            raise InputError(
                f"unknown input format '{options.input_format}'",
                hint="use one of " + ", ".join(FORMATS),
            )
        return options.input_format
    if path == "-":
        return "txt"
    suffix = PurePath(path).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    if suffix in (".xls", ".doc"):
        raise InputError(
            f"the legacy {suffix} format is not supported",
            path,
            hint=f"save it as {suffix}x, or export the requirements to .csv",
        )
    raise InputError(
        f"cannot tell the format from the extension '{suffix or '(none)'}'",
        path,
        hint="use --input-format " + "|".join(FORMATS),
    )


def ignored_options(paths: list[str], options: ReadOptions) -> list[str]:
    """Warnings for read options that none of ``paths`` can use (``--sheet`` on a .txt)."""
    if not options.sheet:
        return []
    formats = {path: format_of(path, options) for path in paths}
    if any(fmt == "xlsx" for fmt in formats.values()):
        return []
    names = ", ".join(display_name(p) for p in paths)
    return [f"--sheet applies to .xlsx workbooks only: ignored for {names}"]


def read_file(
    path: str, options: ReadOptions | None = None, problems: list[Problem] | None = None
) -> SourceResult:
    """Read one requirement list (without numbering or quantities).

    The file's mistakes are raised, all at once; with ``problems``, those a reader could
    read past are added to it instead, for the caller to raise with its own."""
    options = options or ReadOptions()
    fmt = format_of(path, options)
    module = importlib.import_module(f"dealcheck.sources.{FORMATS[fmt]}")
    name = display_name(path)
    data = read_bytes(path)
    if not data.strip():
        raise InputError("the file is empty: no requirements to check", name)
    result: SourceResult = module.read(data, name, options)
    from dealcheck.sources.common import settle_priority_tags

    settle_priority_tags(result.requirements)  # "[M]", "[D]": read by the file's letters
    if problems is None:
        raise_problems(result.problems)
    else:
        problems.extend(result.problems)
    return result


def split_long_text(text: str, limit: int = MAX_REQUIREMENT_CHARS) -> list[str]:
    """``text`` in parts of at most ``limit`` characters, cut at sentence boundaries.

    Each part is as many whole sentences as fit; a sentence longer than ``limit`` is cut
    between words, and a word longer than ``limit`` at the limit. Parts are slices of
    ``text`` trimmed at the ends, in order: joined with the whitespace between them they
    are ``text``. Linear in ``len(text)``: each window is scanned once.
    """
    text = text.strip()
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = None
        for match in _SENTENCE_BOUNDARY.finditer(text, start, end):
            cut = match.end()
        if cut is None:
            spaces = [m.start() for m in _SPACE.finditer(text, start + 1, end + 1)]
            cut = spaces[-1] if spaces else end
        parts.append(text[start:cut].strip())
        start = cut
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        parts.append(text[start:].strip())
    return [part for part in parts if part]


def _split_long(requirements: list[Requirement], log: ReadLog | None) -> list[Requirement]:
    out: list[Requirement] = []
    for req in requirements:
        if len(req.text) <= MAX_REQUIREMENT_CHARS:
            out.append(req)
            continue
        parts = split_long_text(req.text)
        explicit = req.priority if req.priority_explicit else None
        # A priority the text's words did not give came from its heading ("Could have"),
        # or is the default: a part without words of its own keeps it.
        heading = None if explicit or priority_from_text(req.text) else req.priority
        for k, part in enumerate(parts, start=1):
            priority, is_explicit = resolve_priority(part, explicit, heading)
            out.append(
                dataclasses.replace(
                    req,
                    id=f"{req.id}/{k}" if req.id else "",
                    text=part,
                    priority=priority,
                    priority_explicit=is_explicit,
                )
            )
        if log is not None:
            log.warnings.append(
                f"{req.source}: a requirement of {len(req.text):,} characters was split into"
                f" {len(parts)} parts at sentence boundaries (the limit is"
                f" {MAX_REQUIREMENT_CHARS:,} characters)"
            )
    return out


def read_requirements(
    paths: list[str],
    options: ReadOptions | None = None,
    log: ReadLog | None = None,
    problems: list[Problem] | None = None,
) -> tuple[list[Requirement], DealContext]:
    """Read several files as one deal: requirements in order, and the merged context.

    ``log`` collects warnings (a long requirement split) and the text skipped as not
    being a requirement. ``problems``, when given, collects the mistakes of a deal file
    (an unknown key, a bad priority) instead of raising them, and the other files are
    still read: the caller raises them with the mistakes only the catalogue shows
    (:func:`dealcheck.app.context_problems`), so that one run reports them all."""
    from dealcheck.quantities import extract_deadline, extract_quantities

    requirements: list[Requirement] = []
    context = DealContext()
    for path in paths:
        result = read_file(path, options, problems)
        if not result.requirements and result.context is None:
            empty = InputError(
                "no requirements found in this file",
                display_name(path),
                hint="see README: what counts as a requirement in each format",
            )
            if problems is None:
                raise empty
            problems.append(
                Problem(str(empty.file), None, None, "error", empty.message, None, empty.hint)
            )
            continue
        requirements.extend(_split_long(result.requirements, log))
        if log is not None:
            log.skipped.extend(result.skipped)
            log.warnings.extend(result.warnings)
        if result.context is not None:
            context = context.merged(result.context)
            for key, (line, column) in result.context_positions.items():
                context.origins[key] = (display_name(path), line, column)
    if not requirements and problems:
        # The mistakes that left no requirement: the caller raises them with those only
        # the catalogue shows (an edition misspelt in the same file), all in one run.
        return requirements, context
    if not requirements:
        # Only deal files, none with requirements: context with nothing to check.
        raise InputError(
            "no requirements found in this file" if len(paths) == 1 else "no requirements found",
            display_name(paths[0]) if len(paths) == 1 else None,
            hint="a deal file without 'requirements' gives the context of the requirement"
            " files checked with it",
        )
    # A positional id never takes an id the customer wrote ("R-12:" on line 7 and the
    # 12th requirement without one): it gets a suffix instead (R-12-2).
    used = {req.id for req in requirements if req.id}
    # Quantities and deadline are a function of the text: a list that repeats a
    # question reads them once.
    read: dict[str, tuple[list[Quantity], dt.date | None]] = {}
    for position, req in enumerate(requirements, start=1):
        if not req.id:
            ident, k = f"R-{position}", 1
            while ident in used:
                k += 1
                ident = f"R-{position}-{k}"
            req.id = ident
            used.add(ident)
        if req.text not in read:
            read[req.text] = (extract_quantities(req.text), extract_deadline(req.text))
        quantities, req.deadline = read[req.text]
        req.quantities = list(quantities)
        if req.priority_note and log is not None:
            log.warnings.append(f"{req.source}: {req.priority_note}: read as {req.priority}")
    return requirements, context
