"""The cache of a large library: same answers as parsing, never stale, never required."""

from __future__ import annotations

import json

import pytest

from dealcheck.answers import cache
from dealcheck.answers.lookup import catalogue_canon
from dealcheck.requirements import Location, Requirement


def library_text(n: int, capability: str = "audit-log") -> str:
    lines = ["# many answers", "answers:"]
    for i in range(n):
        lines += [
            f"  - text: Administrator actions in workspace {i} must be recorded",
            f"    capabilities: [{capability}]",
            "    reviewed_by: Dana Reyes",
            "    reviewed: 2026-11-20",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def big_library(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "CACHE_MIN_BYTES", 1)  # cache even a small file
    path = tmp_path / "answers.yaml"
    path.write_text(library_text(50), encoding="utf-8")
    return path


def ask(library, text: str):
    return library(Requirement(id="R-1", text=text, source=Location("rfp.txt", 1)))


def load(path, catalog):
    return cache.load_library(str(path), catalog, catalogue_canon(catalog), "answers.yaml")


def test_the_cached_library_answers_like_the_parsed_one(big_library, catalog, tmp_path):
    first = load(big_library, catalog)
    entries = list((tmp_path / "cache").glob("answers-*.json"))
    assert len(entries) == 1, "the first load writes the cache"
    second = load(big_library, catalog)
    assert second.lookup.prepared() == first.lookup.prepared()
    for library in (first, second):
        hit = ask(library, "administrator actions in workspace 7 must be recorded!")
        assert hit is not None and hit.capabilities == ("audit-log",)
        assert hit.info.library == "answers.yaml:31" and hit.info.similarity == 1.0


def test_a_changed_library_is_never_answered_from_the_old_cache(big_library, catalog):
    load(big_library, catalog)
    big_library.write_text(library_text(50, capability="siem-export"), encoding="utf-8")
    hit = ask(load(big_library, catalog), "Administrator actions in workspace 7 must be recorded")
    assert hit is not None and hit.capabilities == ("siem-export",)


def test_a_damaged_cache_entry_is_parsed_again(big_library, catalog, tmp_path):
    load(big_library, catalog)
    (entry,) = (tmp_path / "cache").glob("answers-*.json")
    entry.write_text(json.dumps({"answers": [{"text": "x"}], "lines": [], "prepared": []}))
    hit = ask(load(big_library, catalog), "Administrator actions in workspace 3 must be recorded")
    assert hit is not None and hit.capabilities == ("audit-log",)


def test_an_unwritable_cache_folder_is_not_an_error(big_library, catalog, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    hit = ask(load(big_library, catalog), "Administrator actions in workspace 3 must be recorded")
    assert hit is not None
