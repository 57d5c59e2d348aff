"""Deals re-checked against both catalogues: which promises a catalogue change breaks.

Each DEAL argument is one deal: a deal file, a requirement file (its context
from the command line's options), or a saved JSON report (its requirements and
the deal context it recorded; a ``.jsonl`` file holds one report a line). A
folder stands for every such file below it, each one deal.

Every requirement is checked against the old and the new catalogue with the
same context, through the engine's public entry point, and compared:

* a **broken promise**: the verdict became more severe (``supported`` <
  ``partial`` < ``upgrade`` < ``roadmap`` < ``unknown`` < ``unsupported``), or it
  stayed ``roadmap`` but is now at risk (the ETA moved past go-live, or went);
* a **new win**: the verdict became less severe, or a roadmap item is no
  longer at risk.

A deal whose context (edition, deployment, region, add-on) the new catalogue
no longer offers is itself a broken promise; one that only the new catalogue
offers is a new win. A context neither catalogue knows is bad input.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from dealcheck.errors import InputError
from dealcheck.report import SCHEMA_ID, SEVERITY, RequirementResult
from dealcheck.requirements import DealContext, Location, Requirement

#: report files holding one report a line
LINE_SUFFIXES = (".jsonl", ".ndjson")
_LOCATION_KEYS = ("file", "line", "sheet", "row", "column", "page")


@dataclass
class DealInput:
    """One deal to re-check: where it came from, its requirements and its context."""

    label: str
    kind: str  # deal | requirements | report
    requirements: list[Requirement]
    context: DealContext


@dataclass
class RequirementChange:
    kind: str  # broken | win
    why: str
    old: RequirementResult
    new: RequirementResult

    @property
    def capability_ids(self) -> list[str]:
        ids: list[str] = []
        for c in [*self.old.capabilities, *self.new.capabilities]:
            if c.id not in ids:
                ids.append(c.id)
        return ids


@dataclass
class DealDiff:
    deal: DealInput
    requirements: int
    changes: list[RequirementChange] = field(default_factory=list)
    problem: str | None = None  # the deal's context is offered by one catalogue only
    problem_kind: str | None = None  # broken | win

    @property
    def broken(self) -> int:
        return sum(c.kind == "broken" for c in self.changes) + (self.problem_kind == "broken")

    @property
    def wins(self) -> int:
        return sum(c.kind == "win" for c in self.changes) + (self.problem_kind == "win")


def classify(
    old: RequirementResult,
    new: RequirementResult,
    rank: Callable[[str | None], int] | None = None,
) -> tuple[str, str] | None:
    """``(kind, why)`` when the requirement's verdict changed, else None.

    The same verdict can still break a promise: an answer that now needs a higher edition
    (``rank`` orders editions) or another add-on costs the customer more than was quoted.
    """
    before, after = SEVERITY[old.verdict], SEVERITY[new.verdict]
    if after > before:
        return "broken", f"{old.verdict} \u2192 {new.verdict}: more severe"
    if after < before:
        return "win", f"{old.verdict} \u2192 {new.verdict}: less severe"
    if old.verdict == "roadmap" and old.at_risk != new.at_risk:
        if new.at_risk:
            return "broken", "roadmap, now at risk: the ETA is missing or later than go-live"
        return "win", "roadmap, no longer at risk: the ETA is now by go-live"
    if old.at_risk != new.at_risk:
        # A deprecated capability whose end of life moved before go-live or the date asked.
        if new.at_risk:
            return "broken", f"{new.verdict}, now at risk: gone before it is needed"
        return "win", f"{new.verdict}, no longer at risk"
    added = sorted(set(new.needs.add_ons) - set(old.needs.add_ons))
    if added:
        return "broken", f"{new.verdict}, now also needs the {', '.join(added)} add-on"
    if rank is not None and new.needs.edition != old.needs.edition:
        higher = rank(new.needs.edition) > rank(old.needs.edition)
        if higher:
            return "broken", f"{new.verdict}, now needs the {new.needs.edition} edition"
        return "win", f"{new.verdict}, now needs only the {new.needs.edition or 'quoted'} edition"
    return None


# -- reading deals --------------------------------------------------------------


def _deal_files(paths: list[str]) -> list[str]:
    from dealcheck.sources import EXTENSIONS

    suffixes = (*EXTENSIONS, *LINE_SUFFIXES)
    files: list[str] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found = []
            for folder, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [
                    os.path.join(folder, n)
                    for n in names
                    if PurePath(n).suffix.lower() in suffixes and not n.startswith(".")
                ]
            if not found:
                raise InputError("no deal, requirement or report files in this folder", path)
            files += sorted(found)
        else:
            files.append(path)
    return files


def _report_deal(report: dict[str, Any], label: str, where: str, line: int | None) -> DealInput:
    """A saved report as a deal: its requirements as read and the context it recorded."""
    from dealcheck.quantities import extract_deadline, extract_quantities
    from dealcheck.requirements import PRIORITIES

    info = report.get("deal")
    items = report.get("requirements")
    if not isinstance(info, dict) or not isinstance(items, list):
        raise InputError("the report has no 'deal' object or no 'requirements' list", where, line)
    requirements = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise InputError(f"requirement {n} is not an object", where, line)
        rid, text, priority = item.get("id"), item.get("text"), item.get("priority")
        if not isinstance(rid, str) or not isinstance(text, str) or priority not in PRIORITIES:
            raise InputError(
                f"requirement {n}: needs a string 'id' and 'text' and a priority", where, line
            )
        raw_source = item.get("source")
        source: dict[str, Any] = raw_source if isinstance(raw_source, dict) else {}
        location = {k: source[k] for k in _LOCATION_KEYS if source.get(k) is not None}
        location.setdefault("file", label)
        req = Requirement(
            id=rid,
            text=text,
            priority=priority,
            priority_explicit=True,
            section=item.get("section") if isinstance(item.get("section"), str) else None,
            source=Location(**location),
        )
        req.quantities = extract_quantities(text)
        req.deadline = extract_deadline(text)
        requirements.append(req)
    go_live = None
    if info.get("go_live"):
        try:
            go_live = dt.date.fromisoformat(str(info["go_live"]))
        except ValueError:
            raise InputError(f"go_live '{info['go_live']}' is not a date", where, line) from None
    add_ons = info.get("add_ons") or []
    context = DealContext(
        deal=info.get("deal"),
        customer=info.get("customer"),
        edition=info.get("edition"),
        deployment=info.get("deployment"),
        region=info.get("region"),
        add_ons=[str(a) for a in add_ons] if isinstance(add_ons, list) else [],
        go_live=go_live,
    )
    return DealInput(label, "report", requirements, context)


def _parse_json(text: str, where: str, line: int | None) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", where, line or exc.lineno) from None
    except RecursionError:
        raise InputError("not valid JSON: nested too deeply", where, line) from None


def load_deals(paths: list[str], read_options: Any, cli_context: DealContext) -> list[DealInput]:
    """Every deal named by ``paths``, each with the command line's context over its own."""
    from dealcheck.sources import read_requirements
    from dealcheck.textio import decode_text, read_bytes

    deals: list[DealInput] = []
    for path in _deal_files(paths):
        suffix = PurePath(path).suffix.lower()
        if suffix in LINE_SUFFIXES:
            text = decode_text(read_bytes(path), path)
            for number, line in enumerate(text.splitlines(), start=1):
                if line.strip():
                    report = _parse_json(line, path, number)
                    if not isinstance(report, dict) or report.get("schema") != SCHEMA_ID:
                        raise InputError(f"not a dealcheck report ({SCHEMA_ID})", path, number)
                    deal = _report_deal(report, f"{path}:{number}", path, number)
                    deal.context = deal.context.merged(cli_context)
                    deals.append(deal)
            continue
        if suffix == ".json" and not read_options.input_format:
            try:
                document = json.loads(decode_text(read_bytes(path), path))
            except (json.JSONDecodeError, RecursionError):
                document = None  # not a report: the deal-file reader says what is wrong
            if isinstance(document, dict) and document.get("schema") == SCHEMA_ID:
                deal = _report_deal(document, path, path, None)
                deal.context = deal.context.merged(cli_context)
                deals.append(deal)
                continue
        requirements, context = read_requirements([path], read_options)
        kind = "deal" if suffix in (".yaml", ".yml", ".json") else "requirements"
        deals.append(DealInput(path, kind, requirements, context.merged(cli_context)))
    return deals


