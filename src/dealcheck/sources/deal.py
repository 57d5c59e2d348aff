"""Deal files (``.yaml``, ``.yml``, ``.json``): the deal's context and its requirements.

docs/catalogue.md, "The deal file": a mapping with optional ``deal``, ``customer``,
``edition``, ``deployment``, ``region``, ``add_ons``, ``go_live`` (and, an
addition, ``value`` and ``currency``: what the deal is worth) and a
``requirements`` list of bare strings or mappings with ``id``, ``text``,
``priority`` and ``capability``. Every mistake is reported at its line.
Whether the context names exist in the catalogue is checked by the caller,
which knows the catalogue; their positions are kept for that message.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from dealcheck.errors import InputError
from dealcheck.requirements import PRIORITIES, DealContext, Location
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


def _fail(
    positions: Positions,
    path: tuple[Any, ...],
    message: str,
    *,
    key: bool = False,
    hint: str | None = None,
) -> InputError:
    line, column = positions.of(path, key=key)
    return InputError(message, positions.file, line, column, hint)


def _unknown_key(positions: Positions, path: tuple[Any, ...], allowed: tuple[str, ...]) -> None:
    name = str(path[-1])
    import difflib  # only for a did-you-mean hint

    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(allowed)
    raise _fail(positions, path, f"unknown key '{name}'", key=True, hint=hint)


def _text(positions: Positions, path: tuple[Any, ...], value: Any, what: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or isinstance(value, (dict, list)):
        raise _fail(positions, path, f"{what} must be text")
    if isinstance(value, (int, float)):
        return positions.raw.get(path, str(value))  # "id: 3.10" stays "3.10"
    if isinstance(value, (dt.date, dt.datetime)):
        return positions.raw.get(path, value.isoformat())
    return str(value)


_CURRENCY = re.compile(r"^[A-Za-z]{3}$")


def _value(data: dict[str, Any], positions: Positions) -> tuple[float | None, str | None]:
    """``value`` (a plain non-negative number) and ``currency`` (an ISO 4217 code)."""
    value, currency = data.get("value"), data.get("currency")
    if value is not None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise _fail(
                positions,
                ("value",),
                f"value {value!r} is not a number",
                hint="write the amount as a plain number, e.g. value: 1200000",
            )
        if not math.isfinite(value) or value < 0:
            raise _fail(positions, ("value",), f"value {value} must be zero or more")
    if currency is not None:
        if not isinstance(currency, str) or not _CURRENCY.match(currency.strip()):
            raise _fail(
                positions,
                ("currency",),
                f"currency {currency!r} is not a three-letter code",
                hint="use an ISO 4217 code such as EUR, USD or GBP",
            )
        currency = currency.strip().upper()
    return value, currency


def _context(data: dict[str, Any], positions: Positions) -> DealContext:
    fields: dict[str, Any] = {}
    for key in ("deal", "customer", "edition", "deployment", "region"):
        fields[key] = _text(positions, (key,), data.get(key), key)
    add_ons = data.get("add_ons")
    if add_ons is None:
        add_ons = []
    elif isinstance(add_ons, str):
        add_ons = [add_ons]
    elif not isinstance(add_ons, list):
        raise _fail(positions, ("add_ons",), "add_ons must be a list of add-on names")
    fields["add_ons"] = [
        _text(positions, ("add_ons", i), a, "an add-on") or "" for i, a in enumerate(add_ons)
    ]
    go_live = data.get("go_live")
    if go_live is not None:
        if isinstance(go_live, dt.datetime):
            go_live = go_live.date()
        elif not isinstance(go_live, dt.date):
            try:
                go_live = dt.date.fromisoformat(str(go_live))
            except ValueError:
                raise _fail(
                    positions,
                    ("go_live",),
                    f"go_live '{go_live}' is not a date",
                    hint="use YYYY-MM-DD",
                ) from None
    fields["go_live"] = go_live
    fields["value"], fields["currency"] = _value(data, positions)
    return DealContext(**fields)


def read(data: bytes, name: str, options: ReadOptions) -> SourceResult:
    document, positions = loads(decode_text(data, name), name)
    if document is None:
        raise InputError("the deal file is empty", name)
    if isinstance(document, list):
        document = {"requirements": document}  # a bare list of requirements is a deal too
    if not isinstance(document, dict):
        raise _fail(positions, (), "a deal file must be a mapping with a 'requirements' list")
    for key in document:
        if key not in TOP_KEYS:
            _unknown_key(positions, (key,), TOP_KEYS)
    context = _context(document, positions)
    items = document.get("requirements")
    if items is None:
        raise _fail(positions, (), "the deal file has no 'requirements' list")
    if not isinstance(items, list):
        raise _fail(positions, ("requirements",), "'requirements' must be a list")
    result = SourceResult(context=context)
    result.context_positions = {
        key: positions.of((key,))
        for key in ("edition", "deployment", "region", "add_ons")
        if key in document
    }
    for i, item in enumerate(items):
        path = ("requirements", i)
        line, _ = positions.of(path)
        source = Location(name, line)
        if isinstance(item, (str, int, float)) and not isinstance(item, bool):
            text = _text(positions, path, item, "a requirement") or ""
            if not text.strip():
                raise _fail(positions, path, "empty requirement")
            result.requirements.append(make_requirement(text, source))
            continue
        if not isinstance(item, dict):
            raise _fail(positions, path, "a requirement is text or a mapping with 'text'")
        for key in item:
            if key not in REQUIREMENT_KEYS:
                _unknown_key(positions, (*path, key), REQUIREMENT_KEYS)
        text = _text(positions, (*path, "text"), item.get("text"), "text") or ""
        if not text.strip():
            raise _fail(
                positions,
                path,
                "requirement has no 'text'",
                hint="write it as 'text: ...' under the item",
            )
        priority = item.get("priority")
        if priority is not None:
            priority = str(priority).strip().lower()
            if priority not in PRIORITIES:
                raise _fail(
                    positions,
                    (*path, "priority"),
                    f"unknown priority '{priority}'",
                    hint="use must, should or may",
                )
        result.requirements.append(
            make_requirement(
                text,
                source,
                explicit_id=_text(positions, (*path, "id"), item.get("id"), "id"),
                explicit_priority=priority,
                capability=_text(
                    positions, (*path, "capability"), item.get("capability"), "capability"
                ),
            )
        )
    return result
