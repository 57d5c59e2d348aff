"""Shared fixtures: a small catalogue of our own, a library writer, and the CLI runner."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from dealcheck.catalog import load_catalog
from dealcheck.cli import main

CATALOG = Path(__file__).with_name("catalog.yaml")


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    """Run the real entry point (``main``): exit code, stdout, stderr."""
    with pytest.raises(SystemExit) as exc:
        main(argv)
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def write(path: Path, text: str) -> str:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="session")
def catalog():
    return load_catalog(str(CATALOG)).catalog


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A folder holding a copy of the test catalogue (answers.yaml is looked for beside it)."""
    (tmp_path / "capabilities.yaml").write_text(CATALOG.read_text(encoding="utf-8"))
    return tmp_path


@pytest.fixture(autouse=True)
def _no_library_from_the_environment(monkeypatch):
    monkeypatch.delenv("DEALCHECK_ANSWERS", raising=False)
    monkeypatch.delenv("DEALCHECK_CATALOG", raising=False)
    monkeypatch.delenv("DEALCHECK_REVIEWER", raising=False)
