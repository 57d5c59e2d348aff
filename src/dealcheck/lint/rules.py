"""Catalogue hygiene rules for ``dealcheck lint``.

Each rule is a small function registered with :func:`rule`, carrying an id
and a level. Its docstring is its documentation: what it checks, then a
failing and a passing example. A rule yields :class:`~dealcheck.errors.Problem`
objects pointing at the offending key or value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from dealcheck.catalog.loader import LoadedCatalog
from dealcheck.errors import Problem
from dealcheck.units import parse_unit


@dataclass
class Context:
    loaded: LoadedCatalog
    today: dt.date
    max_review_age: int

    def problem(
        self,
        path: tuple,
        message: str,
        level: str,
        rule_id: str,
        *,
        key: bool = False,
        hint: str | None = None,
    ) -> Problem:
        line, column = self.loaded.positions.of(path, key=key)
        return Problem(self.loaded.path, line, column, level, message, rule_id, hint)


@dataclass(frozen=True)
class Rule:
    id: str
    level: str
    check: Callable[[Context], Iterator[Problem]]

    @property
    def summary(self) -> str:
        return (self.check.__doc__ or "").strip().splitlines()[0].replace("``", "")


RULES: dict[str, Rule] = {}


def rule(rule_id: str, level: str) -> Callable:
    def register(func: Callable[[Context], Iterator[Problem]]) -> Callable:
        RULES[rule_id] = Rule(rule_id, level, func)
        return func

    return register


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


@rule("ambiguous-alias", "warning")
def ambiguous_alias(ctx: Context) -> Iterator[Problem]:
    """An alias or name shared by two capabilities makes matching ambiguous.

    Failing::

        - {id: sso-saml, name: SAML SSO, aliases: [SSO]}
        - {id: sso-oidc, name: OIDC SSO, aliases: [SSO]}

    Passing::

        - {id: sso-saml, name: SAML SSO, aliases: [SAML]}
        - {id: sso-oidc, name: OIDC SSO, aliases: [OIDC]}
    """
    first: dict[str, tuple[str, tuple]] = {}
    for i, cap in enumerate(ctx.loaded.catalog.capabilities):
        phrases = [("name", cap.name, ("capabilities", i, "name"))] + [
            ("alias", a, ("capabilities", i, "aliases", j)) for j, a in enumerate(cap.aliases)
        ]
        own: set[str] = set()
        for kind, text, path in phrases:
            key = _norm(text)
            if not key or key in own:
                continue
            own.add(key)
            if key in first and first[key][0] != cap.id:
                other, other_path = first[key]
                line, _ = ctx.loaded.positions.of(other_path)
                yield ctx.problem(
                    path,
                    f"{kind} {text!r} of '{cap.id}' is also used by '{other}' (line {line})",
                    "warning",
                    "ambiguous-alias",
                    hint="keep it on the capability customers mean by it",
                )
            else:
                first.setdefault(key, (cap.id, path))


@rule("eta-past", "warning")
def eta_past(ctx: Context) -> Iterator[Problem]:
    """A roadmap item whose ETA has already passed: it shipped, slipped, or was dropped.

    Failing (today 2026-11-23)::

        - {id: x, name: X, status: roadmap, eta: 2026-Q2}

    Passing::

        - {id: x, name: X, status: roadmap, eta: 2027-Q2}
    """
    for i, cap in enumerate(ctx.loaded.catalog.capabilities):
        if cap.status == "roadmap" and cap.eta_date and cap.eta_date < ctx.today:
            yield ctx.problem(
                ("capabilities", i, "eta"),
                f"roadmap ETA {cap.eta} of '{cap.id}' is in the past",
                "warning",
                "eta-past",
                hint="set status ga if it shipped, or a new ETA",
            )


@rule("roadmap-without-eta", "warning")
def roadmap_without_eta(ctx: Context) -> Iterator[Problem]:
    """A roadmap item with no ETA can never be promised for a go-live date.

    Failing::

        - {id: x, name: X, status: roadmap}

    Passing::

        - {id: x, name: X, status: roadmap, eta: 2027-06}
    """
    for i, cap in enumerate(ctx.loaded.catalog.capabilities):
        if cap.status == "roadmap" and not cap.eta:
            yield ctx.problem(
                ("capabilities", i, "status"),
                f"roadmap item '{cap.id}' has no eta",
                "warning",
                "roadmap-without-eta",
                hint="add eta: YYYY-MM-DD, YYYY-MM or YYYY-Qn",
            )


@rule("eta-not-roadmap", "warning")
def eta_not_roadmap(ctx: Context) -> Iterator[Problem]:
    """An ``eta`` on a capability that is not on the roadmap is ignored and misleading.

    Failing::

        - {id: x, name: X, status: ga, eta: 2027-06}

    Passing::

        - {id: x, name: X, status: ga}
    """
    for i, cap in enumerate(ctx.loaded.catalog.capabilities):
        if cap.eta and cap.status != "roadmap":
            yield ctx.problem(
                ("capabilities", i, "eta"),
                f"'{cap.id}' has an eta but status {cap.status}",
                "warning",
                "eta-not-roadmap",
                hint="remove the eta, or set status: roadmap",
            )


@rule("stale-review", "warning")
def stale_review(ctx: Context) -> Iterator[Problem]:
    """A ``reviewed`` date older than the allowed age (``--max-review-age``), or in the future.

    Failing (365 days, today 2026-11-23)::

        - {id: x, name: X, reviewed: 2025-01-10}

    Passing::

        - {id: x, name: X, reviewed: 2026-09-14}
    """
    for i, cap in enumerate(ctx.loaded.catalog.capabilities):
        if cap.reviewed is None:
            continue
        age = (ctx.today - cap.reviewed).days
        path = ("capabilities", i, "reviewed")
        if age > ctx.max_review_age:
            yield ctx.problem(
                path,
                f"'{cap.id}' was last reviewed {age} days ago",
                "warning",
                "stale-review",
                hint=f"re-confirm it (limit: {ctx.max_review_age} days)",
            )
        elif age < 0:
            yield ctx.problem(
                path, f"'{cap.id}' has a reviewed date in the future", "warning", "stale-review"
            )


@rule("no-description", "warning")
def no_description(ctx: Context) -> Iterator[Problem]:
    """A capability with neither description nor aliases is hard to match and to explain.

    Failing::

        - {id: x, name: X}

    Passing::

        - {id: x, name: X, description: What X does.}
    """
    for i, cap in enumerate(ctx.loaded.catalog.capabilities):
        if not (cap.description or "").strip() and not cap.aliases:
            yield ctx.problem(
                ("capabilities", i, "id"),
                f"'{cap.id}' has neither description nor aliases",
                "warning",
                "no-description",
            )


@rule("limits-not-planned", "warning")
def limits_not_planned(ctx: Context) -> Iterator[Problem]:
    """Limits on a ``not-planned`` capability mean nothing: it is never offered.

    Failing::

        - {id: x, name: X, status: not-planned, limits: {uptime: 99.9}}

    Passing::

        - {id: x, name: X, status: not-planned}
    """
    for i, cap in enumerate(ctx.loaded.catalog.capabilities):
        if cap.status == "not-planned" and cap.limits:
            yield ctx.problem(
                ("capabilities", i, "limits"),
                f"'{cap.id}' is not planned but has limits",
                "warning",
                "limits-not-planned",
                key=True,
            )


@rule("edition-gap", "warning")
def edition_gap(ctx: Context) -> Iterator[Problem]:
    """An edition list that skips a middle edition (in starter and enterprise, not team).

    Failing (editions: [starter, team, business, enterprise])::

        - {id: x, name: X, editions: [starter, enterprise]}

    Passing::

        - {id: x, name: X, editions: [business, enterprise]}
    """
    order = ctx.loaded.catalog.editions
    for i, cap in enumerate(ctx.loaded.catalog.capabilities):
        if not cap.editions:
            continue
        ranks = sorted(order.index(e) for e in cap.editions if e in order)
        if not ranks:
            continue
        missing = [order[r] for r in range(ranks[0], ranks[-1] + 1) if r not in ranks]
        if missing:
            yield ctx.problem(
                ("capabilities", i, "editions"),
                f"'{cap.id}' skips the {', '.join(missing)} edition(s)",
                "warning",
                "edition-gap",
                hint="a higher edition usually includes a lower one",
            )


@rule("limit-edition-not-offered", "warning")
def limit_edition_not_offered(ctx: Context) -> Iterator[Problem]:
    """A per-edition limit for an edition the capability is not in: it can never apply.

    A warning, not an error: the limit is harmless, only dead; the capability's
    ``editions`` decide where it is offered.

    Failing::

        - {id: x, name: X, editions: [enterprise], limits: {uptime: {business: 99.9}}}

    Passing::

        - {id: x, name: X, editions: [enterprise], limits: {uptime: {enterprise: 99.95}}}
    """
    for i, cap in enumerate(ctx.loaded.catalog.capabilities):
        if cap.editions is None:
            continue
        for metric, value in cap.limits.items():
            if isinstance(value, dict):
                for edition in value:
                    if edition not in cap.editions:
                        yield ctx.problem(
                            ("capabilities", i, "limits", metric, edition),
                            f"'{cap.id}' has a {metric} limit for {edition}, an edition it is"
                            " not in",
                            "warning",
                            "limit-edition-not-offered",
                            key=True,
                        )


@rule("unknown-unit", "warning")
def unknown_unit(ctx: Context) -> Iterator[Problem]:
    """A metric unit dealcheck cannot convert: quantities asked in it cannot be compared.

    Failing::

        metrics: {throughput: {unit: "req per sec²", better: higher}}

    Passing::

        metrics: {throughput: {unit: request/second, better: higher}}
    """
    for name, metric in ctx.loaded.catalog.metrics.items():
        if parse_unit(metric.unit) is None:
            yield ctx.problem(
                ("metrics", name, "unit"),
                f"metric '{name}': unit {metric.unit!r} is not one dealcheck converts",
                "warning",
                "unknown-unit",
                hint="use %, second..year, B..PB, a noun, or X/second",
            )


_LOWER_WORDS = re.compile(r"\b(rpo|rto|latency|response|recovery|downtime|delay|loss)\b", re.I)
_HIGHER_WORDS = re.compile(
    r"\b(uptime|availability|storage|retention|seats|users|capacity|throughput|quota)\b", re.I
)


@rule("better-direction-suspect", "warning")
def better_direction_suspect(ctx: Context) -> Iterator[Problem]:
    """A metric whose name suggests the opposite of its ``better`` direction.

    Failing::

        metrics: {rpo: {unit: minute, better: higher}}

    Passing::

        metrics: {rpo: {unit: minute, better: lower}}
    """
    for name, metric in ctx.loaded.catalog.metrics.items():
        words = " ".join([name.replace("_", " "), *metric.aliases])
        if (
            metric.better == "higher"
            and _LOWER_WORDS.search(words)
            and not _HIGHER_WORDS.search(words)
        ):
            suspect = "lower"
        elif (
            metric.better == "lower"
            and _HIGHER_WORDS.search(words)
            and not _LOWER_WORDS.search(words)
        ):
            suspect = "higher"
        else:
            continue
        yield ctx.problem(
            ("metrics", name, "better"),
            f"metric '{name}' has better: {metric.better}; its name suggests {suspect}",
            "warning",
            "better-direction-suspect",
        )


@rule("empty-text", "warning")
def empty_text(ctx: Context) -> Iterator[Problem]:
    """An empty alias or caveat string (often a stray comma in a YAML list).

    Failing::

        - {id: x, name: X, aliases: [SSO, ""]}

    Passing::

        - {id: x, name: X, aliases: [SSO]}
    """
    for i, cap in enumerate(ctx.loaded.catalog.capabilities):
        for key in ("aliases", "caveats"):
            for j, value in enumerate(getattr(cap, key)):
                if not value.strip():
                    yield ctx.problem(
                        ("capabilities", i, key, j),
                        f"empty entry in {key} of '{cap.id}'",
                        "warning",
                        "empty-text",
                    )


#: Words a sentence goes on with but no caveat starts with ("not available today", "and
#: direct debit are not supported"); a lower-case brand ("dbt", "iOS") is no fragment.
_CONTINUES = frozenset(
    "not no nor and or but only which while whereas except excluding including without"
    " with plus so then though although unless until because since in on for at to from"
    " per up within outside via".split()
)


def _unclosed(text: str) -> int:
    """How many of the text's opening parentheses it leaves open."""
    depth = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
    return depth


