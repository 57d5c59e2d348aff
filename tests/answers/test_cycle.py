"""The cycle from the README, through the real CLI: check, review the matrix, learn, check again."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from .conftest import run, write

LIST = """\
Must support SAML 2.0 single sign-on
Users must be provisioned automatically from our HR system
Notarise every contract on a public blockchain ledger
Quantum-safe key exchange for every connection
99.95% availability
"""

REWORDED = """\
The solution shall support SAML 2.0 single sign-on.
Users must be automatically provisioned from our HR system
Every contract notarised on a public blockchain ledger
Key exchange for every connection must be quantum-safe
Quantum-safe key exchange for every connection to our offices
"""


def check_json(capsys, *argv: str) -> dict:
    code, out, err = run(["check", *argv, "--format", "json"], capsys)
    assert code in (0, 1), err
    return json.loads(out)


def by_text(report: dict) -> dict[str, dict]:
    return {r["text"]: r for r in report["requirements"]}


def fill_csv(path: Path, cells: dict[str, dict[str, str]]) -> None:
    """A reviewer's edits: for each requirement text, column -> new value."""
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    text_at = header.index("Requirement")
    for row in rows[1:]:
        for column, value in cells.get(row[text_at], {}).items():
            row[header.index(column)] = value
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)


@pytest.fixture
def cycle(workspace, capsys):
    """Check the list, then a reviewer answers two unknowns (and one 'not offered')."""
    listing = write(workspace / "rfp.txt", LIST)
    catalog = str(workspace / "capabilities.yaml")
    matrix = workspace / "answered.csv"
    first = check_json(capsys, listing, "-c", catalog, "--edition", "business")
    verdicts = {r["text"]: r["verdict"] for r in first["requirements"]}
    assert verdicts["Users must be provisioned automatically from our HR system"] == "unknown"
    assert verdicts["Quantum-safe key exchange for every connection"] == "unknown"
    assert first["summary"]["answers"] == {"reviewed": 0, "matched": 3, "unknown": 2}
    code, _, err = run(
        ["check", listing, "-c", catalog, "--edition", "business", "-f", "csv", "-o", str(matrix)],
        capsys,
    )
    assert code == 1, err
    with open(matrix, newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header[-1] == "Reviewed by"
    fill_csv(
        matrix,
        {
            "Users must be provisioned automatically from our HR system": {
                "Matched capability": "SCIM user provisioning",
                "Reviewed by": "Dana Reyes",
            },
            "Must support SAML 2.0 single sign-on": {"Reviewed by": "Dana Reyes"},
            "Quantum-safe key exchange for every connection": {
                "Verdict": "unsupported",
                "Notes": "Classical TLS only; not planned",
                "Response": "Not offered: we use TLS 1.2+ with classical key exchange.",
                "Reviewed by": "Sam Ortiz",
            },
        },
    )
    code, out, err = run(["learn", str(matrix), "-c", catalog, "--reviewed", "2026-11-29"], capsys)
    assert code == 0, err
    return workspace, listing, catalog, matrix, out


def test_learn_reports_what_it_added(cycle):
    workspace, _, _, _, out = cycle
    assert "answered.csv:3: added: 'Users must be provisioned automatically" in out
    assert ": scim" in out
    assert "answered.csv:5: added: 'Quantum-safe key exchange" in out
    assert "answers.yaml: 3 added, 0 merged, 0 skipped; 2 row(s) not reviewed" in out
    library = (workspace / "answers.yaml").read_text()
    assert "capabilities: [scim]" in library and "reviewed: 2026-11-29" in library
    assert 'catalog_version: "3.1"' in library
    assert "reason: Classical TLS only; not planned" in library


def test_learned_answers_are_evaluated_for_each_deal(cycle, capsys):
    _, listing, catalog, _, _ = cycle
    report = check_json(capsys, listing, "-c", catalog, "--edition", "business")
    found = by_text(report)
    hr = found["Users must be provisioned automatically from our HR system"]
    # A library answer says which capability; the deal decides the verdict.
    assert hr["verdict"] == "upgrade" and [c["id"] for c in hr["capabilities"]] == ["scim"]
    assert hr["answer"]["source"] == "reviewed" and hr["answer"]["origin"] == "library"
    assert hr["answer"]["reviewed_by"] == "Dana Reyes"
    assert hr["answer"]["reviewed"] == "2026-11-29"
    assert hr["answer"]["similarity"] == 1.0
    assert hr["answer"]["library"].endswith("answers.yaml:10")
    assert hr["reasons"][0].startswith("reviewed answer: Dana Reyes, 2026-11-29")
    quantum = found["Quantum-safe key exchange for every connection"]
    assert quantum["verdict"] == "unsupported" and quantum["at_risk"]
    assert "not offered: Classical TLS only; not planned" in quantum["reasons"]
    assert report["summary"]["answers"] == {"reviewed": 3, "matched": 2, "unknown": 0}
    enterprise = check_json(capsys, listing, "-c", catalog, "--edition", "enterprise")
    assert by_text(enterprise)[hr["text"]]["verdict"] == "supported"


def test_the_matrix_uses_the_library_response(cycle, capsys):
    workspace, listing, catalog, _, _ = cycle
    again = workspace / "again.csv"
    run(["check", listing, "-c", catalog, "-f", "csv", "-o", str(again)], capsys)
    with open(again, newline="", encoding="utf-8") as fh:
        rows = {row["Requirement"]: row for row in csv.DictReader(fh)}
    quantum = rows["Quantum-safe key exchange for every connection"]
    assert quantum["Response"] == "Not offered: we use TLS 1.2+ with classical key exchange."
    assert quantum["Reviewed by"] == "", "dealcheck leaves Reviewed by to the reviewer"
    # No library wording: dealcheck's own, naming the edition the deal needs.
    assert rows["99.95% availability"]["Response"] == "Comply \u2014 Enterprise edition"


def test_slightly_reworded_questions_are_answered_from_the_library(cycle, capsys):
    pytest.importorskip("wordllama")
    workspace, _, catalog, _, _ = cycle
    reworded = write(workspace / "next-rfp.txt", REWORDED)
    report = check_json(capsys, reworded, "-c", catalog, "--edition", "business")
    found = by_text(report)
    hr = found["Users must be automatically provisioned from our HR system"]
    assert hr["answer"]["source"] == "reviewed" and hr["verdict"] == "upgrade"
    assert hr["answer"]["phrasing"] == "Users must be provisioned automatically from our HR system"
    quantum = found["Key exchange for every connection must be quantum-safe"]
    assert quantum["answer"]["source"] == "reviewed" and quantum["verdict"] == "unsupported"
    assert quantum["answer"]["similarity"] == 1.0, "the same words in another order"
    offices = found["Quantum-safe key exchange for every connection to our offices"]
    assert offices["answer"]["source"] == "reviewed" and offices["verdict"] == "unsupported"
    assert 0.55 <= offices["answer"]["similarity"] < 1.0, "a near phrasing, confirmed"
    assert offices["answer"]["phrasing"] == "Quantum-safe key exchange for every connection"
    saml = found["The solution shall support SAML 2.0 single sign-on."]
    assert saml["answer"]["source"] == "reviewed" and saml["verdict"] == "supported"


def test_no_answers_ignores_the_library(cycle, capsys):
    _, listing, catalog, _, _ = cycle
    report = check_json(capsys, listing, "-c", catalog, "--no-answers")
    assert report["summary"]["answers"]["reviewed"] == 0


def test_a_capability_the_catalogue_no_longer_has_makes_it_unknown(workspace, capsys):
    write(
        workspace / "answers.yaml",
        """\
        answers:
          - text: Must keep data in the Moon region
            capabilities: [moon-region]
            reviewed_by: Dana Reyes
            reviewed: 2026-01-05
        """,
    )
    listing = write(workspace / "rfp.txt", "Must keep data in the Moon region\n")
    report = check_json(capsys, listing, "-c", str(workspace / "capabilities.yaml"))
    (only,) = report["requirements"]
    assert only["verdict"] == "unknown" and only["at_risk"] and only["capabilities"] == []
    assert any("'moon-region' is not in the catalogue" in r for r in only["reasons"])
    assert only["answer"]["source"] == "unknown" and only["answer"]["origin"] == "library"


def test_a_deal_file_pin_wins_over_the_library(workspace, capsys):
    write(
        workspace / "answers.yaml",
        """\
        answers:
          - text: Single sign-on for every employee
            capabilities: [sso-oidc]
            reviewed_by: Dana Reyes
            reviewed: 2026-01-05
        """,
    )
    deal = write(
        workspace / "deal.yaml",
        """\
        deal: Globex
        requirements:
          - text: Single sign-on for every employee
            capability: sso-saml
        """,
    )
    report = check_json(capsys, deal, "-c", str(workspace / "capabilities.yaml"))
    (only,) = report["requirements"]
    assert [c["id"] for c in only["capabilities"]] == ["sso-saml"]
    assert only["answer"] == {**only["answer"], "source": "reviewed", "origin": "deal file"}


def test_a_named_library_that_does_not_exist_is_an_error(workspace, capsys):
    listing = write(workspace / "rfp.txt", "Must support SAML\n")
    code, _, err = run(
        ["check", listing, "-c", str(workspace / "capabilities.yaml"), "--answers", "nope.yaml"],
        capsys,
    )
    assert code == 2 and err.startswith("dealcheck: error: nope.yaml")


def test_an_invalid_library_stops_the_check_with_its_line(workspace, capsys):
    write(workspace / "answers.yaml", "answers:\n  - text: x\n    capabilities: [scim]\n")
    listing = write(workspace / "rfp.txt", "Must support SAML\n")
    code, _, err = run(["check", listing, "-c", str(workspace / "capabilities.yaml")], capsys)
    assert code == 2
    assert "answers.yaml:2:5: error: answer 1: missing key 'reviewed_by'" in err
    assert "Traceback" not in err


def test_reports_are_identical_run_to_run(cycle, capsys):
    _, listing, catalog, _, _ = cycle
    first = run(["check", listing, "-c", catalog, "-f", "json"], capsys)[1]
    second = run(["check", listing, "-c", catalog, "-f", "json"], capsys)[1]
    assert first == second


def test_without_the_semantic_signal_only_the_same_words_are_found(cycle, capsys):
    workspace, _, catalog, _, _ = cycle
    reworded = write(workspace / "next-rfp.txt", REWORDED)
    code, out, err = run(
        ["check", reworded, "-c", catalog, "--no-semantic", "--format", "json"], capsys
    )
    found = by_text(json.loads(out))
    same_words = found["Users must be automatically provisioned from our HR system"]
    assert same_words["answer"]["source"] == "reviewed"
    assert same_words["answer"]["similarity"] == 1.0
    other_words = found["Quantum-safe key exchange for every connection to our offices"]
    assert other_words["answer"]["origin"] is None, "a near phrasing needs the model"
    assert "read like near phrasings of library answers" in err
