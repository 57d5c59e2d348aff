"""Catalogues from files or from git: ``capabilities.yaml`` or ``REV:path``.

``REV:path`` (``main:capabilities.yaml``, ``HEAD~1:catalog/capabilities.yaml``)
is read with ``git show`` in the current folder, as git resolves it: the path
is from the repository's root (``REV:./capabilities.yaml`` is from the current
folder). git runs without a shell, with the specification as one argument; a
revision that starts with ``-`` is refused so it can never be read as an
option. Every failure is a clean input error (exit 2).
"""

from __future__ import annotations

import os
import shutil
import subprocess

from dealcheck.catalog.loader import LoadedCatalog, load_catalog, validate_catalog
from dealcheck.errors import InputError
from dealcheck.textio import decode_text, max_bytes
from dealcheck.yamlsafe import loads

#: seconds git may take to print one file
GIT_TIMEOUT = 60


def split_revision(spec: str) -> tuple[str, str] | None:
    """``(rev, path)`` when ``spec`` names a file in git rather than on disk, else None.

    A file that exists wins (``C:\\catalog.yaml``, a file with a colon in its name).
    """
    if os.path.exists(spec) or ":" not in spec:
        return None
    rev, path = spec.split(":", 1)
    if not rev or not path:
        return None
    return rev, path


def _git(args: list[str], spec: str) -> bytes:
    git = shutil.which("git")
    if git is None:
        raise InputError("cannot read from git: git is not installed", spec)
    try:
        proc = subprocess.run(
            [git, *args],
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise InputError(f"cannot read from git: git took over {GIT_TIMEOUT} s", spec) from None
    except OSError as exc:
        raise InputError(f"cannot run git: {exc.strerror or exc}", spec) from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else f"git exited with code {proc.returncode}"
        raise InputError(f"cannot read from git: {' '.join(detail.split())}", spec)
    return proc.stdout


def read_git_file(rev: str, path: str) -> bytes:
    """The bytes of ``path`` at revision ``rev`` (``git show REV:path``)."""
    spec = f"{rev}:{path}"
    if rev.startswith("-"):
        raise InputError("a git revision cannot start with '-'", spec)
    kind = _git(["cat-file", "-t", spec], spec).decode("ascii", "replace").strip()
    if kind != "blob":
        raise InputError(f"is a {kind or 'non-file object'} in git, not a file", spec)
    data = _git(["show", "--no-textconv", spec], spec)
    if len(data) > max_bytes():
        raise InputError(
            f"file is larger than the {max_bytes():,}-byte limit",
            spec,
            hint="raise it with --max-bytes if the file is genuine",
        )
    return data


def load(spec: str) -> LoadedCatalog:
    """A validated catalogue from a file or ``REV:path``; every problem is reported."""
    revision = split_revision(spec)
    if revision is None:
        return load_catalog(spec)
    data = read_git_file(*revision)
    document, positions = loads(decode_text(data, spec), spec)
    catalog = validate_catalog(document, positions)
    return LoadedCatalog(catalog, positions, spec, document)
