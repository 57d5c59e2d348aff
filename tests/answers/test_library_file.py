"""answers.yaml: the model, the loader's file:line:col problems, finding it, its schema."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dealcheck.answers.loader import find_answers, load_answers
from dealcheck.errors import InputError, ProblemsError

from .conftest import run, write

GOOD = """\
# reviewed answers
answers:
  - text: Must support SAML 2.0 single sign-on
    phrasings: [SAML SSO is required for all staff]
    capabilities: [sso-saml]
    response: Yes, through any SAML 2.0 identity provider.
    reviewed_by: Dana Reyes
    reviewed: 2026-11-20
    catalog_version: 3.10
  - text: Blockchain notarisation of audit logs
    verdict: unsupported
    reason: Not offered and not planned
    reviewed_by: Sam Ortiz
    reviewed: 2026-11-21
"""


def problems_of(tmp_path: Path, text: str) -> list[str]:
    path = write(tmp_path / "answers.yaml", text)
    with pytest.raises(ProblemsError) as exc:
        load_answers(path)
    return [p.render() for p in exc.value.problems]


def test_a_valid_library_loads_with_positions(tmp_path):
    loaded = load_answers(write(tmp_path / "answers.yaml", GOOD))
    first, second = loaded.library.answers
    assert first.texts == [
        "Must support SAML 2.0 single sign-on",
        "SAML SSO is required for all staff",
    ]
    assert first.capabilities == ["sso-saml"] and first.verdict is None
    assert first.reviewed == dt.date(2026, 11, 20)
    assert first.catalog_version == "3.10", "a version is kept as written, not as a float"
    assert second.verdict == "unsupported" and second.reason == "Not offered and not planned"
    assert [loaded.line_of(0), loaded.line_of(1)] == [3, 10]


@pytest.mark.parametrize(
    ("entry", "where", "message"),
    [
        (
            "  - text: x\n    capabilities: [sso-saml]\n    reviewed: 2026-01-01\n",
            "answers.yaml:2:5",
            "answer 1: missing key 'reviewed_by'",
        ),
        (
            "  - text: x\n    capabilitys: [sso-saml]\n"
            "    reviewed_by: A\n    reviewed: 2026-01-01\n",
            "answers.yaml:3:5",
            "unknown key 'capabilitys'; did you mean 'capabilities'?",
        ),
        (
            "  - text: x\n    reviewed_by: A\n    reviewed: 2026-01-01\n",
            "answers.yaml:2:5",
            "answer 1: an answer needs capabilities, or verdict: unsupported with a reason",
        ),
        (
            "  - text: x\n    verdict: unsupported\n    reviewed_by: A\n    reviewed: 2026-01-01\n",
            "answers.yaml:2:5",
            "answer 1: verdict: unsupported needs a reason",
        ),
        (
            "  - text: x\n    capabilities: [sso-saml]\n    verdict: unsupported\n    reason: r\n"
            "    reviewed_by: A\n    reviewed: 2026-01-01\n",
            "answers.yaml:2:5",
            "answer 1: an answer gives either capabilities or verdict: unsupported, not both",
        ),
        (
            "  - text: x\n    verdict: supported\n    reviewed_by: A\n    reviewed: 2026-01-01\n",
            "answers.yaml:3:14",
            "'supported' is not a verdict an answer can give",
        ),
        (
            "  - text: x\n    capabilities: [SSO SAML]\n"
            "    reviewed_by: A\n    reviewed: 2026-01-01\n",
            "answers.yaml:3:20",
            "malformed capability id 'SSO SAML'",
        ),
        (
            "  - text: x\n    capabilities: [sso-saml]\n"
            "    reviewed_by: A\n    reviewed: last week\n",
            "answers.yaml:5:15",
            "reviewed: expected a date (YYYY-MM-DD), got text",
        ),
    ],
)
def test_every_mistake_is_reported_with_its_line(tmp_path, entry, where, message):
    found = problems_of(tmp_path, "answers:\n" + entry)
    assert len(found) == 1, found
    assert f"/{where}: error: " in found[0], found
    assert message in found[0]


def test_every_problem_is_listed_at_once(tmp_path):
    found = problems_of(
        tmp_path,
        "answers:\n"
        "  - text: x\n    reviewed: 2026-01-01\n    capabilities: [a]\n"
        "  - text: ''\n    capabilities: [b]\n    reviewed_by: B\n    reviewed: 2026-01-01\n",
    )
    assert any("answer 1: missing key 'reviewed_by'" in p for p in found)
    assert any("answer 2: text must not be empty" in p and ":5:11:" in p for p in found)


def test_not_a_mapping_is_one_clean_error(tmp_path):
    path = write(tmp_path / "answers.yaml", "- text: x\n")
    with pytest.raises(InputError, match="a mapping with an 'answers:' list"):
        load_answers(path)


def test_an_alias_bomb_is_refused_by_the_safe_loader(tmp_path):
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 8):
        previous = "a" if level == 1 else f"l{level - 1}"
        bomb.append(f"l{level}: &l{level} [" + ", ".join([f"*{previous}"] * 10) + "]")
    path = write(tmp_path / "answers.yaml", "\n".join(bomb) + "\n")
    with pytest.raises(InputError, match="alias bomb"):
        load_answers(path)


def test_an_empty_library_is_an_empty_list(tmp_path):
    assert load_answers(write(tmp_path / "a.yaml", "answers:\n")).library.answers == []
    assert load_answers(write(tmp_path / "b.yaml", "# nothing yet\n")).library.answers == []


def test_found_like_the_catalogue(tmp_path, monkeypatch):
    catalog = tmp_path / "capabilities.yaml"
    beside = tmp_path / "answers.yaml"
    assert find_answers(None, str(catalog)) == (None, False), "no file beside: no library"
    beside.write_text("answers:\n")
    assert find_answers(None, str(catalog)) == (str(beside), False)
    monkeypatch.setenv("DEALCHECK_ANSWERS", "/elsewhere/answers.yaml")
    assert find_answers(None, str(catalog)) == ("/elsewhere/answers.yaml", True)
    assert find_answers("mine.yaml", str(catalog)) == ("mine.yaml", True), "--answers wins"
    assert find_answers("mine.yaml", str(catalog), disabled=True) == (None, False)


def test_schema_validates_a_real_library(tmp_path, capsys):
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    code, out, _ = run(["schema", "--answers"], capsys)
    assert code == 0
    schema = json.loads(out)
    good = yaml.safe_load(GOOD)
    good["answers"][0]["reviewed"] = "2026-11-20"
    good["answers"][0]["catalog_version"] = "3.10"
    good["answers"][1]["reviewed"] = "2026-11-21"
    jsonschema.validate(good, schema)
    bad = {"answers": [{"text": "x", "capabilities": ["sso-saml"], "reviewd_by": "typo"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    code, out, _ = run(["schema"], capsys)
    assert json.loads(out)["title"] != schema["title"], "without --answers: the catalogue's"
