"""The accuracy harness itself (bench/accuracy.py): corpus discovery, scoring, the curve.

Built on small corpora and hand-made outcomes, so each rule is checked
independently of what today's engine answers.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

import accuracy  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

CATALOG = """\
product: Tiny
editions: [basic, pro]
capabilities:
  - id: export-csv
    name: CSV export
    description: Export every table as CSV.
  - id: audit-log
    name: Audit log
    description: Who did what and when.
    editions: [pro]
"""


def _case(verdict: str, caps: list[str] | None = None, split: str = "dev", n: int = 1):
    return accuracy.Case(
        text=f"requirement {n}",
        verdict=verdict,
        capabilities=caps or [],
        context={},
        kind="paraphrase",
        catalog="tiny",
        context_name="default",
        split=split,
        case_id=f"{split}/tiny#{n}",
    )


def _outcome(gold: str, got: str, confidence: float, suggestion=None, n: int = 1):
    case = _case(gold, n=n)
    return accuracy.Outcome(
        case,
        got,
        got in accuracy.AT_RISK,
        [],
        gold in accuracy.AT_RISK,
        confidence,
        suggestion,
    )


@pytest.fixture()
def corpus(tmp_path, monkeypatch):
    """bench/ with a catalogue given by relative path and two split folders."""
    bench = tmp_path / "bench"
    (bench / "catalogs").mkdir(parents=True)
    (bench / "catalogs" / "tiny.yaml").write_text(CATALOG, encoding="utf-8")
    for split in ("dev", "heldout"):
        folder = bench / "corpus" / split
        folder.mkdir(parents=True)
        (folder / "tiny.yaml").write_text(
            "catalog: catalogs/tiny.yaml\n"
            "contexts:\n  default: {edition: basic}\n  pro: {edition: pro}\n"
            "cases:\n"
            f'  - {{text: "Export to CSV ({split})", verdict: supported,'
            " capabilities: [export-csv], kind: paraphrase, source: buyer}\n"
            f'  - {{text: "An audit log ({split})", context: pro, verdict: supported,'
            " capabilities: [audit-log], kind: paraphrase}\n",
            encoding="utf-8",
        )
    (bench / "corpus" / "heldout" / "absent.yaml").write_text(
        "catalog: catalogs/missing.yaml\ncases:\n  - {text: x, verdict: unknown}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(accuracy, "BENCH", bench)
    monkeypatch.setattr(accuracy, "CORPUS", bench / "corpus")
    monkeypatch.setattr(accuracy, "BUYER_DEV", tmp_path / "no-shared")
    return bench


def test_splits_come_from_folders_and_catalogues_from_relative_paths(corpus):
    cases = accuracy.load_cases()
    assert [c.split for c in cases] == ["heldout", "heldout", "dev", "dev"]  # held-out first
    assert {c.catalog for c in cases} == {"tiny"}
    assert cases[0].catalog_path == corpus / "catalogs" / "tiny.yaml"
    assert [c.case_id for c in cases] == [
        "heldout/tiny#1",
        "heldout/tiny#2",
        "dev/tiny#1",
        "dev/tiny#2",
    ]
    assert cases[1].context == {"edition": "pro"}
    assert cases[0].source == "buyer" and cases[1].source == ""
    assert accuracy.available_catalogs()["tiny"] == corpus / "catalogs" / "tiny.yaml"


def test_a_file_whose_catalogue_is_absent_is_skipped_unless_asked(corpus):
    assert all(c.catalog == "tiny" for c in accuracy.load_cases())
    everything = accuracy.load_cases(available_only=False)
    assert [c.catalog for c in everything].count("missing") == 1


def test_cases_filter_by_split_and_catalogue(corpus):
    assert {c.split for c in accuracy.load_cases(splits=["dev"])} == {"dev"}
    assert accuracy.load_cases(["other"]) == []


def test_evaluate_runs_the_engine_on_a_relative_catalogue(corpus):
    overall, _, outcomes = accuracy.evaluate(accuracy.load_cases(splits=["heldout"]))
    assert overall.total == 2
    assert [o.case.case_id for o in outcomes] == ["heldout/tiny#1", "heldout/tiny#2"]
    assert all(0.0 <= o.confidence <= 1.0 for o in outcomes)


def test_an_unknown_context_name_is_an_error(corpus):
    bad = corpus / "corpus" / "dev" / "bad.yaml"
    bad.write_text(
        "catalog: catalogs/tiny.yaml\ncases:\n  - {text: x, context: nope, verdict: unknown}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="nope"):
        accuracy.load_cases()


def test_alternatives_count_once_when_either_is_found():
    gold = ["export-csv|export-xlsx", "audit-log"]
    assert accuracy.groups_found(gold, ["export-xlsx"]) == 1
    assert accuracy.groups_found(gold, ["export-csv", "export-xlsx", "audit-log"]) == 2
    assert accuracy.groups_found(gold, ["sso"]) == 0
    scores = accuracy.Scores()
    o = accuracy.Outcome(_case("supported", gold), "supported", False, ["export-xlsx"])
    scores.add(o)
    assert scores.recall == 0.5


def test_false_promises_count_supported_and_not_at_risk():
    assert _outcome("upgrade", "supported", 0.9).false_promise
    assert _outcome("unknown", "upgrade", 0.9).false_promise  # gold at risk, answer not
    assert not _outcome("supported", "unknown", 0.0).false_promise
    assert not _outcome("unsupported", "unknown", 0.0).false_promise


def test_context_from_gold_args():
    assert accuracy.context_from_args([]) == {}
    assert accuracy.context_from_args(["--edition", "premium", "--deployment", "saas"]) == {
        "edition": "premium",
        "deployment": "saas",
    }
    assert accuracy.context_from_args(["--add-on", "A", "--add-on", "B"]) == {"add_ons": ["A", "B"]}
    with pytest.raises(ValueError):
        accuracy.context_from_args(["--edition"])
    with pytest.raises(ValueError):
        accuracy.context_from_args(["--colour", "red"])


def test_suggestions_are_read_from_objects_mappings_or_not_at_all():
    assert accuracy.read_suggestion(SimpleNamespace(verdict="unknown")) is None
    as_dict = SimpleNamespace(
        suggestion={"capabilities": ["audit-log"], "verdict": "supported", "confidence": 0.41}
    )
    assert accuracy.read_suggestion(as_dict) == accuracy.Suggestion(
        "supported", 0.41, ["audit-log"]
    )
    as_object = SimpleNamespace(
        suggestion=SimpleNamespace(
            capabilities=[SimpleNamespace(id="export-csv")], verdict="upgrade", confidence=0.35
        )
    )
    assert accuracy.read_suggestion(as_object) == accuracy.Suggestion(
        "upgrade", 0.35, ["export-csv"]
    )
    malformed = SimpleNamespace(suggestion={"verdict": "supported"})
    assert accuracy.read_suggestion(malformed) is None


def test_curve_counts_low_confidence_answers_as_unknown():
    outcomes = [
        _outcome("supported", "supported", 0.92, n=1),
        _outcome("upgrade", "supported", 0.62, n=2),  # a wrong answer at middling confidence
        _outcome("unknown", "unknown", 0.20, n=3),
        _outcome("upgrade", "upgrade", 0.71, n=4),
    ]
    rows = {r["threshold"]: r for r in accuracy.confidence_curve(outcomes)}
    assert rows[0.6] == {
        "threshold": 0.6,
        "coverage": 0.75,
        "precision": round(2 / 3, 3),
        "supported_precision": 0.5,
        "accuracy": 0.75,
        "false_promises": 1,
    }
    # Above the wrong answer's confidence it is unknown: no false promise, less coverage.
    assert rows[0.65]["coverage"] == 0.5
    assert rows[0.65]["precision"] == 1.0
    assert rows[0.65]["false_promises"] == 0
    assert rows[0.95]["coverage"] == 0.0
    assert rows[0.95]["precision"] is None and rows[0.95]["supported_precision"] is None
    assert list(rows) == [round(0.30 + 0.05 * i, 2) for i in range(14)]


def test_suggestions_extend_the_curve_below_the_engine_threshold():
    plain = [_outcome("supported", "unknown", 0.3, n=1), _outcome("unknown", "unknown", 0.1, n=2)]
    suggested = [
        _outcome("supported", "unknown", 0.3, accuracy.Suggestion("supported", 0.42), n=1),
        _outcome("unknown", "unknown", 0.1, accuracy.Suggestion("supported", 0.33), n=2),
    ]
    without = {r["threshold"]: r for r in accuracy.confidence_curve(plain)}
    with_ = {r["threshold"]: r for r in accuracy.confidence_curve(suggested)}
    assert without[0.3]["coverage"] == 0.0
    assert with_[0.3]["coverage"] == 1.0
    assert with_[0.3]["supported_precision"] == 0.5
    assert with_[0.3]["false_promises"] == 1  # the suggestion for an unknown gold
    assert with_[0.4]["coverage"] == 0.5 and with_[0.4]["precision"] == 1.0
    assert with_[0.45]["coverage"] == 0.0


def test_heldout_misses_are_described_by_id_only():
    heldout = _outcome("upgrade", "supported", 0.8)
    heldout.case.split, heldout.case.case_id = "heldout", "heldout/tiny#7"
    line = accuracy.describe_miss(heldout)
    assert "heldout/tiny#7" in line
    assert heldout.case.text not in line and "supported" not in line
    dev = _outcome("upgrade", "supported", 0.8)
    assert dev.case.text in accuracy.describe_miss(dev)


def test_without_shared_the_gitlab_cases_are_skipped(monkeypatch, tmp_path):
    monkeypatch.setitem(accuracy.CATALOGS, "gitlab", tmp_path / "absent.yaml")
    monkeypatch.setattr(accuracy, "BUYER_DEV", tmp_path / "absent-dev")
    catalogs = {c.catalog for c in accuracy.load_cases()}
    assert "bundled" in catalogs and "gitlab" not in catalogs
    assert "gitlab" not in accuracy.available_catalogs()
    assert accuracy.load_buyer_dev() == []


@pytest.mark.skipif(not accuracy.BUYER_DEV.is_dir(), reason="needs ../shared")
def test_buyer_dev_set_matches_what_the_readers_read():
    from dealcheck.sources import read_requirements

    cases = accuracy.load_buyer_dev()
    assert cases and {c.split for c in cases} == {accuracy.BUYER_DEV_SPLIT}
    for gold in sorted(accuracy.BUYER_DEV.glob("*.gold.yaml")):
        stem = gold.name.removesuffix(".gold.yaml")
        mine = [c for c in cases if c.case_id.startswith(f"{accuracy.BUYER_DEV_SPLIT}/{stem}#")]
        inputs = [p for p in gold.parent.glob(f"{stem}.*") if p.suffix in (".txt", ".csv")]
        assert len(inputs) == 1, inputs
        reqs, _ = read_requirements([str(inputs[0])])
        assert [r.text for r in reqs] == [c.text for c in mine]
    procurement = [c for c in cases if "/procurement#" in c.case_id]
    assert procurement[0].context == {"edition": "premium", "deployment": "saas"}
    assert procurement[0].case_id == f"{accuracy.BUYER_DEV_SPLIT}/procurement#IAM-01"


def test_the_corpus_file_example_in_the_docs_loads(tmp_path, monkeypatch):
    import re

    from dealcheck.catalog import load_catalog

    doc = (ROOT / "docs" / "ACCURACY.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", doc, re.S)
    assert example is not None
    folder = tmp_path / "corpus" / "dev"
    folder.mkdir(parents=True)
    (folder / "example.yaml").write_text(example.group(1), encoding="utf-8")
    monkeypatch.setattr(accuracy, "CORPUS", tmp_path / "corpus")
    monkeypatch.setattr(accuracy, "BUYER_DEV", tmp_path / "no-shared")
    cases = accuracy.load_cases()
    assert len(cases) == 3 and cases[1].context["edition"] == "team"
    catalog = load_catalog(str(ROOT / "capabilities.yaml")).catalog
    assert all(catalog.capability(c) is not None for case in cases for c in case.gold_ids())


class _WordsEncoder:
    """A fake encoder: one dimension per word of a tiny vocabulary, so rankings are known."""

    name = "words"
    VOCAB = ("csv", "export", "audit", "log", "who")

    def embed(self, texts):
        import numpy as np

        rows = []
        for text in texts:
            words = text.lower().replace(".", " ").split()
            row = np.array([float(w in words) for w in self.VOCAB]) + 1e-6
            rows.append(row / np.linalg.norm(row))
        return np.array(rows)


def test_models_bench_scores_the_encoders_own_ranking(tmp_path, monkeypatch):
    """bench/models.py: the share of cases whose gold capability the encoder ranks first
    and among its first three, per split, from the encoder's similarities alone."""
    import models

    from dealcheck.engine import semantic

    (tmp_path / "tiny.yaml").write_text(CATALOG)
    monkeypatch.setattr(semantic, "current_encoder", lambda: _WordsEncoder())
    cases = []
    for n, (text, caps, split) in enumerate(
        [
            ("Can we export tables as CSV?", ["export-csv"], "dev"),
            ("An audit log of who changed what", ["audit-log"], "dev"),
            ("CSV export of the audit log", ["audit-log"], "heldout"),  # CSV ranks first
            ("Nothing to find here", [], "heldout"),  # no gold capability: not counted
        ]
    ):
        case = _case("supported", caps, split=split, n=n)
        case.text = text
        case.catalog_path = tmp_path / "tiny.yaml"
        cases.append(case)
    got = models.retrieval(cases)
    assert got["dev"] == {"cases": 2, "top1": 1.0, "top3": 1.0}
    assert got["heldout"] == {"cases": 1, "top1": 0.0, "top3": 1.0}


def test_models_bench_names_the_weights_it_measured(tmp_path):
    import hashlib

    import models

    assert models.weights_digest(tmp_path) is None
    (tmp_path / "model.safetensors").write_bytes(b"weights")
    digest = hashlib.sha256(b"weights").hexdigest()
    assert models.weights_digest(tmp_path) == f"model.safetensors sha256 {digest}"
