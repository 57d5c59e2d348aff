"""dealcheck's benchmark: start-up, scale and accuracy, measured in one run.

    python bench/run.py                # full run, writes docs/BENCHMARKS.md
    python bench/run.py --smoke        # a seconds-long run that only checks the bench works

Every timing is the median of several runs of a fresh process, so it includes
interpreter start-up and imports, as a user sees it. Peak memory is the
child's maximum resident set size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import accuracy  # noqa: E402

ROOT = accuracy.ROOT
PY = sys.executable
FLOOR_CODE = "import click, yaml, pydantic, rich"

PHRASES = [
    "The solution must support {}.",
    "Vendor shall provide {} for all business units.",
    "Do you offer {}?",
    "We need {} from day one.",
    "{} is required.",
    "Ability to use {} across every workspace.",
    "It would be nice to have {}.",
    "The platform should offer {} out of the box.",
]


def run_timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int, int]:
    """(seconds, peak RSS in KiB, exit code) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n{err}")
    return elapsed, usage.ru_maxrss, proc.returncode


def median_run(cmd: list[str], runs: int) -> tuple[float, int]:
    times, peaks = [], []
    for _ in range(runs):
        t, rss, _ = run_timed(cmd)
        times.append(t)
        peaks.append(rss)
    return statistics.median(times), max(peaks)


def machine() -> dict[str, str]:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": mem,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


def requirement_lines(catalog_path: Path, n: int, seed: int = 7) -> list[str]:
    """``n`` requirements phrased like an RFP, about the catalogue's own capabilities."""
    import yaml

    data = yaml.load(
        catalog_path.read_text(encoding="utf-8"),
        Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader),
    )
    names = [c["name"] for c in data["capabilities"]]
    rng = random.Random(seed)
    lines = []
    for i in range(n):
        phrase = PHRASES[i % len(PHRASES)]
        if i % 10 == 9:
            subject = "a " + rng.choice(["quantum", "holographic", "carbon-neutral"]) + " ledger"
        else:
            subject = rng.choice(names)
        lines.append(phrase.format(subject))
    return lines


TEAMS = [
    "finance", "legal", "HR", "sales", "marketing", "support", "engineering", "security",
    "procurement", "operations", "research", "facilities", "audit", "risk", "treasury",
    "payroll", "logistics", "quality", "design", "data", "IT", "compliance", "training",
    "customer success", "partner", "field service", "claims", "underwriting", "pharmacy",
    "admissions",
]  # fmt: skip
SITES = [
    "Leeds", "Lyon", "Porto", "Graz", "Aarhus", "Gdansk", "Turin", "Ghent", "Utrecht",
    "Bilbao", "Tampere", "Brno", "Cork", "Malmo", "Bergen", "Basel", "Kaunas", "Split",
    "Cluj", "Plovdiv", "Tartu", "Varna", "Leipzig", "Nantes", "Seville", "Bologna",
    "Krakow", "Galway", "Uppsala", "Espoo",
]  # fmt: skip


def distinct_lines(catalog_path: Path, n: int, seed: int = 7) -> list[str]:
    """``n`` requirements like :func:`requirement_lines`, but no two alike: each is asked
    for one team at one site, as a list gathered from many departments reads."""
    base = requirement_lines(catalog_path, n, seed)
    places = [f"for the {t} team in {s}" for t in TEAMS for s in SITES]
    seen: set[str] = set()
    lines = []
    for i, line in enumerate(base):
        stem = line.rstrip(".?")
        for k in range(len(places)):
            text = f"{stem} {places[(i + k * 7919) % len(places)]}{line[len(stem) :] or '.'}"
            if text not in seen:
                break
        seen.add(text)
        lines.append(text)
    return lines


