"""The dealcheck-diff pre-commit hook: its manifest, and a real run that refuses a change.

The run installs the hook from a clone of HEAD with pre-commit (see
tests/formats/test_ci_integration.py, whose skip rules and clone it shares): it is
skipped without pre-commit, with DEALCHECK_SKIP_PRECOMMIT, or outside a git checkout.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from tests.formats.test_ci_integration import git, hook_repo  # noqa: F401 (a fixture)

from .test_diff import DEAL, OLD

ROOT = Path(__file__).resolve().parents[2]


def test_diff_hook_manifest():
    from pre_commit.clientlib import load_manifest

    hooks = {h["id"]: h for h in load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))}
    hook = hooks["dealcheck-diff"]
    assert hook["entry"] == "dealcheck diff"
    assert hook["args"] == ["HEAD:capabilities.yaml", "capabilities.yaml", "deals/"]
    assert hook["pass_filenames"] is False and hook["language"] == "python"
    files = re.compile(hook["files"])
    assert files.search("capabilities.yaml")
    for other in ("deals/deal.yaml", "docs/capabilities.yaml.md", "README.md"):
        assert not files.search(other), other


@pytest.fixture(scope="module")
def project(tmp_path_factory, hook_repo) -> Path:  # noqa: F811
    clone, rev = hook_repo
    project = tmp_path_factory.mktemp("diff-project")
    git(project, "init", "--quiet")
    shutil.copy(OLD, project / "capabilities.yaml")
    (project / "deals").mkdir()
    shutil.copy(DEAL, project / "deals" / "globex.yaml")
    (project / ".pre-commit-config.yaml").write_text(
        textwrap.dedent(f"""\
        repos:
          - repo: {clone}
            rev: {rev}
            hooks:
              - id: dealcheck-diff
        """),
        encoding="utf-8",
    )
    git(project, "add", ".")
    git(project, "commit", "--quiet", "-m", "catalogue and deals")
    return project


def stage_catalogue(project: Path, edit) -> None:
    data = yaml.safe_load(OLD.read_text(encoding="utf-8"))
    edit(data)
    (project / "capabilities.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    git(project, "add", "capabilities.yaml")


def run_hook(project: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(project.parent / "pre-commit-home"),
        "PRE_COMMIT_COLOR": "never",
        "NO_COLOR": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    env.pop("DEALCHECK_CATALOG", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "dealcheck-diff", "--verbose"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_hook_refuses_a_change_that_breaks_a_promise(project):
    def move_sso(data: dict) -> None:
        next(c for c in data["capabilities"] if c["id"] == "sso")["editions"] = ["enterprise"]

    stage_catalogue(project, move_sso)
    result = run_hook(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Failed" in output and "PROMISE(S) BROKEN" in output


def test_hook_passes_a_change_that_breaks_nothing(project):
    def bump(data: dict) -> None:
        data["version"] = "2"

    stage_catalogue(project, bump)
    result = run_hook(project)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Passed" in output
