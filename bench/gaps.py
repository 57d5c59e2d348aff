"""Benchmarks of `dealcheck gaps`: streaming scale, and the theme grouping's precision.

    python bench/gaps.py                  # 100,000 requirements in 2,000 reports (a few minutes)
    python bench/gaps.py --calibrate      # grouping precision/recall per similarity threshold
    python bench/gaps.py --smoke          # tiny sizes, nothing written

Scale: writes 2,000 saved reports (`dealcheck.report/1`, 50 requirements each, the verdict
mix of a typical pipeline, unmatched asks drawn from a few thousand distinct wordings with
a long tail) to a temporary folder and a JSON-lines file, then times `dealcheck gaps` on
them in a fresh process (wall clock and peak RSS, median of --runs).

Calibration: groups the hand-labelled asks of bench/themes.yaml at each threshold
and counts, over all pairs of asks, how many the grouping puts together that the labels
do too (precision) and how many of the labelled pairs it finds (recall).

Both write their section of docs/BENCHMARKS.md (between `<!-- keep:gaps... -->` markers,
which bench/run.py preserves).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
DOC = ROOT / "docs" / "BENCHMARKS.md"
CORPUS = ROOT / "bench" / "themes.yaml"

# Things the bundled catalogue does not do, and ways RFPs ask for them.
SYSTEMS = (
    "SAP S/4HANA, Workday, Oracle E-Business Suite, Trello, Asana, Monday.com, Basecamp, Notion,"
    " Coupa, Ariba, NetSuite, Dynamics 365, Zendesk, Freshdesk, HubSpot, Pipedrive, Xero,"
    " QuickBooks, Sage, DocuWare, M-Files, OpenText, Box Relay, Egnyte, Smartsheet, Airtable,"
    " Miro, Lucidchart, Figma, Tableau, Qlik, Looker, Snowflake, Databricks, Kafka, MuleSoft,"
    " Boomi, Informatica, Talend, UiPath"
).split(", ")
ASKS = (
    "Integration with {}",
    "Bi-directional sync with our {}",
    "Import everything from {}",
    "A native {} connector",
    "Export approved documents to {}",
    "Single sign-on from {} dashboards",
)
OTHER = (
    "Braille export, fax to document conversion, payroll processing, a Linux desktop client,"
    " hosting in Canada, hosting in Australia, hosting in Brazil, hosting in India,"
    " kiosk mode for shared terminals, dark mode, voice dictation, Gantt charts,"
    " handwriting recognition, WhatsApp notifications, SMS approval reminders,"
    " quantum-safe encryption, carbon footprint reporting, source code escrow,"
    " FedRAMP High authorisation, a VPAT accessibility report, IPv6 endpoints,"
    " Peppol e-invoicing, print release with badges, blockchain timestamps,"
    " a Chinese user interface, an Arabic right-to-left interface, USB download blocking,"
    " on-premises install on RHEL, instant messaging between users, email-in addresses"
).split(", ")
PHRASES = (
    "{} is required.",
    "The vendor must provide {}.",
    "We need {} from day one.",
    "Do you offer {}?",
    "{} would be nice to have.",
)
VERDICT_MIX = (
    ("supported", 45),
    ("partial", 5),
    ("upgrade", 15),
    ("roadmap", 8),
    ("unknown", 22),
    ("unsupported", 5),
)


def unknown_wordings(rng: random.Random) -> list[str]:
    wordings = [ask.format(system) for system in SYSTEMS for ask in ASKS]
    for thing in OTHER:
        wordings += [phrase.format(thing).capitalize() for phrase in PHRASES]
    rng.shuffle(wordings)
    return wordings


def catalogue_names() -> list[tuple[str, str, str, str | None]]:
    import yaml

    data = yaml.safe_load((ROOT / "capabilities.yaml").read_text(encoding="utf-8"))
    return [
        (c["id"], c["name"], c.get("status", "ga"), str(c["eta"]) if c.get("eta") else None)
        for c in data["capabilities"]
    ]


def make_report(
    n: int, per_report: int, rng: random.Random, caps: list, wordings: list[str]
) -> dict[str, Any]:
    verdicts = [v for v, _ in VERDICT_MIX]
    weights = [w for _, w in VERDICT_MIX]
    requirements = []
    for k in range(per_report):
        verdict = rng.choices(verdicts, weights)[0]
        priority = rng.choices(("must", "should", "may"), (6, 3, 1))[0]
        capabilities: list[dict[str, Any]] = []
        at_risk = verdict in ("unknown", "unsupported")
        if verdict == "unknown":
            # a long tail: a few asks are frequent, most are rare
            text = wordings[min(int(rng.paretovariate(1.2)) - 1, len(wordings) - 1)]
            if rng.random() < 0.6:
                text = rng.choice(wordings)
        else:
            cap_id, name, status, eta = rng.choice(caps)
            text = rng.choice(PHRASES).format(name).capitalize()
            if verdict == "roadmap":
                at_risk = rng.random() < 0.5
            capabilities.append(
                {
                    "id": cap_id,
                    "verdict": verdict,
                    "score": 0.9,
                    "reasons": [f"matched {cap_id}"],
                    "name": name,
                    "status": status,
                    "minimum_edition": None,
                    "add_on": None,
                    "caveats": [],
                    "eta": eta,
                    "docs": None,
                }
            )
        requirements.append(
            {
                "id": f"R-{k + 1}",
                "text": text,
                "priority": priority,
                "source": {
                    "file": f"deals/deal-{n}/rfp.xlsx",
                    "sheet": "Requirements",
                    "row": k + 2,
                },
                "verdict": verdict,
                "at_risk": at_risk,
                "confidence": 0.9 if capabilities else 0.2,
                "capabilities": capabilities,
                "reasons": ["matched"] if capabilities else ["no capability matches"],
                "section": "Requirements",
                "fails_gate": at_risk and priority == "must",
                "waiver": None,
                "quantities": [],
                "candidates": [],
            }
        )
    return {
        "schema": "dealcheck.report/1",
        "catalog": {"product": "Northwind Cloud", "version": "2026.11"},
        "deal": {
            "edition": rng.choice(("team", "business", "enterprise")),
            "deployment": "saas",
            "region": rng.choice(("eu", "us", "uk")),
            "go_live": "2027-03-01",
            "add_ons": [],
            "deal": f"Deal {n}",
            "customer": f"Customer {n % 700}",
            "value": rng.randrange(20_000, 3_000_000, 1_000),
            "currency": rng.choice(("EUR", "EUR", "USD")),
        },
        "summary": {
            "total": per_report,
            "verdicts": {},
            "at_risk": 0,
            "coverage": 0.0,
            "gate": "fail",
        },
        "requirements": requirements,
        "warnings": [],
    }


def write_reports(folder: Path, reports: int, per_report: int) -> tuple[Path, Path]:
    rng = random.Random(2026)
    caps = catalogue_names()
    wordings = unknown_wordings(rng)
    folder.mkdir(parents=True, exist_ok=True)
    lines = folder.parent / "history.jsonl"
    with lines.open("w", encoding="utf-8") as jsonl:
        for n in range(reports):
            report = make_report(n, per_report, rng, caps, wordings)
            text = json.dumps(report, indent=2)
            (folder / f"deal-{n:05d}.json").write_text(text, encoding="utf-8")
            jsonl.write(json.dumps(report, separators=(",", ":")) + "\n")
    return folder, lines


def timed(cmd: list[str], stdin: Path | None = None) -> tuple[float, int]:
    """(seconds, peak RSS in KiB) of one child process."""
    start = time.perf_counter()
    with open(stdin or os.devnull, "rb") as feed:
        proc = subprocess.Popen(cmd, stdin=feed, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err}")
    return elapsed, usage.ru_maxrss


def bench_scale(work: Path, reports: int, per_report: int, runs: int) -> dict[str, Any]:
    folder, lines = write_reports(work / "reports", reports, per_report)
    size = sum(p.stat().st_size for p in folder.iterdir())
    base = [PY, "-m", "dealcheck", "gaps", "--format", "json", "--output", str(work / "out.json")]
    rows = []
    for label, cmd, stdin in (
        ("folder of .json reports, semantic grouping", [*base, str(folder)], None),
        (
            "folder of .json reports, wording grouping",
            [*base, str(folder), "--grouping", "wording"],
            None,
        ),
        ("JSON lines on stdin, semantic grouping", [*base, "-"], lines),
    ):
        times, peaks = [], []
        for _ in range(runs):
            seconds, peak = timed(cmd, stdin)
            times.append(seconds)
            peaks.append(peak)
        rows.append(
            {"input": label, "seconds": statistics.median(times), "peak_mib": max(peaks) / 1024}
        )
        print(f"{label}: {rows[-1]['seconds']:.2f} s, {rows[-1]['peak_mib']:.0f} MiB")
    out = json.loads((work / "out.json").read_text(encoding="utf-8"))
    return {
        "reports": reports,
        "requirements": reports * per_report,
        "bytes": size,
        "gaps": out["summary"]["gaps"],
        "themes": out["summary"]["themes"],
        "runs": runs,
        "rows": rows,
    }


def calibrate() -> list[dict[str, Any]]:
    import yaml

    from dealcheck.engine.semantic import embed_texts
    from dealcheck.gaps.similarity import centroid_groups

    themes = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["themes"]
    asks = [(theme, text) for theme, texts in themes.items() for text in texts]
    vectors = embed_texts([text for _, text in asks])
    pairs = list(itertools.combinations(range(len(asks)), 2))
    rows = []
    for step in range(6, 15):
        threshold = step * 0.05
        labels = centroid_groups(vectors, threshold)
        together = [labels[i] == labels[j] for i, j in pairs]
        same = [asks[i][0] == asks[j][0] for i, j in pairs]
        tp = sum(t and s for t, s in zip(together, same))
        fp = sum(t and not s for t, s in zip(together, same))
        fn = sum(s and not t for t, s in zip(together, same))
        rows.append(
            {
                "threshold": round(threshold, 2),
                "precision": tp / (tp + fp) if tp + fp else 1.0,
                "recall": tp / (tp + fn) if tp + fn else 1.0,
                "merged": fp,
                "groups": len(set(labels)),
            }
        )
    return rows


def machine() -> str:
    """The machine, as bench/run.py describes it."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from run import machine as describe

    m = describe()
    return f"{m['cpu']}, {m['cores']} cores, Python {m['python']}"