def synthetic_catalog(path: Path, n: int, seed: int = 11) -> None:
    """A catalogue of ``n`` capabilities with realistic field shapes."""
    rng = random.Random(seed)
    nouns = (
        "report dashboard export import workflow approval policy token key role group team "
        "project board ticket alert webhook backup archive search template form field "
        "calendar invoice contract document folder audit"
    ).split()
    verbs = "manage schedule sync share restrict monitor automate encrypt review publish".split()
    adjs = "custom bulk scheduled granular shared private external regional advanced".split()
    lines = [
        "product: Synthetic",
        f'version: "{n}"',
        "editions: [basic, pro, max]",
        "deployments: [saas, on-prem]",
        "regions: [us, eu]",
        "metrics:",
        "  storage: {unit: GB, better: higher, aliases: [storage]}",
        "capabilities:",
    ]
    for i in range(n):
        name = f"{rng.choice(adjs).title()} {rng.choice(nouns)} {rng.choice(verbs)} {i}"
        lines += [
            f"  - id: cap-{i}",
            f"    name: {name}",
            f"    description: {rng.choice(verbs).title()} {rng.choice(nouns)}s and "
            f"{rng.choice(nouns)}s with {rng.choice(adjs)} {rng.choice(nouns)} rules.",
            f"    aliases: [{rng.choice(adjs)} {rng.choice(nouns)} {i}]",
            f"    editions: [{rng.choice(['basic, pro, max', 'pro, max', 'max'])}]",
        ]
        if i % 7 == 0:
            lines.append(f"    limits: {{storage: {rng.choice([10, 100, 1000])}}}")
        if i % 13 == 0:
            lines.append("    status: beta")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def bench_startup(work: Path, runs: int) -> dict[str, Any]:
    # The floor's packages were byte-compiled when pip installed them, as a regular
    # install of dealcheck is. A checkout run with PYTHONDONTWRITEBYTECODE set (CI and
    # this machine set it) would instead recompile every dealcheck module on every run
    # (about 0.04 s), which no installed copy does: compile them once, as pip would.
    subprocess.run(
        [PY, "-m", "compileall", "-q", str(accuracy.ROOT / "src" / "dealcheck")], check=True
    )
    # One untimed run of each command first: the first process after the compile reads
    # cold files, which would time the disk, not dealcheck (or the floor).
    run_timed([PY, "-c", FLOOR_CODE])
    run_timed([PY, "-m", "dealcheck", "--version"])
    floor, _ = median_run([PY, "-c", FLOOR_CODE], runs)
    version, _ = median_run([PY, "-m", "dealcheck", "--version"], runs)
    reqs = work / "forty.txt"
    reqs.write_text("\n".join(requirement_lines(accuracy.CATALOGS["bundled"], 40)) + "\n")
    check, _ = median_run(
        [
            PY,
            "-m",
            "dealcheck",
            "check",
            str(reqs),
            "-c",
            str(accuracy.CATALOGS["bundled"]),
            "--format",
            "json",
            "--output",
            str(work / "out.json"),
        ],
        runs,
    )
    # 34 questions as customers write them (the development split's customer-written
    # cases), with the semantic signal on (the default) and off.
    questions = [
        c.text for c in accuracy.load_cases(["bundled"], ["dev"]) if c.case_id.count("customer")
    ][:34]
    qfile = work / "questions.txt"
    qfile.write_text("\n".join(questions) + "\n")
    base = [PY, "-m", "dealcheck", "check", str(qfile), "-c", str(accuracy.CATALOGS["bundled"])]
    out = ["--format", "json", "--output", str(work / "out.json")]
    check34, _ = median_run(base + out, runs)
    check34_lexical, _ = median_run(base + ["--no-semantic"] + out, runs)
    return {
        "floor": floor,
        "version": version,
        "check40": check,
        "version_ratio": version / floor,
        "check40_ratio": check / floor,
        "questions": len(questions),
        "check34": check34,
        "check34_ratio": check34 / floor,
        "check34_lexical": check34_lexical,
        "check34_lexical_ratio": check34_lexical / floor,
    }


