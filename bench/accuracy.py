"""Accuracy of dealcheck's verdicts on the labelled corpus in bench/corpus/.

The corpus is split by folder: ``bench/corpus/<split>/*.yaml``. ``dev`` holds
the cases engine work may look at; ``heldout`` holds the cases the engine is
judged by, whose texts and answers nobody reads while tuning (this module and
the tests report held-out misses by case id only). Each file names its
catalogue with a top-level ``catalog:`` key: ``bundled`` (capabilities.yaml at
the repository root), ``gitlab`` (../shared/data/gitlab/capabilities.yaml) or
a path relative to ``bench/`` (``catalogs/helpdesk.yaml``, named by its stem).
Files whose catalogue is absent are skipped. When ../shared is present, its
buyer-written GitLab set (``data/gitlab/dev/*.gold.yaml``) is loaded as one
more development set, ``gitlab-buyer-dev``.

Measures, per split and per catalogue:

* verdict accuracy: predicted verdict == gold verdict;
* false promises: predicted ``supported`` when the gold verdict is anything
  else, or predicted not at risk when the gold answer is at risk;
* unknown rate: share of cases answered ``unknown``;
* capability recall: share of gold capabilities found among the matched ones
  (cases with gold capabilities only; ``a|b`` is found when either is);
* the precision/coverage curve over a confidence threshold (see
  :func:`confidence_curve`).

Used by ``bench/run.py`` and by ``tests/test_accuracy.py``.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
SHARED = ROOT.parent / "shared"
CORPUS = BENCH / "corpus"
#: Catalogues a corpus file may name by a short name; any other ``catalog:``
#: value is a path relative to ``bench/``.
CATALOGS = {
    "bundled": ROOT / "capabilities.yaml",
    "gitlab": SHARED / "data" / "gitlab" / "capabilities.yaml",
}
#: The buyer-written GitLab development set shipped beside the GitLab catalogue.
BUYER_DEV = SHARED / "data" / "gitlab" / "dev"
BUYER_DEV_SPLIT = "gitlab-buyer-dev"
HELDOUT = "heldout"
#: Report order: the held-out figures come first, they are the honest ones.
SPLIT_ORDER = (HELDOUT, "dev", BUYER_DEV_SPLIT)
AT_RISK = {"unsupported", "unknown"}
#: Confidence thresholds of the precision/coverage curve: 0.30, 0.35 ... 0.95.
THRESHOLDS = tuple(round(0.30 + 0.05 * i, 2) for i in range(14))

if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))


@dataclass
class Case:
    text: str
    verdict: str
    #: Gold capability groups: ``"a|b"`` is one group with acceptable alternatives.
    capabilities: list[str]
    context: dict[str, Any]
    kind: str
    #: The catalogue's name: ``bundled``, ``gitlab`` or a relative path's stem.
    catalog: str
    context_name: str
    split: str = "dev"
    #: Stable reference for reports: ``<split>/<file stem>#<position>`` or the gold id.
    case_id: str = ""
    source: str = ""
    catalog_path: Path | None = None

    def gold_ids(self) -> set[str]:
        return {alt for group in self.capabilities for alt in group.split("|")}


@dataclass
class Suggestion:
    """What the engine would answer below its own threshold (optional engine field)."""

    verdict: str
    confidence: float
    capabilities: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    case: Case
    verdict: str
    at_risk: bool
    capabilities: list[str]
    gold_at_risk: bool = False
    confidence: float = 0.0
    suggestion: Suggestion | None = None

    @property
    def correct(self) -> bool:
        return self.verdict == self.case.verdict

    @property
    def false_promise(self) -> bool:
        return is_false_promise(self.case, self.verdict, self.at_risk, self.gold_at_risk)


def is_false_promise(case: Case, verdict: str, at_risk: bool, gold_at_risk: bool) -> bool:
    if verdict == "supported" and case.verdict != "supported":
        return True
    return gold_at_risk and not at_risk


def gold_at_risk(case: Case, catalog: Any) -> bool:
    """The contract's at-risk rule applied to the gold answer."""
    if case.verdict in AT_RISK:
        return True
    if case.verdict != "roadmap":
        return False
    go_live = case.context.get("go_live")
    if isinstance(go_live, str):
        go_live = dt.date.fromisoformat(go_live)
    for cap_id in case.gold_ids():
        cap = catalog.capability(cap_id)
        if cap is None or cap.status != "roadmap":
            continue
        if go_live is None or cap.eta_date is None or cap.eta_date > go_live:
            return True
    return False