def _unopened(text: str) -> int:
    """How many of the text's closing parentheses close one it never opened."""
    depth = extra = 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth:
                depth -= 1
            else:
                extra += 1
    return extra


def _bracket_cuts(caveats: list[str]) -> list[tuple[int, int]]:
    """``(first, last)`` for each run of caveats a comma inside parentheses cut apart:
    ``first`` opens a parenthesis that ``last`` closes ("Hardware security keys (FIDO2",
    "YubiKey) are not supported")."""
    cuts: list[tuple[int, int]] = []
    depth, start = 0, 0
    for j, text in enumerate(caveats):
        closes = _unopened(text)
        if depth and closes:
            cuts.append((start, j))
            depth = max(0, depth - closes)
        opens = _unclosed(text)
        if opens and not depth:
            start = j
        depth += opens
    return cuts


#: The last item of a list that goes on with "and" / "or" ("UK and Australian numbers
#: only", "German or Japanese only"): one to three words, then the conjunction.
_LIST_END = re.compile(r"^\S+(?:\s+\S+){0,2}\s+(?:and|or)\s+\S", re.I)
#: The end of a list of names cut off the caveat before it: "German and French only".
_NAMES_ONLY = re.compile(
    r"^[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?\s+(?:and|or)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?"
    r"(?:\s+\w+)?\s+only\.?$"
)
#: A caveat of at most this many words, between others, is an item of a list, not a
#: caveat: no catalogue states "Canadian" or "Spanish" as a caveat of its own.
LIST_ITEM_WORDS = 2


