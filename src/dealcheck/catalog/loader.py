"""Load and validate ``capabilities.yaml``, reporting every problem with its position.

Validation happens in two passes over the same parsed document, so one run
lists everything wrong: the pydantic models check shapes and types, then
:func:`_cross_check` checks what the models cannot see alone (unique ids,
names that must be declared at the top, limits on declared metrics).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dealcheck.catalog.model import STATUSES, Capability, Catalog, Metric
from dealcheck.dates import impossible_date
from dealcheck.errors import InputError, Problem, ProblemsError
from dealcheck.yamlsafe import Positions, load_file

CATALOG_FILENAME = "capabilities.yaml"
CATALOG_ENV = "DEALCHECK_CATALOG"

_FIELDS = {
    "catalog": list(Catalog.model_fields),
    "capability": list(Capability.model_fields),
    "metric": list(Metric.model_fields),
}


@dataclass
class LoadedCatalog:
    """A validated catalogue with the positions of everything in its file."""

    catalog: Catalog
    positions: Positions
    path: str
    data: dict[str, Any]


def find_catalog(explicit: str | None = None, start: Path | None = None) -> str:
    """``--catalog``, else ``$DEALCHECK_CATALOG``, else the nearest ``capabilities.yaml``."""
    if explicit:
        return explicit
    env = os.environ.get(CATALOG_ENV)
    if env:
        return env
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CATALOG_FILENAME
        if candidate.is_file():
            return str(candidate) if folder != here else CATALOG_FILENAME
    raise InputError(
        f"no catalogue given and no {CATALOG_FILENAME} in this folder or any parent",
        hint=f"pass --catalog FILE or set {CATALOG_ENV}",
    )


def _problem(
    positions: Positions,
    path: tuple[Any, ...],
    message: str,
    *,
    key: bool = False,
    hint: str | None = None,
) -> Problem:
    line, column = positions.of(path, key=key)
    return Problem(positions.file, line, column, "error", message, None, hint)


def _kind_of(loc: tuple[Any, ...]) -> str:
    if len(loc) >= 2 and loc[0] == "capabilities":
        return "capability"
    if len(loc) >= 2 and loc[0] == "metrics":
        return "metric"
    return "catalog"


def _field_label(loc: tuple[Any, ...]) -> str:
    if loc and loc[0] == "capabilities" and len(loc) >= 3:
        return ".".join(str(p) for p in loc[2:])
    return ".".join(str(p) for p in loc)


def _describe(value: Any) -> str:
    names = {
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true/false",
        list: "a list",
        dict: "a mapping",
        type(None): "nothing",
    }
    return names.get(type(value), type(value).__name__)


def _validation_problems(exc: ValidationError, positions: Positions) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    for err in exc.errors():
        loc = tuple(err["loc"])
        kind = err["type"]
        if "limits" in loc:
            # A limit is a union (number | {edition: number}): report it once, plainly.
            at = loc[: loc.index("limits") + 2]
            if at in seen:
                continue
            seen.add(at)
            problems.append(
                _problem(
                    positions,
                    at,
                    f"limit '{at[-1]}' must be a number or a mapping of edition -> number",
                )
            )
            continue
        if loc in seen:
            continue
        seen.add(loc)
        field = _field_label(loc)
        value = err.get("input")
        if kind == "extra_forbidden":
            name = str(loc[-1])
            options = _FIELDS[_kind_of(loc[:-1] if len(loc) > 1 else loc)]
            import difflib  # only for a did-you-mean hint

            close = difflib.get_close_matches(name, options, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(options)
            problems.append(_problem(positions, loc, f"unknown key '{name}'", key=True, hint=hint))
        elif kind == "missing":
            problems.append(_problem(positions, loc[:-1], f"missing required key '{loc[-1]}'"))
        elif kind == "literal_error" and loc[-1] == "status":
            problems.append(
                _problem(
                    positions,
                    loc,
                    f"unknown status '{value}'",
                    hint="use one of " + ", ".join(STATUSES),
                )
            )
        elif kind == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            problems.append(
                _problem(positions, loc, f"{field}: '{value}' is not one of {expected}")
            )
        elif kind == "string_pattern_mismatch" and loc[-1] == "id":
            problems.append(
                _problem(
                    positions,
                    loc,
                    f"malformed id '{value}'",
                    hint="start with a lower-case letter or digit; then only a-z, 0-9 and '-'",
                )
            )
        elif impossible_date(value) is not None:
            # 2026-02-30: YAML leaves it as text, so the schema only sees "not a date".
            problems.append(_problem(positions, loc, f"{field}: {impossible_date(value)}"))
        elif kind in ("string_pattern_mismatch", "value_error") and loc[-1] == "eta":
            problems.append(
                _problem(
                    positions,
                    loc,
                    f"malformed eta '{value}'",
                    hint="use YYYY-MM-DD, YYYY-MM or YYYY-Qn",
                )
            )
        elif kind == "string_too_short":
            problems.append(_problem(positions, loc, f"{field} must not be empty"))
        elif kind.endswith("_type") or kind.endswith("_parsing"):
            expected = {
                "string_type": "text",
                "list_type": "a list",
                "dict_type": "a mapping",
                "float_type": "a number",
                "float_parsing": "a number",
                "int_type": "a number",
                "date_type": "a date (YYYY-MM-DD)",
                "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
                "date_parsing": "a date (YYYY-MM-DD)",
                "model_type": "a mapping",
                "model_attributes_type": "a mapping",
            }.get(kind, err["msg"].lower().replace("input should be ", ""))
            problems.append(
                _problem(
                    positions,
                    loc,
                    f"{field or 'catalogue'}: expected {expected}, got {_describe(value)}",
                )
            )
        else:
            problems.append(_problem(positions, loc, f"{field}: {err['msg']}"))
    return problems


def _cross_check(data: dict[str, Any], positions: Positions) -> list[Problem]:
    """Rules that tie one part of the catalogue to another."""
    problems: list[Problem] = []

    def names(key: str) -> list[str]:
        value = data.get(key)
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    declared = {key: names(key) for key in ("editions", "deployments", "regions")}
    for key, values in declared.items():
        seen: set[str] = set()
        for i, value in enumerate(values):
            if value in seen:
                problems.append(_problem(positions, (key, i), f"{key}: '{value}' is listed twice"))
            seen.add(value)
    raw_metrics = data.get("metrics")
    metrics: dict[str, Any] = raw_metrics if isinstance(raw_metrics, dict) else {}

    def unknown_name(path: tuple[Any, ...], kind: str, value: str, options: list[str]) -> None:
        if not options:
            hint = f"declare it in the top-level '{kind}' list"
        else:
            import difflib  # only for a did-you-mean hint

            close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "declared: " + ", ".join(options)
        singular = kind[:-1]
        problems.append(_problem(positions, path, f"undeclared {singular} '{value}'", hint=hint))

    capabilities = data.get("capabilities")
    if not isinstance(capabilities, list):
        return problems
    first_seen: dict[str, int] = {}
    for i, cap in enumerate(capabilities):
        if not isinstance(cap, dict):
            continue
        cap_id = cap.get("id")
        if isinstance(cap_id, str):
            if cap_id in first_seen:
                line, _ = positions.of(("capabilities", first_seen[cap_id], "id"))
                problems.append(
                    _problem(
                        positions,
                        ("capabilities", i, "id"),
                        f"duplicate id '{cap_id}' (first used on line {line})",
                        hint="ids must be unique",
                    )
                )
            else:
                first_seen[cap_id] = i
        for key in ("editions", "deployments", "regions"):
            listed = cap.get(key)
            if not isinstance(listed, list):
                continue
            values = listed
            for j, value in enumerate(values):
                if isinstance(value, str) and value not in declared[key]:
                    unknown_name(("capabilities", i, key, j), key, value, declared[key])
        limits = cap.get("limits")
        if isinstance(limits, dict):
            for metric, value in limits.items():
                if metric not in metrics:
                    options = list(metrics)
                    import difflib  # only for a did-you-mean hint

                    close = difflib.get_close_matches(str(metric), options, n=1, cutoff=0.6)
                    hint = (
                        f"did you mean '{close[0]}'?"
                        if close
                        else "declare it under the top-level 'metrics'"
                    )
                    problems.append(
                        _problem(
                            positions,
                            ("capabilities", i, "limits", metric),
                            f"limit on undeclared metric '{metric}'",
                            key=True,
                            hint=hint,
                        )
                    )
                if isinstance(value, dict):
                    for edition in value:
                        if edition not in declared["editions"]:
                            problems.append(
                                _problem(
                                    positions,
                                    ("capabilities", i, "limits", metric, edition),
                                    f"undeclared edition '{edition}' in limit '{metric}'",
                                    key=True,
                                    hint=(
                                        "declared: " + ", ".join(declared["editions"])
                                        if declared["editions"]
                                        else "declare it in the top-level 'editions' list"
                                    ),
                                )
                            )
    return problems


def _normalise(data: dict[str, Any], positions: Positions) -> None:
    """Undo YAML's guesses where the contract wants text (``version: 2026.10``)."""
    for key in ("version",):
        value = data.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            data[key] = positions.raw.get((key,), str(value))


def validate_catalog(data: Any, positions: Positions) -> Catalog:
    name = positions.file
    if data is None:
        raise InputError("the catalogue is empty", name, hint="see README: catalogue format")
    if not isinstance(data, dict):
        line, column = positions.of(())
        raise InputError(
            "a catalogue must be a mapping with 'product' and 'capabilities',"
            f" got {_describe(data)}",
            name,
            line,
            column,
        )
    _normalise(data, positions)
    problems: list[Problem] = []
    catalog: Catalog | None = None
    try:
        catalog = Catalog.model_validate(data)
    except ValidationError as exc:
        problems.extend(_validation_problems(exc, positions))
    problems.extend(_cross_check(data, positions))
    if problems or catalog is None:
        raise ProblemsError(problems)
    return catalog


def load_catalog(path: str) -> LoadedCatalog:
    """Read, parse and validate a catalogue file; raise with every problem found."""
    data, positions = load_file(path)
    catalog = validate_catalog(data, positions)
    return LoadedCatalog(catalog, positions, positions.file, data)
