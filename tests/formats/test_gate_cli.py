"""The gate options and waivers through the real command line (dealcheck.cli.main)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dealcheck.cli import main
from dealcheck.formats import FORMATS

from .conftest import CATALOG

SUPPORTED = "SEC-1: The platform must support SAML single sign-on\n"
UPGRADE = "SEC-2: SCIM provisioning is required\n"
ROADMAP_SHOULD = "SEC-3: Should offer OIDC SSO\n"
UNSUPPORTED = "CMP-1: Documents must be anchored by blockchain notarisation\n"
PARTIAL = "OPS-3: The SOAP API must remain available\n"
ADD_ON = "OPS-4: Export activity to our Splunk SIEM\n"
ROADMAP_MUST = "SEC-4: OIDC SSO is required\n"


@pytest.fixture
def cli(txt_reader, tmp_path, capsys):
    """Run ``dealcheck check`` on requirement lines; return (exit code, stdout, stderr)."""

    def run(lines: str, *args: str, name: str = "rfp.txt") -> tuple[int, str, str]:
        path = tmp_path / name
        path.write_text(lines, encoding="utf-8")
        argv = ["check", str(path), "--catalog", str(CATALOG), "--edition", "business", *args]
        with pytest.raises(SystemExit) as exc:
            main(argv)
        out, err = capsys.readouterr()
        return exc.value.code, out, err

    return run


def waivers(tmp_path: Path, body: str) -> str:
    path = tmp_path / "waivers.yaml"
    path.write_text(body, encoding="utf-8")
    return str(path)


def test_default_gate(cli):
    assert cli(SUPPORTED + PARTIAL)[0] == 0
    assert cli(SUPPORTED + UNSUPPORTED)[0] == 1


def test_upgrade_fails_the_default_gate_when_the_deal_quotes_an_edition(cli):
    code, out, _ = cli(SUPPORTED + UPGRADE, "--format", "json")
    assert code == 1
    report = json.loads(out)
    (scim,) = [r for r in report["requirements"] if r["id"] == "SEC-2"]
    assert scim["verdict"] == "upgrade" and scim["fails_gate"] and not scim["at_risk"]
    assert any("business" in x and "upgrade" in x for x in report["summary"]["gate_reasons"])


@pytest.mark.parametrize(
    "quote, code",
    [
        (["--edition", "business"], 1),  # built for Enterprise, with an add-on
        (["--edition", "enterprise", "--add-on", "Security Pack"], 0),
        ([], 0),  # nothing quoted: the needs say what to quote
    ],
)
def test_a_roadmap_answer_beyond_the_quote_fails_the_default_gate(tmp_path, capsys, quote, code):
    # DLP is on the roadmap before go-live, in Enterprise with the Security Pack: on a
    # Business quote the promise needs more than the deal pays for, as an upgrade does.
    path = tmp_path / "rfp.txt"
    path.write_text("DLP: detect credit card numbers and block external sharing.\n")
    root = Path(__file__).resolve().parents[2]
    argv = ["check", str(path), "-c", str(root / "capabilities.yaml"), "--format", "json"]
    with pytest.raises(SystemExit) as exc:
        main([*argv, "--go-live", "2028-01-31", *quote])
    (dlp,) = json.loads(capsys.readouterr().out)["requirements"]
    assert dlp["verdict"] == "roadmap" and not dlp["at_risk"]
    assert exc.value.code == code and dlp["fails_gate"] == bool(code)


def test_an_add_on_outside_the_quote_fails_the_default_gate(cli):
    assert cli(SUPPORTED + ADD_ON)[0] == 1
    assert cli(SUPPORTED + ADD_ON, "--add-on", "security pack")[0] == 0


def test_without_a_quoted_edition_upgrades_say_what_to_quote(cli, tmp_path, capsys):
    path = tmp_path / "rfp.txt"
    path.write_text(SUPPORTED + UPGRADE + ADD_ON, encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["check", str(path), "--catalog", str(CATALOG), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert exc.value.code == 0
    assert report["summary"]["minimum_edition"] == "enterprise"
    assert report["summary"]["add_ons"] == ["Security Pack"]


def test_fail_on(cli):
    assert cli(SUPPORTED + PARTIAL, "--fail-on", "partial")[0] == 1
    assert cli(SUPPORTED + UPGRADE, "--fail-on", "unsupported,unknown")[0] == 0
    code, _, err = cli(SUPPORTED, "--fail-on", "nope")
    assert code == 2 and "unknown verdict 'nope'" in err and "default" in err


def test_fail_on_default_keeps_the_default_rule(cli):
    """`default` in --fail-on keeps the at-risk rule (late roadmap, upgrades beyond the quote)."""
    assert cli(SUPPORTED + PARTIAL, "--fail-on", "default")[0] == 0
    assert cli(SUPPORTED + PARTIAL, "--fail-on", "default,partial")[0] == 1
    assert cli(SUPPORTED + ROADMAP_MUST, "--fail-on", "default,partial")[0] == 1
    assert cli(SUPPORTED + ROADMAP_MUST, "--fail-on", "partial")[0] == 0
    assert cli(SUPPORTED + UPGRADE, "--fail-on", "default,partial")[0] == 1
    assert cli(SUPPORTED + UNSUPPORTED, "--fail-on", "Default")[0] == 1


def test_fail_priority(cli):
    assert cli(SUPPORTED + ROADMAP_SHOULD)[0] == 0, "a should is not gated by default"
    assert cli(SUPPORTED + ROADMAP_SHOULD, "--fail-priority", "should")[0] == 1
    assert cli(SUPPORTED + ROADMAP_SHOULD, "--fail-priority", "may")[0] == 1


def test_min_coverage(cli):
    assert cli(SUPPORTED + PARTIAL, "--min-coverage", "50")[0] == 0
    code, out, _ = cli(SUPPORTED + PARTIAL, "--min-coverage", "51", "--format", "json")
    assert code == 1
    assert any("below the minimum 51%" in r for r in json.loads(out)["summary"]["gate_reasons"])
    assert cli(SUPPORTED, "--min-coverage", "101")[0] == 2


def test_waiver_lets_the_gate_pass(cli, tmp_path):
    path = waivers(
        tmp_path,
        "waivers:\n  - id: CMP-1\n    approved_by: Dana Reyes\n"
        "    reason: out of scope\n    expires: 2999-12-31\n",
    )
    code, out, err = cli(SUPPORTED + UNSUPPORTED, "--waivers", path, "--format", "markdown")
    assert code == 0, err
    assert "waived by Dana Reyes until 2999-12-31" in out


def test_expired_waiver_warns_and_fails(cli, tmp_path):
    path = waivers(
        tmp_path,
        "waivers:\n  - text: blockchain\n    approved_by: Dana\n"
        "    reason: out of scope\n    expires: 2001-01-01\n",
    )
    code, _, err = cli(SUPPORTED + UNSUPPORTED, "--waivers", path)
    assert code == 1
    assert "warning: waiver for CMP-1 by Dana expired on 2001-01-01" in err


def test_unused_waiver_warns(cli, tmp_path):
    path = waivers(
        tmp_path,
        "waivers:\n  - id: NOPE-1\n    approved_by: Dana\n    reason: r\n    expires: 2999-01-01\n",
    )
    code, _, err = cli(SUPPORTED, "--waivers", path)
    assert code == 0 and "matches no requirement" in err


def test_malformed_waivers_exit_2_with_location(cli, tmp_path):
    path = waivers(
        tmp_path,
        "waivers:\n  - id: CMP-1\n    approved_by: Dana\n"
        "    reson: typo\n    expires: 2999-01-01\n",
    )
    code, out, err = cli(SUPPORTED + UNSUPPORTED, "--waivers", path)
    assert code == 2 and out == ""
    assert f"dealcheck: error: {path}:4:5: unknown key 'reson'" in err
    assert "did you mean 'reason'" in err and "Traceback" not in err


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_through_the_cli(cli, tmp_path, fmt):
    out_path = tmp_path / f"report.{fmt}"
    code, out, err = cli(SUPPORTED + UNSUPPORTED, "--format", fmt, "--output", str(out_path))
    assert code == 1, err
    assert out == "" and out_path.stat().st_size > 0


def test_binary_format_needs_output(cli):
    code, _, err = cli(SUPPORTED, "--format", "xlsx")
    assert code == 2 and "--output" in err


def test_output_never_overwrites_the_input(cli, tmp_path):
    target = tmp_path / "rfp.txt"
    code, _, err = cli(SUPPORTED, "--format", "csv", "--output", str(target))
    assert code == 2 and "overwrite an input" in err
    assert target.read_text(encoding="utf-8") == SUPPORTED
