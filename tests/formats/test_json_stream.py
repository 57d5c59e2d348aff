"""The JSON report written in pieces is byte for byte the document dumped in one go."""

from __future__ import annotations

import json

from dealcheck.engine import GateOptions
from dealcheck.formats import RenderOptions, chunks
from tests.formats.conftest import CONTEXT, build_requirements


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


def test_requirements_are_encoded_as_the_standard_library_would(engine):
    # Each requirement is encoded by pydantic's serialiser for speed; the document's
    # bytes are still json.dumps(indent=2, ensure_ascii=False)'s, whatever the text holds:
    # accents, typographic quotes, backslashes, tabs, U+2028, emoji, escape codes, markup,
    # tiny and huge quantities, and verbose candidates with their scores.
    rows = [
        ("Café", 'Résumé naïve — “quotes”, \\back\\slash and "double"'),
        ("Misc", "Tab\there, emoji \U0001f680 and a \u2028 line separator"),
        ("Sizes", "Store 0.00001 TB of files for 100000000000000000000 users"),
        ("Uptime", "Uptime of 99.999% and an RPO of 0.5 minutes"),
        ("Hostile", "<script>x</script> [bold]rich[/bold] \x1b[31mred\x1b[0m"),
    ]
    report = engine.check(build_requirements(rows), CONTEXT, GateOptions(), verbose=True)
    assert any(r.candidates for r in report.requirements)
    assert report.to_json() == whole(report)