def groups_found(gold: list[str], found: Iterable[str]) -> int:
    """How many gold capability groups have one of their alternatives among ``found``."""
    have = set(found)
    return sum(1 for group in gold if have & set(group.split("|")))


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
        self.found_caps += groups_found(o.case.capabilities, o.capabilities)
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


def catalog_path(ref: str) -> Path:
    """A corpus file's ``catalog:`` value as a file path."""
    return CATALOGS.get(ref) or (BENCH / ref)


def catalog_name(ref: str) -> str:
    return ref if ref in CATALOGS else Path(ref).stem


def available_catalogs() -> dict[str, Path]:
    """Every catalogue some corpus file names, by name, when its file is present."""
    found = {name: path for name, path in CATALOGS.items() if path.is_file()}
    for _, path in corpus_files():
        ref = catalog_ref(path)
        if ref is not None and catalog_path(ref).is_file():
            found.setdefault(catalog_name(ref), catalog_path(ref))
    return dict(sorted(found.items()))


def corpus_files() -> list[tuple[str, Path]]:
    """(split, file) for every corpus file, the split being its folder's name."""
    return [
        (folder.name, path)
        for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir())
        for path in sorted(folder.glob("*.yaml"))
    ]


def catalog_ref(path: Path) -> str | None:
    # The key is on a line of its own near the top; reading it this way avoids
    # parsing every case just to list the catalogues.
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("catalog:"):
            return line.split(":", 1)[1].strip().strip("'\"") or None
    return None


def load_cases(
    names: list[str] | None = None,
    splits: list[str] | None = None,
    available_only: bool = True,
) -> list[Case]:
    """The labelled cases, held-out first, then dev, then the buyer-written dev set.

    ``names``: catalogue names to keep (None: all); ``splits``: split names to
    keep (None: all). With ``available_only`` a file whose catalogue is absent
    is skipped, so the result can always be evaluated.
    """
    import yaml

    cases: list[Case] = []
    for split, path in corpus_files():
        if splits is not None and split not in splits:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        ref = str(data["catalog"])
        name, cpath = catalog_name(ref), catalog_path(ref)
        if names is not None and name not in names:
            continue
        if available_only and not cpath.is_file():
            continue
        contexts = data.get("contexts") or {}
        for n, item in enumerate(data["cases"], start=1):
            context_name = item.get("context", "default")
            if context_name not in contexts and context_name != "default":
                raise ValueError(f"{path}: case {n}: unknown context {context_name!r}")
            cases.append(
                Case(
                    text=str(item["text"]).strip(),
                    verdict=item["verdict"],
                    capabilities=list(item.get("capabilities") or []),
                    context=dict(contexts.get(context_name) or {}),
                    kind=item.get("kind", "other"),
                    catalog=name,
                    context_name=context_name,
                    split=split,
                    case_id=f"{split}/{path.stem}#{n}",
                    source=str(item.get("source") or ""),
                    catalog_path=cpath,
                )
            )
    wants_buyer = splits is None or BUYER_DEV_SPLIT in splits
    if wants_buyer and (names is None or "gitlab" in names):
        cases.extend(load_buyer_dev())
    order = {s: i for i, s in enumerate(SPLIT_ORDER)}
    cases.sort(key=lambda c: order.get(c.split, len(order)))  # stable within a split
    return cases


def context_from_args(args: list[str]) -> dict[str, Any]:
    """A gold file's command-line arguments (``--edition premium``) as a deal context."""
    keys = {
        "--edition": "edition",
        "--deployment": "deployment",
        "--region": "region",
        "--go-live": "go_live",
    }
    context: dict[str, Any] = {}
    pairs = iter(args)
    for flag in pairs:
        value = next(pairs, None)
        if value is None:
            raise ValueError(f"gold args: {flag} has no value")
        if flag == "--add-on":
            context.setdefault("add_ons", []).append(value)
        elif flag in keys:
            context[keys[flag]] = value
        else:
            raise ValueError(f"gold args: unexpected {flag!r}")
    return context