def scale_markdown(result: dict[str, Any]) -> str:
    lines = [
        "## `dealcheck gaps` at scale",
        "",
        f"Measured {dt.date.today().isoformat()} with `python bench/gaps.py` on {machine()}"
        f" (median of {result['runs']} runs of a fresh process, including start-up and"
        " loading the WordLlama model).",
        "",
        f"Input: {result['reports']:,} saved reports of 50 requirements each"
        f" ({result['requirements']:,} requirements, {result['bytes'] / 2**20:.0f} MiB of JSON);"
        f" {result['gaps']:,} gap requirements grouped into {result['themes']:,} themes.",
        "",
        "| input | seconds | peak MiB |",
        "|---|---:|---:|",
    ]
    lines += [
        f"| {r['input']} | {r['seconds']:.1f} | {r['peak_mib']:.0f} |" for r in result["rows"]
    ]
    lines += [
        "",
        "Target: under a minute and within memory for 100,000 requirements across 2,000"
        " reports: "
        + ("met." if all(r["seconds"] < 60 for r in result["rows"]) else "NOT met.")
        + " Memory grows with the gap requirements kept (each report is parsed, reduced to its"
        " gaps and dropped), not with the size of the reports.",
    ]
    return "\n".join(lines)


def calibration_markdown(rows: list[dict[str, Any]]) -> str:
    lines = [
        "## Theme grouping: precision and recall per threshold",
        "",
        "`python bench/gaps.py --calibrate`: the 110 hand-labelled asks of"
        " `bench/themes.yaml` (43 themes) grouped by WordLlama similarity at each"
        " threshold; over every pair of asks, precision is the share of pairs grouped together"
        " that the labels put together too, recall the share of labelled pairs found.",
        "",
        "| threshold | precision | recall | different asks merged (pairs) | themes |",
        "|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r['threshold']:.2f} | {r['precision']:.2f} | {r['recall']:.2f} | {r['merged']} |"
        f" {r['groups']} |"
        for r in rows
    ]
    lines += [
        "",
        "The default, 0.50, is the lowest threshold that merged no two different asks. Reworded"
        ' asks that share few words ("Offline mode for field staff", "The mobile app must keep'
        ' working without an internet connection") often stay apart: they show as two themes'
        " rather than hide two asks in one. `--similarity` trades one for the other.",
    ]
    return "\n".join(lines)


def write_section(name: str, text: str) -> None:
    begin, end = f"<!-- keep:{name} -->", f"<!-- /keep:{name} -->"
    doc = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    block = f"{begin}\n{text}\n{end}"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
    doc = (
        pattern.sub(lambda _: block, doc)
        if pattern.search(doc)
        else doc.rstrip() + "\n\n" + block + "\n"
    )
    DOC.write_text(doc, encoding="utf-8")
    print(f"wrote the {name} section of {DOC}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calibrate", action="store_true", help="grouping precision/recall only")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one run, nothing written")
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--per-report", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.calibrate:
        rows = calibrate()
        for r in rows:
            print(r)
        if not args.smoke:
            write_section("gaps-calibration", calibration_markdown(rows))
        return 0
    work = Path(tempfile.mkdtemp(prefix="dealcheck-gaps-bench-"))
    try:
        if args.smoke:
            result = bench_scale(work, 20, 10, 1)
            scale_markdown(result)
            print("smoke run: ok")
        else:
            result = bench_scale(work, args.reports, args.per_report, args.runs)
            write_section("gaps-scale", scale_markdown(result))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
