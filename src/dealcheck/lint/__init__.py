"""``dealcheck lint``: validate a catalogue, then run the hygiene rules.

When an answer library is present (``--answers``, ``$DEALCHECK_ANSWERS`` or
``answers.yaml`` beside the catalogue; ``--no-answers`` skips it) it is
validated and checked too (:mod:`dealcheck.lint.answers`).

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
    from dealcheck.lint.answers import ANSWER_RULES
    from dealcheck.lint.rules import RULES

    known = {**RULES, **ANSWER_RULES}
    ids: set[str] = set()
    for item in disable or ():
        for rule_id in item.split(","):
            rule_id = rule_id.strip()
            if not rule_id:
                continue
            if rule_id not in known:
                import difflib  # only for a did-you-mean hint

                close = difflib.get_close_matches(rule_id, list(known), n=1)
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


def _document(file: str, problems: list[Problem]) -> dict[str, Any]:
    errors = sum(p.level == "error" for p in problems)
    return {
        "file": file,
        "valid": errors == 0,
        "errors": errors,
        "warnings": sum(p.level == "warning" for p in problems),
        "problems": [p.as_dict() for p in problems],
    }


def _print(
    file: str,
    problems: list[Problem],
    fmt: str,
    count: int | None,
    answers: tuple[str, list[Problem], int | None] | None = None,
) -> None:
    """The catalogue's problems, then the answer library's (JSON: under ``answers``)."""
    if fmt == "json":
        document = _document(file, problems)
        if answers is not None:
            document["answers"] = _document(answers[0], answers[1])
        sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    else:
        for p in problems + (answers[1] if answers else []):
            sys.stdout.write(p.render() + "\n")
    parts = [(file, problems, f" in {count} capabilities" if count is not None else "")]
    if answers is not None:
        where = f" in {answers[2]} answers" if answers[2] is not None else ""
        parts.append((answers[0], answers[1], where))
    for name, found, where in parts:
        errors = sum(p.level == "error" for p in found)
        warnings = sum(p.level == "warning" for p in found)
        sys.stderr.write(f"{name}: {errors} error(s), {warnings} warning(s){where}\n")


def _lint_answers(
    answers: str | None, no_answers: bool, catalog_file: str, catalog: Any, disabled: set[str]
) -> tuple[str, list[Problem], int | None] | None:
    """The answer library's problems, when there is a library to check."""
    from dealcheck.answers.loader import find_answers, load_answers
    from dealcheck.lint.answers import run_answer_rules
    from dealcheck.textio import display_name

    path, _named = find_answers(answers, catalog_file, disabled=no_answers)
    if path is None:
        return None
    try:
        loaded = load_answers(path)
    except ProblemsError as exc:
        return display_name(path), exc.problems, None
    problems = run_answer_rules(loaded, catalog, disabled=disabled)
    return loaded.path, problems, len(loaded.library.answers)


def main(
    catalog_path: str | None,
    *,
    fmt: str = "text",
    disable: tuple[str, ...] = (),
    strict: bool = False,
    max_review_age: int = 365,
    today: str | None = None,
    list_rules: bool = False,
    answers: str | None = None,
    no_answers: bool = False,
) -> int:
    from dealcheck.catalog.loader import find_catalog, load_catalog
    from dealcheck.lint.answers import ANSWER_RULES
    from dealcheck.lint.rules import RULES

    if list_rules:
        for rule_id, rule in {**RULES, **ANSWER_RULES}.items():
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
    library = _lint_answers(answers, no_answers, path, loaded.catalog, disabled)
    _print(loaded.path, problems, fmt, len(loaded.catalog.capabilities), library)
    everything = problems + (library[1] if library else [])
    if any(p.level == "error" for p in everything):
        return 2
    if strict and everything:
        return 1
    return 0
