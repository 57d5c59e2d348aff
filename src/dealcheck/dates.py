"""Dates as people write them: telling an impossible date from text that is not a date.

YAML reads ``2026-02-30`` as text (it is not a timestamp), so a schema only
sees "text where a date belongs". :func:`impossible_date` recognises the
date shape and says what is wrong with it, for every file that holds dates
(catalogue, deal file, waivers).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_DATE_SHAPE = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")


def impossible_date(value: object) -> str | None:
    """Why ``value`` (shaped like ``YYYY-MM-DD``) is not a real date, or None.

    None when ``value`` is a valid date or does not have the shape of one.
    """
    if not isinstance(value, str):
        return None
    match = _DATE_SHAPE.fullmatch(value)
    if match is None:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        return f"{value.strip()} is not a valid date (there is no month {month})"
    days = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not 1 <= day <= days:
        return (
            f"{value.strip()} is not a valid date"
            f" ({calendar.month_name[month]} {year} has {days} days)"
        )
    try:
        dt.date(year, month, day)
    except ValueError as exc:
        return f"{value.strip()} is not a valid date ({exc})"
    return None
