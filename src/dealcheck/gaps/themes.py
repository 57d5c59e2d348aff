"""Gap requirements into themes, ranked by weighted demand.

A theme is one thing customers ask for that the product does not give them:

* a matched gap (``unsupported``, ``upgrade``, late ``roadmap``) belongs to the
  theme of the capability that decides its verdict;
* an ``unknown`` one (no capability matched) belongs to a theme of asks with
  the same meaning: the same content words (:func:`~.similarity.wording_key`),
  then, when the optional WordLlama model is installed, semantic similarity
  (:func:`~.similarity.group_by_meaning`). Without it, only asks with the same
  content words are grouped, and a warning says so.

Every gap requirement lands in exactly one theme.

Ranking (weighted demand): each deal that asks counts ``deal`` points plus the
points of the strongest priority it asks with (``must``, ``should``, ``may``),
and each million of the deals' total value (in the ranking currency) counts
``value`` points. Defaults: deal 10, must 3, should 2, may 1, value 0, so deals
come first, then priority; ties go to the larger value, then to more
requirements, then alphabetical order.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from dealcheck.errors import InputError
from dealcheck.gaps.reports import CapabilityInfo, Collected, Gap
from dealcheck.gaps.similarity import DEFAULT_SIMILARITY, group_by_meaning, wording_key
from dealcheck.report import SEVERITY
from dealcheck.requirements import PRIORITIES

DEFAULT_WEIGHTS: dict[str, float] = {
    "deal": 10.0,
    "must": 3.0,
    "should": 2.0,
    "may": 1.0,
    "value": 0.0,
}
#: the ``value`` weight counts per this much of the ranking currency
VALUE_UNIT = 1_000_000
#: distinct wordings shown beside the representative one
EXAMPLES = 3


def parse_weights(items: tuple[str, ...] | list[str]) -> dict[str, float]:
    """``deal=10``, ``must=3`` ... over the defaults; unknown names and bad numbers are errors."""
    weights = dict(DEFAULT_WEIGHTS)
    for item in items:
        for part in item.split(","):
            if not part.strip():
                continue
            name, sep, number = part.partition("=")
            name = name.strip().lower()
            if not sep or name not in weights:
                raise InputError(
                    f"--weight: cannot read '{part.strip()}'",
                    hint="use NAME=NUMBER with NAME one of " + ", ".join(DEFAULT_WEIGHTS),
                )
            try:
                value = float(number)
            except ValueError:
                raise InputError(f"--weight: '{number.strip()}' is not a number") from None
            if value != value or value in (float("inf"), float("-inf")) or value < 0:
                raise InputError(f"--weight: {name} must be a number of zero or more")
            weights[name] = value
    return weights


@dataclass
class Theme:
    key: str  # "capability:<id>" or "ask:<hash>": stable across runs
    capability: CapabilityInfo | None
    requirements: list[Gap]
    representative: str = ""
    examples: list[str] = field(default_factory=list)
    deals: list[int] = field(default_factory=list)  # deal indices, in first-asked order
    #: deal index -> the strongest priority that deal asks for the theme with
    deal_priority: dict[int, str] = field(default_factory=dict, repr=False)
    priorities: dict[str, int] = field(default_factory=dict)
    verdicts: dict[str, int] = field(default_factory=dict)
    customers: list[str] = field(default_factory=list)
    value: dict[str, float] = field(default_factory=dict)  # currency ("" for none) -> total
    score: float = 0.0
    rank: int = 0

    @property
    def kind(self) -> str:
        return "capability" if self.capability is not None else "unmatched"

    @property
    def must(self) -> int:
        return self.priorities.get("must", 0)


@dataclass
class GapsResult:
    themes: list[Theme]
    collected: Collected
    weights: dict[str, float]
    currency: str | None  # the ranking currency
    grouping: str  # "semantic" | "wording"
    similarity: float
    warnings: list[str] = field(default_factory=list)

    @property
    def gaps(self) -> int:
        return len(self.collected.gaps)


def _describe(theme: Theme, collected: Collected) -> None:
    """Fill the theme's representative wording, examples, counts, customers and value."""
    wordings: Counter[str] = Counter()
    first_text: dict[str, str] = {}
    deal_priority: dict[int, str] = {}
    priorities: Counter[str] = Counter()
    verdicts: Counter[str] = Counter()
    for gap in theme.requirements:
        key = wording_key(gap.text)
        wordings[key] += 1
        first_text.setdefault(key, gap.text.strip())
        priorities[gap.priority] += 1
        verdicts[gap.verdict] += 1
        strongest = deal_priority.get(gap.deal)
        if strongest is None or PRIORITIES.index(gap.priority) < PRIORITIES.index(strongest):
            deal_priority[gap.deal] = gap.priority
    # most_common keeps first-seen order among equal counts: deterministic.
    ordered = [key for key, _ in wordings.most_common()]
    theme.representative = first_text[ordered[0]]
    theme.examples = [first_text[key] for key in ordered[1 : 1 + EXAMPLES]]
    theme.deals = list(deal_priority)
    theme.priorities = {p: priorities.get(p, 0) for p in PRIORITIES}
    theme.verdicts = {
        v: verdicts[v] for v in sorted(verdicts, key=lambda v: -SEVERITY[v]) if verdicts[v]
    }
    customers = {collected.deals[d].customer for d in theme.deals}
    theme.customers = sorted((c for c in customers if c), key=str.casefold)
    value: dict[str, float] = {}
    for d in theme.deals:
        deal = collected.deals[d]
        if deal.value is not None:
            value[deal.currency or ""] = value.get(deal.currency or "", 0) + deal.value
    theme.value = dict(sorted(value.items()))
    theme.deal_priority = deal_priority


