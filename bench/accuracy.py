"""Accuracy of dealcheck's verdicts on the labelled corpus in bench/corpus/.

Each corpus file names a catalogue (``bundled``: capabilities.yaml at the
repository root; ``gitlab``: ../shared/data/gitlab/capabilities.yaml) and
lists cases with a gold verdict and gold capabilities under a named deal
context. Used by ``bench/run.py`` and by ``tests/test_accuracy.py``.

Measures:

* verdict accuracy: predicted verdict == gold verdict;
* false promises: predicted ``supported`` when the gold verdict is anything
  else, or predicted not at risk when the gold answer is at risk;
* unknown rate: share of cases answered ``unknown``;
* capability recall: share of gold capabilities found among the matched ones
  (cases with gold capabilities only).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = ROOT / "bench" / "corpus"
CATALOGS = {
    "bundled": ROOT / "capabilities.yaml",
    "gitlab": SHARED / "data" / "gitlab" / "capabilities.yaml",
}
AT_RISK = {"unsupported", "unknown"}

if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))


@dataclass
class Case:
    text: str
    verdict: str
    capabilities: list[str]
    context: dict[str, Any]
    kind: str
    catalog: str
    context_name: str


@dataclass
class Outcome:
    case: Case
    verdict: str
    at_risk: bool
    capabilities: list[str]
    gold_at_risk: bool = False

    @property
    def correct(self) -> bool:
        return self.verdict == self.case.verdict

    @property
    def false_promise(self) -> bool:
        if self.verdict == "supported" and self.case.verdict != "supported":
            return True
        return self.gold_at_risk and not self.at_risk


def gold_at_risk(case: Case, catalog: Any) -> bool:
    """The contract's at-risk rule applied to the gold answer."""
    if case.verdict in AT_RISK:
        return True
    if case.verdict != "roadmap":
        return False
    go_live = case.context.get("go_live")
    if isinstance(go_live, str):
        go_live = dt.date.fromisoformat(go_live)
    for cap_id in case.capabilities:
        cap = catalog.capability(cap_id)
        if cap is None or cap.status != "roadmap":
            continue
        if go_live is None or cap.eta_date is None or cap.eta_date > go_live:
            return True
    return False


@dataclass
class Scores:
    total: int = 0
    correct: int = 0
    false_promises: int = 0
    unknown: int = 0
    gold_caps: int = 0
    found_caps: int = 0
    misses: list[Outcome] = field(default_factory=list)

    def add(self, o: Outcome) -> None:
        self.total += 1
        self.correct += o.correct
        self.false_promises += o.false_promise
        self.unknown += o.verdict == "unknown"
        self.gold_caps += len(o.case.capabilities)
        self.found_caps += len(set(o.case.capabilities) & set(o.capabilities))
        if not o.correct or o.false_promise:
            self.misses.append(o)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    @property
    def unknown_rate(self) -> float:
        return self.unknown / self.total if self.total else 0.0

    @property
    def recall(self) -> float:
        return self.found_caps / self.gold_caps if self.gold_caps else 0.0

    def row(self) -> dict[str, Any]:
        return {
            "cases": self.total,
            "accuracy": round(self.accuracy, 3),
            "false_promises": self.false_promises,
            "unknown_rate": round(self.unknown_rate, 3),
            "capability_recall": round(self.recall, 3),
        }


def available_catalogs() -> dict[str, Path]:
    return {name: path for name, path in CATALOGS.items() if path.is_file()}


def load_cases(names: list[str] | None = None) -> list[Case]:
    import yaml

    cases: list[Case] = []
    for path in sorted(CORPUS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        catalog = data["catalog"]
        if names is not None and catalog not in names:
            continue
        contexts = data.get("contexts") or {}
        for item in data["cases"]:
            name = item.get("context", "default")
            cases.append(
                Case(
                    text=str(item["text"]).strip(),
                    verdict=item["verdict"],
                    capabilities=list(item.get("capabilities") or []),
                    context=dict(contexts.get(name) or {}),
                    kind=item.get("kind", "other"),
                    catalog=catalog,
                    context_name=name,
                )
            )
    return cases


def deal_context(raw: dict[str, Any]) -> Any:
    from dealcheck.requirements import DealContext

    go_live = raw.get("go_live")
    if isinstance(go_live, str):
        go_live = dt.date.fromisoformat(go_live)
    return DealContext(
        edition=raw.get("edition"),
        deployment=raw.get("deployment"),
        region=raw.get("region"),
        add_ons=list(raw.get("add_ons") or []),
        go_live=go_live,
    )


def requirements_from_text(texts: list[str]) -> list[Any]:
    """Requirements built the way every reader builds them (ids, priority, quantities)."""
    from dealcheck.quantities import extract_deadline, extract_quantities
    from dealcheck.requirements import Location
    from dealcheck.sources.common import make_requirement

    reqs = []
    for n, text in enumerate(texts, start=1):
        req = make_requirement(text, Location("corpus", n))
        req.id = req.id or f"R-{n}"
        req.quantities = extract_quantities(req.text)
        req.deadline = extract_deadline(req.text)
        reqs.append(req)
    return reqs


def evaluate(
    cases: list[Case],
    signals: frozenset[str] | None = None,
    engines: dict[str, Any] | None = None,
) -> tuple[Scores, dict[str, Scores], list[Outcome]]:
    """Run the engine on every case: overall scores, scores per kind, outcomes."""
    from dealcheck.catalog import load_catalog
    from dealcheck.engine import Engine
    from dealcheck.engine.match import ALL_SIGNALS

    engines = engines if engines is not None else {}
    overall = Scores()
    by_kind: dict[str, Scores] = defaultdict(Scores)
    outcomes: list[Outcome] = []
    groups: dict[tuple[str, str], list[Case]] = defaultdict(list)
    for case in cases:
        groups[(case.catalog, case.context_name)].append(case)
    for (catalog, _), group in sorted(groups.items()):
        key = f"{catalog}:{','.join(sorted(signals or ALL_SIGNALS))}"
        if key not in engines:
            loaded = load_catalog(str(CATALOGS[catalog])).catalog
            engines[key] = Engine(loaded, signals or ALL_SIGNALS)
        engine = engines[key]
        reqs = requirements_from_text([c.text for c in group])
        report = engine.check(reqs, deal_context(group[0].context))
        for case, res in zip(group, report.requirements):
            o = Outcome(
                case,
                res.verdict,
                res.at_risk,
                [c.id for c in res.capabilities],
                gold_at_risk(case, engine.catalog),
            )
            outcomes.append(o)
            overall.add(o)
            by_kind[case.kind].add(o)
    return overall, dict(by_kind), outcomes


if __name__ == "__main__":  # a quick look: python bench/accuracy.py [bundled|gitlab]
    wanted = sys.argv[1:] or None
    overall, by_kind, outcomes = evaluate(load_cases(wanted))
    print("overall", overall.row())
    for kind, s in sorted(by_kind.items()):
        print(f"  {kind:12}", s.row())
    for o in overall.misses:
        flag = "FALSE PROMISE" if o.false_promise else "miss"
        print(
            f"{flag:13} gold={o.case.verdict:11} got={o.verdict:11} "
            f"gold_caps={o.case.capabilities} got_caps={o.capabilities} "
            f"[{o.case.catalog}/{o.case.context_name}] {o.case.text}"
        )
