"""The near-duplicate lint rule: one capability under two ids, reported with both lines."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from dealcheck.cli import main

SHARED = Path(__file__).resolve().parents[3] / "shared"
GITLAB = SHARED / "data" / "gitlab" / "capabilities.yaml"

# A small catalogue of our own: one exact duplicate, one with typos and reordered words,
# and neighbours that look alike but are different things.
CATALOG = """\
product: Acme
capabilities:
  - id: ip-allowlist
    name: Restrict access by IP address
    description: Allow sign-in only from the IP ranges an administrator lists.
  - id: container-scanning
    name: Container scanning
    description: Find known vulnerabilities in images and their dependencies.
  - id: dependency-scanning
    name: Dependency scanning
    description: Find known vulnerabilities in images and their dependencies.
  - id: project-tokens
    name: Project access tokens
    description: Tokens that act for one project over the API.
  - id: group-tokens
    name: Group access tokens
    description: Tokens that act for one group over the API.
  - id: ip-allowlist-2
    name: Restrict access by IP address
    description: Allow sign-in only from the IP ranges an administrator lists.
  - id: webhooks
    name: Webhooks
  - id: webhook-events
    name: Webhoks
  - id: ip-restriction
    name: Restrict access by IP-address
    description: Allow sign-in only from IP ranges that an administrator lists
  - id: audit-log
    name: Audit log
    description: Record of administrator actions.
  - id: audit-logs
    name: Audit logs
    description: Streams every event to a SIEM in real time.
"""


def lint(path: Path, capsys, *extra: str) -> tuple[int, list[str]]:
    with pytest.raises(SystemExit) as exc:
        main(["lint", str(path), "--today", "2026-11-23", *extra])
    out = capsys.readouterr().out
    return exc.value.code, [line for line in out.splitlines() if "(near-duplicate)" in line]


def test_duplicates_reported_with_both_lines(tmp_path, capsys):
    path = tmp_path / "capabilities.yaml"
    path.write_text(CATALOG, encoding="utf-8")
    code, found = lint(path, capsys)
    assert code == 0  # a warning, not an error
    assert found[0] == (
        f"{path}:18:9: warning: 'ip-allowlist-2' has the same name and description as"
        " 'ip-allowlist' (line 3) (merge them into one capability, or say in each what sets"
        " it apart) (near-duplicate)"
    )
    by_id = {line.split("'")[1]: line for line in found}
    assert set(by_id) == {"ip-allowlist-2", "webhook-events", "ip-restriction"}
    # a typo in a short name; neither has a description
    assert "'webhook-events' has almost the same name" in by_id["webhook-events"]
    assert ":23:9:" in by_id["webhook-events"] and "'webhooks' (line 21)" in by_id["webhook-events"]
    # punctuation and a reworded description still read as the same capability
    assert by_id["ip-restriction"].startswith(f"{path}:25:9:")
    assert "almost the same" in by_id["ip-restriction"]
    assert "'ip-allowlist' (line 3)" in by_id["ip-restriction"]


def test_alike_but_different_capabilities_pass(tmp_path, capsys):
    path = tmp_path / "capabilities.yaml"
    path.write_text(CATALOG, encoding="utf-8")
    _, found = lint(path, capsys)
    text = "\n".join(found)
    for different in ("dependency-scanning", "group-tokens", "audit-logs"):
        assert f"'{different}'" not in text


def test_rule_can_be_disabled(tmp_path, capsys):
    path = tmp_path / "capabilities.yaml"
    path.write_text(CATALOG, encoding="utf-8")
    _, found = lint(path, capsys, "--disable", "near-duplicate")
    assert found == []


def test_a_catalogue_without_descriptions_compares_names(tmp_path, capsys):
    path = tmp_path / "capabilities.yaml"
    path.write_text(
        textwrap.dedent("""\
        product: Acme
        capabilities:
          - {id: a, name: Single sign-on, aliases: [SSO]}
          - {id: b, name: Single sign on, aliases: [SAML]}
          - {id: c, name: Single sign-on, description: Federated login.}
        """),
        encoding="utf-8",
    )
    _, found = lint(path, capsys)
    assert len(found) == 1 and "'b' has the same name and description as 'a'" in found[0]


@pytest.mark.skipif(not GITLAB.is_file(), reason="../shared not present")
def test_gitlab_catalogue_pairs(capsys):
    _, found = lint(GITLAB, capsys)
    pairs = sorted((line.split("'")[1], line.split("'")[3]) for line in found)
    assert pairs == [
        ("git-protocol-v2-support-2", "git-protocol-v2-support"),
        ("restrict-access-by-ip-address-2", "restrict-access-by-ip-address"),
    ]
