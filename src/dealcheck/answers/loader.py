"""Find, read and validate ``answers.yaml``, reporting every problem with its position.

The library is found as the catalogue is: ``--answers FILE``, else
``$DEALCHECK_ANSWERS``, else ``answers.yaml`` in the catalogue's folder
(``--no-answers`` ignores it). It is parsed by the same safe YAML loader as
the catalogue (bounded aliases and nesting, size limit) and every problem is
reported at once as ``FILE:LINE:COL: error: message``.

Whether the capability ids it names exist is *not* a load error: ``check``
answers such a requirement ``unknown`` with the reason, and ``dealcheck
lint`` reports it (the catalogue may have dropped a capability since the
review).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dealcheck.answers.model import Answer, AnswerLibrary
from dealcheck.catalog.loader import _problem
from dealcheck.errors import InputError, Problem, ProblemsError
from dealcheck.yamlsafe import Positions, load_file

ANSWERS_FILENAME = "answers.yaml"
ANSWERS_ENV = "DEALCHECK_ANSWERS"

_ENTRY_KEYS = list(Answer.model_fields)

_EXPECTED = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping",
    "date_type": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date (YYYY-MM-DD) without a time",
    "date_parsing": "a date (YYYY-MM-DD)",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


@dataclass
class LoadedAnswers:
    """A validated library with the positions of everything in its file."""

    library: AnswerLibrary
    positions: Positions
    path: str

    def line_of(self, index: int) -> int | None:
        """The line where answer ``index`` starts (its ``text``)."""
        return self.positions.of(("answers", index, "text"))[0]


def find_answers(
    explicit: str | None, catalog_path: str | None, *, disabled: bool = False
) -> tuple[str | None, bool]:
    """The library's path and whether it was asked for by name (then it must exist).

    ``--answers FILE``, else ``$DEALCHECK_ANSWERS``, else ``answers.yaml`` beside the
    catalogue (only when that file exists). ``(None, False)``: no library.
    """
    if disabled:
        return None, False
    if explicit:
        return explicit, True
    env = os.environ.get(ANSWERS_ENV)
    if env:
        return env, True
    if catalog_path:
        beside = Path(catalog_path).parent / ANSWERS_FILENAME
        if beside.is_file():
            return str(beside), False
    return None, False


def default_path(catalog_path: str) -> str:
    """Where a new library goes when none is named: beside the catalogue."""
    env = os.environ.get(ANSWERS_ENV)
    if env:
        return env
    return str(Path(catalog_path).parent / ANSWERS_FILENAME)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    return {str: "text", list: "a list", dict: "a mapping", type(None): "nothing"}.get(
        type(value), type(value).__name__
    )


def _label(loc: tuple[Any, ...]) -> str:
    if len(loc) >= 2 and loc[0] == "answers":
        head = f"answer {loc[1] + 1}" if isinstance(loc[1], int) else "answers"
        rest = ".".join(str(p) for p in loc[2:])
        return f"{head}: {rest}" if rest else head
    return ".".join(str(p) for p in loc) or "library"


def _validation_problems(exc: ValidationError, positions: Positions) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    for err in exc.errors():
        loc = tuple(err["loc"])
        if loc in seen:
            continue
        seen.add(loc)
        kind = err["type"]
        value = err.get("input")
        label = _label(loc)
        if kind == "extra_forbidden":
            name = str(loc[-1])
            options = _ENTRY_KEYS if len(loc) >= 3 else ["answers"]
            import difflib  # only for a did-you-mean hint

            close = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(options)
            problems.append(_problem(positions, loc, f"unknown key '{name}'", key=True, hint=hint))
        elif kind == "missing":
            problems.append(
                _problem(positions, loc[:-1], f"{_label(loc[:-1])}: missing key '{loc[-1]}'")
            )
        elif kind == "value_error":
            message = str(err.get("ctx", {}).get("error", err["msg"]))
            problems.append(_problem(positions, loc, f"{label}: {message}"))
        elif kind == "literal_error":
            problems.append(
                _problem(
                    positions,
                    loc,
                    f"{label}: '{value}' is not a verdict an answer can give",
                    hint="only 'unsupported'; otherwise name the capabilities",
                )
            )
        elif kind == "string_pattern_mismatch":
            problems.append(
                _problem(
                    positions,
                    loc,
                    f"{label}: malformed capability id '{value}'",
                    hint="ids are lower-case letters, digits and '-', as in the catalogue",
                )
            )
        elif kind == "string_too_short":
            problems.append(_problem(positions, loc, f"{label} must not be empty"))
        elif kind in _EXPECTED or kind.endswith("_type") or kind.endswith("_parsing"):
            expected = _EXPECTED.get(kind, err["msg"].lower().replace("input should be ", ""))
            problems.append(
                _problem(positions, loc, f"{label}: expected {expected}, got {_describe(value)}")
            )
        else:
            problems.append(_problem(positions, loc, f"{label}: {err['msg']}"))
    return problems


def _normalise(data: dict[str, Any], positions: Positions) -> None:
    """Undo YAML's guesses where the library wants text (``catalog_version: 2026.10``)."""
    answers = data.get("answers")
    if not isinstance(answers, list):
        return
    for i, item in enumerate(answers):
        if not isinstance(item, dict):
            continue
        for key in ("catalog_version", "reviewed_by", "response", "reason", "text"):
            value = item.get(key)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                item[key] = positions.raw.get(("answers", i, key), str(value))


def validate_library(data: Any, positions: Positions) -> AnswerLibrary:
    """Validate loaded YAML as an answer library; raise with every problem found."""
    if data is None:
        return AnswerLibrary()
    if not isinstance(data, dict):
        line, column = positions.of(())
        raise InputError(
            f"an answer library is a mapping with an 'answers:' list, got {_describe(data)}",
            positions.file,
            line,
            column,
        )
    if data.get("answers") is None and "answers" in data:
        data = {**data, "answers": []}
    _normalise(data, positions)
    try:
        return AnswerLibrary.model_validate(data)
    except ValidationError as exc:
        raise ProblemsError(_validation_problems(exc, positions)) from None


def load_answers(path: str) -> LoadedAnswers:
    """Read, parse and validate a library file; raise with every problem found."""
    data, positions = load_file(path)
    library = validate_library(data, positions)
    return LoadedAnswers(library, positions, positions.file)


def parse_answers(raw: bytes, name: str) -> LoadedAnswers:
    """:func:`load_answers` for bytes already read (``name`` is shown in messages)."""
    from dealcheck.textio import decode_text
    from dealcheck.yamlsafe import loads

    data, positions = loads(decode_text(raw, name), name)
    return LoadedAnswers(validate_library(data, positions), positions, name)
