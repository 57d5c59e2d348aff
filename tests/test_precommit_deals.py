"""The pre-commit hook checks whole deals: a staged requirement file is checked with its deal
folder's deal.yaml, a staged catalogue rechecks every deal. pre-commit runs for real, with the
`repo: local` configuration docs/CI.md gives (the installed dealcheck, no environment to
build), in a throw-away git repository; and the documented git install resolves for real."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dealcheck.cli import main
from dealcheck.deals import affected_deals, all_deals

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "tests" / "engine" / "catalog.yaml"
SAML = "SEC-1: The platform must support SAML single sign-on\n"  # business edition and up
OFFLINE = "OPS-2: Offline mode would be nice to have\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path) -> Path:
    shutil.copy(CATALOG, tmp_path / "capabilities.yaml")
    write(tmp_path / "deals" / "globex" / "deal.yaml", "deal: Globex\nedition: team\n")
    write(tmp_path / "deals" / "globex" / "rfp.txt", OFFLINE)
    write(tmp_path / "deals" / "globex" / "annex" / "matrix.md", "- Audit trail is required\n")
    write(tmp_path / "deals" / "globex" / "waivers.yaml", "waivers: []\n")
    write(tmp_path / "deals" / "globex" / "~$rfp.docx", "lock file")
    write(tmp_path / "deals" / "initech" / "deal.yml", "edition: enterprise\nrequirements: [x]\n")
    write(tmp_path / "deals" / "initech" / "sub" / "deal.json", '{"requirements": ["y"]}')
    write(tmp_path / "contracts" / "draft.md", "- SAML SSO is required\n")
    write(tmp_path / "docs" / "notes.md", "- not a deal\n")
    return tmp_path


def test_a_staged_file_brings_its_whole_deal(tree):
    affected = affected_deals(["deals/globex/rfp.txt"], base=tree)
    (deal,) = affected.deals
    assert deal.name == "deals/globex"
    assert deal.files == [
        "deals/globex/deal.yaml",
        "deals/globex/annex/matrix.md",
        "deals/globex/rfp.txt",
    ]


def test_nested_deal_folders_single_files_and_other_files(tree):
    affected = affected_deals(
        ["deals/initech/sub/deal.json", "contracts/draft.md", "docs/notes.md", "README.md"],
        base=tree,
    )
    assert [(d.name, d.files) for d in affected.deals] == [
        ("contracts/draft.md", ["contracts/draft.md"]),
        ("deals/initech/sub", ["deals/initech/sub/deal.json"]),
    ]
    assert affected.ignored == ["docs/notes.md", "README.md"]


def test_a_catalogue_or_waiver_change_affects_every_deal(tree):
    every = [d.name for d in all_deals([tree / "deals", tree / "contracts"], tree)]
    assert every == ["contracts/draft.md", "deals/globex", "deals/initech", "deals/initech/sub"]
    for changed in ("capabilities.yaml", "waivers.yaml"):
        affected = affected_deals([changed], shared=["waivers.yaml"], base=tree)
        assert [d.name for d in affected.deals] == every and affected.everything == changed


def test_deals_command_checks_with_the_deal_context(tree, capsys, monkeypatch):
    monkeypatch.chdir(tree)
    monkeypatch.delenv("DEALCHECK_CATALOG", raising=False)
    write(tree / "deals" / "globex" / "rfp.txt", OFFLINE + SAML)
    with pytest.raises(SystemExit) as exc:
        main(["deals", "deals/globex/rfp.txt"])
    out, err = capsys.readouterr()
    assert exc.value.code == 1, out + err
    assert "== deals/globex: deals/globex/deal.yaml" in out
    assert "edition: team" in out and "UPGRADE" in out
    # The same file checked alone (what the old hook did) passes: no edition, no gate.
    with pytest.raises(SystemExit) as exc:
        main(["check", "deals/globex/rfp.txt"])
    assert exc.value.code == 0
    capsys.readouterr()
    with pytest.raises(SystemExit) as exc:
        main(["deals", "README.md"])
    out, _ = capsys.readouterr()
    assert exc.value.code == 0 and "no deal to check" in out


def test_a_bad_deal_is_reported_and_the_others_still_checked(tree, capsys, monkeypatch):
    monkeypatch.chdir(tree)
    monkeypatch.delenv("DEALCHECK_CATALOG", raising=False)
    write(tree / "deals" / "initech" / "deal.yml", "edtion: enterprise\nrequirements: [x]\n")
    with pytest.raises(SystemExit) as exc:
        main(["deals", "--all"])
    out, err = capsys.readouterr()
    assert exc.value.code == 2
    assert "unknown key 'edtion'" in err
    assert "== deals/globex" in out and "== contracts/draft.md" in out


# --- pre-commit, for real --------------------------------------------------------------------


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-c", "user.name=dealcheck tests", "-c", "user.email=tests@dealcheck.invalid",
         "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=cwd, capture_output=True, text=True, check=False, env=_env(cwd),
    )  # fmt: skip


def _env(cwd: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "DEALCHECK_"))}
    env.update(
        PRE_COMMIT_HOME=str(cwd.parent / "pre-commit-home"),
        PRE_COMMIT_COLOR="never",
        NO_COLOR="1",
        # The installed dealcheck (this venv's) on PATH: the local hook's `language: system`.
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    return env


def local_hook_config() -> str:
    """docs/CI.md's `repo: local` configuration, as a user copies it."""
    text = (ROOT / "docs" / "CI.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^ *```yaml\n(.*?)^ *```", text, flags=re.S | re.M)
    (block,) = [b for b in blocks if "repo: local" in b]
    return textwrap.dedent(block)


