"""bench/answers.py's own logic (no timing): its lists are consistent, its section is its own."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import answers as bench  # noqa: E402


def test_the_reviewer_and_the_gold_name_real_lines_and_capabilities(catalog):
    learned = set((bench.LISTS / "learned.txt").read_text(encoding="utf-8").splitlines())
    held_out = set((bench.LISTS / "held-out.txt").read_text(encoding="utf-8").splitlines())
    reviewer = yaml.safe_load((bench.LISTS / "reviewer.yaml").read_text(encoding="utf-8"))
    gold = yaml.safe_load((bench.LISTS / "held-out-gold.yaml").read_text(encoding="utf-8"))
    bundled = {c["id"] for c in yaml.safe_load(bench.CATALOG.read_text())["capabilities"]}
    for text, answer in reviewer["answers"].items():
        assert text in learned, text
        assert answer == "unsupported" or set(answer) <= bundled, answer
    for text, same in gold["same_question"].items():
        assert text in held_out and same in reviewer["answers"], text


def test_rewording_keeps_the_subject():
    assert bench.reworded("Do you offer SAML SSO for the call centre") == (
        "Does the product offer SAML SSO for the call centre"
    )
    assert bench.reworded("Something else entirely") == "Something else entirely"


def test_the_section_replaces_only_itself(tmp_path):
    out = tmp_path / "BENCHMARKS.md"
    out.write_text("# Benchmarks\n\nother\n\n<!-- keep:gaps -->\ngaps\n<!-- /keep:gaps -->\n")
    first = f"{bench.SECTION_START}\none\n{bench.SECTION_END}\n"
    bench.write_section(out, first)
    bench.write_section(out, first.replace("one", "two"))
    text = out.read_text()
    assert text.count(bench.SECTION_START) == 1 and "two" in text and "one" not in text
    assert "<!-- keep:gaps -->\ngaps\n<!-- /keep:gaps -->" in text and "other" in text