def _list_cuts(caveats: list[str]) -> list[tuple[int, int]]:
    """``(first, last)`` for each run of caveats that is one list a comma cut apart:
    items of one or two words ("US", "Canadian") up to one that ends the list ("UK and
    Australian numbers only"); the run starts at the caveat before the first item when
    that one does not end a sentence ("Captions in English", "Spanish", "German and
    Japanese only")."""
    cuts: list[tuple[int, int]] = []
    j = 0
    while j < len(caveats):
        k = j
        while k < len(caveats) and 0 < len(caveats[k].split()) <= LIST_ITEM_WORDS:
            k += 1
        if k > j and k < len(caveats) and _LIST_END.match(caveats[k]):
            first = j
            if j > 0 and not caveats[j - 1].rstrip().endswith((".", ";", ":", "!", "?")):
                first = j - 1
            cuts.append((first, k))
            j = k + 1
        else:
            j = max(k, j + 1)
    # Two pieces: a list of names cut after its first item ("Automatic captions in
    # English", "German and French only"): the second piece is names joined by "and"/"or"
    # and "only", and the first ends on a name, not a sentence.
    taken = {n for first, last in cuts for n in range(first, last + 1)}
    for k in range(1, len(caveats)):
        before = caveats[k - 1].rstrip()
        if (
            k not in taken
            and k - 1 not in taken
            and _NAMES_ONLY.match(caveats[k])
            and before.split()
            and before.split()[-1][:1].isupper()
            and not before.endswith((".", ";", ":", "!", "?"))
        ):
            cuts.append((k - 1, k))
            taken.update((k - 1, k))
    return sorted(cuts)