@pytest.fixture
def repo(tmp_path) -> Path:
    if (
        shutil.which("git") is None
        or shutil.which("dealcheck", path=_env(tmp_path)["PATH"]) is None
    ):
        pytest.skip("needs git and an installed dealcheck")
    pytest.importorskip("pre_commit")
    project = tmp_path / "project"
    project.mkdir()
    assert git(project, "init", "--quiet").returncode == 0
    shutil.copy(CATALOG, project / "capabilities.yaml")
    write(
        project / "deals" / "globex" / "deal.yaml",
        "deal: Globex\ncustomer: Globex\nedition: team\n",
    )
    write(project / "deals" / "globex" / "rfp.txt", OFFLINE)
    write(project / "deals" / "initech" / "rfp.txt", OFFLINE)
    write(project / ".pre-commit-config.yaml", local_hook_config())
    git(project, "add", ".")
    committed = git(project, "commit", "--quiet", "--no-verify", "-m", "deals")
    assert committed.returncode == 0, committed.stderr
    installed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=project, env=_env(project), capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return project


def test_precommit_checks_a_staged_file_with_its_unstaged_deal_context(repo):
    # Only the requirement file changes; deal.yaml (edition: team) is not staged.
    write(repo / "deals" / "globex" / "rfp.txt", OFFLINE + SAML)
    git(repo, "add", "deals/globex/rfp.txt")
    result = git(repo, "commit", "-m", "Globex asks for SAML")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Failed" in output
    assert "deals/globex/deal.yaml" in output and "edition: team" in output
    assert "initech" not in output, "only the deal the commit touches"
    # With the quote raised to the business edition, the same commit goes through.
    write(repo / "deals" / "globex" / "deal.yaml", "deal: Globex\nedition: business\n")
    git(repo, "add", "deals/globex/deal.yaml", "deals/globex/rfp.txt")
    result = git(repo, "commit", "-m", "Globex asks for SAML, quoted business")
    assert result.returncode == 0, result.stdout + result.stderr


def test_precommit_rechecks_every_deal_when_the_catalogue_changes(repo):
    write(repo / "deals" / "initech" / "rfp.txt", OFFLINE + SAML)
    write(repo / "deals" / "globex" / "rfp.txt", OFFLINE + SAML)
    git(repo, "add", "deals")
    git(repo, "commit", "--quiet", "--no-verify", "-m", "both ask for SAML")
    catalog = (repo / "capabilities.yaml").read_text(encoding="utf-8")
    write(repo / "capabilities.yaml", catalog.replace('version: "1.0"', 'version: "1.1"'))
    git(repo, "add", "capabilities.yaml")
    result = git(repo, "commit", "-m", "catalogue 1.1")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "capabilities.yaml changed: checking every deal" in output
    assert "== deals/globex" in output and "== deals/initech/rfp.txt" in output


def test_precommit_skips_a_commit_that_touches_no_deal(repo):
    write(repo / "README.md", "Blockchain notarisation must be offered\n")
    git(repo, "add", "README.md")
    result = git(repo, "commit", "-m", "readme")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no files to check" in (result.stdout + result.stderr).lower()


# --- installing from the git repository, as the docs say ---------------------------------------

PLACEHOLDER_URL = "https://github.example/your-org/dealcheck"


def pip_lines() -> list[str]:
    lines = []
    for doc in (ROOT / "README.md", ROOT / "docs" / "CI.md"):
        text = doc.read_text(encoding="utf-8")
        lines += re.findall(r'pip install "(dealcheck\[[^"]*)"', text)
    return lines


def test_the_docs_never_install_from_a_package_index_or_pin_a_missing_tag():
    lines = pip_lines()
    assert lines, "the docs show how to install dealcheck"
    for line in lines:
        assert f"@ git+{PLACEHOLDER_URL}@<commit>" in line, line
    for doc in (ROOT / "README.md", ROOT / "docs" / "CI.md"):
        text = doc.read_text(encoding="utf-8")
        assert "v0.1.0" not in text, doc.name
        for ref in re.findall(r"(?:rev:|your-org/dealcheck@)\s*([^\s\"`]+)", text):
            assert ref == "<commit>", (doc.name, ref)


@pytest.mark.skipif(bool(os.environ.get("DEALCHECK_OFFLINE")), reason="DEALCHECK_OFFLINE is set")
def test_the_documented_git_install_resolves_for_real(tmp_path):
    """pip resolves each documented requirement, with this repository's clone for the URL and
    its HEAD for <commit> (builds the package's metadata: needs the package index for the
    build backend)."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    clone = tmp_path / "dealcheck"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=clone, capture_output=True, text=True, check=True
    ).stdout.strip()
    for line in sorted(set(pip_lines())):
        requirement = line.replace(PLACEHOLDER_URL, f"file://localhost{clone}").replace(
            "<commit>", head
        )
        report = tmp_path / "report.json"
        result = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--dry-run", "--no-deps", "--quiet",
             "--disable-pip-version-check", "--report", str(report), requirement],
            capture_output=True, text=True, check=False, timeout=300,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
        (item,) = json.loads(report.read_text())["install"]
        assert item["metadata"]["name"] == "dealcheck"
        assert "formats" in item["metadata"]["provides_extra"]
        assert item["download_info"]["vcs_info"]["commit_id"] == head
