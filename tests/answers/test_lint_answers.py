"""dealcheck lint on the answer library: each mistake caught, with its line."""

from __future__ import annotations

import json

from dealcheck.lint.answers import ANSWER_RULES

from .conftest import run, write

LIBRARY = """\
answers:
  - text: Must support SAML 2.0 single sign-on
    capabilities: [sso-saml]
    reviewed_by: Dana Reyes
    reviewed: 2026-10-01
  - text: must support SAML 2.0 single sign-on!
    capabilities: [sso-oidc]
    reviewed_by: Sam Ortiz
    reviewed: 2026-10-02
  - text: Users provisioned from the HR system
    phrasings: [users provisioned from the HR system.]
    capabilities: [scim]
    reviewed_by: Dana Reyes
    reviewed: 2026-03-01
  - text: Keep data in the Moon region
    capabilities: [audit-log, moon-region]
    reviewed_by: Dana Reyes
    reviewed: 2026-10-01
"""


def lint(workspace, capsys, *extra: str):
    return run(
        ["lint", str(workspace / "capabilities.yaml"), "--today", "2026-11-23", *extra], capsys
    )


def test_each_library_mistake_is_caught_with_its_line(workspace, capsys):
    write(workspace / "answers.yaml", LIBRARY)
    code, out, err = lint(workspace, capsys)
    assert code == 2, "an unknown capability or a conflict is an error"
    lines = [line.split("/")[-1] for line in out.splitlines() if "answers.yaml" in line]
    assert lines == [
        "answers.yaml:6:11: error: 'must support SAML 2.0 single sign-on!' is answered"
        " differently on line 2 (keep one answer: a question has one reviewed answer)"
        " (answer-conflict)",
        "answers.yaml:11:17: warning: 'users provisioned from the HR system.' is already written"
        " on line 10 (remove it, or merge the two answers) (answer-duplicate)",
        "answers.yaml:14:15: warning: answer reviewed 2026-03-01, before 'scim' last changed"
        " (2026-09-14) (re-confirm the answer and update its reviewed date) (answer-outdated)",
        "answers.yaml:16:31: error: capability 'moon-region' is not in the catalogue"
        " (re-review this answer) (answer-unknown-capability)",
    ]
    assert "answers.yaml: 2 error(s), 2 warning(s) in 4 answers" in err


def test_a_clean_library_passes(workspace, capsys):
    write(workspace / "answers.yaml", "\n".join(LIBRARY.splitlines()[:5]) + "\n")
    code, out, err = lint(workspace, capsys, "--strict")
    assert code == 0, out
    assert "answers.yaml: 0 error(s), 0 warning(s) in 1 answers" in err


def test_rules_can_be_disabled_and_listed(workspace, capsys):
    write(workspace / "answers.yaml", LIBRARY)
    code, out, _ = lint(workspace, capsys, "--disable", "answer-conflict,answer-unknown-capability")
    assert code == 0 and "answer-conflict" not in out and "answer-duplicate" in out
    code, out, _ = run(["lint", "--list-rules"], capsys)
    for rule_id in ANSWER_RULES:
        assert rule_id in out


def test_json_output_has_the_library_beside_the_catalogue(workspace, capsys):
    write(workspace / "answers.yaml", LIBRARY)
    _, out, _ = lint(workspace, capsys, "--format", "json")
    document = json.loads(out)
    assert document["valid"] is True, "the catalogue itself is fine"
    assert document["answers"]["valid"] is False
    assert document["answers"]["errors"] == 2 and document["answers"]["warnings"] == 2
    assert {p["rule"] for p in document["answers"]["problems"]} == set(ANSWER_RULES)


def test_an_invalid_library_is_reported_like_an_invalid_catalogue(workspace, capsys):
    write(workspace / "answers.yaml", "answers:\n  - text: x\n    capabilities: [scim]\n")
    code, out, _ = lint(workspace, capsys)
    assert code == 2
    assert "answers.yaml:2:5: error: answer 1: missing key 'reviewed_by'" in out


def test_no_answers_skips_the_library(workspace, capsys):
    write(workspace / "answers.yaml", LIBRARY)
    code, out, err = lint(workspace, capsys, "--no-answers")
    assert code == 0 and "answers.yaml" not in out + err


def test_without_a_library_lint_is_the_catalogue_only(workspace, capsys):
    code, _, err = lint(workspace, capsys)
    assert code == 0 and "answers" not in err
