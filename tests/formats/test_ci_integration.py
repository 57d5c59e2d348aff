"""CI integration: the pre-commit hook (installed and run for real) and the GitHub Action.

The pre-commit test clones this repository at HEAD, points a throw-away project's
.pre-commit-config.yaml at the clone (pre-commit accepts a local path as `repo`), and lets
pre-commit build its own virtualenv and pip-install dealcheck from it: it needs the package
index and takes a minute or two. It is skipped when pre-commit is not installed, when
DEALCHECK_SKIP_PRECOMMIT is set, or when HEAD has no .pre-commit-hooks.yaml yet.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from .conftest import CATALOG, ROOT, STANDIN_TEXT_READER, has_text_reader

SUPPORTED = "SEC-1: The platform must support SAML single sign-on\n"
UNSUPPORTED = "CMP-1: Documents must be anchored by blockchain notarisation\n"


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        [
            "git",
            "-c",
            "user.name=dealcheck tests",
            "-c",
            "user.email=tests@dealcheck.invalid",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
            *args,
        ],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


# ---- pre-commit -------------------------------------------------------------------------------


def test_hook_manifest():
    from pre_commit.clientlib import load_manifest

    hooks = {h["id"]: h for h in load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))}
    assert set(hooks) == {"dealcheck", "dealcheck-diff"}  # the diff hook: tests/diff/
    hook = hooks["dealcheck"]
    assert hook["entry"] == "dealcheck deals", "whole deals, not the staged files alone"
    assert hook["language"] == "python" and hook["pass_filenames"] is True
    assert hook["require_serial"] is True, "one run sees every staged file of a deal"
    files = re.compile(hook["files"])
    for path in (
        "deals/globex/rfp.xlsx",
        "contracts/draft.md",
        "deals/deal.yaml",
        "deals/q.txt",
        "contracts/a.docx",
        "deals/b.pdf",
        "deals/m.csv",
        "capabilities.yaml",  # a catalogue change rechecks every deal
        "waivers.yaml",
    ):
        assert files.search(path), path
    for path in (
        "README.md",
        ".pre-commit-config.yaml",
        "docs/CI.md",
        "deals/logo.png",
        "docs/capabilities.yaml",
    ):
        assert not files.search(path), path


def _precommit_skip_reason() -> str | None:
    if importlib.util.find_spec("pre_commit") is None:
        return "pre-commit is not installed"
    if os.environ.get("DEALCHECK_SKIP_PRECOMMIT"):
        return "DEALCHECK_SKIP_PRECOMMIT is set"
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        return "not a git checkout"
    probe = subprocess.run(
        ["git", "cat-file", "-e", "HEAD:.pre-commit-hooks.yaml"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if probe.returncode != 0:
        return "HEAD has no .pre-commit-hooks.yaml yet (commit it first)"
    return None


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """A clone of HEAD to install the hook from (with a stand-in .txt reader if HEAD has none)."""
    reason = _precommit_skip_reason()
    if reason:
        pytest.skip(reason)
    clone = tmp_path_factory.mktemp("hook-repo") / "dealcheck"
    git(ROOT.parent, "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone))
    if not (clone / "src" / "dealcheck" / "sources" / "text.py").exists():
        # The readers are written concurrently; the hook's plumbing is what is tested here.
        (clone / "src" / "dealcheck" / "sources" / "text.py").write_text(
            STANDIN_TEXT_READER.lstrip(), encoding="utf-8"
        )
        git(clone, "add", "src/dealcheck/sources/text.py")
        git(clone, "commit", "--quiet", "-m", "test: stand-in .txt reader")
    return clone, git(clone, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def project(tmp_path_factory, hook_repo) -> Path:
    clone, rev = hook_repo
    project = tmp_path_factory.mktemp("project")
    git(project, "init", "--quiet")
    shutil.copy(CATALOG, project / "capabilities.yaml")
    (project / "deals").mkdir()
    (project / "deals" / "ok.txt").write_text(SUPPORTED, encoding="utf-8")
    (project / "deals" / "bad.txt").write_text(SUPPORTED + UNSUPPORTED, encoding="utf-8")
    (project / "README.md").write_text(
        "Blockchain notarisation must be offered\n", encoding="utf-8"
    )
    (project / ".pre-commit-config.yaml").write_text(
        textwrap.dedent(f"""\
        repos:
          - repo: {clone}
            rev: {rev}
            hooks:
              - id: dealcheck
                args: [--edition, business]
        """),
        encoding="utf-8",
    )
    git(project, "add", ".")
    return project


def pre_commit(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(project.parent / "pre-commit-home"),
        "PRE_COMMIT_COLOR": "never",
        "NO_COLOR": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    env.pop("DEALCHECK_CATALOG", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "dealcheck", "--verbose", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_precommit_hook_passes_a_good_deal(project):
    result = pre_commit(project, "--files", "deals/ok.txt")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Passed" in output and "supported" in output


def test_precommit_hook_blocks_a_bad_deal(project):
    result = pre_commit(project, "--files", "deals/bad.txt")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Failed" in output and "unsupported" in output.lower()


def test_precommit_hook_ignores_other_files(project):
    result = pre_commit(project, "--files", "README.md")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "no files to check" in output.lower()


# ---- the GitHub Action ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_action_is_a_composite_that_installs_itself(action):
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    assert steps[0]["uses"].startswith("actions/setup-python@")
    install = steps[1]
    assert "${{ github.action_path }}" in install["env"].values()
    assert "pip install" in install["run"] and "${ACTION_PATH}" in install["run"]
    upload = next(
        s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")
    )
    assert "inputs.sarif-upload == 'true'" in upload["if"]
    for name in (
        "requirements",
        "catalog",
        "format",
        "fail-on",
        "edition",
        "sarif-upload",
        "waivers",
        "min-coverage",
        "fail-priority",
    ):
        assert name in action["inputs"], name


def test_action_inputs_never_spliced_into_scripts(action):
    """Script injection: ${{ }} only in env/with, never inside a run: script."""
    referenced = set()
    for step in action["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), step.get("name")
        for value in list(step.get("env", {}).values()) + list(step.get("with", {}).values()):
            referenced.update(re.findall(r"inputs\.([\w-]+)", str(value)))
        referenced.update(re.findall(r"inputs\.([\w-]+)", str(step.get("if", ""))))
    assert referenced <= set(action["inputs"]), referenced - set(action["inputs"])
    unused = set(action["inputs"]) - referenced
    assert not unused, f"inputs never used: {unused}"


@pytest.fixture
def shim(tmp_path) -> Path:
    """A `dealcheck` on PATH that runs this checkout (with the stand-in reader if needed)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    setup = ""
    if not has_text_reader():
        setup = (
            "import sys, types\n"
            "m = types.ModuleType('dealcheck.sources.text')\n"
            f"exec({STANDIN_TEXT_READER!r}, m.__dict__)\n"
            "sys.modules['dealcheck.sources.text'] = m\n"
        )
    script = bin_dir / "dealcheck"
    script.write_text(
        f"#!{sys.executable}\n{setup}from dealcheck.cli import main\nmain()\n", encoding="utf-8"
    )
    script.chmod(0o755)
    return bin_dir