# -- re-checking ----------------------------------------------------------------


def _valid_in(context: DealContext, catalog: Any, where: str) -> tuple[DealContext, str | None]:
    """The context checked against ``catalog``: (normalised context, None) or (it, what
    the catalogue lacks: every unknown name, "; "-separated)."""
    from dealcheck.app import context_problems

    checked = copy.deepcopy(context)
    problems = context_problems(checked, catalog, where)
    return checked, "; ".join(p.message for p in problems) or None


def recheck(
    deals: list[DealInput],
    old_catalog: Any,
    new_catalog: Any,
    library_path: str | None = None,
) -> list[DealDiff]:
    """Check every deal against both catalogues and keep the requirements whose verdict moved.

    ``library_path``: the answer library every check uses; its reviewed answers are applied
    against both catalogues, as `check` would apply them."""
    from dealcheck.engine import Engine

    old_engine, new_engine = Engine(old_catalog), Engine(new_catalog)
    old_library = _library(library_path, old_engine)
    new_library = _library(library_path, new_engine)
    diffs = []
    for deal in deals:
        where = f"deal context of {deal.label}"
        old_ctx, old_problem = _valid_in(deal.context, old_catalog, where)
        new_ctx, new_problem = _valid_in(deal.context, new_catalog, where)
        diff = DealDiff(deal, len(deal.requirements))
        if old_problem and new_problem:
            raise InputError(f"{deal.label}: {new_problem} in either catalogue")
        if new_problem:
            diff.problem = f"the new catalogue does not offer this deal: {new_problem}"
            diff.problem_kind = "broken"
        elif old_problem:
            diff.problem = f"only the new catalogue offers this deal (old: {old_problem})"
            diff.problem_kind = "win"
        else:
            old_report = old_engine.check(deal.requirements, old_ctx, answers=old_library)
            new_report = new_engine.check(deal.requirements, new_ctx, answers=new_library)

            def rank(edition: str | None) -> int:
                return new_catalog.edition_rank(edition) if edition else -1

            for before, after in zip(old_report.requirements, new_report.requirements):
                verdict = classify(before, after, rank)
                if verdict is not None:
                    diff.changes.append(RequirementChange(verdict[0], verdict[1], before, after))
        diffs.append(diff)
    return diffs


def _library(path: str | None, engine: Any) -> Any:
    """The answer library indexed for one engine's catalogue, or None."""
    if not path:
        return None
    from dealcheck.answers.cache import load_library
    from dealcheck.textio import display_name

    library = load_library(path, engine.catalog, engine.index.canon, display_name(path))
    return library if library.lookup.answers else None
