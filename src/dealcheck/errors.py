"""The one error type users see: a problem in an input, located by file, line and column.

Every reader, the catalogue loader and the CLI raise :class:`InputError` (or
:class:`ProblemsError` for many problems at once). The CLI turns it into
``dealcheck: error: FILE:LINE:COL: message`` on stderr and exit code 2. A message
quotes the input's values as they are, control characters shown as escapes
(:func:`dealcheck.safe_text.visible`): an escape code in a value is seen, never
obeyed by the terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dealcheck.safe_text import visible


@dataclass(frozen=True, order=True)
class Problem:
    """One finding in an input file, sortable by position."""

    file: str
    line: int | None = None
    column: int | None = None
    level: str = "error"  # "error" | "warning"
    message: str = ""
    rule: str | None = None
    hint: str | None = field(default=None, compare=False)

    @property
    def location(self) -> str:
        return format_location(self.file, self.line, self.column)

    def render(self) -> str:
        """One line; a value quoted from an input shows its control characters escaped."""
        # A problem with no file is in a command-line option (its message says which).
        text = f"{self.location}: {self.level}: {self.message}" if self.file else self.message
        if self.hint:
            text += (
                f" ({self.hint})" if not self.hint.startswith("did you mean") else f"; {self.hint}"
            )
        if self.rule:
            text += f" ({self.rule})"
        return visible(text)

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "level": self.level,
            "message": self.message,
            "rule": self.rule,
            "hint": self.hint,
        }


def format_location(file: str, line: int | None = None, column: int | None = None) -> str:
    parts = [file]
    if line is not None:
        parts.append(str(line))
        if column is not None:
            parts.append(str(column))
    return ":".join(parts)


class DealcheckError(Exception):
    """Base class of errors that are the user's to fix (exit code 2)."""

    exit_code = 2


class InputError(DealcheckError):
    """A bad input: unreadable, malformed or invalid, located as precisely as possible."""

    def __init__(
        self,
        message: str,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.hint = hint

    def __str__(self) -> str:
        """One line; a value quoted from an input shows its control characters escaped."""
        text = self.message
        if self.hint:
            text += f" ({self.hint})"
        if self.file:
            text = f"{format_location(self.file, self.line, self.column)}: {text}"
        return visible(text)


class ProblemsError(DealcheckError):
    """Several problems found in one input; every one of them is reported."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or 0))
        super().__init__(f"{len(self.problems)} problem(s)")

    def __str__(self) -> str:
        return "\n".join(p.render() for p in self.problems)


def raise_problems(problems: list[Problem]) -> None:
    """Raise every problem at once, if there are any: one reads as any other input error
    does (``FILE:LINE:COL: message``), several as a :class:`ProblemsError`."""
    if len(problems) == 1:
        (only,) = problems
        raise InputError(only.message, only.file or None, only.line, only.column, only.hint)
    if problems:
        raise ProblemsError(problems)