#: A caveat that ends on a number of one to three digits, and one that starts with three
#: digits: "At most 50,000 rows" cut at its thousands comma.
_THOUSANDS_END = re.compile(r"(?<![\d.,])\d{1,3}$")
_THOUSANDS_START = re.compile(r"\d{3}(?![\d])")


@rule("caveat-fragment", "warning")
def caveat_fragment(ctx: Context) -> Iterator[Problem]:
    """A caveat cut in two by a comma in an unquoted YAML list.

    A caveat that starts with a word a sentence goes on with ("not", "and", "which")
    after another caveat, or that closes a parenthesis a caveat before it opened, is
    most often the rest of a sentence a comma cut off: "not available today" became a
    caveat of its own, about nothing (dealcheck then reads it against any ask that says
    "today"), and "(FIDO2, YubiKey)" left "Hardware security keys (FIDO2" and "YubiKey)
    are not supported". A list cut the same way leaves items of one or two words
    ("[US, Canadian, UK and Australian numbers only]" gives "US", "Canadian" and "UK
    and Australian numbers only"), and a number's thousands comma leaves "At most 50" and
    "000 rows per import file". The warning is on the first piece, with the caveat to
    quote.

    Failing::

        - {id: x, name: X, caveats: [QES is on the roadmap, not available today]}
        - {id: y, name: Y, caveats: [Security keys (FIDO2, YubiKey) are not supported]}
        - {id: z, name: Z, caveats: [US, Canadian, UK and Australian numbers only]}

    Passing::

        - {id: x, name: X, caveats: ["QES is on the roadmap, not available today"]}
        - {id: y, name: Y, caveats: ["Security keys (FIDO2, YubiKey) are not supported"]}
        - {id: z, name: Z, caveats: ["US, Canadian, UK and Australian numbers only"]}
    """
    for i, cap in enumerate(ctx.loaded.catalog.capabilities):
        caveats = [value.strip() for value in cap.caveats]
        pieces: set[int] = set()
        for first, last in _bracket_cuts(caveats):
            pieces.update(range(first + 1, last + 1))
            whole = ", ".join(caveats[first : last + 1])
            yield ctx.problem(
                ("capabilities", i, "caveats", first),
                f"caveat '{caveats[first]}' of '{cap.id}' opens a parenthesis that caveat"
                f" '{caveats[last]}' closes: a comma inside the parentheses cut one caveat"
                f" into {last - first + 1} pieces",
                "warning",
                "caveat-fragment",
                hint=f'quote the caveat: "{whole}"',
            )
        for first, last in _list_cuts(caveats):
            if first in pieces or last in pieces:
                continue
            pieces.update(range(first + 1, last + 1))
            whole = ", ".join(caveats[first : last + 1])
            yield ctx.problem(
                ("capabilities", i, "caveats", first),
                f"caveats '{caveats[first]}' to '{caveats[last]}' of '{cap.id}' look like"
                f" one list a comma cut into {last - first + 1} pieces",
                "warning",
                "caveat-fragment",
                hint=f'quote the caveat: "{whole}"',
            )
        for j in range(1, len(caveats)):
            # A number's thousands cut off ("At most 50", "000 rows per import file").
            if j in pieces or j - 1 in pieces:
                continue
            if _THOUSANDS_END.search(caveats[j - 1]) and _THOUSANDS_START.match(caveats[j]):
                pieces.add(j)
                # (The hint does not join them: "[Max 10, 500 with the add-on]" may be two
                # caveats, and "Max 10,500" would be another bound.)
                yield ctx.problem(
                    ("capabilities", i, "caveats", j - 1),
                    f"caveats '{caveats[j - 1]}' and '{caveats[j]}' of '{cap.id}' look like"
                    " one number's digits a comma cut in two",
                    "warning",
                    "caveat-fragment",
                    hint="if the comma is the number's, quote the caveat as it stands in the file",
                )
        for j, text in enumerate(caveats):
            first_word = text.split(maxsplit=1)[0] if text else ""
            if j > 0 and j not in pieces and first_word in _CONTINUES:
                yield ctx.problem(
                    ("capabilities", i, "caveats", j),
                    f"caveat '{text}' of '{cap.id}' looks like the end of the one before it:"
                    " quote a caveat that holds a comma",
                    "warning",
                    "caveat-fragment",
                )


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@rule("owner-not-email", "warning")
def owner_not_email(ctx: Context) -> Iterator[Problem]:
    """An ``owner`` that is not an e-mail address: nobody can be asked.

    Failing::

        - {id: x, name: X, owner: the identity team}

    Passing::

        - {id: x, name: X, owner: identity-pm@example.com}
    """
    for i, cap in enumerate(ctx.loaded.catalog.capabilities):
        if cap.owner and not _EMAIL.match(cap.owner):
            yield ctx.problem(
                ("capabilities", i, "owner"),
                f"owner of '{cap.id}' is not an e-mail address",
                "warning",
                "owner-not-email",
            )


