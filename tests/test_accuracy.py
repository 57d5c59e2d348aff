"""Accuracy on the labelled corpus (bench/corpus/): no false promise, ever.

A false promise is a requirement reported ``supported`` (or not at risk)
when the gold answer is otherwise: the worst error dealcheck can make. The
corpus over the GitLab catalogue needs ../shared and is skipped without it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import accuracy  # noqa: E402

CATALOGS = sorted(accuracy.available_catalogs())


@pytest.fixture(scope="module")
def outcomes():
    cases = accuracy.load_cases(CATALOGS)
    if not cases:
        pytest.skip("no labelled corpus for the available catalogues")
    return accuracy.evaluate(cases)


def test_corpus_is_big_enough():
    cases = accuracy.load_cases(None)
    assert len(cases) >= 150
    assert {c.catalog for c in cases} == {"bundled", "gitlab"}


def test_no_false_promises(outcomes):
    overall, _, _ = outcomes
    promises = [
        f"{o.case.catalog}: {o.case.text!r}: gold {o.case.verdict}, got {o.verdict}"
        for o in overall.misses
        if o.false_promise
    ]
    assert promises == []


def test_verdict_accuracy_does_not_regress(outcomes):
    overall, _, _ = outcomes
    # The measured figure is in docs/BENCHMARKS.md; this floor catches regressions.
    assert overall.accuracy >= ACCURACY_FLOOR, overall.row()


ACCURACY_FLOOR = 0.80
