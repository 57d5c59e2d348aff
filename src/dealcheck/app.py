"""What each command does, without click: read -> match -> evaluate -> report."""

from __future__ import annotations

from typing import Any


def run_lint(catalog_path: str | None, **options: Any) -> int:
    from dealcheck.lint import main as lint_main

    return lint_main(catalog_path, **options)