@rule("docs-not-url", "warning")
def docs_not_url(ctx: Context) -> Iterator[Problem]:
    """A ``docs`` link that is not an http(s) URL.

    Failing::

        - {id: x, name: X, docs: see the wiki}

    Passing::

        - {id: x, name: X, docs: https://docs.example.com/x}
    """
    for i, cap in enumerate(ctx.loaded.catalog.capabilities):
        if cap.docs and not re.match(r"^https?://\S+$", cap.docs):
            yield ctx.problem(
                ("capabilities", i, "docs"),
                f"docs of '{cap.id}' is not an http(s) URL",
                "warning",
                "docs-not-url",
            )


@rule("add-on-spelling", "warning")
def add_on_spelling(ctx: Context) -> Iterator[Problem]:
    """One add-on spelled two ways ("Security Pack" and "Security pack") looks like two.

    Failing::

        - {id: a, name: A, add_on: Security Pack}
        - {id: b, name: B, add_on: Security pack}

    Passing::

        - {id: a, name: A, add_on: Security Pack}
        - {id: b, name: B, add_on: Security Pack}
    """
    seen: dict[str, str] = {}
    for i, cap in enumerate(ctx.loaded.catalog.capabilities):
        if not cap.add_on:
            continue
        key = _norm(cap.add_on)
        if key in seen and seen[key] != cap.add_on:
            yield ctx.problem(
                ("capabilities", i, "add_on"),
                f"add-on {cap.add_on!r} is also spelled {seen[key]!r}",
                "warning",
                "add-on-spelling",
            )
        seen.setdefault(key, cap.add_on)


