"""The JSON report written in pieces is byte for byte the document dumped in one go."""

from __future__ import annotations

import json

from dealcheck.formats import RenderOptions, chunks


def whole(report) -> str:
    data = report.model_dump(by_alias=True, mode="json")
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def test_streamed_json_is_the_whole_document(report):
    # Warnings come after the requirements in the document: have some.
    report = report.model_copy(update={"warnings": ["waiver for X expired", "é \u2028 \x1b"]})
    pieces = list(chunks("json", report, RenderOptions()))
    assert len(pieces) > len(report.requirements)
    assert "".join(pieces) == whole(report)


def test_streamed_json_without_requirements_or_warnings(report):
    empty = report.model_copy(update={"requirements": [], "warnings": []})
    assert empty.to_json() == whole(empty)
    json.loads(empty.to_json())
