"""The answer library (``answers.yaml``) as pydantic models.

A library entry is a person's reviewed answer to one customer question: the
question as a customer wrote it, other phrasings merged into it, and either
the capabilities it asks for or an explicit ``verdict: unsupported`` with a
reason. It says *which capability*, never which verdict (except that explicit
``unsupported``): each deal's edition, add-ons, deployment, region,
quantities and go-live still decide the verdict.

These models are the single source of truth: the loader validates with them
and ``dealcheck schema --answers`` prints their JSON Schema.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from dealcheck.catalog.model import ID_PATTERN

CapabilityId = Annotated[str, StringConstraints(strip_whitespace=True, pattern=ID_PATTERN)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Answer(_Strict):
    """One reviewed answer: a question, its phrasings, and what the product does about it."""

    text: str = Field(min_length=1, description="The requirement as a customer wrote it.")
    phrasings: list[str] = Field(
        default_factory=list,
        description="Other wordings of the same question, merged into this answer.",
    )
    capabilities: list[CapabilityId] = Field(
        default_factory=list,
        description="Ids of the capabilities the question asks for (all of them).",
    )
    verdict: Literal["unsupported"] | None = Field(
        default=None,
        description="Only 'unsupported': the product does not offer it at all (give a reason).",
    )
    reason: str | None = Field(
        default=None, description="Why it is unsupported (required with verdict: unsupported)."
    )
    response: str | None = Field(
        default=None, description="The wording to put in the customer's matrix (Response cell)."
    )
    reviewed_by: str = Field(min_length=1, description="Who reviewed the answer.")
    reviewed: dt.date = Field(description="When it was reviewed (YYYY-MM-DD).")
    catalog_version: str | None = Field(
        default=None, description="The catalogue version it was reviewed against."
    )

    @model_validator(mode="after")
    def _one_kind_of_answer(self) -> Answer:
        if self.verdict == "unsupported":
            if self.capabilities:
                raise ValueError(
                    "an answer gives either capabilities or verdict: unsupported, not both"
                )
            if not (self.reason or "").strip():
                raise ValueError("verdict: unsupported needs a reason")
        elif not self.capabilities:
            raise ValueError("an answer needs capabilities, or verdict: unsupported with a reason")
        return self

    @property
    def texts(self) -> list[str]:
        """The question and every phrasing merged into it, in order."""
        return [self.text, *self.phrasings]


class AnswerLibrary(_Strict):
    """Reviewed answers, kept in git beside the catalogue."""

    answers: list[Answer] = Field(default_factory=list, description="The reviewed answers.")


def json_schema() -> dict[str, object]:
    """The answer library's JSON Schema, for editors (yaml-language-server) and tools."""
    schema = AnswerLibrary.model_json_schema()
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    schema["title"] = "dealcheck answer library"
    return schema