#: rapidfuzz token_sort_ratio (0-100) of normalised names and descriptions at or above
#: which two capabilities are one thing under two ids. Chosen on the GitLab catalogue
#: (559 capabilities): its two duplicate pairs score 100/100; the closest different pair
#: by name (Auto Deploy to ECS / EC2, 97.1) has descriptions at 71.6, and pairs with a
#: copied description but one different word in the name (Container / Dependency
#: Scanning) score at most 87.2 on names.
NEAR_DUPLICATE_NAME = 95.0
NEAR_DUPLICATE_DESCRIPTION = 90.0


@rule("near-duplicate", "warning")
def near_duplicate(ctx: Context) -> Iterator[Problem]:
    """Two ids with the same or almost the same name and description: one capability twice.

    Names and descriptions are compared case-, punctuation- and word-order-blind;
    typos and small edits count as the same (names: similarity 95 of 100, or one
    edit; descriptions: 90 of 100). Capabilities without a description
    are compared on their names alone.

    Failing::

        - {id: ip-allowlist, name: Restrict access by IP address,
           description: Allow sign-in only from listed IP ranges.}
        - {id: ip-allowlist-2, name: Restrict access by IP adress,
           description: Allow sign-in only from the listed IP ranges.}

    Passing::

        - {id: project-tokens, name: Project access tokens, description: Tokens for the API.}
        - {id: group-tokens, name: Group access tokens, description: Tokens for the API.}
    """
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    caps = ctx.loaded.catalog.capabilities
    names = [" ".join(sorted(_norm(c.name).split())) for c in caps]
    descriptions = [_norm(c.description or "") for c in caps]
    # Candidates without a sweep over every pair: names that are the same, or the same but
    # for one word (a typo, an extra word), share a key: the name, or it less one word.
    buckets: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        words = name.split()
        keys = {name} | {" ".join(words[:k] + words[k + 1 :]) for k in range(len(words))}
        for key in keys:
            buckets.setdefault(key, []).append(i)
    pairs = {(a, b) for members in buckets.values() for a in members for b in members if a < b}
    reported: set[int] = set()
    for first, second in sorted(pairs, key=lambda pair: (pair[1], pair[0])):
        if second in reported:
            continue  # a third copy is reported once, against the first
        name_score = fuzz.token_sort_ratio(names[first], names[second])
        # One typo in a short name ("Webhoks") costs more than 5 points: one edit counts too.
        if (
            name_score < NEAR_DUPLICATE_NAME
            and Levenshtein.distance(names[first], names[second]) > 1
        ):
            continue
        if bool(descriptions[first]) != bool(descriptions[second]):
            continue
        description = (
            fuzz.token_sort_ratio(descriptions[first], descriptions[second])
            if descriptions[first]
            else 100.0
        )
        if description < NEAR_DUPLICATE_DESCRIPTION:
            continue
        line, _ = ctx.loaded.positions.of(("capabilities", first, "id"))
        reported.add(second)
        same = "the same" if name_score == 100 and description == 100 else "almost the same"
        yield ctx.problem(
            ("capabilities", second, "id"),
            f"'{caps[second].id}' has {same} name and description as '{caps[first].id}'"
            f" (line {line})",
            "warning",
            "near-duplicate",
            hint="merge them into one capability, or say in each what sets it apart",
        )