def run_step(
    action: dict,
    step_id: str,
    inputs: dict[str, str],
    cwd: Path,
    bin_dir: Path,
    extra_env: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], str]:
    """Run one composite step's bash script as the runner would: inputs through env only."""
    step = next(
        s for s in action["runs"]["steps"] if s.get("id") == step_id or s.get("name") == step_id
    )
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values.update(inputs)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INPUT_", "GITHUB_"))}
    env.pop("DEALCHECK_CATALOG", None)
    for key, expr in step.get("env", {}).items():
        env[key] = re.sub(
            r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: values[m.group(1)], str(expr)
        )
    env.update(extra_env or {})
    output = cwd / "github_output"
    summary = cwd / "step_summary.md"
    output.write_text("")
    env.update(
        GITHUB_OUTPUT=str(output),
        GITHUB_STEP_SUMMARY=str(summary),
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        NO_COLOR="1",
    )
    script = cwd.parent / f"step-{step_id}.sh"
    script.write_text(step["run"], encoding="utf-8")
    # Exactly how the runner invokes `shell: bash`.
    proc = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
    return proc.returncode, outputs, proc.stdout + proc.stderr


@pytest.fixture
def workspace(tmp_path) -> Path:
    ws = tmp_path / "ws"
    (ws / "deals" / "globex").mkdir(parents=True)
    shutil.copy(CATALOG, ws / "capabilities.yaml")
    (ws / "deals" / "globex" / "rfp one.txt").write_text(SUPPORTED, encoding="utf-8")
    (ws / "deals" / "globex" / "extra.txt").write_text(UNSUPPORTED, encoding="utf-8")
    return ws


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_action_check_step_gate_passes(action, workspace, shim):
    code, outputs, log = run_step(
        action,
        "check",
        {
            "requirements": "deals/globex/rfp one.txt\n",
            "edition": "business",
            "sarif-upload": "true",
            "add-ons": "Security Pack, ",
        },
        workspace,
        shim,
    )
    assert code == 0, log
    assert outputs["exit-code"] == "0" and outputs["gate"] == "pass", log
    assert outputs["sarif-file"] == "dealcheck.sarif"
    assert (workspace / "dealcheck.sarif").stat().st_size > 0
    assert "## Summary" in (workspace / "step_summary.md").read_text(encoding="utf-8")
    gate_code, _, _ = run_step(action, "Gate", {}, workspace, shim, {"EXIT_CODE": "0"})
    assert gate_code == 0


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_action_check_step_gate_fails_with_globs(action, workspace, shim):
    code, outputs, log = run_step(
        action,
        "check",
        {
            "requirements": "deals/**/*.txt",
            "edition": "business",
            "format": "junit",
            "output": "report.xml",
        },
        workspace,
        shim,
    )
    assert code == 0, log
    assert outputs["exit-code"] == "1" and outputs["gate"] == "fail", log
    assert "::error title=dealcheck::the requirement gate failed" in log
    assert "CMP-1" in (workspace / "report.xml").read_text(encoding="utf-8")
    assert "sarif-file" not in outputs
    assert run_step(action, "Gate", {}, workspace, shim, {"EXIT_CODE": "1"})[0] == 1
    assert (
        run_step(
            action, "Gate", {"fail": "false"}, workspace, shim, {"EXIT_CODE": "1", "FAIL": "false"}
        )[0]
        == 0
    )


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_action_check_step_bad_input(action, workspace, shim):
    code, outputs, log = run_step(
        action, "check", {"requirements": "deals/missing.txt", "edition": "nope"}, workspace, shim
    )
    assert code == 0 and outputs["exit-code"] == "2" and outputs["gate"] == "error", log
    assert (
        run_step(
            action, "Gate", {"fail": "false"}, workspace, shim, {"EXIT_CODE": "2", "FAIL": "false"}
        )[0]
        == 2
    ), "bad input always fails"


