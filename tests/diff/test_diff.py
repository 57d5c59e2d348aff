"""dealcheck diff: every kind of catalogue change, broken promises vs new wins, REV:path,
every exit code and format."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from dealcheck.cli import main

HERE = Path(__file__).resolve().parent
OLD = HERE / "catalog.yaml"
DEAL = HERE / "deal.yaml"
SHARED = HERE.parents[2] / "shared"
SARIF_SCHEMA = SHARED / "data" / "sarif-schema-2.1.0.json"


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def edited(tmp_path: Path, edit, name: str = "new.yaml") -> Path:
    """The test catalogue with ``edit(data)`` applied, written to ``tmp_path / name``."""
    data = yaml.safe_load(OLD.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def cap(data: dict, cap_id: str) -> dict:
    (found,) = [c for c in data["capabilities"] if c["id"] == cap_id]
    return found


def diff_json(capsys, *args: str) -> tuple[int, dict]:
    code, out, err = run(["diff", *args, "--format", "json"], capsys)
    assert code in (0, 1), err
    return code, json.loads(out)


def fields(doc: dict, cap_id: str) -> dict[str, dict]:
    (entry,) = [c for c in doc["capabilities"] if c["id"] == cap_id]
    return {f["field"]: f for f in entry["fields"]}


def changes(doc: dict) -> dict[str, dict]:
    return {c["id"]: c for d in doc["deals"] for c in d["changes"]}


# -- the catalogue change -------------------------------------------------------------------


def everything(data: dict) -> None:
    data["version"] = "2"
    data["regions"] = ["us", "eu", "uk"]
    cap(data, "sso")["editions"] = ["enterprise"]
    cap(data, "scim")["name"] = "SCIM 2.0 provisioning"
    cap(data, "scim")["deployments"] = ["saas"]
    cap(data, "audit-log")["limits"]["audit_retention"]["business"] = 180
    cap(data, "uptime-sla")["limits"]["uptime"]["enterprise"] = 99.99
    cap(data, "offline")["eta"] = "2027-Q3"
    cap(data, "mainframe").update(status="roadmap", eta="2027-01")
    del cap(data, "siem")["add_on"]
    cap(data, "eu-hosting")["regions"] = ["eu", "uk"]
    cap(data, "sso")["aliases"] = ["SAML SSO", "SSO"]
    data["capabilities"] = [c for c in data["capabilities"] if c["id"] != "webhooks"]
    data["capabilities"].append(
        {"id": "sms", "name": "SMS notifications", "description": "Text messages."}
    )


def test_every_kind_of_catalogue_change_in_words(tmp_path, capsys):
    new = edited(tmp_path, everything)
    code, doc = diff_json(capsys, str(OLD), str(new))
    assert code == 0  # no deals: nothing to break
    assert doc["schema"] == "dealcheck.diff/1"
    assert doc["summary"] | {"text": None} == {
        "added": 1,
        "removed": 1,
        "changed": 8,
        "deals": 0,
        "requirements": 0,
        "broken": 0,
        "wins": 0,
        "exit_code": 0,
        "text": None,
    }
    kinds = {c["id"]: c["change"] for c in doc["capabilities"]}
    assert kinds["sms"] == "added" and kinds["webhooks"] == "removed"
    assert {k for k, v in kinds.items() if v == "changed"} == {
        "sso",
        "scim",
        "audit-log",
        "uptime-sla",
        "offline",
        "mainframe",
        "siem",
        "eu-hosting",
    }
    catalog = {f["field"]: f for f in doc["catalog_changes"]}
    assert catalog["version"]["text"] == "version: 1 \u2192 2"
    assert catalog["regions"]["text"] == "regions: added 'uk'"

    sso = fields(doc, "sso")
    assert sso["editions"] == {
        "field": "editions",
        "old": ["business", "enterprise"],
        "new": ["enterprise"],
        "text": "editions: no longer in business (now enterprise)",
        "effect": "worse",
    }
    assert sso["aliases"]["text"].startswith("aliases: added 'SSO'")
    scim = fields(doc, "scim")
    assert scim["name"]["text"] == "renamed 'SCIM provisioning' \u2192 'SCIM 2.0 provisioning'"
    assert [c for c in doc["capabilities"] if c["id"] == "scim"][0]["old_name"] == (
        "SCIM provisioning"
    )
    assert scim["deployments"]["text"] == "deployments: no longer on on-prem (now saas)"
    assert scim["deployments"]["effect"] == "worse"
    audit = fields(doc, "audit-log")["limits.audit_retention"]
    assert audit["text"] == (
        "limit on audit_retention: 365 days \u2192 180 days in business (worse for customers)"
    )
    uptime = fields(doc, "uptime-sla")["limits.uptime"]
    assert "99.95% \u2192 99.99% in enterprise (better for customers)" in uptime["text"]
    assert uptime["effect"] == "better"
    assert fields(doc, "offline")["eta"]["text"] == "ETA 2027-02-15 \u2192 2027-Q3 (later)"
    assert fields(doc, "offline")["eta"]["effect"] == "worse"
    mainframe = fields(doc, "mainframe")
    assert mainframe["status"]["text"] == "status not-planned \u2192 roadmap (now on the roadmap)"
    assert mainframe["status"]["effect"] == "better" and mainframe["eta"]["new"] == "2027-01"
    assert fields(doc, "siem")["add_on"]["text"] == "no longer needs the add-on Security Pack"
    hosting = fields(doc, "eu-hosting")["regions"]
    assert (
        hosting["text"] == "regions: now also in uk (now eu, uk)" and hosting["effect"] == "better"
    )
    removed = [c for c in doc["capabilities"] if c["id"] == "webhooks"][0]
    assert removed["effect"] == "worse" and removed["line"] == 48  # its line in the old file


def test_identical_catalogues_have_no_change(capsys):
    code, doc = diff_json(capsys, str(OLD), str(OLD), str(DEAL))
    assert code == 0
    assert doc["capabilities"] == [] and doc["catalog_changes"] == []
    assert doc["deals"][0]["changes"] == [] and doc["deals"][0]["requirements"] == 7


def test_limit_added_and_capability_editions_default_to_the_catalogue(tmp_path, capsys):
    def edit(data: dict) -> None:
        cap(data, "webhooks")["limits"] = {"uptime": 99.0}
        data["editions"] = ["team", "business", "enterprise", "ultimate"]

    _, doc = diff_json(capsys, str(OLD), str(edited(tmp_path, edit)))
    webhooks = fields(doc, "webhooks")
    # No editions listed: offered in every edition, so the new edition widens it.
    assert webhooks["editions"]["text"] == (
        "editions: now also in ultimate (now team, business, enterprise, ultimate)"
    )
    assert webhooks["editions"]["effect"] == "better"
    assert webhooks["limits.uptime"]["text"] == "limit on uptime: now limited to 99%"


# -- broken promises and new wins -----------------------------------------------------------


def test_broken_promises_and_new_wins_against_a_deal(tmp_path, capsys):
    code, doc = diff_json(capsys, str(OLD), str(edited(tmp_path, everything)), str(DEAL))
    assert code == 1
    found = changes(doc)
    expected = {
        "R-1": ("broken", "supported", "upgrade"),  # SSO moved to Enterprise
        "R-2": ("broken", "supported", "upgrade"),  # retention lowered below 1 year
        "R-3": ("broken", "roadmap", "roadmap"),  # ETA moved past go-live
        "R-4": ("win", "unsupported", "roadmap"),  # not planned -> roadmap
        "R-5": ("broken", "supported", "unknown"),  # retired
        "R-6": ("win", "upgrade", "supported"),  # no add-on needed any more
    }
    assert {k: (v["kind"], v["old"]["verdict"], v["new"]["verdict"]) for k, v in found.items()} == (
        expected
    )
    assert found["R-3"]["old"]["at_risk"] is False and found["R-3"]["new"]["at_risk"] is True
    assert found["R-1"]["changed_capabilities"] == ["sso"]
    assert found["R-1"]["source"] == {"file": str(DEAL), "line": 10}
    # both reasons, side by side
    assert any("enterprise" in r for r in found["R-1"]["new"]["reasons"])
    assert found["R-1"]["old"]["reasons"] != found["R-1"]["new"]["reasons"]
    (deal,) = doc["deals"]
    assert (deal["deal"], deal["broken"], deal["wins"]) == ("Globex renewal", 4, 2)
    assert deal["context"]["edition"] == "business"
    assert doc["summary"]["broken"] == 4 and doc["summary"]["exit_code"] == 1


def test_only_wins_exit_zero(tmp_path, capsys):
    def edit(data: dict) -> None:
        del cap(data, "siem")["add_on"]

    code, doc = diff_json(capsys, str(OLD), str(edited(tmp_path, edit)), str(DEAL))
    assert code == 0 and doc["summary"]["wins"] == 1 and doc["summary"]["broken"] == 0


def test_command_line_context_wins_over_the_deal_file(tmp_path, capsys):
    def edit(data: dict) -> None:
        cap(data, "sso")["editions"] = ["enterprise"]

    new = str(edited(tmp_path, edit))
    code, doc = diff_json(capsys, str(OLD), new, str(DEAL), "--edition", "enterprise")
    assert code == 0 and "R-1" not in changes(doc)
    code, doc = diff_json(capsys, str(OLD), new, str(DEAL))
    assert code == 1 and changes(doc)["R-1"]["kind"] == "broken"


def test_a_requirement_file_takes_context_from_the_options(tmp_path, capsys):
    rfp = tmp_path / "rfp.txt"
    rfp.write_text("1. SAML single sign-on\n", encoding="utf-8")

    def edit(data: dict) -> None:
        cap(data, "sso")["status"] = "beta"

    code, doc = diff_json(
        capsys, str(OLD), str(edited(tmp_path, edit)), str(rfp), "--edition", "business"
    )
    (deal,) = doc["deals"]
    assert deal["kind"] == "requirements" and deal["context"]["edition"] == "business"
    # matched by its name: ga -> beta makes it partial, more severe
    assert [(c["id"], c["kind"]) for c in deal["changes"]] == [("1", "broken")] and code == 1


def test_a_saved_report_is_re_checked_in_its_own_context(tmp_path, capsys):
    report = tmp_path / "globex.json"
    code, _, err = run(
        ["check", str(DEAL), "-c", str(OLD), "--format", "json", "--output", str(report)], capsys
    )
    assert code in (0, 1), err

    def edit(data: dict) -> None:
        cap(data, "offline")["eta"] = "2027-Q3"

    code, doc = diff_json(capsys, str(OLD), str(edited(tmp_path, edit)), str(report))
    (deal,) = doc["deals"]
    assert deal["kind"] == "report" and deal["source"] == str(report)
    assert deal["context"]["go_live"] == "2027-03-01"  # recorded by the report
    assert deal["requirements"] == 7
    # re-matched by its words (a report keeps no pins): the capability's own name
    assert changes(doc)["R-3"]["kind"] == "broken" and code == 1


def test_deal_context_the_new_catalogue_no_longer_offers(tmp_path, capsys):
    def drop_eu(data: dict) -> None:
        data["regions"] = ["us"]
        cap(data, "eu-hosting")["regions"] = ["us"]

    code, doc = diff_json(capsys, str(OLD), str(edited(tmp_path, drop_eu)), str(DEAL))
    assert code == 1
    (deal,) = doc["deals"]
    assert deal["problem_kind"] == "broken" and "unknown region 'eu'" in deal["problem"]
    assert deal["broken"] == 1 and deal["changes"] == []
    # the other way round, the deal is a new win; with neither, the deal is bad input
    code, doc = diff_json(capsys, str(edited(tmp_path, drop_eu)), str(OLD), str(DEAL))
    assert code == 0 and doc["deals"][0]["problem_kind"] == "win"
    code, out, err = run(["diff", str(OLD), str(OLD), str(DEAL), "--region", "mars"], capsys)
    assert code == 2 and "unknown region 'mars'" in err and out == ""


def test_folder_of_deals_each_file_one_deal(tmp_path, capsys):
    deals = tmp_path / "deals"
    (deals / "globex").mkdir(parents=True)
    shutil.copy(DEAL, deals / "globex" / "deal.yaml")
    (deals / "hooli.yaml").write_text(
        "deal: Hooli\nedition: enterprise\nrequirements:\n"
        "  - {id: H-1, text: SAML single sign-on, capability: sso}\n",
        encoding="utf-8",
    )
    (deals / ".draft.yaml").write_text("not: [a deal", encoding="utf-8")

    def edit(data: dict) -> None:
        cap(data, "sso")["editions"] = ["enterprise"]

    code, doc = diff_json(capsys, str(OLD), str(edited(tmp_path, edit)), str(deals))
    assert [d["deal"] for d in doc["deals"]] == ["Globex renewal", "Hooli"]
    assert [d["broken"] for d in doc["deals"]] == [1, 0] and code == 1


# -- formats --------------------------------------------------------------------------------


def test_markdown_for_a_pull_request(tmp_path, capsys):
    code, out, _ = run(
        ["diff", str(OLD), str(edited(tmp_path, everything)), str(DEAL), "-f", "markdown"],
        capsys,
    )
    assert code == 1
    assert out.startswith("# dealcheck diff: ")
    assert "\u274c **4 promise(s) broken**" in out
    assert "## Catalogue changes" in out and "## Broken promises" in out and "## New wins" in out
    assert (
        "| Globex renewal | R-1 | must | SAML single sign-on | supported | **upgrade** |"
        " sso: generally available for this deal | sso: needs the enterprise edition"
        " (quoted: business) |"
    ) in out


def test_table_names_the_result(tmp_path, capsys):
    code, out, _ = run(["diff", str(OLD), str(edited(tmp_path, everything)), str(DEAL)], capsys)
    assert code == 1
    flat = " ".join(out.split())
    assert "4 PROMISE(S) BROKEN" in flat and "Broken promises" in flat and "New wins" in flat


def test_sarif_locates_broken_promises(tmp_path, capsys):
    new = edited(tmp_path, everything)
    code, out, _ = run(["diff", str(OLD), str(new), str(DEAL), "-f", "sarif"], capsys)
    assert code == 1
    sarif = json.loads(out)
    (run_,) = sarif["runs"]
    results = run_["results"]
    broken = [r for r in results if r["ruleId"] == "dealcheck-diff/broken-promise"]
    assert len(broken) == 4 and all(r["level"] == "error" for r in broken)
    r1 = [r for r in broken if r["properties"]["requirementId"] == "R-1"][0]
    assert r1["locations"][0]["physicalLocation"]["region"] == {"startLine": 10}
    related = r1["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == f"file://{new}"
    sso_line = new.read_text().splitlines().index("- id: sso") + 1
    assert related["region"] == {"startLine": sso_line}  # in the new catalogue
    assert len([r for r in results if r["ruleId"] == "dealcheck-diff/new-win"]) == 2
    assert run_["invocations"][0]["exitCode"] == 1
    if SARIF_SCHEMA.is_file():
        jsonschema = pytest.importorskip("jsonschema")
        schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
        jsonschema.Draft7Validator(schema).validate(sarif)


def test_output_is_deterministic(tmp_path, capsys):
    new = str(edited(tmp_path, everything))
    first = run(["diff", str(OLD), new, str(DEAL), "-f", "json"], capsys)
    second = run(["diff", str(OLD), new, str(DEAL), "-f", "json"], capsys)
    assert first == second


# -- REV:path -------------------------------------------------------------------------------


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    (root / "deals").mkdir(parents=True)
    shutil.copy(OLD, root / "capabilities.yaml")
    shutil.copy(DEAL, root / "deals" / "globex.yaml")
    git(root, "init", "--quiet")
    git(root, "add", ".")
    git(root, "commit", "--quiet", "-m", "catalogue")
    # the working tree holds the proposed change
    data = yaml.safe_load(OLD.read_text(encoding="utf-8"))
    cap(data, "sso")["editions"] = ["enterprise"]
    (root / "capabilities.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    monkeypatch.chdir(root)
    return root


def test_old_catalogue_from_git(repo, capsys):
    code, doc = diff_json(capsys, "HEAD:capabilities.yaml", "capabilities.yaml", "deals/")
    assert code == 1
    assert doc["old"]["source"] == "HEAD:capabilities.yaml"
    assert [c["id"] for c in doc["capabilities"]] == ["sso"]
    assert changes(doc)["R-1"]["kind"] == "broken"
    code, doc = diff_json(capsys, "HEAD:./capabilities.yaml", "HEAD:capabilities.yaml")
    assert code == 0 and doc["capabilities"] == []


@pytest.mark.parametrize(
    "spec, message",
    [
        ("nope:capabilities.yaml", "cannot read from git"),
        ("HEAD:missing.yaml", "cannot read from git"),
        ("HEAD:deals", "is a tree in git, not a file"),
        ("--output=x:capabilities.yaml", "a git revision cannot start with '-'"),
        ("HEAD:", "no such file"),
    ],
)
def test_bad_git_revision_is_a_clean_input_error(repo, capsys, spec, message):
    code, out, err = run(["diff", "--", spec, "capabilities.yaml"], capsys)
    assert code == 2 and out == ""
    assert err.startswith(f"dealcheck: error: {spec}: ") and message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (repo / "x").exists()


def test_invalid_catalogue_from_git_lists_its_problems(repo, capsys):
    (repo / "capabilities.yaml").write_text("product: X\ncapabilities:\n  - {id: Bad_Id}\n")
    git(repo, "commit", "--quiet", "-am", "broken catalogue")
    code, out, err = run(["diff", "HEAD:capabilities.yaml", str(OLD)], capsys)
    assert code == 2 and out == ""
    assert "HEAD:capabilities.yaml:3:" in err and "malformed id 'Bad_Id'" in err


# -- bad input ------------------------------------------------------------------------------


def test_bad_inputs_exit_2(tmp_path, capsys):
    code, _, err = run(["diff", str(tmp_path / "nope.yaml"), str(OLD)], capsys)
    assert code == 2 and "no such file" in err
    bad_deal = tmp_path / "deal.yaml"
    bad_deal.write_text("deal: X\nrequirements:\n  - {id: 1, txt: oops}\n")
    code, _, err = run(["diff", str(OLD), str(OLD), str(bad_deal)], capsys)
    assert code == 2 and f"{bad_deal}:3:" in err and "unknown key 'txt'" in err
    not_report = tmp_path / "gaps.jsonl"
    not_report.write_text('{"schema": "dealcheck.gaps/1"}\n')
    code, _, err = run(["diff", str(OLD), str(OLD), str(not_report)], capsys)
    assert code == 2 and f"{not_report}:1:" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run(["diff", str(OLD), str(OLD), str(empty)], capsys)
    assert code == 2 and "no deal, requirement or report files" in err
    code, _, err = run(["diff", str(OLD)], capsys)
    assert code == 2


def test_the_same_verdict_that_needs_more_is_a_broken_promise():
    """supported -> supported, but now only in a higher edition or with another add-on."""
    from dealcheck.diff.deals import classify
    from dealcheck.report import Needs, RequirementResult

    def result(edition, add_ons=()):
        return RequirementResult(
            id="R-1", text="SAML SSO", priority="must", source={"file": "d.txt", "line": 1},
            verdict="supported", at_risk=False, confidence=1.0,
            needs=Needs(edition=edition, add_ons=list(add_ons)),
        )  # fmt: skip

    ranks = {"team": 1, "business": 2, "enterprise": 3}

    def rank(edition):
        return ranks.get(edition, -1)

    assert classify(result("business"), result("enterprise"), rank)[0] == "broken"
    assert classify(result("enterprise"), result("business"), rank)[0] == "win"
    assert classify(result(None), result(None, ["Security Pack"]), rank)[0] == "broken"
    assert classify(result("business"), result("business"), rank) is None


def test_deals_are_rechecked_with_the_answer_library(tmp_path, capsys):
    """A requirement only the library answers is a promise too: its break is reported."""
    import re
    from pathlib import Path

    from dealcheck.cli import main

    bundled = (Path(__file__).resolve().parents[2] / "capabilities.yaml").read_text()
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    (tmp_path / "old" / "capabilities.yaml").write_text(bundled)
    start = bundled.index("  - id: sso-saml")
    end = bundled.index("\n  - id:", start + 5)
    moved = re.sub(r"editions: \[[^\]]*\]", "editions: [enterprise]", bundled[start:end])
    (tmp_path / "new" / "capabilities.yaml").write_text(bundled[:start] + moved + bundled[end:])
    (tmp_path / "new" / "answers.yaml").write_text(
        "answers:\n"
        "  - text: Employees sign in once with their corporate network account\n"
        "    capabilities: [sso-saml]\n    reviewed_by: Dana\n    reviewed: 2026-11-01\n"
    )
    deal = tmp_path / "acme.yaml"
    deal.write_text(
        "edition: business\nrequirements:\n"
        "  - Employees sign in once with their corporate network account\n"
    )
    old, new = (
        str(tmp_path / "old" / "capabilities.yaml"),
        str(tmp_path / "new" / "capabilities.yaml"),
    )
    with pytest.raises(SystemExit) as exc:
        main(["diff", old, new, str(deal), "--format", "json"])
    assert exc.value.code == 1, capsys.readouterr()


def test_a_partial_answer_now_at_risk_is_a_broken_promise():
    """Regression from review: a deprecated capability's end of life moved before go-live
    keeps the verdict partial but makes it at risk; the diff must say so."""
    from dealcheck.diff.deals import classify
    from dealcheck.report import RequirementResult

    def result(at_risk):
        return RequirementResult(
            id="R-1", text="Directory sync", priority="must", source={"file": "d.txt", "line": 1},
            verdict="partial", at_risk=at_risk, confidence=1.0,
        )  # fmt: skip

    assert classify(result(False), result(True))[0] == "broken"
    assert classify(result(True), result(False))[0] == "win"
    assert classify(result(False), result(False)) is None
