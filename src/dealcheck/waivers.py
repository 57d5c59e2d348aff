"""Waivers: accepted exceptions, approved by a named person, until a date.

A waiver file is YAML (kept in git beside the deal, so every exception is
reviewed like code)::

    waivers:
      - id: SEC-4                       # exact requirement id
        approved_by: Dana Reyes (VP Sales)
        reason: Customer accepted EU hosting from Q2; see ticket DEAL-118
        expires: 2027-03-31
      - text: blockchain notarisation   # case-insensitive substring of the text
        approved_by: Sam Ortiz
        reason: Out of scope per the call of 2026-11-02
        expires: 2026-12-31
      - text: /^(soap|xml-rpc)\\b/        # between slashes: a regular expression
        approved_by: Sam Ortiz
        reason: Legacy API accepted as deprecated
        expires: 2027-01-31

Each waiver names its requirement by ``id`` (exact, case-sensitive), by
``text``, or by both (then both must match). ``text`` is a case-insensitive
substring of the requirement text (runs of whitespace count as one space);
written between slashes (``/.../``) it is a Python regular expression,
searched case-insensitively. ``approved_by``, ``reason`` and ``expires``
(``YYYY-MM-DD``) are required.

A waived requirement still appears in every report, marked with its approver,
but no longer fails the gate. From the day after ``expires`` the waiver no
longer applies and the report warns about it; a waiver that matches no
requirement is warned about too (the engine does both).

Any mistake in the file (not a list, a missing or unknown key, a bad date, a
bad regular expression) is an :class:`~dealcheck.errors.InputError` naming
the file, line and column: exit code 2, nothing is checked.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from dealcheck.errors import InputError
from dealcheck.requirements import Requirement
from dealcheck.yamlsafe import Positions, load_file

KEYS = ("id", "text", "approved_by", "reason", "expires")
REQUIRED = ("approved_by", "reason", "expires")


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class WaiverRule:
    """One waiver as read: what it matches, who approved it, until when.

    ``pattern`` is how the waiver names its requirement (its id, its text, or
    both), as shown in the report and in the engine's warnings.
    """

    approved_by: str
    reason: str
    expires: dt.date
    id: str | None = None
    text: str | None = None
    file: str | None = None
    line: int | None = None
    regex: re.Pattern[str] | None = field(default=None, compare=False, repr=False)
    pattern: str | None = None

    def __post_init__(self) -> None:
        if self.pattern is None:
            parts = [p for p in (self.id, self.text) if p]
            self.pattern = " ".join(parts) if parts else None

    def applies(self, requirement: Requirement) -> bool:
        if self.id is not None and requirement.id != self.id:
            return False
        if self.text is not None:
            if self.regex is not None:
                return self.regex.search(requirement.text) is not None
            return _fold(self.text) in _fold(requirement.text)
        return True


class _Reader:
    def __init__(self, positions: Positions) -> None:
        self.positions = positions
        self.file = positions.file

    def error(
        self, message: str, path: tuple[Any, ...], *, key: bool = False, hint: str | None = None
    ) -> InputError:
        line, column = self.positions.of(path, key=key)
        return InputError(message, self.file, line, column, hint)

    def string(self, item: dict[str, Any], path: tuple[Any, ...], name: str) -> str:
        value = item[name]
        if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
            raise self.error(f"'{name}' must be text", (*path, name))
        if not isinstance(value, str):
            # A number such as `id: 3.10`: take it as written, not as YAML read it.
            value = self.positions.raw.get((*path, name), str(value))
        value = value.strip()
        if not value:
            raise self.error(f"'{name}' must not be empty", (*path, name))
        return value

    def date(self, item: dict[str, Any], path: tuple[Any, ...]) -> dt.date:
        value = item["expires"]
        where = (*path, "expires")
        hint = "write the date as YYYY-MM-DD, e.g. 2027-03-31"
        if isinstance(value, dt.datetime):
            raise self.error("'expires' must be a date without a time", where, hint=hint)
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
                    return dt.date.fromisoformat(value.strip())
            except ValueError as exc:
                raise self.error(f"'expires' is not a valid date: {exc}", where) from None
        raise self.error(f"'expires' is not a date: {value!r}", where, hint=hint)

    def regex(self, text: str, path: tuple[Any, ...]) -> re.Pattern[str] | None:
        if not (len(text) >= 2 and text.startswith("/") and text.endswith("/")):
            return None
        source = text[1:-1]
        if not source:
            raise self.error("the regular expression '//' is empty", path)
        try:
            return re.compile(source, re.IGNORECASE)
        except re.error as exc:
            raise self.error(
                f"invalid regular expression {text}: {exc.msg}"
                + (f" at position {exc.pos}" if exc.pos is not None else ""),
                path,
                hint="write a plain substring without the slashes to match literally",
            ) from None

    def rule(self, item: Any, index: int) -> WaiverRule:
        path: tuple[Any, ...] = ("waivers", index)
        if not isinstance(item, dict):
            raise self.error(
                f"waiver {index + 1} must be a mapping with id or text, approved_by, reason"
                " and expires",
                path,
            )
        for key in item:
            if key not in KEYS:
                close = difflib.get_close_matches(str(key), KEYS, n=1, cutoff=0.6)
                raise self.error(
                    f"unknown key '{key}' in waiver {index + 1}",
                    (*path, key),
                    key=True,
                    hint=f"did you mean '{close[0]}'?" if close else "valid: " + ", ".join(KEYS),
                )
        for key in REQUIRED:
            if key not in item:
                raise self.error(f"waiver {index + 1} has no '{key}'", path, hint=_REQUIRED_HINT)
        if "id" not in item and "text" not in item:
            raise self.error(
                f"waiver {index + 1} names no requirement",
                path,
                hint="give 'id' (exact requirement id) or 'text' (substring or /regex/)",
            )
        ident = self.string(item, path, "id") if "id" in item else None
        text = self.string(item, path, "text") if "text" in item else None
        regex = self.regex(text, (*path, "text")) if text is not None else None
        line, _ = self.positions.of(path)
        return WaiverRule(
            approved_by=self.string(item, path, "approved_by"),
            reason=self.string(item, path, "reason"),
            expires=self.date(item, path),
            id=ident,
            text=text,
            regex=regex,
            file=self.file,
            line=line,
        )


_REQUIRED_HINT = "every waiver needs approved_by, reason and expires (YYYY-MM-DD)"


def parse_waivers(data: Any, positions: Positions) -> list[WaiverRule]:
    """Validate loaded YAML data as a waiver file."""
    reader = _Reader(positions)
    if isinstance(data, dict):
        for key in data:
            if key != "waivers":
                close = difflib.get_close_matches(str(key), ["waivers"], n=1, cutoff=0.6)
                raise reader.error(
                    f"unknown top-level key '{key}'",
                    (key,),
                    key=True,
                    hint="did you mean 'waivers'?" if close else "the only key is 'waivers'",
                )
    if not isinstance(data, dict) or "waivers" not in data:
        raise reader.error(
            "a waiver file is a mapping with a 'waivers:' list",
            (),
            hint="see docs/CI.md for an example",
        )
    items = data["waivers"]
    if items is None:
        return []
    if not isinstance(items, list):
        raise reader.error("'waivers' must be a list of waivers", ("waivers",))
    return [reader.rule(item, i) for i, item in enumerate(items)]


def load_waivers(path: str) -> list[WaiverRule]:
    """Read and validate a waiver file; raise :class:`InputError` (file:line:col) if it is bad."""
    data, positions = load_file(path)
    return parse_waivers(data, positions)
