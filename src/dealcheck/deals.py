"""Deals in a repository: which deal a changed file belongs to, and every file of that deal.

A pre-commit hook is given only the staged files. Checking those alone loses
a deal's context: commit a changed ``rfp.xlsx`` without its ``deal.yaml`` and
the region, edition and go-live are gone, so the hook passes a deal that a
full check fails; a changed catalogue is no requirement file at all. This
module turns changed paths into whole deals:

* a **deal folder** is a folder with a deal file (``deal.yaml``, ``deal.yml``
  or ``deal.json``); the deal is that file (first) and every requirement file
  in the folder and its subfolders (not those of a deal folder nested in it),
  sorted by path;
* a requirement file under a deal root (``deals/``, ``contracts/`` or
  ``--root``) outside any deal folder is a deal of its own;
* a change to the catalogue or the waiver file affects every deal.

Hidden files and folders, Office lock files (``~$...``) and YAML/JSON files
other than the deal file (a ``waivers.yaml`` kept beside a deal) are never
read as requirements.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dealcheck.sources import EXTENSIONS

DEAL_FILES = ("deal.yaml", "deal.yml", "deal.json")
DEFAULT_ROOTS = ("deals", "contracts")
#: requirement files inside a deal folder: every readable format but YAML/JSON (deal files)
_DOCUMENTS = frozenset(ext for ext, fmt in EXTENSIONS.items() if fmt != "deal")


@dataclass
class Deal:
    """One deal: its folder (or single file) and its files, deal file first."""

    name: str
    files: list[str] = field(default_factory=list)


def _ignored(path: Path) -> bool:
    return any(part.startswith(".") for part in path.parts) or path.name.startswith("~$")


def _deal_file(folder: Path) -> Path | None:
    for name in DEAL_FILES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def _relative(path: Path, base: Path) -> str:
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)


def deal_of_folder(folder: Path, base: Path) -> Deal:
    """The deal of a deal folder: its deal file, then its requirement files by path."""
    deal_file = _deal_file(folder)
    files: list[Path] = []
    for current, dirs, names in os.walk(folder):
        here = Path(current)
        # A nested deal folder is a deal of its own; hidden folders are not deals.
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and _deal_file(here / d) is None)
        for name in names:
            path = here / name
            if path.suffix.lower() in _DOCUMENTS and not _ignored(path.relative_to(folder)):
                files.append(path)
    ordered = ([deal_file] if deal_file else []) + sorted(files)
    return Deal(_relative(folder, base), [_relative(p, base) for p in ordered])


def _folder_of(path: Path, roots: Sequence[Path]) -> Path | None:
    """The nearest deal folder holding ``path``, not above the root it is under."""
    root = next((r for r in roots if r == path or r in path.parents), None)
    for folder in [path.parent, *path.parent.parents]:
        if _deal_file(folder) is not None:
            return folder
        if root is not None and folder == root:
            break
    return None


def all_deals(roots: Sequence[Path], base: Path) -> list[Deal]:
    """Every deal under ``roots``: deal folders, and requirement files outside them."""
    deals: dict[str, Deal] = {}
    folders: list[Path] = []
    for root in roots:
        if not root.is_dir():
            continue
        for current, dirs, names in os.walk(root):  # top-down: a folder before its children
            here = Path(current)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            if _deal_file(here) is not None:
                folders.append(here)
                deal = deal_of_folder(here, base)
                deals.setdefault(deal.name, deal)
                continue
            if any(folder in here.parents for folder in folders):
                continue  # part of the deal folder above it
            for name in sorted(names):
                path = here / name
                if path.suffix.lower() in EXTENSIONS and not _ignored(path.relative_to(root)):
                    rel = _relative(path, base)
                    deals.setdefault(rel, Deal(rel, [rel]))
    return sorted(deals.values(), key=lambda d: d.name)


@dataclass
class Affected:
    deals: list[Deal]
    #: changed files that belong to no deal (outside every root, or not a requirement file)
    ignored: list[str]
    #: why every deal is checked (a changed catalogue or waiver file), if so
    everything: str | None = None


def affected_deals(
    changed: Iterable[str],
    *,
    roots: Sequence[str] = DEFAULT_ROOTS,
    shared: Sequence[str] = (),
    base: Path | None = None,
) -> Affected:
    """The deals the ``changed`` files belong to, each whole.

    ``shared`` are files every deal depends on (the catalogue, the waiver file); a change
    to one of them, or to any ``capabilities.yaml``, affects every deal under ``roots``.
    """
    base = (base or Path.cwd()).resolve()
    root_paths = [(base / r).resolve() for r in roots]
    shared_paths = {(base / s).resolve() for s in shared if s}
    deals: dict[str, Deal] = {}
    ignored: list[str] = []
    for name in changed:
        path = (base / name).resolve()
        if path in shared_paths or path.name in ("capabilities.yaml", "capabilities.yml"):
            return Affected(all_deals(root_paths, base), [], _relative(path, base))
        folder = _folder_of(path, root_paths)
        if folder is not None:
            deal = deal_of_folder(folder, base)
            deals.setdefault(deal.name, deal)
            continue
        under_root = any(r == path or r in path.parents for r in root_paths)
        if under_root and path.suffix.lower() in EXTENSIONS and path.is_file():
            rel = _relative(path, base)
            deals.setdefault(rel, Deal(rel, [rel]))
        else:
            ignored.append(name)
    return Affected(sorted(deals.values(), key=lambda d: d.name), ignored)
