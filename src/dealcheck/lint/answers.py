"""Answer-library rules for ``dealcheck lint`` (run when ``answers.yaml`` is present).

Same shape as :mod:`dealcheck.lint.rules`: each rule is a function registered
with an id and a level, documented by its docstring (what it checks, a failing
and a passing example), yielding problems that point at the offending line of
the library file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from dealcheck.answers.loader import LoadedAnswers
from dealcheck.answers.lookup import answer_key, normalise
from dealcheck.catalog.model import Catalog
from dealcheck.errors import Problem
from dealcheck.lint.rules import Rule


@dataclass
class AnswersContext:
    loaded: LoadedAnswers
    catalog: Catalog

    def problem(
        self, path: tuple, message: str, level: str, rule_id: str, hint: str | None = None
    ) -> Problem:
        line, column = self.loaded.positions.of(path)
        return Problem(self.loaded.path, line, column, level, message, rule_id, hint)

    def line(self, path: tuple) -> int | None:
        return self.loaded.positions.of(path)[0]


ANSWER_RULES: dict[str, Rule] = {}


def rule(rule_id: str, level: str) -> Callable:
    def register(func: Callable[[AnswersContext], Iterator[Problem]]) -> Callable:
        ANSWER_RULES[rule_id] = Rule(rule_id, level, func)  # type: ignore[arg-type]
        return func

    return register


def _texts(ctx: AnswersContext) -> Iterator[tuple[int, tuple, str]]:
    """(answer index, path, text) for every question and phrasing, in file order."""
    for i, answer in enumerate(ctx.loaded.library.answers):
        yield i, ("answers", i, "text"), answer.text
        for j, phrasing in enumerate(answer.phrasings):
            yield i, ("answers", i, "phrasings", j), phrasing


def _repeats(ctx: AnswersContext) -> Iterator[tuple[tuple, tuple, str, bool]]:
    """Every question or phrasing written again (case, spacing and punctuation aside):
    (its path, the first one's path, its text, whether the two answers agree)."""
    first: dict[str, tuple[int, tuple]] = {}
    answers = ctx.loaded.library.answers
    for i, path, text in _texts(ctx):
        key = normalise(text)
        if key not in first:
            first[key] = (i, path)
            continue
        other, other_path = first[key]
        same = other == i or answer_key(answers[other]) == answer_key(answers[i])
        yield path, other_path, text, same


@rule("answer-unknown-capability", "error")
def unknown_capability(ctx: AnswersContext) -> Iterator[Problem]:
    """An answer names a capability the catalogue does not have (renamed or removed).

    ``check`` answers such a requirement ``unknown`` with this reason, never a match.

    Failing::

        - {text: Must support SAML SSO, capabilities: [sso-saml-v1], ...}

    Passing::

        - {text: Must support SAML SSO, capabilities: [sso-saml], ...}
    """
    ids = {cap.id for cap in ctx.catalog.capabilities}
    for i, answer in enumerate(ctx.loaded.library.answers):
        for j, cap_id in enumerate(answer.capabilities):
            if cap_id not in ids:
                import difflib  # only for a did-you-mean hint

                close = difflib.get_close_matches(cap_id, sorted(ids), n=1, cutoff=0.6)
                yield ctx.problem(
                    ("answers", i, "capabilities", j),
                    f"capability '{cap_id}' is not in the catalogue",
                    "error",
                    "answer-unknown-capability",
                    hint=f"did you mean '{close[0]}'?" if close else "re-review this answer",
                )


@rule("answer-conflict", "error")
def conflict(ctx: AnswersContext) -> Iterator[Problem]:
    """The same question (case, spacing and punctuation aside) answered two different ways.

    ``check`` then uses neither answer and matches the requirement instead.

    Failing::

        - {text: Must support SSO, capabilities: [sso-saml], ...}
        - {text: "must support SSO.", capabilities: [sso-oidc], ...}

    Passing::

        - {text: Must support SSO, capabilities: [sso-saml, sso-oidc], ...}
    """
    for path, other_path, text, same in _repeats(ctx):
        if not same:
            yield ctx.problem(
                path,
                f"{text!r} is answered differently on line {ctx.line(other_path)}",
                "error",
                "answer-conflict",
                hint="keep one answer: a question has one reviewed answer",
            )


@rule("answer-duplicate", "warning")
def duplicate(ctx: AnswersContext) -> Iterator[Problem]:
    """The same question (case, spacing and punctuation aside) written twice with one answer.

    Failing::

        - {text: Must support SSO, phrasings: [must support SSO!], ...}

    Passing::

        - {text: Must support SSO, phrasings: [Single sign-on is required], ...}
    """
    for path, other_path, text, same in _repeats(ctx):
        if same:
            yield ctx.problem(
                path,
                f"{text!r} is already written on line {ctx.line(other_path)}",
                "warning",
                "answer-duplicate",
                hint="remove it, or merge the two answers",
            )


@rule("answer-outdated", "warning")
def outdated(ctx: AnswersContext) -> Iterator[Problem]:
    """An answer reviewed before the capability it names last changed (its ``reviewed`` date).

    Failing (the catalogue has ``{id: sso-saml, reviewed: 2026-09-14}``)::

        - {text: Must support SAML SSO, capabilities: [sso-saml], reviewed: 2026-03-01, ...}

    Passing::

        - {text: Must support SAML SSO, capabilities: [sso-saml], reviewed: 2026-10-02, ...}
    """
    by_id = {cap.id: cap for cap in ctx.catalog.capabilities}
    for i, answer in enumerate(ctx.loaded.library.answers):
        for cap_id in answer.capabilities:
            cap = by_id.get(cap_id)
            if cap is None or cap.reviewed is None or cap.reviewed <= answer.reviewed:
                continue
            yield ctx.problem(
                ("answers", i, "reviewed"),
                f"answer reviewed {answer.reviewed.isoformat()}, before '{cap.id}' last changed"
                f" ({cap.reviewed.isoformat()})",
                "warning",
                "answer-outdated",
                hint="re-confirm the answer and update its reviewed date",
            )


def run_answer_rules(
    loaded: LoadedAnswers, catalog: Catalog, *, disabled: set[str] | None = None
) -> list[Problem]:
    ctx = AnswersContext(loaded, catalog)
    problems: list[Problem] = []
    for rule_id, answer_rule in ANSWER_RULES.items():
        if disabled and rule_id in disabled:
            continue
        problems.extend(answer_rule.check(ctx))  # type: ignore[arg-type]
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0, p.rule or ""))
