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
    assert cli(SUPPORTED + UPGRADE)[0] == 0
    assert cli(SUPPORTED + UNSUPPORTED)[0] == 1


def test_fail_on(cli):
    assert cli(SUPPORTED + UPGRADE, "--fail-on", "upgrade")[0] == 1
    assert cli(SUPPORTED + UPGRADE, "--fail-on", "unsupported,unknown")[0] == 0
    code, _, err = cli(SUPPORTED, "--fail-on", "nope")
    assert code == 2 and "unknown verdict 'nope'" in err


def test_fail_priority(cli):
    assert cli(SUPPORTED + ROADMAP_SHOULD)[0] == 0, "a should is not gated by default"
    assert cli(SUPPORTED + ROADMAP_SHOULD, "--fail-priority", "should")[0] == 1
    assert cli(SUPPORTED + ROADMAP_SHOULD, "--fail-priority", "may")[0] == 1


def test_min_coverage(cli):
    assert cli(SUPPORTED + UPGRADE, "--min-coverage", "50")[0] == 0
    code, out, _ = cli(SUPPORTED + UPGRADE, "--min-coverage", "51", "--format", "json")
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