@rule("caveat-contradicts-places", "warning")
def caveat_contradicts_places(ctx: Context) -> Iterator[Problem]:
    """A caveat about places that says less than the capability's own places list.

    A caveat that speaks of nothing but places takes them back ("Not available in the
    EU region") or keeps the capability to some ("US region only"). Beside a
    ``regions`` or ``deployments`` list that offers more, a check reads it as about a
    part of the capability and still offers the place: fix the list, or say which part
    the caveat is about.

    Failing::

        - {id: x, name: X, regions: [us, eu], caveats: [Not available in the EU region]}

    Passing::

        - {id: x, name: X, regions: [us], caveats: [Not available in the EU region]}
    """
    from dealcheck.engine.evaluate import place_clauses
    from dealcheck.engine.index import CatalogIndex

    caps = ctx.loaded.catalog.capabilities
    if not any(cap.caveats for cap in caps):
        return
    places = CatalogIndex(ctx.loaded.catalog).places_named
    for i, cap in enumerate(caps):
        if not cap.caveats:
            continue
        for clause, contradicts in place_clauses(cap, places):
            if not contradicts:
                continue
            field = contradicts[0]
            listed = ", ".join(getattr(cap, field) or [])
            yield ctx.problem(
                ("capabilities", i, "caveats", cap.caveats.index(clause.caveat)),
                f"'{cap.id}' has the caveat \"{clause.caveat}\" beside {field}"
                f" [{listed}]: a check reads it as about a part of the capability and"
                " still offers those places",
                "warning",
                "caveat-contradicts-places",
                hint=f"correct {field}, or say which part of '{cap.id}' the caveat is about",
            )


@rule("alias-ruled-out", "warning")
def alias_ruled_out(ctx: Context) -> Iterator[Problem]:
    """An alias that the capability's own caveat takes back or leaves out of its list.

    An alias says what customers ask for by another name; a caveat says what the
    capability does not do. An alias that a caveat takes back ("Venmo" beside "Venmo is
    not supported"), or a name outside a caveat's "only" list of names that other aliases
    belong to ("Shopify" beside the aliases "WooCommerce", "Adobe Commerce" and "WooCommerce
    and Adobe Commerce only"), contradicts it: a check rules the first out and sends the
    second to a person. Drop the alias, or correct the caveat.

    Failing::

        - {id: x, name: Plugins, aliases: [Shopify, WooCommerce],
           caveats: [WooCommerce and Magento only]}

    Passing::

        - {id: x, name: Plugins, aliases: [Shopify, WooCommerce],
           caveats: [Shopify, WooCommerce and Magento only]}
    """
    from dealcheck.engine.index import CatalogIndex
    from dealcheck.engine.rules.unexplained_name import name_list_caveat
    from dealcheck.engine.text import CLAUSES, LEXICON, TAKES_BACK

    caps = ctx.loaded.catalog.capabilities
    if not any(cap.caveats and cap.aliases for cap in caps):
        return
    index = CatalogIndex(ctx.loaded.catalog)
    tokens = index.canon.tokens
    # The words a take-back says it with ("is not supported", "not available").
    offering = {t for w in ("supported", "offered", *LEXICON.availability_words) for t in tokens(w)}
    for i, cap in enumerate(caps):
        if not cap.caveats or not cap.aliases:
            continue
        name = set(tokens(cap.name))
        clauses = [(c, clause) for c in cap.caveats for clause in CLAUSES.split(c)]
        said = name | set(tokens(cap.description or ""))
        said |= {t for _, clause in clauses for t in tokens(clause)}
        listing = name_list_caveat(cap, index)
        for j, alias in enumerate(cap.aliases):
            own = set(tokens(alias)) - name
            # A take-back of the alias's words and nothing else ("Venmo is not supported").
            taken_back = next(
                (
                    c
                    for c, clause in clauses
                    if own
                    and TAKES_BACK.search(clause)
                    and own <= set(tokens(clause))
                    and set(tokens(clause)) - own - name <= offering
                ),
                None,
            )
            # The words that name something: capitalised, not an acronym ("Shopify").
            names = set(
                tokens(" ".join(w for w in alias.split() if w[:1].isupper() and not w.isupper()))
            )
            if taken_back is not None:
                yield ctx.problem(
                    ("capabilities", i, "aliases", j),
                    f"'{cap.id}' has the alias \"{alias}\", which its caveat"
                    f' "{taken_back}" takes back: a check rules out an ask for it',
                    "warning",
                    "alias-ruled-out",
                    hint="drop the alias, or correct the caveat",
                )
            elif listing is not None and names - said:
                yield ctx.problem(
                    ("capabilities", i, "aliases", j),
                    f"'{cap.id}' has the alias \"{alias}\", which its caveat"
                    f' "{listing}" leaves out: a check may send an ask for it to a person',
                    "warning",
                    "alias-ruled-out",
                    hint="add it to the caveat's list, or drop the alias",
                )
