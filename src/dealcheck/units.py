"""Catalogue metric units: which dimension a unit measures and its factor to canonical.

Canonical units: percent -> %, time -> second, data -> byte, count -> item,
rate -> per second. The table is hand-rolled: ``pint`` would do it, but it
costs ~0.19 s to import (measured in bench/), more than dealcheck's whole
start-up budget of ~0.14 s, and catalogue units are a short, closed list.
"""

from __future__ import annotations

import re

from dealcheck.quantities import _DATA, _TIME, _TIME_WORDS

_PERCENT = {"%", "percent", "pct", "per cent"}
_RATE_RE = re.compile(r"^(?P<what>[a-z ]+?)s?\s*(?:/|per)\s*(?P<per>[a-z]+)$")
_RATE_ABBR = {"rps": "second", "qps": "second", "tps": "second", "rpm": "minute", "rph": "hour"}


def parse_unit(unit: str) -> tuple[str, float] | None:
    """``(dimension, factor to canonical)`` for a metric unit, or None if unknown.

    >>> parse_unit("TB")
    ('data', 1000000000000.0)
    >>> parse_unit("request/minute")
    ('rate', 0.016666666666666666)
    >>> parse_unit("user")
    ('count', 1.0)
    """
    key = " ".join(unit.strip().lower().split())
    if not key:
        return None
    if key in _PERCENT:
        return ("percent", 1.0)
    if key in _TIME_WORDS:
        word = _TIME_WORDS[key]
        return ("time", 0.001 if word == "millisecond" else _TIME[word])
    if key in _DATA:
        return ("data", _DATA[key])
    if key in _RATE_ABBR:
        return ("rate", 1.0 / _TIME[_RATE_ABBR[key]])
    m = _RATE_RE.match(key)
    if m and m["per"] in _TIME_WORDS and _TIME_WORDS[m["per"]] in _TIME:
        return ("rate", 1.0 / _TIME[_TIME_WORDS[m["per"]]])
    if re.fullmatch(r"[a-z][a-z -]*", key):
        return ("count", 1.0)  # a plain noun: users, seats, projects, items...
    return None
