"""dealcheck review, driven through its prompts (click's CliRunner input)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from dealcheck.answers import review
from dealcheck.answers.loader import load_answers
from dealcheck.cli import cli

from .conftest import run, write

LIST = """\
Must support SAML 2.0 single sign-on
Users must be provisioned automatically from our HR system
Quantum-safe key exchange for every connection
Notarise every contract on a public blockchain ledger
Users must be provisioned automatically from our HR system
"""


@pytest.fixture
def at_a_terminal(monkeypatch):
    monkeypatch.setattr(review, "interactive", lambda: True)


def walk(workspace, answers: str, *extra: str):
    listing = write(workspace / "rfp.txt", LIST)
    argv = [
        "review",
        listing,
        "-c",
        str(workspace / "capabilities.yaml"),
        "--reviewer",
        "Dana Reyes",
        "--reviewed",
        "2026-11-29",
        "--edition",
        "business",
        *extra,
    ]
    return CliRunner().invoke(cli, argv, input=answers)


def library(workspace):
    return load_answers(str(workspace / "answers.yaml")).library.answers


def test_each_unknown_is_shown_with_candidates_and_their_verdicts(workspace, at_a_terminal):
    result = walk(workspace, "q\n")
    assert result.exit_code == 0, result.output
    assert "4 requirement(s) to review" in result.output
    assert "[1/4] R-2 (must)  " in result.output and "rfp.txt:2" in result.output
    assert "  Users must be provisioned automatically from our HR system" in result.output
    assert "now: unknown" in result.output
    # the candidate the matcher nearly took, with the verdict it would give this deal
    assert "1. scim: SCIM user provisioning" in result.output
    assert "-> upgrade: needs the enterprise edition (quoted: business)" in result.output
    assert "(quit)" in result.output
    assert not (workspace / "answers.yaml").exists(), "quitting first saves nothing"


def test_decisions_are_saved_one_by_one(workspace, at_a_terminal):
    # candidate 1 (scim); R-3: not offered, with a reason; R-4: skip.
    # The second 'HR system' line is answered by the first decision: not asked again.
    result = walk(workspace, "1\nn\nClassical TLS only\ns\n")
    assert result.exit_code == 0, result.output
    assert "1 answered, 1 not offered, 1 skipped" in result.output
    first, second = library(workspace)
    assert first.text == "Users must be provisioned automatically from our HR system"
    assert first.capabilities == ["scim"] and first.reviewed_by == "Dana Reyes"
    assert first.reviewed.isoformat() == "2026-11-29" and first.catalog_version == "3.1"
    assert second.verdict == "unsupported" and second.reason == "Classical TLS only"
    assert result.output.count("[") - result.output.count("[default") >= 3
    assert "[4/" not in result.output


def test_an_interrupted_review_keeps_what_was_decided(workspace, at_a_terminal):
    result = walk(workspace, "1\n")  # then the input ends: the prompt aborts
    assert result.exit_code != 0
    (saved,) = library(workspace)
    assert saved.capabilities == ["scim"]


def test_a_capability_can_be_typed_and_mistakes_are_asked_again(workspace, at_a_terminal):
    result = walk(workspace, "7\nworkday\naudit-log; scim\nq\n")
    assert "no candidate 7" in result.output
    assert "capability 'workday' does not exist in the catalogue" in result.output
    (saved,) = library(workspace)
    assert saved.capabilities == ["audit-log", "scim"]


def test_answers_already_in_the_library_are_not_asked(workspace, at_a_terminal):
    write(
        workspace / "answers.yaml",
        """\
        answers:
          - text: Users must be provisioned automatically from our HR system
            capabilities: [scim]
            reviewed_by: Sam Ortiz
            reviewed: 2026-11-01
        """,
    )
    result = walk(workspace, "q\n")
    assert "2 requirement(s) to review" in result.output
    assert "[1/2] R-3" in result.output


def test_the_reviewer_is_asked_for_when_not_given(workspace, at_a_terminal):
    listing = write(workspace / "rfp.txt", "Quantum-safe key exchange\n")
    result = CliRunner().invoke(
        cli,
        ["review", listing, "-c", str(workspace / "capabilities.yaml")],
        input="Lee Chen\nn\n\n",
    )
    assert result.exit_code == 0, result.output
    (saved,) = library(workspace)
    assert saved.reviewed_by == "Lee Chen" and saved.reason == "not offered"


def test_review_refuses_to_start_without_a_terminal(workspace, capsys):
    listing = write(workspace / "rfp.txt", LIST)
    code, out, err = run(["review", listing, "-c", str(workspace / "capabilities.yaml")], capsys)
    assert code == 2
    assert err.startswith("dealcheck: error: review is interactive: run it in a terminal")
