"""``dealcheck lint``: validate a catalogue, then run the hygiene rules.

Output is one problem a line, ``FILE:LINE:COL: level: message (rule-id)``,
sorted by position, or a JSON document with ``--format json``. Exit codes:
0 valid (warnings allowed), 1 warnings with ``--strict``, 2 invalid or
unreadable.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any

from dealcheck.errors import InputError, Problem, ProblemsError


def _rule_ids(disable: tuple[str, ...] | list[str]) -> set[str]:
    from dealcheck.lint.rules import RULES

    ids: set[str] = set()
    for item in disable or ():
        for rule_id in item.split(","):
            rule_id = rule_id.strip()
            if not rule_id:
                continue
            if rule_id not in RULES:
                import difflib  # only for a did-you-mean hint

                close = difflib.get_close_matches(rule_id, list(RULES), n=1)
                hint = f"did you mean '{close[0]}'?" if close else "see --list-rules"
                raise InputError(f"--disable: unknown rule '{rule_id}'", hint=hint)
            ids.add(rule_id)
    return ids


def run_rules(
    loaded: Any,
    *,
    disabled: set[str] | None = None,
    today: dt.date | None = None,
    max_review_age: int = 365,
) -> list[Problem]:
    from dealcheck.lint.rules import RULES, Context

    ctx = Context(loaded, today or dt.date.today(), max_review_age)
    problems: list[Problem] = []
    for rule_id, rule in RULES.items():
        if disabled and rule_id in disabled:
            continue
        problems.extend(rule.check(ctx))
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0, p.rule or ""))


def _print(file: str, problems: list[Problem], fmt: str, count: int | None) -> None:
    errors = sum(p.level == "error" for p in problems)
    warnings = sum(p.level == "warning" for p in problems)
    if fmt == "json":
        document = {
            "file": file,
            "valid": errors == 0,
            "errors": errors,
            "warnings": warnings,
            "problems": [p.as_dict() for p in problems],
        }
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    else:
        for p in problems:
            sys.stdout.write(p.render() + "\n")
    where = f" in {count} capabilities" if count is not None else ""
    sys.stderr.write(f"{file}: {errors} error(s), {warnings} warning(s){where}\n")


def main(
    catalog_path: str | None,
    *,
    fmt: str = "text",
    disable: tuple[str, ...] = (),
    strict: bool = False,
    max_review_age: int = 365,
    today: str | None = None,
    list_rules: bool = False,
) -> int:
    from dealcheck.catalog.loader import find_catalog, load_catalog
    from dealcheck.lint.rules import RULES

    if list_rules:
        for rule_id, rule in RULES.items():
            sys.stdout.write(f"{rule_id:28} {rule.level:8} {rule.summary}\n")
        return 0
    disabled = _rule_ids(disable)
    when = None
    if today:
        try:
            when = dt.date.fromisoformat(today)
        except ValueError:
            raise InputError(f"--today: '{today}' is not a date", hint="use YYYY-MM-DD") from None
    path = find_catalog(catalog_path)
    try:
        loaded = load_catalog(path)
    except ProblemsError as exc:
        _print(path, exc.problems, fmt, None)
        return 2
    problems = run_rules(loaded, disabled=disabled, today=when, max_review_age=max_review_age)
    _print(loaded.path, problems, fmt, len(loaded.catalog.capabilities))
    if any(p.level == "error" for p in problems):
        return 2
    if strict and problems:
        return 1
    return 0