def bench_scale(
    work: Path, runs: int, sizes: list[int], cat_sizes: list[int]
) -> list[dict[str, Any]]:
    catalogs: list[tuple[str, Path]] = [
        (name, path) for name, path in accuracy.available_catalogs().items()
    ]
    for n in cat_sizes:
        path = work / f"synthetic-{n}.yaml"
        synthetic_catalog(path, n)
        catalogs.append((f"synthetic {n:,}", path))
    rows = []
    for name, path in catalogs:
        ncap = sum(
            1
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.lstrip().startswith("- id:")
        )
        for size in sizes:
            reqs = work / f"reqs-{size}.txt"
            reqs.write_text("\n".join(requirement_lines(path, size)) + "\n", encoding="utf-8")
            t, rss = median_run(
                [
                    PY,
                    "-m",
                    "dealcheck",
                    "check",
                    str(reqs),
                    "-c",
                    str(path),
                    "--format",
                    "json",
                    "--output",
                    str(work / "out.json"),
                ],
                runs,
            )
            rows.append(
                {
                    "catalog": name,
                    "capabilities": ncap,
                    "requirements": size,
                    "seconds": t,
                    "peak_mib": rss / 1024,
                }
            )
    return rows


def bench_size(work: Path, runs: int, sizes_mb: list[float], lines: int) -> list[dict[str, Any]]:
    """Hostile shapes on the bundled catalogue: one huge line, and many ordinary lines.

    The one-line files are the many-lines text with its line breaks replaced by spaces, so
    both shapes hold the same kind of sentences; cost must be linear in the size whatever
    the shape. The default (table) report is written to a file, as a CI log would hold it."""
    catalog = accuracy.CATALOGS["bundled"]
    text = "\n".join(requirement_lines(catalog, lines)) + "\n"
    cases: list[tuple[str, Path]] = []
    many = work / "many-lines.txt"
    many.write_text(text, encoding="utf-8")
    cases.append((f"{lines:,} lines ({len(text) / 1e6:.1f} MB)", many))
    distinct = "\n".join(distinct_lines(catalog, lines)) + "\n"
    unlike = work / "distinct-lines.txt"
    unlike.write_text(distinct, encoding="utf-8")
    cases.append((f"{lines:,} distinct lines ({len(distinct) / 1e6:.1f} MB)", unlike))
    flat = text.replace("\n", " ")
    for mb in sizes_mb:
        size = int(mb * 1_000_000)
        one = work / f"one-line-{mb}.txt"
        one.write_text((flat * (size // len(flat) + 1))[:size], encoding="utf-8")
        cases.append((f"one line of {mb:g} MB", one))
    rows = []
    for name, path in cases:
        for fmt in ("table", "json"):
            out = work / f"size-out.{fmt}"
            t, rss = median_run(
                [PY, "-m", "dealcheck", "check", str(path), "-c", str(catalog),
                 "--format", fmt, "--output", str(out)],
                runs,
            )  # fmt: skip
            rows.append({"input": name, "format": fmt, "seconds": t, "peak_mib": rss / 1024})
    return rows


def write_format(fmt: str, texts: list[str], path: Path) -> None:
    """The corpus texts as a customer would send them in ``fmt``."""
    if fmt == "txt":
        path.write_text("\n".join(texts) + "\n", encoding="utf-8")
    elif fmt == "md":
        body = ["# Requirements", "", "## Scope", ""] + [f"- {t}" for t in texts]
        path.write_text("\n".join(body) + "\n", encoding="utf-8")
    elif fmt == "csv":
        import csv

        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["Ref", "Requirement", "Vendor response"])
            for i, t in enumerate(texts, 1):
                w.writerow([f"Q-{i}", t, ""])
    elif fmt == "xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = "Requirements"
        ws.append(["Ref", "Requirement", "Vendor response"])
        for i, t in enumerate(texts, 1):
            ws.append([f"Q-{i}", t, None])
        wb.save(path)
    elif fmt == "docx":
        import docx

        doc = docx.Document()
        doc.add_heading("Requirements", level=1)
        for t in texts:
            doc.add_paragraph(t, style="List Bullet")
        doc.save(str(path))
    elif fmt == "pdf":
        from xml.sax.saxutils import escape

        from reportlab.lib.pagesizes import A4
        from reportlab.lib.styles import getSampleStyleSheet
        from reportlab.platypus import ListFlowable, Paragraph, SimpleDocTemplate

        styles = getSampleStyleSheet()
        items = [Paragraph(escape(t), styles["Normal"]) for t in texts]
        doc = SimpleDocTemplate(str(path), pagesize=A4)
        doc.build(
            [Paragraph("Requirements", styles["Heading1"]), ListFlowable(items, bulletType="1")]
        )
    else:
        raise ValueError(fmt)


def bench_formats(work: Path, cases: list[accuracy.Case]) -> dict[str, dict[str, Any]]:
    """Accuracy per input format: the corpus written in each format, read back, checked."""
    from collections import defaultdict

    from dealcheck.catalog import load_catalog
    from dealcheck.engine import Engine
    from dealcheck.sources import read_requirements

    groups: dict[tuple[str, str], list[accuracy.Case]] = defaultdict(list)
    paths: dict[str, Path] = {}
    for case in cases:
        groups[(case.catalog, case.context_name)].append(case)
        paths[case.catalog] = case.catalog_path or accuracy.catalog_path(case.catalog)
    engines = {name: Engine(load_catalog(str(path)).catalog) for name, path in paths.items()}
    results: dict[str, dict[str, Any]] = {}
    for fmt in ("txt", "md", "csv", "xlsx", "docx", "pdf"):
        scores = accuracy.Scores()
        lost = 0
        try:
            for n, ((catalog, _), group) in enumerate(sorted(groups.items())):
                path = work / f"corpus-{n}.{fmt}"
                write_format(fmt, [c.text for c in group], path)
                reqs, _ = read_requirements([str(path)])
                if len(reqs) != len(group):
                    lost += abs(len(reqs) - len(group))
                    continue
                engine = engines[catalog]
                report = engine.check(reqs, accuracy.deal_context(group[0].context))
                for case, res in zip(group, report.requirements):
                    scores.add(accuracy.outcome_of(case, res, engine.catalog))
        except ImportError as exc:  # a format library missing: say so, don't guess
            results[fmt] = {"error": f"not measured: {exc}"}
            continue
        row = scores.row()
        row["requirements_lost"] = lost
        results[fmt] = row
    return results


def bench_accuracy(cases: list[accuracy.Case]) -> dict[str, Any]:
    """Every figure of the accuracy section; held-out misses are counted, never listed."""
    from dealcheck.engine import match
    from dealcheck.engine.match import ALL_SIGNALS
    from dealcheck.engine.rules import ALL_RULES

    _, _, outcomes = accuracy.evaluate(cases)
    splits = accuracy.split_rows(outcomes)
    per_kind: dict[str, dict[str, Any]] = {}
    for split in (accuracy.HELDOUT, "dev"):
        mine = [o for o in outcomes if o.case.split == split]
        for kind, scores in accuracy.scores_by(mine, lambda o: o.case.kind).items():
            per_kind.setdefault(kind, {})[split] = scores.row()
    curves = {
        split: accuracy.confidence_curve([o for o in outcomes if o.case.split == split])
        for split in splits
    }
    suggestions = sum(o.suggestion is not None for o in outcomes)
    # The ablation runs on the held-out split: the signals were tuned on dev.
    heldout = [c for c in cases if c.split == accuracy.HELDOUT] or cases
    ablation = {"(everything on)": accuracy.evaluate(heldout)[0].row()}
    for signal in sorted(ALL_SIGNALS - {"pin"}):
        s, _, _ = accuracy.evaluate(heldout, frozenset(ALL_SIGNALS - {signal}))
        ablation[f"signal {signal}"] = s.row()
    for rule in sorted(ALL_RULES):
        s, _, _ = accuracy.evaluate(heldout, rules=frozenset(ALL_RULES - {rule}))
        ablation[f"rule {rule}"] = s.row()
    return {
        "splits": splits,
        "per_kind": dict(sorted(per_kind.items())),
        "curves": curves,
        "engine_threshold": getattr(match, "THRESHOLD", None),
        "suggestions": suggestions,
        "ablation": ablation,
        "heldout_false_promises": sum(
            o.false_promise for o in outcomes if o.case.split == accuracy.HELDOUT
        ),
        # Development misses only: held-out texts and answers stay unread.
        "dev_misses": [
            {
                "id": o.case.case_id,
                "text": o.case.text,
                "gold": o.case.verdict,
                "got": o.verdict,
                "false_promise": o.false_promise,
            }
            for o in outcomes
            if o.case.split != accuracy.HELDOUT and (not o.correct or o.false_promise)
        ],
    }


def growth(rows: list[dict[str, Any]]) -> list[str]:
    notes = []
    by_cat: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_cat.setdefault(r["catalog"], []).append(r)
    for name, rs in by_cat.items():
        rs.sort(key=lambda r: r["requirements"])
        for a, b in zip(rs, rs[1:]):
            notes.append(
                f"{name}: {a['requirements']:,} -> {b['requirements']:,} requirements "
                f"({b['requirements'] / a['requirements']:.0f}x):"
                f" time x{b['seconds'] / a['seconds']:.2f}"
            )
    synthetic = sorted(
        (r for r in rows if r["catalog"].startswith("synthetic")),
        key=lambda r: (r["requirements"], r["capabilities"]),
    )
    for a, b in zip(synthetic, synthetic[1:]):
        if a["requirements"] == b["requirements"]:
            notes.append(
                f"{a['requirements']:,} requirements: {a['capabilities']:,} -> "
                f"{b['capabilities']:,} capabilities"
                f" ({b['capabilities'] / a['capabilities']:.0f}x): time x"
                f"{b['seconds'] / a['seconds']:.2f}"
            )
    return notes


SCALE_NOTE = (
    "Requirements are generated from each catalogue's capability names in eight RFP"
    " phrasings, so a long list repeats questions and each distinct question is matched"
    " once (a tenth name nothing the catalogue has). The hostile-size section below also"
    " measures a list where no two lines are alike. `check` runs with its default"
    " `--jobs`: a list of 400 or more distinct questions is matched on up to four"
    " processes, as many as the machine's cores (see the machine line above), with the"
    " report byte-identical to one process's."
)


def markdown(result: dict[str, Any]) -> str:
    m = result["machine"]
    s = result["startup"]
    out = [
        "# Benchmarks",
        "",
        f"Measured {result['date']} with `python bench/run.py` (medians of {result['runs']} runs"
        " of a fresh process each; times include interpreter start-up).",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory']}, {m['os']}, Python {m['python']}.",
        "",
        "Reproduce: `python bench/run.py` (about a few minutes; `--runs N` for more runs).",
        "",
        "## Start-up",
        "",
        "| measurement | seconds | ratio to floor | target |",
        "|---|---:|---:|---:|",
        f'| floor: `python -c "{FLOOR_CODE}"` | {s["floor"]:.3f} | 1.00 | |',
        f"| `dealcheck --version` | {s['version']:.3f} | {s['version_ratio']:.2f} | ≤ 1.3 |",
        f"| `dealcheck check` on 40 generated requirements (bundled catalogue) |"
        f" {s['check40']:.3f} | {s['check40_ratio']:.2f} | ≤ 2.0 |",
        f"| `dealcheck check` on {s['questions']} customer-written questions |"
        f" {s['check34']:.3f} | {s['check34_ratio']:.2f} | ≤ 4.0 |",
        f"| the same with `--no-semantic` | {s['check34_lexical']:.3f} |"
        f" {s['check34_lexical_ratio']:.2f} | |",
        "",
        f"`--version` target: {'met' if s['version_ratio'] <= 1.3 else 'NOT met'}."
        f" 40-requirement check target: {'met' if s['check40_ratio'] <= 2.0 else 'NOT met'}."
        f" {s['questions']}-question check with the semantic signal:"
        f" {'met' if s['check34_ratio'] <= 4.0 else 'NOT met'}.",
        "",
        "dealcheck's modules are byte-compiled before these runs, as pip does when it"
        " installs a package (the floor's packages were compiled that way too).",
        "",
        "Where a check's start-up goes (measured in-process with `python -X importtime`"
        " and `cProfile`): the floor imports pydantic lazily (`import pydantic` loads"
        " almost nothing), while a check must build the catalogue and report models:"
        " pydantic's model construction and its core schema imports cost about as much"
        " as the whole floor again. The semantic signal adds numpy (about 0.05 s), the"
        " model's tokenizer (about 0.05 s to build from its 1.8 MB JSON) and the rows of"
        " its float16 weights that the texts use (a slice of the 16 MB file each), read"
        " from the wordllama wheel's files without importing the package, once and only"
        " when a requirement is not matched by its phrases alone; the English"
        " word list (pyspellchecker's resource) is read only when a word is unknown to the"
        " catalogue, and a word is found by halving its sorted text instead of parsing"
        " all 160,000 entries. Every other optional library (openpyxl, python-docx, pypdf,"
        " markdown-it, rapidfuzz) is imported only when an input needs it.",
        "",
        "## Scale",
        "",
        SCALE_NOTE,
        "",
        "| catalogue | capabilities | requirements | seconds | peak MiB |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in result["scale"]:
        out.append(
            f"| {r['catalog']} | {r['capabilities']:,} | {r['requirements']:,} |"
            f" {r['seconds']:.2f} | {r['peak_mib']:.0f} |"
        )
    out += ["", "Growth:", ""] + [f"- {g}" for g in result["growth"]]
    if result.get("size"):
        out += [
            "",
            "## Hostile size",
            "",
            "The bundled catalogue against text files of the same sentences in two shapes: many"
            " ordinary lines, and everything on one line (split into parts of at most 2,000"
            " characters at sentence boundaries when read). Reports written with `--output`.",
            "",
            "The ordinary lines repeat the way a long list gathered from many lots does (eight"
            " phrasings of the catalogue's capabilities: 844 distinct questions in 67,000"
            " lines), and a check matches each distinct question once. The *distinct lines*"
            " input asks each of those questions for a different team and site, so no two"
            " lines are alike and every one is matched: the cost of a list that never repeats.",
            "",
            "| input | format | seconds | peak MiB |",
            "|---|---|---:|---:|",
        ]
        out += [
            f"| {r['input']} | {r['format']} | {r['seconds']:.2f} | {r['peak_mib']:.0f} |"
            for r in result["size"]
        ]
    acc = result.get("accuracy")
    if acc:
        out += accuracy_markdown(acc, result.get("formats") or {})
    return "\n".join(out) + "\n"


SPLIT_TITLES = {
    accuracy.HELDOUT: "held-out",
    "dev": "dev",
    accuracy.BUYER_DEV_SPLIT: accuracy.BUYER_DEV_SPLIT,
}
ACC_HEADER = [
    "| slice | cases | verdict accuracy | false promises | unknown rate | capability recall |",
    "|---|---:|---:|---:|---:|---:|",
]


def accuracy_markdown(acc: dict[str, Any], fmts: dict[str, Any]) -> list[str]:
    """The accuracy section: held-out figures first, then development, curve, kinds, ablation."""
    splits = acc["splits"]
    heldout = splits.get(accuracy.HELDOUT)
    buyer = splits.get(accuracy.BUYER_DEV_SPLIT)
    out = [
        "",
        "## Accuracy",
        "",
        "The labelled corpus in `bench/corpus/` is split in two. The **held-out** split"
        " (`bench/corpus/heldout/`) is written the way customers write (public procurement"
        " and security questionnaires reworded, buyer phrasing) and is never used to tune"
        " the engine: it gives the figures dealcheck is judged by. The **dev** split"
        " (`bench/corpus/dev/`) holds the cases engine work may look at: the original cases"
        " written from the catalogues' wording plus customer-written ones"
        + (
            f"; `{accuracy.BUYER_DEV_SPLIT}` is the buyer-written GitLab set shipped beside"
            " that catalogue."
            if buyer
            else "."
        ),
        "",
        "A *false promise* is a requirement reported `supported`, or not at risk, when the"
        " gold answer is otherwise.",
        "",
    ]
    if heldout:
        out += ["### Held-out split", "", *ACC_HEADER, _acc_row("held-out", heldout["overall"])]
        out += [_acc_row(f"catalogue: {n}", r) for n, r in heldout["per_catalog"].items()]
        out.append("")
    out += ["### Development split", "", *ACC_HEADER]
    for split, block in splits.items():
        if split == accuracy.HELDOUT:
            continue
        title = SPLIT_TITLES.get(split, split)
        out.append(_acc_row(title, block["overall"]))
        if len(block["per_catalog"]) > 1 or split == "dev":
            out += [_acc_row(f"{title}: {n}", r) for n, r in block["per_catalog"].items()]
    out += [
        "",
        "### Precision and coverage over the confidence threshold",
        "",
        "At each threshold, an answer other than `unknown` whose confidence is below it counts"
        " as `unknown`"
        + (
            ", and an `unknown` result whose `suggestion` reaches it counts as that suggestion"
            f" ({acc['suggestions']} results carried one)"
            if acc["suggestions"]
            else f"; the engine gives no suggestion below its own threshold"
            f" ({acc['engine_threshold']}), so the curve is flat below it"
        )
        + ". *Coverage*: share of cases answered; *precision*: share of answered cases whose"
        " verdict is right; *supported precision*: share of `supported` answers whose gold"
        " verdict is `supported`; accuracy and false promises count an unanswered case as"
        " `unknown`.",
        "",
    ]
    for split in (accuracy.HELDOUT, "dev"):
        curve = acc["curves"].get(split)
        if not curve:
            continue
        out += [
            f"{SPLIT_TITLES[split].capitalize()} ({splits[split]['overall']['cases']} cases):",
            "",
            "| threshold | coverage | precision | supported precision | accuracy |"
            " false promises |",
            "|---:|---:|---:|---:|---:|---:|",
        ]
        for r in curve:
            out.append(
                f"| {r['threshold']:.2f} | {r['coverage']:.3f} | {_opt(r['precision'])} |"
                f" {_opt(r['supported_precision'])} | {r['accuracy']:.3f} |"
                f" {r['false_promises']} |"
            )
        out.append("")
    out += [
        "### Per kind of requirement",
        "",
        "| kind | held-out cases | held-out accuracy | dev cases | dev accuracy |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind, rows in acc["per_kind"].items():
        h, d = rows.get(accuracy.HELDOUT), rows.get("dev")
        out.append(
            f"| {kind} | {h['cases'] if h else 0} | {_opt(h and h['accuracy'])} |"
            f" {d['cases'] if d else 0} | {_opt(d and d['accuracy'])} |"
        )
    if fmts:
        out += [
            "",
            "### Per input format (held-out split)",
            "",
            "The held-out cases written as each format, read back by dealcheck's reader, checked.",
            "",
            "| format | cases | verdict accuracy | false promises | unknown rate |"
            " capability recall | requirements lost |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for fmt, row in fmts.items():
            if "error" in row:
                out.append(f"| {fmt} | {row['error']} | | | | | |")
            else:
                out.append(_acc_row(fmt, row) + f" {row['requirements_lost']} |")
    out += [
        "",
        "### Ablation on the held-out split: each signal and each rule switched off in turn",
        "",
        "A signal whose removal lowers accuracy earns its place; a rule whose removal"
        " adds false promises earns its place even when it costs answers.",
        "",
        "| without | verdict accuracy | false promises | unknown rate | capability recall |",
        "|---|---:|---:|---:|---:|",
    ]
    for signal, row in acc["ablation"].items():
        out.append(
            f"| {signal} | {row['accuracy']:.3f} | {row['false_promises']} |"
            f" {row['unknown_rate']:.3f} | {row['capability_recall']:.3f} |"
        )
    return out


def _opt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _acc_row(name: str, row: dict[str, Any]) -> str:
    return (
        f"| {name} | {row['cases']} | {row['accuracy']:.3f} | {row['false_promises']} |"
        f" {row['unknown_rate']:.3f} | {row['capability_recall']:.3f} |"
    )


def smoke_sample(cases: list[accuracy.Case], per_split: int = 15) -> list[accuracy.Case]:
    """The first few cases of every split, for a seconds-long run."""
    taken: dict[str, int] = {}
    sample = []
    for case in cases:
        if taken.get(case.split, 0) < per_split:
            taken[case.split] = taken.get(case.split, 0) + 1
            sample.append(case)
    return sample


def kept_sections(path: Path) -> str:
    """Sections other benchmarks own (``<!-- keep:NAME -->`` ... ``<!-- /keep:NAME -->``,
    e.g. bench/gaps.py's), carried over when this script rewrites the file."""
    import re

    if not path.exists():
        return ""
    text = path.read_text(encoding="utf-8")
    blocks = re.finditer(r"<!-- keep:([\w-]+) -->.*?<!-- /keep:\1 -->", text, re.S)
    return "".join(f"\n{block.group(0)}\n" for block in blocks)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one run, no docs")
    parser.add_argument("--runs", type=int, default=5, help="runs per timing (median)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "BENCHMARKS.md"))
    parser.add_argument("--json", help="also write the raw results as JSON")
    parser.add_argument(
        "--size-only", action="store_true", help="only the hostile-size runs, printed (no docs)"
    )
    args = parser.parse_args()
    runs = 1 if args.smoke else args.runs
    sizes = [20] if args.smoke else [100, 1000, 10000]
    cat_sizes = [200] if args.smoke else [5000, 20000]
    work = Path(tempfile.mkdtemp(prefix="dealcheck-bench-"))
    try:
        result: dict[str, Any] = {
            "date": dt.date.today().isoformat(),
            "runs": runs,
            "machine": machine(),
        }
        size_mb, size_lines = ([0.05], 500) if args.smoke else ([1.6, 6.4], 67_000)
        if args.size_only:
            for r in bench_size(work, max(1, min(runs, 3)), size_mb, size_lines):
                print(
                    f"size: {r['input']:>24} {r['format']:>5} {r['seconds']:.2f}s"
                    f" {r['peak_mib']:.0f} MiB"
                )
            return 0
        result["startup"] = bench_startup(work, runs)
        print(f"start-up: {json.dumps({k: round(v, 3) for k, v in result['startup'].items()})}")
        result["scale"] = bench_scale(work, runs if not args.smoke else 1, sizes, cat_sizes)
        result["size"] = bench_size(work, 1 if args.smoke else min(runs, 3), size_mb, size_lines)
        result["growth"] = growth(result["scale"])
        for r in result["scale"]:
            print(
                f"scale: {r['catalog']:>16} {r['requirements']:>6} reqs {r['seconds']:.2f}s"
                f" {r['peak_mib']:.0f} MiB"
            )
        cases = accuracy.load_cases()
        if cases:
            if args.smoke:
                cases = smoke_sample(cases)
            result["accuracy"] = bench_accuracy(cases)
            for split, block in result["accuracy"]["splits"].items():
                print(f"accuracy {split}:", block["overall"])
            heldout = [c for c in cases if c.split == accuracy.HELDOUT] or cases
            result["formats"] = bench_formats(work, heldout)
            for fmt, row in result["formats"].items():
                print(f"format {fmt}: {row}")
        if args.json:
            Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
        if not args.smoke:
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            Path(args.out).write_text(
                markdown(result) + kept_sections(Path(args.out)), encoding="utf-8"
            )
            print(f"wrote {args.out}")
        else:
            markdown(result)  # the rendering works too
            print("smoke run: ok")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
