"""Deal files (``.yaml``, ``.yml``, ``.json``): the deal's context and its requirements.

docs/catalogue.md, "The deal file": a mapping with optional ``deal``, ``customer``,
``edition``, ``deployment``, ``region``, ``add_ons``, ``go_live`` (and, an
addition, ``value`` and ``currency``: what the deal is worth) and a
``requirements`` list of bare strings or mappings with ``id``, ``text``,
``priority`` and ``capability``. Every mistake is reported at its line, all of
them in one run (like the catalogue's). A deal file without ``requirements``
gives the context of the requirement files checked with it (a deal folder's
``deal.yaml`` beside ``rfp.xlsx``).
Whether the context names exist in the catalogue is checked by the caller,
which knows the catalogue; their positions are kept for that message. So the
mistakes found here are returned (``SourceResult.problems``), not raised: the
caller reports them with the catalogue's, all in one run
(:func:`dealcheck.sources.read_requirements`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from dealcheck.dates import impossible_date
from dealcheck.errors import InputError, Problem, raise_problems
from dealcheck.requirements import PRIORITIES, DealContext, Location, Requirement
from dealcheck.sources import ReadOptions, SourceResult
from dealcheck.sources.common import make_requirement
from dealcheck.textio import decode_text
from dealcheck.yamlsafe import Positions, loads

TOP_KEYS = (
    "deal",
    "customer",
    "edition",
    "deployment",
    "region",
    "add_ons",
    "go_live",
    "value",
    "currency",
    "requirements",
)
REQUIREMENT_KEYS = ("id", "text", "priority", "capability")


class _Problems:
    """Every mistake in the deal file, collected so that one run reports them all."""

    def __init__(self, positions: Positions) -> None:
        self.positions = positions
        self.found: list[Problem] = []

    def add(
        self,
        path: tuple[Any, ...],
        message: str,
        *,
        key: bool = False,
        hint: str | None = None,
    ) -> None:
        line, column = self.positions.of(path, key=key)
        self.found.append(Problem(self.positions.file, line, column, "error", message, None, hint))

    def unknown_key(self, path: tuple[Any, ...], allowed: tuple[str, ...]) -> None:
        name = str(path[-1])
        import difflib  # only for a did-you-mean hint

        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(allowed)
        self.add(path, f"unknown key '{name}'", key=True, hint=hint)

    def raise_if_any(self) -> None:
        raise_problems(self.found)


def _text(problems: _Problems, path: tuple[Any, ...], value: Any, what: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or isinstance(value, (dict, list)):
        problems.add(path, f"{what} must be text")
        return None
    if isinstance(value, (int, float)):
        return problems.positions.raw.get(path, str(value))  # "id: 3.10" stays "3.10"
    if isinstance(value, (dt.date, dt.datetime)):
        return problems.positions.raw.get(path, value.isoformat())
    return str(value)


def _go_live(problems: _Problems, value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    impossible = impossible_date(value)
    if impossible:
        problems.add(("go_live",), f"go_live: {impossible}")
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        problems.add(("go_live",), f"go_live '{value}' is not a date", hint="use YYYY-MM-DD")
        return None


_CURRENCY = re.compile(r"^[A-Za-z]{3}$")


def _value(data: dict[str, Any], problems: _Problems) -> tuple[float | None, str | None]:
    """``value`` (a plain non-negative number) and ``currency`` (an ISO 4217 code)."""
    value, currency = data.get("value"), data.get("currency")
    if value is not None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.add(
                ("value",),
                f"value {value!r} is not a number",
                hint="write the amount as a plain number, e.g. value: 1200000",
            )
            value = None
        elif not math.isfinite(value) or value < 0:
            problems.add(("value",), f"value {value} must be zero or more")
            value = None
    if currency is not None:
        if not isinstance(currency, str) or not _CURRENCY.match(currency.strip()):
            problems.add(
                ("currency",),
                f"currency {currency!r} is not a three-letter code",
                hint="use an ISO 4217 code such as EUR, USD or GBP",
            )
            currency = None
        else:
            currency = currency.strip().upper()
    return value, currency


def _context(data: dict[str, Any], problems: _Problems) -> DealContext:
    fields: dict[str, Any] = {}
    for key in ("deal", "customer", "edition", "deployment", "region"):
        fields[key] = _text(problems, (key,), data.get(key), key)
    add_ons = data.get("add_ons")
    if add_ons is None:
        add_ons = []
    elif isinstance(add_ons, str):
        add_ons = [add_ons]
    elif not isinstance(add_ons, list):
        problems.add(("add_ons",), "add_ons must be a list of add-on names")
        add_ons = []
    fields["add_ons"] = [
        _text(problems, ("add_ons", i), a, "an add-on") or "" for i, a in enumerate(add_ons)
    ]
    fields["go_live"] = _go_live(problems, data.get("go_live"))
    fields["value"], fields["currency"] = _value(data, problems)
    return DealContext(**fields)


def read(data: bytes, name: str, options: ReadOptions) -> SourceResult:
    document, positions = loads(decode_text(data, name), name)
    if document is None:
        raise InputError("the deal file is empty", name)
    if isinstance(document, list):
        document = {"requirements": document}  # a bare list of requirements is a deal too
    problems = _Problems(positions)
    if not isinstance(document, dict):
        problems.add((), "a deal file must be a mapping with a 'requirements' list")
        problems.raise_if_any()
    for key in document:
        if key not in TOP_KEYS:
            problems.unknown_key((key,), TOP_KEYS)
    context = _context(document, problems)
    items = document.get("requirements")
    if items is None:
        items = []  # context only: the deal's requirements are in the files beside it
    elif not isinstance(items, list):
        problems.add(("requirements",), "'requirements' must be a list")
        items = []
    result = SourceResult(context=context)
    result.context_positions = {
        key: positions.of((key,))
        for key in ("edition", "deployment", "region", "add_ons")
        if key in document
    }
    for i, item in enumerate(items):
        requirement = _requirement(problems, ("requirements", i), item, name)
        if requirement is not None:
            result.requirements.append(requirement)
    # Raised by the caller, with the mistakes only the catalogue shows (an unknown
    # edition, a pinned capability it does not have): every mistake in one run.
    result.problems = problems.found
    return result


def _requirement(
    problems: _Problems, path: tuple[Any, ...], item: Any, name: str
) -> Requirement | None:
    line, _ = problems.positions.of(path)
    source = Location(name, line)
    if isinstance(item, (str, int, float)) and not isinstance(item, bool):
        text = _text(problems, path, item, "a requirement") or ""
        if not text.strip():
            problems.add(path, "empty requirement")
            return None
        return make_requirement(text, source)
    if not isinstance(item, dict):
        problems.add(path, "a requirement is text or a mapping with 'text'")
        return None
    misspelt = [key for key in item if key not in REQUIREMENT_KEYS]
    for key in misspelt:
        problems.unknown_key((*path, key), REQUIREMENT_KEYS)
    text = _text(problems, (*path, "text"), item.get("text"), "text") or ""
    priority = item.get("priority")
    if priority is not None:
        priority = str(priority).strip().lower()
        if priority not in PRIORITIES:
            problems.add(
                (*path, "priority"),
                f"unknown priority '{priority}'",
                hint="use must, should or may",
            )
            priority = None
    if not text.strip():
        if not misspelt:  # else the misspelt key is most likely the text: said once
            problems.add(
                path, "requirement has no 'text'", hint="write it as 'text: ...' under the item"
            )
        return None
    capability = _text(problems, (*path, "capability"), item.get("capability"), "capability")
    requirement = make_requirement(
        text,
        source,
        explicit_id=_text(problems, (*path, "id"), item.get("id"), "id"),
        explicit_priority=priority,
        capability=capability,
    )
    if capability is not None:
        cap_line, cap_column = problems.positions.of((*path, "capability"))
        requirement.capability_origin = (name, cap_line, cap_column)
    return requirement
