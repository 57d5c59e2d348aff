"""Requirement sources: one module per input format behind one small interface.

Each format module exposes ``read(data: bytes, name: str, options: ReadOptions)
-> SourceResult``. :func:`read_requirements` picks the module by extension
(or ``--input-format``), imports it only then (so spreadsheet, Word and PDF
libraries load only when such a file is read), numbers requirements that
have no id, and attaches the quantities each one asks for.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import PurePath

from dealcheck.errors import InputError
from dealcheck.requirements import DealContext, Requirement
from dealcheck.textio import display_name, read_bytes

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


@dataclass
class SourceResult:
    requirements: list[Requirement] = field(default_factory=list)
    context: DealContext | None = None
    #: where each context field was written: field -> (line, column)
    context_positions: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)


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


def read_file(path: str, options: ReadOptions | None = None) -> SourceResult:
    """Read one requirement list (without numbering or quantities)."""
    options = options or ReadOptions()
    fmt = format_of(path, options)
    module = importlib.import_module(f"dealcheck.sources.{FORMATS[fmt]}")
    name = display_name(path)
    data = read_bytes(path)
    if not data.strip():
        raise InputError("the file is empty: no requirements to check", name)
    result: SourceResult = module.read(data, name, options)
    return result


def read_requirements(
    paths: list[str], options: ReadOptions | None = None
) -> tuple[list[Requirement], DealContext]:
    """Read several files as one deal: requirements in order, and the merged context."""
    from dealcheck.quantities import extract_deadline, extract_quantities

    requirements: list[Requirement] = []
    context = DealContext()
    for path in paths:
        result = read_file(path, options)
        if not result.requirements:
            raise InputError(
                "no requirements found in this file",
                display_name(path),
                hint="see README: what counts as a requirement in each format",
            )
        requirements.extend(result.requirements)
        if result.context is not None:
            context = context.merged(result.context)
            for key, (line, column) in result.context_positions.items():
                context.origins[key] = (display_name(path), line, column)
    # A positional id never takes an id the customer wrote ("R-12:" on line 7 and the
    # 12th requirement without one): it gets a suffix instead (R-12-2).
    used = {req.id for req in requirements if req.id}
    for position, req in enumerate(requirements, start=1):
        if not req.id:
            ident, k = f"R-{position}", 1
            while ident in used:
                k += 1
                ident = f"R-{position}-{k}"
            req.id = ident
            used.add(ident)
        req.quantities = extract_quantities(req.text)
        req.deadline = extract_deadline(req.text)
    return requirements, context
