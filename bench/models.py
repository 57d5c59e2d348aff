"""The semantic signal's encoder compared: WordLlama (the default) against a local
sentence-transformers model (``--semantic-model DIR``), on every split of the corpus.

    python bench/models.py --semantic-model DIR     # writes its section of docs/BENCHMARKS.md
    python bench/models.py --semantic-model DIR --smoke   # a few cases, nothing written

Run it where ``dealcheck[transformers]`` is installed (sentence-transformers pulls in
PyTorch, so the main bench and CI do not). The model is read from the folder; nothing is
downloaded. For each encoder it measures, per split, the engine's verdict accuracy, false
promises, unknown rate and capability recall (the same scoring as bench/accuracy.py), and
the encoder's own retrieval: how often the capability it ranks first (or in its first
three) for the whole requirement is a gold one, on the cases that have gold capabilities.
Held-out cases are scored in aggregate only, as everywhere in the bench. The engine's
thresholds were chosen on the development part with WordLlama, and are the same for both.

The section sits between ``<!-- keep:semantic-models -->`` markers, which bench/run.py
preserves.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import accuracy  # noqa: E402
from gaps import machine, write_section  # noqa: E402

SPLITS = (accuracy.HELDOUT, "dev", accuracy.BUYER_DEV_SPLIT)


def weights_digest(model_dir: Path) -> str | None:
    """The sha256 of the model's weights file, which names the exact weights measured."""
    for name in ("model.safetensors", "pytorch_model.bin"):
        path = model_dir / name
        if path.is_file():
            digest = hashlib.sha256()
            with path.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            return f"{name} sha256 {digest.hexdigest()}"
    return None


def retrieval(cases: list[accuracy.Case]) -> dict[str, dict[str, float]]:
    """Per split: the share of cases whose gold capability the current encoder ranks
    first, and among its first three, for the whole requirement text."""
    import numpy as np

    from dealcheck.catalog import load_catalog
    from dealcheck.engine.semantic import current_encoder

    encoder = current_encoder()
    by_catalog: dict[str, list[accuracy.Case]] = defaultdict(list)
    for case in cases:
        if case.capabilities:
            where = case.catalog_path or accuracy.catalog_path(case.catalog)
            by_catalog[str(where)].append(case)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for path, group in sorted(by_catalog.items()):
        caps = load_catalog(path).catalog.capabilities
        ids = [c.id for c in caps]
        matrix = encoder.embed(
            [f"{c.name}. {'; '.join(c.aliases)}. {c.description or ''}" for c in caps]
        )
        queries = encoder.embed([c.text for c in group])
        sims = np.asarray(matrix) @ np.asarray(queries).T
        for j, case in enumerate(group):
            gold = {cap for alt in case.capabilities for cap in alt.split("|")}
            order = np.argsort(-sims[:, j], kind="stable")[:3]
            row = counts[case.split]
            row[0] += 1
            row[1] += ids[order[0]] in gold
            row[2] += bool(gold & {ids[i] for i in order})
    return {
        split: {"cases": n, "top1": round(t1 / n, 3), "top3": round(t3 / n, 3)}
        for split, (n, t1, t3) in counts.items()
    }


def measure(
    cases: list[accuracy.Case], model_dir: str | None, label: str | None = None
) -> dict[str, Any]:
    """Every figure for one encoder (None: WordLlama), under ``label`` (default: its name)."""
    from dealcheck.engine import semantic
    from dealcheck.engine.encoders import encoder_for

    semantic.use_model(model_dir)
    encoder = encoder_for(model_dir)
    started = time.perf_counter()
    encoder.embed(["warm up: load the model once before timing the checks"])
    load = time.perf_counter() - started
    started = time.perf_counter()
    _, _, outcomes = accuracy.evaluate(cases, engines={})
    seconds = time.perf_counter() - started
    splits = accuracy.split_rows(outcomes)
    return {
        "encoder": label or encoder.name,
        "load_seconds": round(load, 2),
        "check_seconds": round(seconds, 1),
        "splits": {s: splits[s]["overall"] for s in SPLITS if s in splits},
        "retrieval": retrieval(cases),
    }


def markdown(results: list[dict[str, Any]], digest: str | None, cases: int) -> str:
    lines = [
        "## The semantic signal's encoder: WordLlama against a sentence-transformers model",
        "",
        f"Measured {dt.date.today().isoformat()} with `python bench/models.py"
        f" --semantic-model DIR` on {machine()}, over {cases} labelled cases, in an"
        " environment with `dealcheck[transformers]` installed."
        + (f" The model's weights: `{digest}`." if digest else "")
        + " The engine's thresholds were chosen on the development part with WordLlama and"
        " are the same for both encoders.",
        "",
        "Engine verdicts (accuracy, false promises, unknown rate, capability recall):",
        "",
        "| encoder | split | cases | accuracy | false promises | unknown rate | recall |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        for split, row in r["splits"].items():
            lines.append(
                f"| {r['encoder']} | {split} | {row['cases']} | {row['accuracy']:.3f} |"
                f" {row['false_promises']} | {row['unknown_rate']:.3f} |"
                f" {row['capability_recall']:.3f} |"
            )
    lines += [
        "",
        "The encoder alone, whole requirement against each capability's name, aliases and"
        " description (cases with gold capabilities): how often a gold capability is ranked"
        " first, and among the first three.",
        "",
        "| encoder | split | cases | first | first three |",
        "|---|---|---:|---:|---:|",
    ]
    for r in results:
        for split in SPLITS:
            row = r["retrieval"].get(split)
            if row:
                lines.append(
                    f"| {r['encoder']} | {split} | {row['cases']} | {row['top1']:.3f} |"
                    f" {row['top3']:.3f} |"
                )
    lines += [
        "",
        "Cost: "
        + "; ".join(
            f"{r['encoder']} loads in {r['load_seconds']:.2f} s and the whole corpus is"
            f" checked in {r['check_seconds']:.1f} s"
            for r in results
        )
        + " (in one process, model loaded once).",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--semantic-model", required=True, help="a local model folder")
    parser.add_argument("--name", help="the model's name in the tables (default: its folder)")
    parser.add_argument("--smoke", action="store_true", help="a few cases, nothing written")
    args = parser.parse_args()
    model_dir = Path(args.semantic_model).expanduser()
    cases = accuracy.load_cases()
    if args.smoke:
        from run import smoke_sample

        cases = smoke_sample(cases, per_split=5)
    results = [measure(cases, None), measure(cases, str(model_dir), args.name)]
    for r in results:
        print(r["encoder"], r["splits"], r["retrieval"])
    text = markdown(results, weights_digest(model_dir), len(cases))
    if not args.smoke:
        write_section("semantic-models", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
