"""``dealcheck review``: walk through what the check could not answer, and teach the library.

The requirements whose verdict is ``unknown``, or whose match is below a
confidence (``--below``), come one at a time: the text, where it was read,
what the check says now, and the top candidates with the verdict each would
give *for this deal*. The reviewer answers with

* a number (or several, ``1,3``): the requirement asks for those capabilities;
* a capability id or name (``scim``, ``SCIM user provisioning``; several
  separated by ``;``), for a capability not among the candidates;
* ``n``: not offered (a reason is asked for): an explicit ``unsupported``;
* ``s``: skip; ``q``: quit.

Each decision is written to the library at once (atomically, through
:mod:`dealcheck.answers.store`), so an interrupted review loses nothing; a
requirement whose text a decision above already answered is not asked again.
Requirements already answered from the library, or pinned in a deal file,
were reviewed already and are not shown.

Plain prompts (click), so it works in any terminal; it refuses to start when
standard input or output is not a terminal (a CI job would wait forever).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import click

from dealcheck.answers import store
from dealcheck.answers.learn import resolve_capabilities
from dealcheck.answers.lookup import AnswerLookup
from dealcheck.answers.model import Answer, AnswerLibrary
from dealcheck.errors import InputError
from dealcheck.requirements import DealContext, Requirement
from dealcheck.safe_text import one_line

#: A match at or above the engine's threshold but below this confidence is shown for
#: review too: the matcher accepted it, but not by much (exact name and alias phrases
#: score 0.9 and more; word-overlap matches of paraphrases land between 0.6 and 0.8).
DEFAULT_BELOW = 0.75
_NUMBERS = re.compile(r"^\s*\d+(\s*[, ]\s*\d+)*\s*$")


def interactive() -> bool:
    """Whether a person is at a terminal (standard input and output)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


@dataclass
class ReviewTally:
    answered: int = 0
    not_offered: int = 0
    skipped: int = 0
    already: int = 0
    quit: bool = False
    saved: list[Answer] = field(default_factory=list)


def needs_review(result: Any, below: float) -> bool:
    """Whether a check result goes to the reviewer: unknown, or matched with low confidence."""
    if result.answer is not None and result.answer.source == "reviewed":
        return False
    return result.verdict == "unknown" or result.confidence < below


def _candidates(engine: Any, req: Requirement, ctx: DealContext, top: int) -> list[Any]:
    """The top candidates with the verdict each would give for this deal, best first."""
    _, match = engine.match(req, ctx)
    rows = []
    for cand in match.candidates[:top]:
        cap = engine.index.docs[cand.doc].cap
        result, _, _ = engine.assess(req, ctx, pins=[cap.id])
        rows.append((cap, cand.score, result))
    return rows


def _why(result: Any) -> str:
    from dealcheck.formats._cells import reasons

    said = [r for r in reasons(result) if not r.startswith("pinned to ")]
    return one_line("; ".join(said) or "generally available for this deal")[:110]


def run_review(
    requirements: list[Requirement],
    engine: Any,
    ctx: DealContext,
    *,
    library_path: str,
    library: AnswerLibrary,
    lines: list[int | None],
    reviewer: str,
    below: float = DEFAULT_BELOW,
    top: int = 5,
    today: dt.date | None = None,
    echo: Callable[[str], None] = click.echo,
) -> ReviewTally:
    """Ask about each requirement that needs a person; save every decision at once."""
    today = today or dt.date.today()
    catalog = engine.catalog
    lookup = AnswerLookup(library, catalog, lines=lines, canon=engine.index.canon)
    tally = ReviewTally()
    queue = []
    for req in requirements:
        if req.capability:
            continue
        hit = lookup.find(req.text)
        if hit is not None:
            continue  # reviewed already
        result, _, _ = engine.assess(req, ctx)
        if needs_review(result, below):
            queue.append((req, result))
    if not queue:
        echo("Nothing to review: every requirement is answered or matched with confidence.")
        return tally
    echo(f"{len(queue)} requirement(s) to review; each answer is saved to {library_path} at once.")
    for position, (req, result) in enumerate(queue, start=1):
        if lookup.exact_entries(req.text):
            tally.already += 1
            continue  # a decision above answered the same text
        echo("")
        where = one_line(str(req.source))
        echo(f"[{position}/{len(queue)}] {one_line(req.id)} ({req.priority})  {where}")
        echo(f"  {one_line(req.text)}")
        echo(f"  now: {result.verdict} (confidence {result.confidence:.2f}): {_why(result)}")
        candidates = _candidates(engine, req, ctx, top)
        for number, (cap, score, would) in enumerate(candidates, start=1):
            echo(
                f"  {number}. {cap.id}: {one_line(cap.name)}  (score {score:.2f})"
                f"  -> {would.verdict}: {_why(would)}"
            )
        answer = _ask(req, candidates, catalog, reviewer, today, echo)
        if answer == "q":
            tally.quit = True
            break
        if answer == "s":
            tally.skipped += 1
            continue
        assert isinstance(answer, Answer)
        store.apply(library_path, library, store.Changes(added=[answer]))
        library = AnswerLibrary(answers=[*library.answers, answer])
        lookup.add(answer)
        tally.saved.append(answer)
        if answer.verdict == "unsupported":
            tally.not_offered += 1
        else:
            tally.answered += 1
        echo(f"  saved: {', '.join(answer.capabilities) or 'not offered'}")
    return tally


def _ask(
    req: Requirement,
    candidates: list[Any],
    catalog: Any,
    reviewer: str,
    today: dt.date,
    echo: Callable[[str], None],
) -> Answer | str:
    """One decision: an answer, or ``s`` (skip) or ``q`` (quit)."""
    numbers = ""
    if len(candidates) == 1:
        numbers = "1, "
    elif candidates:
        numbers = f"1-{len(candidates)} (or 1,2), "
    prompt = f"  {numbers}a capability id, n not offered, s skip, q quit"
    common = {
        "text": req.text,
        "reviewed_by": reviewer,
        "reviewed": today,
        "catalog_version": catalog.version,
    }
    while True:
        choice = click.prompt(prompt, default="s", show_default=False).strip()
        low = choice.casefold()
        if low in ("s", "q"):
            return low
        if low == "n":
            reason = click.prompt("  why is it not offered?", default="not offered").strip()
            return Answer(verdict="unsupported", reason=reason or "not offered", **common)
        if _NUMBERS.match(choice):
            picked = [int(x) for x in re.split(r"[, ]+", choice.strip())]
            if all(1 <= n <= len(candidates) for n in picked):
                ids = list(dict.fromkeys(candidates[n - 1][0].id for n in picked))
                return Answer(capabilities=ids, **common)
            echo(
                f"  no candidate {choice}: choose 1-{len(candidates)}"
                if candidates
                else "  no candidates here: type a capability id or name"
            )
            continue
        try:
            ids = resolve_capabilities(choice, catalog, "your answer")
        except InputError as exc:
            echo(f"  {exc}")
            continue
        if ids:
            return Answer(capabilities=ids, **common)
