"""Reading saved JSON reports (``dealcheck.report/1``) one at a time, keeping only the gaps.

Inputs are report files (``.json``: one report; ``.jsonl`` / ``.ndjson``: one
report a line), folders (every such file below them, in sorted order, hidden
ones skipped) and ``-`` (JSON lines on standard input). Each report is parsed,
checked for the fields gaps needs, reduced to its gap requirements and
dropped, so memory grows with the gaps, not with the reports.

A requirement is a *gap* when the product does not meet it for that deal:
its verdict is ``unsupported``, ``unknown`` or ``upgrade``, or ``roadmap``
at risk (no ETA, or an ETA after go-live).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dealcheck.errors import InputError
from dealcheck.report import SCHEMA_ID, VERDICTS
from dealcheck.requirements import PRIORITIES
from dealcheck.textio import decode_text, max_bytes, read_bytes

#: suffixes of files holding one report a line
LINE_SUFFIXES = (".jsonl", ".ndjson")
#: suffixes picked up inside folders
REPORT_SUFFIXES = (".json", *LINE_SUFFIXES)


def is_gap(verdict: str, at_risk: bool) -> bool:
    """Whether a requirement with this verdict is demand the product does not meet."""
    return verdict in ("unsupported", "unknown", "upgrade") or (verdict == "roadmap" and at_risk)


@dataclass(frozen=True)
class CapabilityInfo:
    """A catalogue capability as a report recorded it."""

    id: str
    name: str | None = None
    status: str | None = None
    eta: str | None = None


@dataclass
class Deal:
    """One deal: the reports that name the same deal and customer are one deal."""

    name: str | None
    customer: str | None
    value: float | None = None
    currency: str | None = None
    reports: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.name or self.customer or self.reports[0]


@dataclass(slots=True)
class Gap:
    """One gap requirement, as its report wrote it."""

    deal: int  # index into Collected.deals
    report: str
    id: str
    text: str
    priority: str
    verdict: str
    at_risk: bool
    source: dict[str, Any]
    section: str | None
    capability: str | None  # the capability that decides the verdict; None when unmatched
    waived: bool


@dataclass
class Collected:
    """Everything gaps needs from the reports: the deals, the gaps, and what was read."""

    deals: list[Deal] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    capabilities: dict[str, CapabilityInfo] = field(default_factory=dict)
    reports: int = 0
    requirements: int = 0
    _deal_index: dict[tuple[str, ...], int] = field(default_factory=dict)

    def deal_of(self, info: dict[str, Any], report: str) -> int:
        name, customer = _text(info.get("deal")), _text(info.get("customer"))
        # Reports that name the deal are one deal per (deal, customer); a report that
        # names none is a deal of its own.
        if name or customer:
            key: tuple[str, ...] = ("deal", (name or "").casefold(), (customer or "").casefold())
        else:
            key = ("report", report)
        index = self._deal_index.get(key)
        if index is None:
            index = len(self.deals)
            self._deal_index[key] = index
            self.deals.append(Deal(name, customer))
        deal = self.deals[index]
        deal.reports.append(report)
        value = info.get("value")
        if deal.value is None and isinstance(value, (int, float)) and not isinstance(value, bool):
            deal.value = value
            deal.currency = _text(info.get("currency"))
        return index


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _fail(where: str, line: int | None, message: str) -> InputError:
    return InputError(message, where, line)


def _decisive(caps: list[dict[str, Any]], verdict: str) -> dict[str, Any] | None:
    """The matched capability that gives the requirement its verdict (the first such)."""
    for cap in caps:
        if cap.get("verdict") == verdict:
            return cap
    return caps[0] if caps else None


def add_report(
    collected: Collected, report: Any, where: str, line: int | None = None, label: str = ""
) -> None:
    """Check one parsed report and add its gap requirements to ``collected``."""
    label = label or where
    if not isinstance(report, dict):
        raise _fail(where, line, "not a dealcheck report: expected a JSON object")
    schema = report.get("schema")
    if schema != SCHEMA_ID:
        raise _fail(
            where,
            line,
            f"not a dealcheck report: schema is {json.dumps(schema)}, expected {SCHEMA_ID}"
            " (save reports with dealcheck check --format json)",
        )
    info = report.get("deal")
    requirements = report.get("requirements")
    if not isinstance(info, dict) or not isinstance(requirements, list):
        raise _fail(where, line, "the report has no 'deal' object or no 'requirements' list")
    collected.reports += 1
    deal = collected.deal_of(info, label)
    for n, item in enumerate(requirements, start=1):
        if not isinstance(item, dict):
            raise _fail(where, line, f"requirement {n} is not an object")
        rid, text, verdict = item.get("id"), item.get("text"), item.get("verdict")
        priority, at_risk = item.get("priority"), item.get("at_risk")
        what = f"requirement {n}" + (f" ({rid})" if isinstance(rid, str) else "")
        if not isinstance(rid, str) or not isinstance(text, str):
            raise _fail(where, line, f"{what}: 'id' and 'text' must be strings")
        if verdict not in VERDICTS:
            raise _fail(where, line, f"{what}: unknown verdict {json.dumps(verdict)}")
        if priority not in PRIORITIES:
            raise _fail(where, line, f"{what}: unknown priority {json.dumps(priority)}")
        if not isinstance(at_risk, bool):
            raise _fail(where, line, f"{what}: 'at_risk' must be true or false")
        collected.requirements += 1
        if not is_gap(verdict, at_risk):
            continue
        caps = item.get("capabilities") or []
        if not isinstance(caps, list) or not all(
            isinstance(c, dict) and isinstance(c.get("id"), str) for c in caps
        ):
            raise _fail(where, line, f"{what}: 'capabilities' must be a list of objects with 'id'")
        decisive = _decisive(caps, verdict) if verdict != "unknown" else None
        capability = None
        if decisive is not None:
            capability = decisive["id"]
            if capability not in collected.capabilities:
                collected.capabilities[capability] = CapabilityInfo(
                    capability,
                    _text(decisive.get("name")),
                    _text(decisive.get("status")),
                    _text(decisive.get("eta")),
                )
        source = item.get("source")
        collected.gaps.append(
            Gap(
                deal=deal,
                report=label,
                id=rid,
                text=text,
                priority=priority,
                verdict=verdict,
                at_risk=at_risk,
                source=source if isinstance(source, dict) else {},
                section=_text(item.get("section")),
                capability=capability,
                waived=item.get("waiver") is not None,
            )
        )


def _parse(text: str, where: str, line: int | None) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        at = line if line is not None else exc.lineno
        raise _fail(where, at, f"not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise _fail(where, line, "not valid JSON: nested too deeply") from None


def _lines(stream: Iterable[bytes], where: str) -> Iterator[tuple[int, str]]:
    """Non-blank lines of a JSON-lines stream with their numbers, each within the size limit."""
    limit = max_bytes()
    for number, raw in enumerate(stream, start=1):
        if len(raw) > limit:
            raise InputError(
                f"line is larger than the {limit:,}-byte limit",
                where,
                number,
                hint="raise it with --max-bytes if the report is genuine",
            )
        if raw.strip():
            yield number, decode_text(raw, where)


def _report_files(paths: list[str]) -> Iterator[str]:
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [
                    os.path.join(folder, f)
                    for f in files
                    if f.lower().endswith(REPORT_SUFFIXES) and not f.startswith(".")
                ]
            if not found:
                raise InputError("no report files (.json, .jsonl) in this folder", path)
            yield from sorted(found)
        else:
            yield path


def collect(paths: list[str]) -> Collected:
    """Read every report in ``paths`` (files, folders, ``-``), keeping only the gaps."""
    collected = Collected()
    for path in _report_files(paths):
        if path == "-":
            for number, text in _lines(sys.stdin.buffer, "<stdin>"):
                add_report(
                    collected,
                    _parse(text, "<stdin>", number),
                    "<stdin>",
                    number,
                    f"<stdin>:{number}",
                )
        elif path.lower().endswith(LINE_SUFFIXES):
            try:
                with Path(path).open("rb") as stream:
                    for number, text in _lines(stream, path):
                        add_report(
                            collected, _parse(text, path, number), path, number, f"{path}:{number}"
                        )
            except FileNotFoundError:
                raise InputError("no such file", path) from None
            except OSError as exc:
                raise InputError(f"cannot read file: {exc.strerror or exc}", path) from None
        else:
            text = decode_text(read_bytes(path), path)
            add_report(collected, _parse(text, path, None), path)
    if collected.reports == 0:
        raise InputError("no reports read", "<stdin>" if paths == ["-"] else None)
    return collected