# ---- docs/CI.md: the copy-paste examples must work ---------------------------------------------


def doc_blocks(language: str) -> list[str]:
    text = (ROOT / "docs" / "CI.md").read_text(encoding="utf-8")
    return re.findall(rf"^ *```{language}\n(.*?)^ *```", text, flags=re.S | re.M)


def test_docs_yaml_examples_parse():
    blocks = doc_blocks("yaml")
    assert len(blocks) >= 5
    for block in blocks:
        yaml.safe_load(textwrap.dedent(block))


def test_docs_waiver_example_loads(tmp_path):
    from dealcheck.requirements import Location, Requirement
    from dealcheck.waivers import load_waivers

    (block,) = [b for b in doc_blocks("yaml") if b.lstrip().startswith("# waivers.yaml")]
    path = tmp_path / "waivers.yaml"
    path.write_text(block, encoding="utf-8")
    rules = load_waivers(str(path))
    assert len(rules) == 3
    assert rules[2].applies(Requirement(id="X", text="SOAP API", source=Location("f")))


def test_docs_precommit_example_is_a_valid_config(tmp_path):
    from pre_commit.clientlib import load_config

    blocks = [b for b in doc_blocks("yaml") if b.lstrip().startswith("# .pre-commit-config")]
    ids = []
    for block in blocks:
        path = tmp_path / ".pre-commit-config.yaml"
        path.write_text(textwrap.dedent(block), encoding="utf-8")
        config = load_config(str(path))
        ids.append(config["repos"][0]["hooks"][0]["id"])
    # the hook from this repository, its local variant, and the dealcheck-diff hook
    assert ids == ["dealcheck", "dealcheck", "dealcheck-diff"]
