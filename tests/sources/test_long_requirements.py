"""A requirement longer than the documented limit is split at sentence boundaries when read,
so no single text reaches the matcher at a size it handles in superlinear time."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dealcheck.cli import main
from dealcheck.sources import MAX_REQUIREMENT_CHARS, ReadLog, read_requirements, split_long_text

CATALOG = str(Path(__file__).resolve().parents[1] / "engine" / "catalog.yaml")

SENTENCES = [
    "The platform must support SAML single sign-on for every employee.",
    "Audit logs must be retained for at least one year and exported nightly.",
    "Documents must be anchored by blockchain notarisation where the law allows it.",
    "Uptime of 99.95% is mandatory, measured monthly, with service credits.",
]


def run_on_one_line(text: str) -> list[str]:
    return split_long_text(text, MAX_REQUIREMENT_CHARS)


def test_the_limit_is_documented():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"{MAX_REQUIREMENT_CHARS:,} characters" in readme


def test_a_short_requirement_is_left_alone():
    text = " ".join(SENTENCES)
    assert run_on_one_line(text) == [text]


def test_a_long_requirement_is_split_at_sentence_boundaries():
    text = " ".join(SENTENCES[i % 4] for i in range(200))  # about 14,000 characters
    pieces = run_on_one_line(text)
    assert len(pieces) > 1
    assert all(len(p) <= MAX_REQUIREMENT_CHARS for p in pieces)
    assert all(p.endswith(".") for p in pieces), "every cut falls after a full stop"
    assert " ".join(pieces) == text, "nothing lost, nothing reordered"


def test_a_sentence_longer_than_the_limit_is_cut_between_words():
    words = ("alpha beta gamma delta epsilon " * 2000).strip()  # no full stop at all
    pieces = run_on_one_line(words)
    assert all(len(p) <= MAX_REQUIREMENT_CHARS for p in pieces)
    assert all(re.fullmatch(r"[a-z]+(?: [a-z]+)*", p) for p in pieces), "no word is cut"
    assert " ".join(pieces) == words


def test_one_huge_word_is_cut_at_the_limit():
    blob = "x" * (3 * MAX_REQUIREMENT_CHARS + 5)
    pieces = run_on_one_line(blob)
    assert [len(p) for p in pieces] == [MAX_REQUIREMENT_CHARS] * 3 + [5]
    assert "".join(pieces) == blob


def test_reading_a_one_line_file_yields_pieces_with_ids_in_order(tmp_path):
    text = " ".join(SENTENCES[i % 4] for i in range(400))
    path = tmp_path / "one-line.txt"
    path.write_text(f"SEC-9: {text}\nR-2: Must support SCIM\n", encoding="utf-8")
    log = ReadLog()
    requirements, _ = read_requirements([str(path)], log=log)
    pieces = requirements[:-1]
    assert len(pieces) > 1 and requirements[-1].id == "R-2"
    assert [r.id for r in pieces] == [f"SEC-9/{k}" for k in range(1, len(pieces) + 1)]
    assert " ".join(r.text for r in pieces) == text
    assert all(len(r.text) <= MAX_REQUIREMENT_CHARS for r in requirements)
    assert all(r.source.line == 1 for r in pieces)
    (warning,) = log.warnings
    assert f"{path.name}:1:" in warning and f"split into {len(pieces)} parts" in warning


def test_pieces_without_an_id_are_numbered_by_position(tmp_path):
    text = " ".join(SENTENCES[i % 4] for i in range(100))
    path = tmp_path / "r.txt"
    path.write_text(text + "\n", encoding="utf-8")
    requirements, _ = read_requirements([str(path)])
    assert [r.id for r in requirements] == [f"R-{k}" for k in range(1, len(requirements) + 1)]


def test_a_priority_is_kept_per_piece(tmp_path):
    text = " ".join(["Offline mode would be nice to have."] * 80 + SENTENCES[:1] * 40)
    path = tmp_path / "r.txt"
    path.write_text(text + "\n", encoding="utf-8")
    requirements, _ = read_requirements([str(path)])
    assert requirements[0].priority == "may" and requirements[-1].priority == "must"


def test_pieces_keep_the_priority_their_heading_gives(tmp_path):
    # Under "Could have:", a long requirement without priority words is "may" whole and in
    # every piece (not the default "must" once split).
    text = " ".join(["Engagement surveys run every quarter in each care home."] * 80)
    path = tmp_path / "wishlist.txt"
    path.write_text(f"Could have:\n{text}\nSSO via Okta\n", encoding="utf-8")
    requirements, _ = read_requirements([str(path)])
    assert len(requirements) == 4  # three pieces and the line after them
    assert [(r.id, r.priority, r.section) for r in requirements] == [
        ("R-1", "may", "Could have"),
        ("R-2", "may", "Could have"),
        ("R-3", "may", "Could have"),
        ("R-4", "may", "Could have"),
    ]
    assert " ".join(r.text for r in requirements[:3]) == text


@pytest.mark.parametrize("fmt", ["json"])
def test_check_reports_every_piece_and_warns(tmp_path, capsys, fmt):
    text = " ".join(SENTENCES[i % 4] for i in range(300))
    path = tmp_path / "one-line.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SystemExit):
        main(["check", str(path), "-c", CATALOG, "--format", fmt])
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert " ".join(r["text"] for r in report["requirements"]) == text
    assert "dealcheck: warning:" in err and "split into" in err


def test_explain_refuses_a_question_over_the_limit(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["explain", "-c", CATALOG, "SAML " * MAX_REQUIREMENT_CHARS])
    _, err = capsys.readouterr()
    assert exc.value.code == 2 and f"{MAX_REQUIREMENT_CHARS:,}" in err
