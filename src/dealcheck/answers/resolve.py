"""The answer library's part in a check: a requirement in, a reviewed answer (or None) out.

:class:`LibraryAnswers` is what ``dealcheck check`` hands the engine
(:meth:`dealcheck.engine.Engine.check`'s ``answers``): for each requirement it
looks the text up (:mod:`dealcheck.answers.lookup`) and turns a hit into a
reviewed pin of its capabilities, or an explicit ``unsupported``. The engine
then evaluates the pin for the deal exactly like a match.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dealcheck.answers.loader import LoadedAnswers
from dealcheck.answers.lookup import AnswerLookup, Hit
from dealcheck.answers.model import AnswerLibrary
from dealcheck.catalog.model import Catalog
from dealcheck.report import AnswerInfo
from dealcheck.requirements import Requirement


@dataclass(frozen=True)
class Reviewed:
    """A library answer as the engine takes it (:class:`dealcheck.engine.ReviewedAnswer`)."""

    capabilities: tuple[str, ...]
    verdict: str | None
    reason: str | None
    note: str
    info: AnswerInfo


def reviewed_from_hit(hit: Hit, library_file: str) -> Reviewed:
    answer = hit.answer
    where = f"{library_file}:{hit.line}" if hit.line else library_file
    if hit.exact:
        how = ""
    elif hit.similarity >= 1.0:
        how = ", the same words reworded"
    else:
        how = f", a near phrasing (similarity {hit.similarity:.2f})"
    note = f"reviewed answer: {answer.reviewed_by}, {answer.reviewed.isoformat()}{how} ({where})"
    info = AnswerInfo(
        source="reviewed",
        origin="library",
        reviewed_by=answer.reviewed_by,
        reviewed=answer.reviewed.isoformat(),
        similarity=hit.similarity,
        phrasing=hit.phrasing,
        library=where,
        catalog_version=answer.catalog_version,
        response=answer.response,
    )
    return Reviewed(
        capabilities=tuple(answer.capabilities),
        verdict=answer.verdict,
        reason=answer.reason,
        note=note,
        info=info,
    )


class LibraryAnswers:
    """The library, indexed for one run; call it with a requirement."""

    def __init__(
        self,
        library: AnswerLibrary,
        name: str,
        catalog: Catalog,
        *,
        lines: list[int | None] | None = None,
        canon: Any = None,
        semantic: bool | None = None,
        prepared: list[list[Any]] | None = None,
    ) -> None:
        self.name = name
        self.lookup = AnswerLookup(
            library, catalog, lines=lines, canon=canon, semantic=semantic, prepared=prepared
        )

    @classmethod
    def from_loaded(cls, loaded: LoadedAnswers, catalog: Catalog, **kwargs: Any) -> LibraryAnswers:
        lines = [loaded.line_of(i) for i in range(len(loaded.library.answers))]
        return cls(loaded.library, loaded.path, catalog, lines=lines, **kwargs)

    def __call__(self, req: Requirement) -> Reviewed | None:
        hit = self.lookup.find(req.text)
        return reviewed_from_hit(hit, self.name) if hit is not None else None

    def warnings(self) -> list[str]:
        """What the report should say about the lookups of this run."""
        stats = self.lookup.stats
        notes = list(dict.fromkeys(stats.conflicts))
        if stats.unconfirmed:
            notes.append(
                f"{stats.unconfirmed} requirement(s) read like near phrasings of library"
                " answers, but a near phrasing needs the semantic signal to be confirmed"
                " (off with --no-semantic, or without the wordllama package): they were"
                " matched instead"
            )
        return notes