def _ranking_currency(collected: Collected, wanted: str | None) -> str | None:
    if wanted:
        return wanted.strip().upper()
    counts = Counter(d.currency or "" for d in collected.deals if d.value is not None)
    if not counts:
        return None
    # The currency most deals are valued in; alphabetical among equals.
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]


def _score(theme: Theme, weights: dict[str, float], currency: str | None) -> float:
    score = sum(weights["deal"] + weights[p] for p in theme.deal_priority.values())
    if currency is not None:
        score += weights["value"] * theme.value.get(currency, 0) / VALUE_UNIT
    return round(score, 6)


def _unmatched_groups(
    gaps: list[Gap], semantic: bool, similarity: float
) -> list[tuple[str, list[Gap]]]:
    """Unknown asks grouped by wording key, then (semantic) by meaning; keyed by leader."""
    by_key: dict[str, list[Gap]] = {}
    for gap in gaps:
        by_key.setdefault(wording_key(gap.text), []).append(gap)
    # Most-asked wording first (it leads its group), then first-seen order.
    keys = sorted(by_key, key=lambda k: -len(by_key[k]))
    if semantic and len(keys) > 1:
        labels = group_by_meaning([by_key[k][0].text for k in keys], similarity)
    else:
        labels = list(range(len(keys)))
    groups: dict[int, list[str]] = {}
    for key, label in zip(keys, labels):
        groups.setdefault(label, []).append(key)
    out = []
    for members in groups.values():
        leader = members[0]
        digest = hashlib.sha256(leader.encode("utf-8")).hexdigest()[:12]
        out.append((f"ask:{digest}", [g for key in members for g in by_key[key]]))
    return out


def build_themes(
    collected: Collected,
    *,
    weights: dict[str, float] | None = None,
    similarity: float = DEFAULT_SIMILARITY,
    semantic: bool = True,
    currency: str | None = None,
    catalog_capabilities: dict[str, CapabilityInfo] | None = None,
) -> GapsResult:
    """Group every gap requirement into exactly one theme and rank the themes."""
    weights = weights or dict(DEFAULT_WEIGHTS)
    warnings: list[str] = []
    if semantic:
        from dealcheck.engine.semantic import available

        if not available():
            semantic = False
            warnings.append(
                "the wordllama package is not installed: unmatched requirements are grouped"
                ' only when their content words are the same (pip install "dealcheck[semantic]")'
            )
    by_capability: dict[str, list[Gap]] = {}
    unmatched: list[Gap] = []
    for gap in collected.gaps:
        if gap.capability is None:
            unmatched.append(gap)
        else:
            by_capability.setdefault(gap.capability, []).append(gap)
    themes: list[Theme] = []
    for cap_id, members in by_capability.items():
        info = collected.capabilities[cap_id]
        if catalog_capabilities is not None:
            current = catalog_capabilities.get(cap_id)
            if current is None:
                warnings.append(
                    f"capability '{cap_id}' of {len(members)} gap requirement(s) is not in"
                    " the catalogue given: its status is as the reports recorded it"
                )
            else:
                info = current
        themes.append(Theme(f"capability:{cap_id}", info, members))
    for key, members in _unmatched_groups(unmatched, semantic, similarity):
        themes.append(Theme(key, None, members))
    ranking = _ranking_currency(collected, currency)
    for theme in themes:
        _describe(theme, collected)
        theme.score = _score(theme, weights, ranking)
    themes.sort(
        key=lambda t: (
            -t.score,
            -(t.value.get(ranking, 0) if ranking is not None else 0),
            -len(t.requirements),
            t.representative.casefold(),
            t.key,
        )
    )
    for rank, theme in enumerate(themes, start=1):
        theme.rank = rank
    return GapsResult(
        themes=themes,
        collected=collected,
        weights=weights,
        currency=ranking,
        grouping="semantic" if semantic else "wording",
        similarity=similarity,
        warnings=warnings,
    )
