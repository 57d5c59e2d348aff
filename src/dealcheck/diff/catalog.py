"""The catalogue change itself, in words a reviewer understands.

Capabilities are matched by id: an id only in the new catalogue was *added*,
one only in the old was *removed*, and one in both whose name differs was
*renamed*. Every field that changed is one :class:`FieldChange` with its old
and new value, a sentence, and its effect on deals: ``worse`` (customers get
less: a lower status, fewer editions, deployments or regions, a new add-on, a
weaker limit, a later ETA), ``better``, ``mixed`` or ``neutral`` (wording,
owner, docs...). Editions, deployments and regions are compared as offered:
a capability that lists none is offered in every one the catalogue declares.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dealcheck.catalog.model import Capability, Catalog

#: how much of the product a status gives a customer (higher is more)
STATUS_RANK = {"ga": 4, "beta": 3, "deprecated": 2, "roadmap": 1, "not-planned": 0}
STATUS_WORDS = {
    "ga": "generally available",
    "beta": "in beta",
    "deprecated": "deprecated",
    "roadmap": "on the roadmap",
    "not-planned": "not planned",
}


@dataclass
class FieldChange:
    field: str
    old: Any
    new: Any
    text: str
    effect: str = "neutral"  # worse | better | mixed | neutral

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "text": self.text,
            "effect": self.effect,
        }


@dataclass
class CapabilityChange:
    id: str
    change: str  # added | removed | changed
    name: str
    line: int | None  # in the new catalogue (the old one for a removed capability)
    old_name: str | None = None  # when renamed
    fields: list[FieldChange] = field(default_factory=list)
    text: str = ""

    @property
    def effect(self) -> str:
        if self.change == "removed":
            return "worse"
        if self.change == "added":
            return "better"
        return combine([f.effect for f in self.fields])

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "change": self.change,
            "name": self.name,
            "old_name": self.old_name,
            "line": self.line,
            "effect": self.effect,
            "text": self.text,
            "fields": [f.as_dict() for f in self.fields],
        }


@dataclass
class CatalogDiff:
    old_source: str
    new_source: str
    old: Catalog
    new: Catalog
    catalog: list[FieldChange] = field(default_factory=list)  # top-level declarations
    capabilities: list[CapabilityChange] = field(default_factory=list)

    @property
    def changed_ids(self) -> set[str]:
        return {c.id for c in self.capabilities}

    def count(self, change: str) -> int:
        return sum(c.change == change for c in self.capabilities)


def combine(effects: list[str]) -> str:
    found = {e for e in effects if e != "neutral"}
    if not found:
        return "neutral"
    if len(found) == 1:
        return found.pop()
    return "mixed"


def _names(values: list[str]) -> str:
    return ", ".join(values) if values else "none"


def _quoted(values: list[str]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _offered(catalog: Catalog, cap: Capability, kind: str) -> list[str]:
    if kind == "editions":
        return catalog.editions_of(cap)
    listed = getattr(cap, kind)
    return list(listed) if listed is not None else list(getattr(catalog, kind))


def _set_change(kind: str, old: list[str], new: list[str]) -> FieldChange | None:
    lost = [v for v in old if v not in new]
    gained = [v for v in new if v not in old]
    if not lost and not gained:
        return None
    where = {"editions": "in", "deployments": "on", "regions": "in"}[kind]
    parts = []
    if lost:
        parts.append(f"no longer {where} {_names(lost)}")
    if gained:
        parts.append(f"now also {where} {_names(gained)}")
    text = f"{kind}: {'; '.join(parts)} (now {_names(new)})"
    effect = "worse" if lost and not gained else "better" if gained and not lost else "mixed"
    return FieldChange(kind, old, new, text, effect)


def _with_unit(value: float, unit: str) -> str:
    number = f"{value:,g}"
    if unit == "%":
        return f"{number}%"
    if value != 1 and unit.isalpha() and unit.islower() and not unit.endswith("s"):
        unit += "s"  # 180 days, 50 users; TB and request/minute stay as written
    return f"{number} {unit}"


def _limit_changes(
    old_cat: Catalog, new_cat: Catalog, old: Capability, new: Capability
) -> list[FieldChange]:
    changes = []
    editions: list[str | None] = []
    for name in [*old_cat.editions, *new_cat.editions]:
        if name not in editions:
            editions.append(name)
    if not editions:
        editions = [None]
    for metric in sorted(set(old.limits) | set(new.limits)):
        spec = new_cat.metrics.get(metric) or old_cat.metrics.get(metric)
        unit = spec.unit if spec else ""
        better = spec.better if spec else "higher"
        moves: dict[tuple[float | None, float | None], list[str | None]] = {}
        for edition in editions:
            was, now = old.limit_for(metric, edition), new.limit_for(metric, edition)
            if edition is not None:
                # A limit for an edition the capability is not in can never apply.
                was = was if edition in old_cat.editions_of(old) else None
                now = now if edition in new_cat.editions_of(new) else None
            if was != now:
                moves.setdefault((was, now), []).append(edition)
        if not moves:
            continue
        parts, effects = [], []
        for (was, now), where in moves.items():
            scope = "" if where == editions else f" in {_names([e for e in where if e])}"
            if was is None and now is not None:
                parts.append(f"now limited to {_with_unit(now, unit)}{scope}")
                effects.append("worse")
            elif now is None and was is not None:
                parts.append(f"no longer states a limit{scope} (was {_with_unit(was, unit)})")
                effects.append("neutral")
            elif was is not None and now is not None:
                gives_more = now > was if better == "higher" else now < was
                parts.append(
                    f"{_with_unit(was, unit)} \u2192 {_with_unit(now, unit)}{scope}"
                    f" ({'better' if gives_more else 'worse'} for customers)"
                )
                effects.append("better" if gives_more else "worse")
        changes.append(
            FieldChange(
                f"limits.{metric}",
                old.limits.get(metric),
                new.limits.get(metric),
                f"limit on {metric}: " + "; ".join(parts),
                combine(effects),
            )
        )
    return changes


def _eta_change(old: Capability, new: Capability) -> FieldChange | None:
    if old.eta == new.eta:
        return None
    if new.status != "roadmap":
        if old.status == "roadmap" and new.eta is None:
            return None  # the status change says it: it left the roadmap
        return FieldChange("eta", old.eta, new.eta, f"ETA {old.eta} \u2192 {new.eta}")
    if old.eta is None:
        return FieldChange("eta", None, new.eta, f"ETA now {new.eta}", "better")
    if new.eta is None:
        return FieldChange("eta", old.eta, None, f"ETA {old.eta} removed: no date", "worse")
    old_date, new_date = old.eta_date, new.eta_date
    assert old_date is not None and new_date is not None
    if new_date > old_date:
        return FieldChange(
            "eta", old.eta, new.eta, f"ETA {old.eta} \u2192 {new.eta} (later)", "worse"
        )
    if new_date < old_date:
        return FieldChange(
            "eta", old.eta, new.eta, f"ETA {old.eta} \u2192 {new.eta} (earlier)", "better"
        )
    return FieldChange("eta", old.eta, new.eta, f"ETA {old.eta} \u2192 {new.eta} (same date)")


def _list_change(name: str, old: list[str], new: list[str]) -> FieldChange | None:
    added = [v for v in new if v not in old]
    removed = [v for v in old if v not in new]
    if not added and not removed:
        return None
    parts = []
    if added:
        parts.append(f"added {_quoted(added)}")
    if removed:
        parts.append(f"removed {_quoted(removed)}")
    text = f"{name}: {'; '.join(parts)}"
    if name == "aliases":
        text += " (changes which requirements match it)"
    return FieldChange(name, old, new, text)


def capability_fields(
    old_cat: Catalog, new_cat: Catalog, old: Capability, new: Capability
) -> list[FieldChange]:
    """Every field of one capability that differs between the catalogues, in field order."""
    changes: list[FieldChange | None] = []
    if old.name != new.name:
        changes.append(
            FieldChange("name", old.name, new.name, f"renamed '{old.name}' \u2192 '{new.name}'")
        )
    if old.status != new.status:
        effect = "worse" if STATUS_RANK[new.status] < STATUS_RANK[old.status] else "better"
        changes.append(
            FieldChange(
                "status",
                old.status,
                new.status,
                f"status {old.status} \u2192 {new.status} (now {STATUS_WORDS[new.status]})",
                effect,
            )
        )
    for kind in ("editions", "deployments", "regions"):
        changes.append(
            _set_change(kind, _offered(old_cat, old, kind), _offered(new_cat, new, kind))
        )
    if old.add_on != new.add_on:
        if old.add_on is None:
            text, effect = f"now sold only in the add-on {new.add_on}", "worse"
        elif new.add_on is None:
            text, effect = f"no longer needs the add-on {old.add_on}", "better"
        else:
            text, effect = f"add-on {old.add_on} \u2192 {new.add_on}", "neutral"
        changes.append(FieldChange("add_on", old.add_on, new.add_on, text, effect))
    changes.extend(_limit_changes(old_cat, new_cat, old, new))
    changes.append(_eta_change(old, new))
    if (old.description or "") != (new.description or ""):
        changes.append(
            FieldChange("description", old.description, new.description, "description reworded")
        )
    changes.append(_list_change("aliases", old.aliases, new.aliases))
    changes.append(_list_change("caveats", old.caveats, new.caveats))
    for name in ("category", "owner", "docs", "reviewed"):
        was, now = getattr(old, name), getattr(new, name)
        if was != now:
            was_text = was.isoformat() if hasattr(was, "isoformat") else was
            now_text = now.isoformat() if hasattr(now, "isoformat") else now
            changes.append(
                FieldChange(
                    name,
                    was_text,
                    now_text,
                    f"{name}: {was_text or 'none'} \u2192 {now_text or 'none'}",
                )
            )
    return [c for c in changes if c is not None]


def _catalog_fields(old: Catalog, new: Catalog) -> list[FieldChange]:
    changes: list[FieldChange | None] = []
    for name in ("product", "version"):
        was, now = getattr(old, name), getattr(new, name)
        if was != now:
            changes.append(
                FieldChange(name, was, now, f"{name}: {was or 'none'} \u2192 {now or 'none'}")
            )
    for name in ("editions", "deployments", "regions"):
        was, now = getattr(old, name), getattr(new, name)
        change = _list_change(name, was, now)
        if change is not None:
            change.effect = "worse" if [v for v in was if v not in now] else "neutral"
            changes.append(change)
        elif was != now:
            changes.append(FieldChange(name, was, now, f"{name} reordered: {_names(now)}"))
    for metric in sorted(set(old.metrics) | set(new.metrics)):
        was, now = old.metrics.get(metric), new.metrics.get(metric)
        field_name = f"metrics.{metric}"
        if was is None and now is not None:
            changes.append(
                FieldChange(
                    field_name, None, now.model_dump(), f"metric {metric} added ({now.unit})"
                )
            )
        elif now is None and was is not None:
            changes.append(
                FieldChange(field_name, was.model_dump(), None, f"metric {metric} removed")
            )
        elif was is not None and now is not None and was != now:
            parts = []
            if was.unit != now.unit:
                parts.append(f"unit {was.unit} \u2192 {now.unit}")
            if was.better != now.better:
                parts.append(f"better {was.better} \u2192 {now.better}")
            alias = _list_change("aliases", was.aliases, now.aliases)
            if alias is not None:
                parts.append(alias.text)
            changes.append(
                FieldChange(
                    field_name,
                    was.model_dump(),
                    now.model_dump(),
                    f"metric {metric}: " + "; ".join(parts),
                )
            )
    return [c for c in changes if c is not None]


def _describe(catalog: Catalog, cap: Capability) -> str:
    words = [STATUS_WORDS[cap.status]]
    if cap.eta:
        words.append(f"ETA {cap.eta}")
    if catalog.editions:
        words.append("editions " + _names(catalog.editions_of(cap)))
    if cap.add_on:
        words.append(f"add-on {cap.add_on}")
    return ", ".join(words)


def _line(loaded: Any, index: int) -> int | None:
    line, _ = loaded.positions.of(("capabilities", index, "id"))
    return line


def diff_catalogs(old_loaded: Any, new_loaded: Any) -> CatalogDiff:
    """Compare two loaded catalogues (:class:`~dealcheck.catalog.loader.LoadedCatalog`)."""
    old, new = old_loaded.catalog, new_loaded.catalog
    result = CatalogDiff(old_loaded.path, new_loaded.path, old, new, _catalog_fields(old, new))
    old_by_id = {c.id: c for c in old.capabilities}
    new_ids = {c.id for c in new.capabilities}
    for i, cap in enumerate(new.capabilities):
        before = old_by_id.get(cap.id)
        if before is None:
            result.capabilities.append(
                CapabilityChange(
                    cap.id,
                    "added",
                    cap.name,
                    _line(new_loaded, i),
                    text=f"added: {_describe(new, cap)}",
                )
            )
            continue
        fields = capability_fields(old, new, before, cap)
        if fields:
            result.capabilities.append(
                CapabilityChange(
                    cap.id,
                    "changed",
                    cap.name,
                    _line(new_loaded, i),
                    old_name=before.name if before.name != cap.name else None,
                    fields=fields,
                    text="; ".join(f.text for f in fields),
                )
            )
    new_names = {c.name.casefold(): c.id for c in new.capabilities}
    for i, cap in enumerate(old.capabilities):
        if cap.id in new_ids:
            continue
        text = f"removed (was {_describe(old, cap)})"
        successor = new_names.get(cap.name.casefold())
        if successor is not None and successor not in old_by_id:
            text += f"; the new '{successor}' has the same name"
        result.capabilities.append(
            CapabilityChange(cap.id, "removed", cap.name, _line(old_loaded, i), text=text)
        )
    return result
