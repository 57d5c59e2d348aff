"""The command line: exit codes, the JSON contract, the gate, determinism, explain."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dealcheck import __version__
from dealcheck.cli import main

CATALOG = str(Path(__file__).parent / "engine" / "catalog.yaml")

RFP = """\
1. Users MUST be able to sign in with Google
2. The platform must support SAML SSO
3. Audit trail of administrator actions is required
4. Should offer an offline mode
5. We may want a SOAP API
6. A dedicated submarine data centre is mandatory
7. OIDC SSO should be available
"""


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    out, err = capsys.readouterr()
    return exc.value.code, out, err


@pytest.fixture
def rfp(tmp_path: Path) -> str:
    path = tmp_path / "rfp.txt"
    path.write_text(RFP, encoding="utf-8")
    return str(path)


def test_version(capsys):
    code, out, _ = run(["--version"], capsys)
    assert code == 0 and __version__ in out


def test_help_describes_every_command(capsys):
    code, out, _ = run(["--help"], capsys)
    assert code == 0
    for command in ("check", "explain", "read", "lint", "schema"):
        assert command in out


def test_json_report_follows_the_contract(rfp, capsys):
    code, out, _ = run(
        ["check", rfp, "-c", CATALOG, "--format", "json", "--edition", "business"], capsys
    )
    report = json.loads(out)
    assert report["schema"] == "dealcheck.report/1"
    assert report["catalog"] == {"product": "Testbed", "version": "1.0"}
    assert report["deal"]["edition"] == "business"
    assert set(report["deal"]) >= {"edition", "deployment", "region", "go_live", "add_ons"}
    summary = report["summary"]
    assert set(summary) >= {
        "total",
        "verdicts",
        "at_risk",
        "coverage",
        "gate",
        "minimum_edition",
        "add_ons",
    }
    assert list(summary["verdicts"]) == [
        "supported",
        "partial",
        "upgrade",
        "roadmap",
        "unknown",
        "unsupported",
    ] or set(summary["verdicts"]) == {
        "supported",
        "partial",
        "upgrade",
        "roadmap",
        "unknown",
        "unsupported",
    }
    assert summary["total"] == 7 == len(report["requirements"])
    texts = [r["text"] for r in report["requirements"]]
    assert texts[0] == "Users MUST be able to sign in with Google"
    assert [r["id"] for r in report["requirements"]] == ["1", "2", "3", "4", "5", "6", "7"]
    for r in report["requirements"]:
        assert set(r) >= {
            "id",
            "text",
            "priority",
            "source",
            "verdict",
            "at_risk",
            "confidence",
            "capabilities",
            "reasons",
        }
        assert r["source"]["file"] == rfp and isinstance(r["source"]["line"], int)
        if r["verdict"] == "unknown":
            assert r["capabilities"] == []
        for c in r["capabilities"]:
            assert set(c) >= {"id", "verdict", "score", "reasons"}
    supported = sum(r["verdict"] == "supported" for r in report["requirements"])
    assert summary["coverage"] == round(supported / 7, 3)
    assert summary["at_risk"] == sum(r["at_risk"] for r in report["requirements"])
    # The submarine data centre is unknown and mandatory: the gate fails.
    assert summary["gate"] == "fail" and code == 1
    by_id = {r["id"]: r for r in report["requirements"]}
    assert by_id["6"]["verdict"] == "unknown" and by_id["6"]["at_risk"]
    assert by_id["4"]["priority"] == "should" and by_id["5"]["priority"] == "may"


def test_json_is_byte_identical_between_runs(rfp, capsys):
    first = run(["check", rfp, "-c", CATALOG, "--format", "json"], capsys)[1]
    second = run(["check", rfp, "-c", CATALOG, "--format", "json"], capsys)[1]
    assert first == second


def test_gate_passes_when_no_must_is_at_risk(tmp_path, capsys):
    path = tmp_path / "ok.txt"
    path.write_text("Must support SAML SSO\nShould offer a dedicated submarine data centre\n")
    code, out, _ = run(["check", str(path), "-c", CATALOG], capsys)
    assert code == 0
    assert "gate: PASS" in out


def test_fail_priority_should_makes_should_failures_count(tmp_path, capsys):
    path = tmp_path / "ok.txt"
    path.write_text("Must support SAML SSO\nShould offer a dedicated submarine data centre\n")
    assert run(["check", str(path), "-c", CATALOG, "--fail-priority", "should"], capsys)[0] == 1


def test_fail_on_changes_the_failing_verdicts(tmp_path, capsys):
    path = tmp_path / "r.txt"
    path.write_text("Must support SAML SSO\n")
    argv = ["check", str(path), "-c", CATALOG, "--edition", "team"]
    assert run(argv, capsys)[0] == 1  # an upgrade beyond the quoted edition fails by default
    assert run(argv + ["--fail-on", "unsupported"], capsys)[0] == 0  # the list replaces it
    assert run(argv + ["--fail-on", "upgrade,unsupported"], capsys)[0] == 1


def test_fail_on_unknown_verdict_is_a_usage_error(rfp, capsys):
    code, _, err = run(["check", rfp, "-c", CATALOG, "--fail-on", "maybe"], capsys)
    assert code == 2 and "unknown verdict 'maybe'" in err


def test_min_coverage(tmp_path, capsys):
    path = tmp_path / "r.txt"
    path.write_text("Must support SAML SSO\nMay offer an offline mode\n")
    assert run(["check", str(path), "-c", CATALOG, "--min-coverage", "50"], capsys)[0] == 0
    code, out, _ = run(["check", str(path), "-c", CATALOG, "--min-coverage", "75"], capsys)
    assert code == 1 and "coverage" in out


def test_missing_requirement_file_is_exit_2(tmp_path, capsys):
    code, _, err = run(["check", str(tmp_path / "nope.txt"), "-c", CATALOG], capsys)
    assert code == 2
    assert err.startswith("dealcheck: error: ") and "nope.txt: no such file" in err
    assert "Traceback" not in err


def test_invalid_catalogue_is_exit_2_with_every_problem(tmp_path, rfp, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("product: X\ncapabilities:\n  - id: Bad_Id\n    name: x\n    status: alpha\n")
    code, _, err = run(["check", rfp, "-c", str(bad)], capsys)
    assert code == 2
    assert f"{bad}:3:9: error: malformed id 'Bad_Id'" in err
    assert f"{bad}:5:13: error: unknown status 'alpha'" in err


def test_unknown_option_is_exit_2(rfp, capsys):
    code, _, err = run(["check", rfp, "--no-such-option"], capsys)
    assert code == 2 and "no-such-option" in err


def test_unknown_edition_lists_the_valid_ones(rfp, capsys):
    code, _, err = run(["check", rfp, "-c", CATALOG, "--edition", "platinum"], capsys)
    assert code == 2
    assert "unknown edition 'platinum'" in err and "starter, team, business, enterprise" in err


def test_bad_go_live_is_exit_2(rfp, capsys):
    code, _, err = run(["check", rfp, "-c", CATALOG, "--go-live", "soon"], capsys)
    assert code == 2 and "--go-live" in err


def test_internal_error_is_exit_3_and_debug_shows_traceback(rfp, capsys, monkeypatch):
    import dealcheck.engine

    def boom(*args, **kwargs):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(dealcheck.engine.Engine, "check", boom)
    code, _, err = run(["check", rfp, "-c", CATALOG], capsys)
    assert code == 3
    assert "internal error" in err and "report" in err and "Traceback" not in err
    code, _, err = run(["check", rfp, "-c", CATALOG, "--debug"], capsys)
    assert code == 3 and "Traceback" in err


def test_binary_format_needs_output(rfp, capsys):
    code, _, err = run(["check", rfp, "-c", CATALOG, "--format", "xlsx"], capsys)
    assert code == 2 and "--output" in err


def test_output_never_overwrites_the_input(rfp, capsys):
    before = Path(rfp).read_bytes()
    code, _, err = run(["check", rfp, "-c", CATALOG, "--format", "json", "--output", rfp], capsys)
    assert code == 2 and Path(rfp).read_bytes() == before


def test_output_is_written_atomically(rfp, tmp_path, capsys):
    target = tmp_path / "report.json"
    run(["check", rfp, "-c", CATALOG, "--format", "json", "--output", str(target)], capsys)
    assert json.loads(target.read_text())["summary"]["total"] == 7
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_terminal_report_has_header_table_and_summary(rfp, capsys):
    code, out, _ = run(
        ["check", rfp, "-c", CATALOG, "--edition", "business", "--region", "eu"], capsys
    )
    assert "Testbed 1.0" in out and "edition: business" in out and "region: eu" in out
    assert "unknown" in out.lower() and "coverage" in out and "gate: FAIL" in out
    # Most severe first: the unknown row comes before the supported ones.
    assert out.index("submarine") < out.index("Google")


def test_requirement_text_is_never_markup_or_escape_codes(tmp_path, capsys):
    path = tmp_path / "r.txt"
    path.write_text("Must support [bold red]SAML SSO[/] \x1b[31mnow\x1b[0m\n")
    code, out, _ = run(["check", str(path), "-c", CATALOG], capsys)
    assert "[bold red]SAML SSO[/]" in out
    assert "\x1b" not in out


def test_stdin_is_read_as_text(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "dealcheck", "check", "-", "-c", CATALOG, "--format", "json"],
        input="Must support SAML SSO\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["requirements"][0]["source"]["file"] == "<stdin>"


def test_explain_answers_one_question(capsys):
    code, out, _ = run(
        ["explain", "Do you support SCIM provisioning?", "-c", CATALOG, "--edition", "business"],
        capsys,
    )
    assert code == 0
    assert "upgrade" in out and "scim" in out and "Top candidates" in out


def test_explain_json(capsys):
    code, out, _ = run(["explain", "Blockchain notarisation", "-c", CATALOG, "-f", "json"], capsys)
    data = json.loads(out)
    assert data["verdict"] == "unsupported"
    assert data["candidates"][0]["id"] == "blockchain-notary"


def assert_reviewer_words_with_verbose_only(rfp, capsys, question: str) -> None:
    """A check of ``question`` lists the words its closest candidate does not explain
    with --verbose, and never without it."""
    path = Path(rfp).with_name("q.txt")
    path.write_text(question + "\n", encoding="utf-8")
    for flags, shown in (([], False), (["--verbose"], True)):
        code, out, _ = run(["check", str(path), "-c", CATALOG, "--format", "json", *flags], capsys)
        (reasons,) = [r["reasons"] for r in json.loads(out)["requirements"]]
        assert any("does not explain" in why for why in reasons) is shown


def test_explain_and_verbose_name_the_words_no_capability_explains(rfp, capsys):
    question = "Audit logs of administrator actions, reviewed weekly by compliance"
    code, out, _ = run(["explain", question, "-c", CATALOG], capsys)
    assert code == 0
    assert (
        "words the closest, audit-log, does not explain: 'reviewed', 'weekly', 'compliance'" in out
    )
    # An answer: the words no capability it matched explains.
    code, out, _ = run(
        ["explain", "Audit logs of administrator actions for our regulators", "-c", CATALOG], capsys
    )
    assert "Answer: supported" in out
    assert "words no matched capability explains: 'regulators'" in out
    # A check names them with --verbose only: a customer-facing reason never does.
    assert_reviewer_words_with_verbose_only(rfp, capsys, question)


def test_an_unknown_names_the_words_its_closest_candidate_does_not_explain(rfp, capsys):
    # Not every word of the ask: most of them the closest candidate explains, and a
    # reviewer confirming the suggestion needs the ones it does not.
    question = "Single sign-on through Okta for our franchise partners"
    code, out, _ = run(["explain", question, "-c", CATALOG], capsys)
    assert code == 0
    assert "Answer: unknown" in out
    assert "closest: sso-saml" in out
    assert "words the closest, sso-saml, does not explain: 'franchise', 'partners'" in out
    assert "no matched capability explains" not in out
    assert_reviewer_words_with_verbose_only(rfp, capsys, question)


def test_catalogue_found_in_a_parent_folder(tmp_path, monkeypatch, capsys):
    (tmp_path / "capabilities.yaml").write_text(Path(CATALOG).read_text())
    sub = tmp_path / "deals" / "globex"
    sub.mkdir(parents=True)
    (sub / "r.txt").write_text("Must support SAML SSO\n")
    monkeypatch.chdir(sub)
    monkeypatch.delenv("DEALCHECK_CATALOG", raising=False)
    code, out, _ = run(["check", "r.txt", "--format", "json"], capsys)
    assert json.loads(out)["catalog"]["product"] == "Testbed"


def test_catalogue_from_environment(rfp, monkeypatch, capsys):
    monkeypatch.setenv("DEALCHECK_CATALOG", CATALOG)
    code, out, _ = run(["check", rfp, "--format", "json"], capsys)
    assert json.loads(out)["catalog"]["product"] == "Testbed"


def test_no_catalogue_anywhere_is_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DEALCHECK_CATALOG", raising=False)
    (tmp_path / "r.txt").write_text("Must support SSO\n")
    code, _, err = run(["check", "r.txt"], capsys)
    assert code == 2 and "--catalog" in err


def test_schema_prints_json_schema(capsys):
    code, out, _ = run(["schema"], capsys)
    schema = json.loads(out)
    assert "capabilities" in schema["properties"]
