"""Reading input files safely: size limit, binary detection and text decoding.

Every reader goes through :func:`read_bytes` / :func:`decode_text`, so the
limits and the error messages are the same for every format.
"""

from __future__ import annotations

import codecs
import os
import sys
from pathlib import Path

from dealcheck.errors import InputError

#: Default ceiling on the size of any one input file (catalogue, deal file,
#: requirement list). Overridden with ``--max-bytes`` / ``DEALCHECK_MAX_BYTES``.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

_max_bytes = int(os.environ.get("DEALCHECK_MAX_BYTES", DEFAULT_MAX_BYTES) or DEFAULT_MAX_BYTES)


def set_max_bytes(limit: int) -> None:
    global _max_bytes
    _max_bytes = limit


def max_bytes() -> int:
    return _max_bytes


def display_name(path: str | os.PathLike[str]) -> str:
    return "<stdin>" if str(path) == "-" else str(path)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """Read a whole file (or ``-`` for standard input), refusing oversized input."""
    name = display_name(path)
    limit = _max_bytes
    try:
        if str(path) == "-":
            data = sys.stdin.buffer.read(limit + 1)
        else:
            p = Path(path)
            if p.is_dir():
                raise InputError("is a directory, not a file", name)
            with p.open("rb") as fh:
                data = fh.read(limit + 1)
    except FileNotFoundError:
        raise InputError("no such file", name) from None
    except PermissionError:
        raise InputError("permission denied", name) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", name) from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", name) from None
    if len(data) > limit:
        raise InputError(
            f"file is larger than the {limit:,}-byte limit",
            name,
            hint="raise it with --max-bytes if the file is genuine",
        )
    return data


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: many NULs on one side of each byte pair."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.4 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.4 and odd < half * 0.05:
        return "utf-16-be"
    return None


#: How an encoding is named to users (as a spreadsheet's "Save as" names it).
_ENCODING_NAMES = {
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "utf-32": "UTF-32",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
}


def _undecodable(exc: UnicodeDecodeError, encoding: str, name: str, marked: bool) -> InputError:
    """The error for text that is not in the encoding its start announces (``marked``: by
    a byte-order mark): the line of the first byte that is not, the byte, and how to save
    the file so that it reads."""
    label = _ENCODING_NAMES.get(encoding, encoding)
    before = exc.object[: exc.start].decode(encoding, errors="replace")
    line = before.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    bad = bytes(exc.object[exc.start : exc.end])[:4].hex(" ").upper()
    announced = f"starts with a {label} byte-order mark" if marked else f"looks like {label}"
    hint = (
        'save it again as "CSV UTF-8" (Excel) or UTF-8 (an editor); if it is Windows-1252'
        " or Latin-1 text, save it without the byte-order mark"
        if marked
        else 'save it again as "CSV UTF-8" (Excel) or UTF-8 (an editor)'
    )
    return InputError(
        f"the file {announced}, but this line is not {label}: byte {bad} cannot be read",
        name,
        line,
        hint=hint,
    )


def decode_text(data: bytes, name: str) -> str:
    """Decode text input: BOMs, UTF-16, UTF-8, then cp1252; reject binary data.

    Line endings are normalised (CRLF and lone CR become LF) so that line
    numbers mean the same thing in every editor.
    """
    encoding = None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            encoding = enc
            break
    marked = encoding is not None
    if encoding is None:
        encoding = _looks_utf16(data)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise _undecodable(exc, encoding, name, marked) from None
    else:
        if b"\x00" in data[:8192]:
            raise InputError(
                "looks like a binary file, not text",
                name,
                hint="check the file and its extension, or use --input-format",
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError("contains a NUL byte: not a text file", name, line)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_text(path: str | os.PathLike[str]) -> str:
    return decode_text(read_bytes(path), display_name(path))
