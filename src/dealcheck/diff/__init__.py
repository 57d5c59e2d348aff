"""``dealcheck diff OLD NEW [DEAL...]``: which promises a catalogue change breaks.

:mod:`.git` reads each catalogue from a file or ``REV:path``; :mod:`.catalog`
describes the change; :mod:`.deals` re-checks every deal against both
catalogues and classes each verdict that moved as a broken promise or a new
win; :mod:`.formats` renders the result. Exit 1 when a promise breaks.
"""

from __future__ import annotations

import sys
from typing import Any


def main(
    old: str,
    new: str,
    deals: list[str],
    *,
    read_options: Any = None,
    cli_context: Any = None,
    fmt: str = "table",
    output: str | None = None,
    console: Any = None,
) -> int:
    from dealcheck.diff import git
    from dealcheck.diff.catalog import diff_catalogs
    from dealcheck.diff.deals import load_deals, recheck
    from dealcheck.diff.formats import get_format
    from dealcheck.diff.result import DiffResult
    from dealcheck.requirements import DealContext
    from dealcheck.sources import ReadOptions

    old_loaded, new_loaded = git.load(old), git.load(new)
    result = DiffResult(diff_catalogs(old_loaded, new_loaded))
    if deals:
        inputs = load_deals(deals, read_options or ReadOptions(), cli_context or DealContext())
        result.deals = recheck(inputs, old_loaded.catalog, new_loaded.catalog, _answers_beside(new))
    if fmt == "table" and not output and console is not None:
        from dealcheck.diff.formats.table import print_result

        print_result(result, console)
    else:
        text = get_format(fmt).render(result)
        if output:
            from dealcheck.output import write_atomic

            write_atomic(output, text.encode("utf-8"))
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
    return result.exit_code


def _answers_beside(catalog_spec: str) -> str | None:
    """The answer library `check` would use with the new catalogue (beside it, or
    $DEALCHECK_ANSWERS), so that a diff re-checks deals exactly as `check` does."""
    import os

    from dealcheck.answers.loader import find_answers

    on_disk = catalog_spec if os.path.isfile(catalog_spec) else None
    path, named = find_answers(None, on_disk)
    if path is None or (not named and not os.path.isfile(path)):
        return None
    return path
