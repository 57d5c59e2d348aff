"""The answer library, measured: what learning one reviewed matrix resolves, and what it costs.

    python bench/answers.py            # full run, writes its section of docs/BENCHMARKS.md
    python bench/answers.py --smoke    # a short run that only checks the bench works

1. **Resolved before and after learning.** ``bench/answers_lists/learned.txt``
   (an RFP we wrote) is checked; a reviewer's answers (``reviewer.yaml``: what a
   product manager would write in the ``Capability``/``Verdict`` cells, written
   from the catalogue before running this) are filled into the written matrix,
   which ``dealcheck learn`` imports. ``held-out.txt``, a similar list (the same
   questions reworded, and new ones, and near misses that ask for something
   else), is checked before and after. Reported: the share resolved (verdict not
   ``unknown``), the library's hits, and *wrong hits*: a held-out requirement
   answered from the library although ``held-out-gold.yaml`` says it is another
   question (must be zero).
2. **The lookup's cost.** A library of 10,000 answers against a check of 100,
   1,000 and 10,000 requirements (a tenth of them the library's own questions,
   a tenth reworded), compared with the same check with ``--no-answers``. Times
   are medians of fresh processes, interpreter start-up included.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench_run  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LISTS = Path(__file__).resolve().parent / "answers_lists"
CATALOG = ROOT / "capabilities.yaml"
PY = sys.executable
#: The bench's own cache folder (set for every child process), emptied before each cold run.
CACHE = Path(tempfile.gettempdir()) / "dealcheck-answers-bench-cache"
SECTION_START = "<!-- keep:answers -->"
SECTION_END = "<!-- /keep:answers -->"

CONTEXTS = [
    "for the finance team",
    "across every business unit",
    "for contractors and partners",
    "in the EMEA subsidiaries",
    "for the call centre",
    "from the first day of the contract",
    "for the retail stores",
    "for our 40 hospitals",
    "during the migration",
    "for the legal department",
    "for the mobile field force",
    "for regulated workloads",
]
ASKS = [
    "The solution must support {}",
    "Vendor shall provide {}",
    "Do you offer {}",
    "We require {}",
    "Please confirm {} is available",
    "The platform should offer {}",
]
REWORDS = [
    ("The solution must support {}", "{} must be supported by the solution"),
    ("Vendor shall provide {}", "The vendor shall provide {}"),
    ("Do you offer {}", "Does the product offer {}"),
    ("We require {}", "{} is required"),
    ("Please confirm {} is available", "Confirm that {} is available"),
    ("The platform should offer {}", "{} should be offered by the platform"),
]


def dealcheck(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [PY, "-m", "dealcheck", *args], capture_output=True, text=True, check=False
    )
    if check and proc.returncode not in (0, 1):
        raise SystemExit(f"dealcheck {' '.join(args)} failed:\n{proc.stderr}")
    return proc


# -- 1. resolved before and after learning ---------------------------------------------------


def report_of(path: Path, catalog: Path, *extra: str) -> dict[str, Any]:
    proc = dealcheck("check", str(path), "-c", str(catalog), "-f", "json", *extra)
    return json.loads(proc.stdout)


def resolved_share(report: dict[str, Any]) -> float:
    rows = report["requirements"]
    return sum(r["verdict"] != "unknown" for r in rows) / len(rows)


def fill_matrix(matrix: Path, reviewer: dict[str, Any]) -> int:
    """Write the reviewer's answers into the matrix dealcheck wrote; how many rows were signed."""
    with open(matrix, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    text_at = header.index("Requirement")
    signed = 0
    for row in rows[1:]:
        answer = reviewer["answers"].get(row[text_at])
        if answer is None:
            continue
        if answer == "unsupported":
            row[header.index("Verdict")] = "unsupported"
            row[header.index("Capability")] = ""
            row[header.index("Notes")] = "Not offered (product decision)"
        else:
            row[header.index("Capability")] = "; ".join(answer)
        row[header.index("Reviewed by")] = reviewer["reviewer"]
        signed += 1
    with open(matrix, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return signed


def bench_learning(work: Path) -> dict[str, Any]:
    catalog = work / "capabilities.yaml"
    shutil.copy(CATALOG, catalog)
    learned, held_out = LISTS / "learned.txt", LISTS / "held-out.txt"
    reviewer = yaml.safe_load((LISTS / "reviewer.yaml").read_text(encoding="utf-8"))
    gold = yaml.safe_load((LISTS / "held-out-gold.yaml").read_text(encoding="utf-8"))
    before_learned = report_of(learned, catalog)
    before = report_of(held_out, catalog)
    matrix = work / "answered.csv"
    dealcheck("check", str(learned), "-c", str(catalog), "-f", "csv", "-o", str(matrix))
    signed = fill_matrix(matrix, reviewer)
    learn = dealcheck("learn", str(matrix), "-c", str(catalog))
    if learn.returncode != 0:
        raise SystemExit(learn.stderr)
    after_learned = report_of(learned, catalog)
    after = report_of(held_out, catalog)
    hits = [r for r in after["requirements"] if r["answer"]["origin"] == "library"]
    wrong: list[str] = []
    missed: list[str] = []
    for r in after["requirements"]:
        expected = gold["same_question"].get(r["text"])
        from_library = r["answer"]["origin"] == "library"
        if from_library and expected is None:
            wrong.append(r["text"])
        elif from_library and r["answer"]["phrasing"] != expected:
            wrong.append(r["text"])
        elif not from_library and expected is not None:
            missed.append(r["text"])
    near = [r for r in hits if r["text"] != r["answer"]["phrasing"]]
    same_words = [r for r in near if r["answer"]["similarity"] == 1.0]
    return {
        "learned_requirements": len(before_learned["requirements"]),
        "signed_rows": signed,
        "learned_resolved_before": resolved_share(before_learned),
        "learned_resolved_after": resolved_share(after_learned),
        "held_out_requirements": len(before["requirements"]),
        "held_out_resolved_before": resolved_share(before),
        "held_out_resolved_after": resolved_share(after),
        "library_hits": len(hits),
        "near_hits": len(near),
        "same_words": len(same_words),
        "similarities": sorted(round(r["answer"]["similarity"], 3) for r in near),
        "same_questions": len(gold["same_question"]),
        "wrong_hits": wrong,
        "missed": missed,
        "learn_output": learn.stdout.strip().splitlines()[-1].split(": ", 1)[-1],
    }


# -- 2. the lookup's cost ------------------------------------------------------------------


def synthetic_library(path: Path, n: int, seed: int = 5) -> list[str]:
    """``n`` reviewed answers about the bundled catalogue's capabilities; their questions."""
    data = yaml.safe_load(CATALOG.read_text(encoding="utf-8"))
    subjects = [
        (name, cap["id"])
        for cap in data["capabilities"]
        for name in [cap["name"], *cap.get("aliases", [])[:2]]
    ]
    rng = random.Random(seed)
    lines = ["answers:"]
    texts: list[str] = []
    seen: set[str] = set()
    while len(texts) < n:
        name, cap_id = rng.choice(subjects)
        text = f"{rng.choice(ASKS).format(name)} {rng.choice(CONTEXTS)}"
        if len(seen) > n // 2:
            text += f" (ref {len(texts)})"  # the combinations run out: number the rest
        if text in seen:
            continue
        seen.add(text)
        texts.append(text)
        lines += [
            f"  - text: {json.dumps(text)}",
            f"    capabilities: [{cap_id}]",
            "    reviewed_by: Bench Reviewer",
            "    reviewed: 2026-11-01",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return texts


def reworded(text: str) -> str:
    for before, after in REWORDS:
        pattern = "^" + re.escape(before).replace(r"\{\}", "(?P<x>.+?)") + r"(?P<rest> .*)?$"
        m = re.match(pattern, text)
        if m:
            return after.format(m.group("x")) + (m.group("rest") or "")
    return text


def bench_cost(work: Path, runs: int, sizes: list[int], library_size: int) -> list[dict[str, Any]]:
    library = work / "answers.yaml"
    questions = synthetic_library(library, library_size)
    rng = random.Random(9)
    rows = []
    for size in sizes:
        lines = bench_run.requirement_lines(CATALOG, size)
        for i in range(0, size, 10):
            lines[i] = rng.choice(questions)  # a tenth: the library's own questions
        for i in range(5, size, 10):
            lines[i] = reworded(rng.choice(questions))  # a tenth: reworded
        reqs = work / f"reqs-{size}.txt"
        reqs.write_text("\n".join(lines) + "\n", encoding="utf-8")
        base = [PY, "-m", "dealcheck", "check", str(reqs), "-c", str(CATALOG), "-f", "json"]
        out = ["--output", str(work / "out.json")]
        without, _ = bench_run.median_run([*base, "--no-answers", *out], runs)
        with_library = [*base, "--answers", str(library), *out]
        shutil.rmtree(CACHE, ignore_errors=True)
        cold, _, _ = bench_run.run_timed(with_library)  # parses the library, writes the cache
        warm, rss = bench_run.median_run(with_library, runs)
        report = json.loads((work / "out.json").read_text(encoding="utf-8"))
        answers = report["summary"]["answers"]
        rows.append(
            {
                "requirements": size,
                "library": library_size,
                "without": without,
                "with": warm,
                "cold": cold,
                "ratio": warm / without,
                "peak_mib": rss / 1024,
                "reviewed": answers["reviewed"],
            }
        )
        print(
            f"cost: {size:>6} reqs, {library_size:,} answers: {without:.2f}s -> {warm:.2f}s"
            f" (x{warm / without:.2f}; first run {cold:.2f}s),"
            f" {answers['reviewed']} from the library"
        )
    return rows


# -- the report ------------------------------------------------------------------------------


def markdown(learning: dict[str, Any], cost: list[dict[str, Any]], runs: int) -> str:
    pct = "{:.0%}".format
    out = [
        SECTION_START,
        "## Answer library",
        "",
        "Measured with `python bench/answers.py` (the lists and the reviewer's answers are in"
        " `bench/answers_lists/`).",
        "",
        "### Resolved before and after learning one reviewed matrix",
        "",
        f"`learned.txt` ({learning['learned_requirements']} requirements) was checked, a reviewer"
        f" signed {learning['signed_rows']} rows of the written matrix, and `dealcheck learn`"
        f" imported it ({learning['learn_output']}). `held-out.txt`"
        f" ({learning['held_out_requirements']} requirements: {learning['same_questions']} of them"
        " the same questions reworded, the rest new questions and near misses) was checked"
        " before and after. The lists were written for this bench by the author of the lookup:"
        " they show the cycle works and that near misses are refused, not a blind accuracy.",
        "",
        "| list | resolved before | resolved after |",
        "|---|---:|---:|",
        f"| learned (the reviewed list) | {pct(learning['learned_resolved_before'])} |"
        f" {pct(learning['learned_resolved_after'])} |",
        f"| held out (a similar list) | {pct(learning['held_out_resolved_before'])} |"
        f" {pct(learning['held_out_resolved_after'])} |",
        "",
        f"Held-out requirements answered from the library: {learning['library_hits']}"
        f" ({learning['near_hits']} rewordings: {learning['same_words']} with the same content"
        f" words, {learning['near_hits'] - learning['same_words']} confirmed by the model;"
        f" similarities {', '.join(str(s) for s in learning['similarities']) or 'none'})."
        f" Wrong hits (answered from the library although another question):"
        f" **{len(learning['wrong_hits'])}**."
        f" Rewordings not recognised: {len(learning['missed'])}"
        + (
            " (" + "; ".join(repr(t) for t in learning["missed"]) + ")"
            if learning["missed"]
            else ""
        )
        + ".",
        "",
        "### The lookup's cost",
        "",
        f"A library of {cost[0]['library']:,} answers; a tenth of each list is the library's own"
        " questions and a tenth reworded. Medians of"
        f" {runs} fresh processes, the cache warm; the first run after the library changed"
        " parses it and writes the cache. Timings on a shared 2-core machine vary from run to"
        " run (the ratio of 10,000 requirements was 1.04 to 1.40 over three full runs): both"
        " columns of a row are measured together.",
        "",
        "| requirements | without library (s) | with library (s) | ratio | first run after"
        " the library changed (s) | from the library | peak MiB |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in cost:
        out.append(
            f"| {row['requirements']:,} | {row['without']:.2f} | {row['with']:.2f} |"
            f" {row['ratio']:.2f} | {row['cold']:.2f} | {row['reviewed']:,} |"
            f" {row['peak_mib']:.0f} |"
        )
    worst = max(row["ratio"] for row in cost)
    out += [
        "",
        f"Target: a check within 1.5x of the same check without a library: worst ratio"
        f" {worst:.2f}, {'met' if worst <= 1.5 else 'NOT met'}.",
        SECTION_END,
    ]
    return "\n".join(out) + "\n"


def write_section(path: Path, section: str) -> None:
    """Replace this bench's section of BENCHMARKS.md (or append it); leave the rest alone."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if SECTION_START in text and SECTION_END in text:
        head, rest = text.split(SECTION_START, 1)
        tail = rest.split(SECTION_END, 1)[1].lstrip("\n")
        text = head + section + ("\n" + tail if tail else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one run, no docs")
    parser.add_argument("--runs", type=int, default=3, help="runs per timing (median)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "BENCHMARKS.md"))
    args = parser.parse_args()
    os.environ["DEALCHECK_CACHE_DIR"] = str(CACHE)  # inherited by every dealcheck child
    runs = 1 if args.smoke else args.runs
    sizes = [50] if args.smoke else [100, 1000, 10000]
    library_size = 500 if args.smoke else 10000
    work = Path(tempfile.mkdtemp(prefix="dealcheck-answers-bench-"))
    try:
        learning = bench_learning(work)
        print(json.dumps(learning, indent=2))
        cost = bench_cost(work, runs, sizes, library_size)
        section = markdown(learning, cost, runs)
        if args.smoke:
            print("smoke run: ok")
        else:
            write_section(Path(args.out), section)
            print(f"wrote the answer-library section of {args.out}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