def load_buyer_dev() -> list[Case]:
    """../shared's buyer-written GitLab set as development cases; none without ../shared."""
    import yaml

    gitlab = CATALOGS["gitlab"]
    if not BUYER_DEV.is_dir() or not gitlab.is_file():
        return []
    cases: list[Case] = []
    for gold in sorted(BUYER_DEV.glob("*.gold.yaml")):
        data = yaml.safe_load(gold.read_text(encoding="utf-8"))
        stem = gold.name.removesuffix(".gold.yaml")
        args = [str(a) for a in data.get("args") or []]
        context = context_from_args(args)
        context_name = " ".join(args) or "none"
        for n, item in enumerate(data["requirements"], start=1):
            cases.append(
                Case(
                    text=str(item["text"]).strip(),
                    verdict=item["verdict"],
                    capabilities=list(item.get("capabilities") or []),
                    context=context,
                    kind="buyer",
                    catalog="gitlab",
                    context_name=context_name,
                    split=BUYER_DEV_SPLIT,
                    case_id=f"{BUYER_DEV_SPLIT}/{stem}#{item.get('id') or n}",
                    source="shared-dev",
                    catalog_path=gitlab,
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


def read_suggestion(result: Any) -> Suggestion | None:
    """The result's optional ``suggestion`` (an object or a mapping), if the engine gives one.

    Works with engines that lack the field: then there is no suggestion.
    """
    raw = getattr(result, "suggestion", None)
    if raw is None and isinstance(result, dict):
        raw = result.get("suggestion")
    if raw is None:
        return None
    if hasattr(raw, "model_dump"):
        raw = raw.model_dump()
    elif not isinstance(raw, dict):
        raw = {k: getattr(raw, k, None) for k in ("verdict", "confidence", "capabilities")}
    verdict, confidence = raw.get("verdict"), raw.get("confidence")
    if not isinstance(verdict, str) or not isinstance(confidence, int | float):
        return None
    caps = []
    for cap in raw.get("capabilities") or []:
        cap_id = cap.get("id") if isinstance(cap, dict) else getattr(cap, "id", cap)
        if isinstance(cap_id, str):
            caps.append(cap_id)
    return Suggestion(verdict, float(confidence), caps)


def outcome_of(case: Case, result: Any, catalog: Any) -> Outcome:
    """One engine result (a report's per-requirement entry) scored against its case."""
    return Outcome(
        case,
        result.verdict,
        result.at_risk,
        [c.id for c in result.capabilities],
        gold_at_risk(case, catalog),
        float(getattr(result, "confidence", 0.0) or 0.0),
        read_suggestion(result),
    )


def evaluate(
    cases: list[Case],
    signals: frozenset[str] | None = None,
    engines: dict[str, Any] | None = None,
    rules: frozenset[str] | None = None,
) -> tuple[Scores, dict[str, Scores], list[Outcome]]:
    """Run the engine on every case: overall scores, scores per kind, outcomes in case order.

    ``signals`` and ``rules``: the matching signals and narrowing rules switched on
    (default: all), for the ablation.
    """
    from dealcheck.catalog import load_catalog
    from dealcheck.engine import Engine
    from dealcheck.engine.match import ALL_SIGNALS
    from dealcheck.engine.rules import ALL_RULES

    engines = engines if engines is not None else {}
    groups: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, case in enumerate(cases):
        where = case.catalog_path or catalog_path(case.catalog)
        groups[(str(where), case.catalog, case.context_name)].append(i)
    results: dict[int, Outcome] = {}
    for (path, _, _), indexes in sorted(groups.items()):
        on = signals if signals is not None else ALL_SIGNALS
        checked = rules if rules is not None else ALL_RULES
        key = f"{path}:{','.join(sorted(on))}:{','.join(sorted(checked))}"
        if key not in engines:
            engines[key] = Engine(load_catalog(path).catalog, on, checked)
        engine = engines[key]
        group = [cases[i] for i in indexes]
        ctx = deal_context(group[0].context)
        # Each case is labelled as a question on its own, so each is checked as a list of
        # one: the cases sharing a context are no one deal, and a deal-level check (one
        # deployment, one region per deal) must not read one case's "data stored in the
        # EU" into another's label. Those checks have their own tests.
        for i, case in zip(indexes, group):
            (req,) = requirements_from_text([case.text])
            (res,) = engine.check([req], ctx).requirements
            results[i] = outcome_of(case, res, engine.catalog)
    outcomes = [results[i] for i in range(len(cases))]
    overall = Scores()
    by_kind: dict[str, Scores] = defaultdict(Scores)
    for o in outcomes:
        overall.add(o)
        by_kind[o.case.kind].add(o)
    return overall, dict(by_kind), outcomes


def scores_by(outcomes: Iterable[Outcome], key: Callable[[Outcome], str]) -> dict[str, Scores]:
    grouped: dict[str, Scores] = defaultdict(Scores)
    for o in outcomes:
        grouped[key(o)].add(o)
    return dict(grouped)


def split_rows(outcomes: list[Outcome]) -> dict[str, dict[str, Any]]:
    """Per split (held-out first): the overall row and one row per catalogue."""
    rows: dict[str, dict[str, Any]] = {}
    by_split = scores_by(outcomes, lambda o: o.case.split)
    order = {s: i for i, s in enumerate(SPLIT_ORDER)}
    for split in sorted(by_split, key=lambda s: (order.get(s, len(order)), s)):
        mine = [o for o in outcomes if o.case.split == split]
        per_catalog = scores_by(mine, lambda o: o.case.catalog)
        rows[split] = {
            "overall": by_split[split].row(),
            "per_catalog": {name: per_catalog[name].row() for name in sorted(per_catalog)},
        }
    return rows


def answer_at(o: Outcome, threshold: float) -> tuple[str, bool] | None:
    """The (verdict, at risk) the engine gives at ``threshold``; None when it says unknown.

    A non-unknown answer whose confidence is below the threshold counts as
    unknown. An unknown result with a ``suggestion`` whose confidence reaches
    the threshold counts as that suggestion, which extends the curve below the
    engine's own threshold.
    """
    if o.verdict != "unknown":
        return (o.verdict, o.at_risk) if o.confidence >= threshold else None
    s = o.suggestion
    if s is not None and s.verdict != "unknown" and s.confidence >= threshold:
        # A suggested roadmap answer carries no ETA check: count it at risk.
        return s.verdict, s.verdict in AT_RISK or s.verdict == "roadmap"
    return None


def confidence_curve(
    outcomes: list[Outcome], thresholds: Iterable[float] = THRESHOLDS
) -> list[dict[str, Any]]:
    """Precision and coverage of the answers the engine gives at each confidence threshold.

    coverage: share of cases answered (not unknown); precision: share of the
    answered whose verdict is the gold one; supported precision: share of the
    answered ``supported`` whose gold verdict is ``supported``; accuracy and
    false promises count an unanswered case as ``unknown``.
    """
    rows = []
    total = len(outcomes)
    for t in thresholds:
        answered = correct = said_supported = right_supported = correct_all = promises = 0
        for o in outcomes:
            answer = answer_at(o, t)
            verdict, at_risk = answer if answer is not None else ("unknown", True)
            if answer is not None:
                answered += 1
                correct += verdict == o.case.verdict
                if verdict == "supported":
                    said_supported += 1
                    right_supported += o.case.verdict == "supported"
            correct_all += verdict == o.case.verdict
            promises += is_false_promise(o.case, verdict, at_risk, o.gold_at_risk)
        rows.append(
            {
                "threshold": t,
                "coverage": round(answered / total, 3) if total else 0.0,
                "precision": round(correct / answered, 3) if answered else None,
                "supported_precision": (
                    round(right_supported / said_supported, 3) if said_supported else None
                ),
                "accuracy": round(correct_all / total, 3) if total else 0.0,
                "false_promises": promises,
            }
        )
    return rows


def describe_miss(o: Outcome) -> str:
    """A miss as one line; a held-out miss by its case id only, never its text or answer."""
    flag = "FALSE PROMISE" if o.false_promise else "miss"
    if o.case.split == HELDOUT:
        return f"{flag:13} {o.case.case_id}"
    return (
        f"{flag:13} gold={o.case.verdict:11} got={o.verdict:11} "
        f"gold_caps={o.case.capabilities} got_caps={o.capabilities} "
        f"[{o.case.case_id} {o.case.context_name}] {o.case.text}"
    )


def main(argv: list[str]) -> None:
    """A quick look: ``python bench/accuracy.py [catalogue or split ...]``."""
    split_names = {s for s, _ in corpus_files()} | {BUYER_DEV_SPLIT}
    names = [w for w in argv if w not in split_names] or None
    splits = [w for w in argv if w in split_names] or None
    outcomes = evaluate(load_cases(names, splits))[2]
    for split, block in split_rows(outcomes).items():
        print(split, block["overall"])
        for name, row in block["per_catalog"].items():
            print(f"  {name:12}", row)
    for o in outcomes:
        if not o.correct or o.false_promise:
            print(describe_miss(o))


if __name__ == "__main__":
    main(sys.argv[1:])
