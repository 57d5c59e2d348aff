"""Details a new user trips over: help text, names in any case, ignored options, file modes,
deal files with several mistakes, pinned capabilities, warnings, impossible dates."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from dealcheck.cli import main

CATALOG = str(Path(__file__).parent / "engine" / "catalog.yaml")
SAML = "SEC-1: The platform must support SAML single sign-on\n"
BLOCKCHAIN = "CMP-1: Documents must be anchored by blockchain notarisation\n"


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_help_shows_a_single_percent_sign(capsys):
    code, out, _ = run(["check", "--help"], capsys)
    assert code == 0
    assert "PCT%" in out.replace("\n", " ")
    assert "%%" not in out


@pytest.mark.parametrize(
    ("option", "given", "canonical"),
    [
        ("--edition", "Business", "business"),
        ("--edition", "ENTERPRISE", "enterprise"),
        ("--deployment", "SaaS", "saas"),
        ("--region", "EU", "eu"),
    ],
)
def test_context_names_match_in_any_case(tmp_path, capsys, option, given, canonical):
    rfp = write(tmp_path, "rfp.txt", SAML)
    code, out, err = run(["check", rfp, "-c", CATALOG, option, given, "--format", "json"], capsys)
    assert code in (0, 1), err
    deal = json.loads(out)["deal"]
    assert deal[option.lstrip("-")] == canonical


def test_context_names_in_a_deal_file_match_in_any_case(tmp_path, capsys):
    deal = write(
        tmp_path,
        "deal.yaml",
        "edition: Business\nregion: EU\nrequirements:\n  - Must support SAML SSO\n",
    )
    code, out, err = run(["check", deal, "-c", CATALOG, "--format", "json"], capsys)
    assert code == 0, err
    assert json.loads(out)["deal"]["edition"] == "business"


def test_an_unknown_name_still_fails_with_a_hint(tmp_path, capsys):
    rfp = write(tmp_path, "rfp.txt", SAML)
    code, _, err = run(["check", rfp, "-c", CATALOG, "--edition", "Busines"], capsys)
    assert code == 2
    assert "unknown edition 'Busines'" in err and "did you mean 'business'" in err


def test_sheet_on_a_text_file_is_reported(tmp_path, capsys):
    rfp = write(tmp_path, "rfp.txt", SAML)
    code, _, err = run(["check", rfp, "-c", CATALOG, "--sheet", "Security"], capsys)
    assert code == 0
    assert "--sheet" in err and "rfp.txt" in err and "ignored" in err
    code, _, err = run(["read", rfp, "--sheet", "Security"], capsys)
    assert code == 0 and "--sheet" in err and "ignored" in err


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_output_files_respect_the_umask(tmp_path, capsys, umask):
    rfp = write(tmp_path, "rfp.txt", SAML)
    target = tmp_path / "report.json"
    old = os.umask(umask)
    try:
        code, _, err = run(
            ["check", rfp, "-c", CATALOG, "--format", "json", "--output", str(target)], capsys
        )
    finally:
        os.umask(old)
    assert code in (0, 1), err
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_overwriting_an_output_keeps_its_mode(tmp_path, capsys):
    rfp = write(tmp_path, "rfp.txt", SAML)
    target = tmp_path / "report.json"
    target.write_text("old")
    target.chmod(0o640)
    code, _, err = run(
        ["check", rfp, "-c", CATALOG, "--format", "json", "--output", str(target)], capsys
    )
    assert code in (0, 1), err
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert json.loads(target.read_text())["schema"] == "dealcheck.report/1"


def test_a_deal_file_reports_every_mistake_at_once(tmp_path, capsys):
    deal = write(
        tmp_path,
        "deal.yaml",
        "deal: Globex\n"
        "edtion: business\n"  # line 2: misspelt key
        "go_live: next spring\n"  # line 3: not a date
        "requirements:\n"
        "  - id: A\n"
        "    text: Must support SAML SSO\n"
        "    priority: critical\n"  # line 7: unknown priority
        "  - id: B\n"
        "    txt: SCIM provisioning\n",  # line 9: misspelt key (and no text)
    )
    code, out, err = run(["check", deal, "-c", CATALOG], capsys)
    assert code == 2 and out == ""
    lines = [x for x in err.splitlines() if x.strip()]
    assert all(x.startswith("dealcheck: error: ") for x in lines), err
    for where, what in (
        (":2:", "unknown key 'edtion'"),
        (":3:", "not a date"),
        (":7:", "unknown priority 'critical'"),
        (":9:", "unknown key 'txt'"),
    ):
        assert any(where in x and what in x for x in lines), (where, what, err)
    assert "Traceback" not in err


def test_names_the_catalogue_lacks_are_reported_with_the_files_own_mistakes(tmp_path, capsys):
    """An edition, a region, an add-on and a pinned capability the catalogue does not have,
    beside a mistake in the file itself: one run names them all, each at its line (three
    runs were needed, one mistake each)."""
    deal = write(
        tmp_path,
        "deal.yaml",
        "deal: Globex 2027 renewal\n"
        "edition: platinum\n"  # line 2
        "region: mars\n"  # line 3
        "add_ons: [Security Pak]\n"  # line 4
        "go_live: 2027-02-30\n"  # line 5: no such day
        "requirements:\n"
        "  - id: SEC-1\n"
        "    text: Must support SAML single sign-on\n"
        "    capability: sso-saml\n"
        "  - id: SEC-2\n"
        "    text: SCIM provisioning is required\n"
        "    capability: scimm\n",  # line 12
    )
    code, out, err = run(["check", deal, "-c", CATALOG], capsys)
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert len(lines) == 5 and all(x.startswith("dealcheck: error: ") for x in lines), err
    for line, (where, what, fix) in zip(
        lines,
        (
            (":2:10:", "unknown edition 'platinum'", "valid: starter, team, business, enterprise"),
            (":3:9:", "unknown region 'mars'", "valid: us, eu, uk"),
            (":4:", "unknown add-on 'Security Pak'", "did you mean 'Security Pack'"),
            (":5:", "go_live: 2027-02-30 is not a valid date", ""),
            (":12:17:", "unknown capability 'scimm'", "did you mean 'scim'"),
        ),
        strict=True,
    ):
        assert f"{deal}{where}" in line and what in line and fix in line, (line, err)
    code, _, err = run(["check", deal, "-c", CATALOG, "--edition", "gold"], capsys)
    assert code == 2
    assert "dealcheck: error: unknown edition 'gold'" in err, "the command line's, too"
    assert "unknown edition 'platinum'" not in err and "unknown region 'mars'" in err


def test_a_deal_file_whose_mistakes_leave_no_requirement_reports_them_all(tmp_path, capsys):
    """Regression: a misspelt 'requirments' key stopped the run before the misspelt edition
    and region were read: one run names every mistake."""
    deal = write(
        tmp_path,
        "deal.yaml",
        "deal: Typo\nedition: platinum\nregion: mars\nrequirments:\n  - SAML SSO\n",
    )
    code, out, err = run(["check", deal, "-c", CATALOG], capsys)
    assert code == 2 and out == "" and "Traceback" not in err
    for what in (
        "unknown edition 'platinum'",
        "unknown region 'mars'",
        "unknown key 'requirments'",
    ):
        assert what in err, (what, err)


def test_a_pinned_capability_that_does_not_exist_is_an_error(tmp_path, capsys):
    deal = write(
        tmp_path,
        "deal.yaml",
        "requirements:\n"
        "  - id: A\n"
        "    text: Must support SAML SSO\n"
        "    capability: sso-saml\n"
        "  - id: B\n"
        "    text: Automatic provisioning\n"
        "    capability: scimm\n"  # line 7
        "  - id: C\n"
        "    text: Something else entirely\n"
        "    capability: no-such-thing-at-all\n",  # line 10
    )
    code, out, err = run(["check", deal, "-c", CATALOG], capsys)
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert len(lines) == 2 and all(x.startswith("dealcheck: error: ") for x in lines), err
    assert f"{deal}:7:17:" in lines[0] and "unknown capability 'scimm'" in lines[0]
    assert "did you mean 'scim'" in lines[0]
    assert f"{deal}:10:17:" in lines[1]
    assert "unknown capability 'no-such-thing-at-all'" in lines[1]


def test_an_expired_waiver_is_warned_about_once(tmp_path, capsys):
    rfp = write(tmp_path, "rfp.txt", SAML + BLOCKCHAIN)
    waivers = write(
        tmp_path,
        "waivers.yaml",
        "waivers:\n  - text: blockchain\n    approved_by: Dana\n"
        "    reason: out of scope\n    expires: 2001-01-01\n",
    )
    code, out, err = run(["check", rfp, "-c", CATALOG, "--waivers", waivers], capsys)
    assert code == 1
    both = out + err
    assert both.count("expired on 2001-01-01") == 1, both
    assert "dealcheck: warning: waiver for CMP-1 by Dana expired on 2001-01-01" in err


def test_a_table_written_to_a_file_keeps_its_warnings(tmp_path, capsys):
    rfp = write(tmp_path, "rfp.txt", SAML + BLOCKCHAIN)
    waivers = write(
        tmp_path,
        "waivers.yaml",
        "waivers:\n  - text: blockchain\n    approved_by: Dana\n"
        "    reason: out of scope\n    expires: 2001-01-01\n",
    )
    target = tmp_path / "report.txt"
    run(["check", rfp, "-c", CATALOG, "--waivers", waivers, "--output", str(target)], capsys)
    assert "expired on 2001-01-01" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("body", "where", "needle"),
    [
        (
            "product: X\ncapabilities:\n  - id: a\n    name: A\n    reviewed: 2026-02-30\n",
            ":5:15:",
            "reviewed: 2026-02-30 is not a valid date",
        ),
        (
            "product: X\ncapabilities:\n  - id: a\n    name: A\n    status: roadmap\n"
            "    eta: 2027-02-29\n",
            ":6:10:",
            "eta: 2027-02-29 is not a valid date",
        ),
    ],
)
def test_an_impossible_date_in_the_catalogue_says_so(tmp_path, capsys, body, where, needle):
    catalog = write(tmp_path, "capabilities.yaml", body)
    code, out, err = run(["lint", catalog], capsys)
    assert code == 2
    assert where in out and needle in out, out
    assert "got text" not in out + err


def test_an_impossible_date_in_a_deal_or_waiver_file_says_so(tmp_path, capsys):
    deal = write(tmp_path, "deal.yaml", "go_live: 2027-02-30\nrequirements: [Must support SAML]\n")
    code, _, err = run(["check", deal, "-c", CATALOG], capsys)
    assert code == 2 and f"{deal}:1:10:" in err and "not a valid date" in err
    rfp = write(tmp_path, "rfp.txt", SAML)
    waivers = write(
        tmp_path,
        "waivers.yaml",
        "waivers:\n  - id: SEC-1\n    approved_by: Dana\n    reason: r\n    expires: 2027-04-31\n",
    )
    code, _, err = run(["check", rfp, "-c", CATALOG, "--waivers", waivers], capsys)
    assert code == 2 and f"{waivers}:5:14:" in err and "not a valid date" in err


def test_a_changed_answer_library_rechecks_every_deal(tmp_path, monkeypatch, capsys):
    """The library beside the catalogue answers every deal, like the catalogue itself."""
    import shutil
    from pathlib import Path

    from dealcheck.cli import main

    root = Path(__file__).resolve().parents[1]
    shutil.copy(root / "capabilities.yaml", tmp_path / "capabilities.yaml")
    (tmp_path / "answers.yaml").write_text("answers: []\n", encoding="utf-8")
    (tmp_path / "deals" / "acme").mkdir(parents=True)
    (tmp_path / "deals" / "acme" / "deal.yaml").write_text(
        "edition: business\nrequirements:\n  - SAML single sign-on\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DEALCHECK_CATALOG", raising=False)
    monkeypatch.delenv("DEALCHECK_ANSWERS", raising=False)
    with pytest.raises(SystemExit):
        main(["deals", "answers.yaml"])
    out = capsys.readouterr().out
    assert "checking every deal" in out and "deals/acme" in out
