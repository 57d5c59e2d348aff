"""What each command does, without click: read -> match -> evaluate -> report."""

from __future__ import annotations

import sys
from typing import Any

from dealcheck.errors import InputError


def run_lint(catalog_path: str | None, **options: Any) -> int:
    from dealcheck.lint import main as lint_main

    return lint_main(catalog_path, **options)


def run_gaps(paths: list[str], **options: Any) -> int:
    from dealcheck.gaps import main as gaps_main

    return gaps_main(paths, console=_console(), **options)


def run_diff(old: str, new: str, deals: list[str], **options: Any) -> int:
    from dealcheck.diff import main as diff_main

    return diff_main(old, new, deals, console=_console(), **options)


def _load_catalog(path: str | None) -> Any:
    from dealcheck.catalog.loader import find_catalog, load_catalog

    return load_catalog(find_catalog(path))


def _library(
    answers_path: str | None,
    no_answers: bool,
    catalog_path: str | None,
    engine: Any,
    semantic: bool = True,
) -> Any:
    """The answer library for a check, indexed (or None when there is none)."""
    from dealcheck.answers.loader import find_answers
    from dealcheck.catalog.loader import find_catalog

    path, named = find_answers(answers_path, find_catalog(catalog_path), disabled=no_answers)
    if path is None:
        return None
    import os

    if not named and not os.path.isfile(path):
        return None
    from dealcheck.answers.cache import load_library
    from dealcheck.textio import display_name

    library = load_library(
        path, engine.catalog, engine.index.canon, display_name(path), semantic=semantic
    )
    return library if library.lookup.answers else None


def _check_name(
    kind: str,
    value: str | None,
    options: list[str],
    where: str,
    origin: tuple[str, int | None, int | None] | None = None,
) -> None:
    if value is None or value in options:
        return
    import difflib  # only for a did-you-mean hint

    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'? " if close else ""
    listed = ", ".join(options) if options else "none (the catalogue declares none)"
    if origin is not None:
        file, line, column = origin
        raise InputError(
            f"unknown {kind} '{value}'", file, line, column, hint=f"{hint}valid: {listed}"
        )
    raise InputError(f"unknown {kind} '{value}' ({where})", hint=f"{hint}valid: {listed}")


def validate_context(context: Any, catalog: Any, where: str) -> Any:
    """Deal context names must exist in the catalogue; add-ons are matched case-insensitively."""
    origins = getattr(context, "origins", {})
    _check_name("edition", context.edition, catalog.editions, where, origins.get("edition"))
    _check_name(
        "deployment", context.deployment, catalog.deployments, where, origins.get("deployment")
    )
    _check_name("region", context.region, catalog.regions, where, origins.get("region"))
    known = {c.add_on.casefold(): c.add_on for c in catalog.capabilities if c.add_on}
    add_ons = []
    for name in context.add_ons:
        if name.casefold() not in known:
            _check_name("add-on", name, sorted(set(known.values())), where, origins.get("add_ons"))
        add_ons.append(known[name.casefold()])
    context.add_ons = sorted(set(add_ons), key=str.lower)
    return context


def parse_fail_on(value: str | None) -> frozenset[str] | None:
    from dealcheck.report import VERDICTS

    if not value:
        return None
    names = [v.strip().lower() for v in value.split(",") if v.strip()]
    for name in names:
        if name not in VERDICTS:
            raise InputError(
                f"--fail-on: unknown verdict '{name}'", hint="use any of " + ",".join(VERDICTS)
            )
    return frozenset(names)


def _emit(text: str | bytes, output: str | None) -> None:
    if output:
        from dealcheck.output import write_atomic

        write_atomic(output, text.encode("utf-8") if isinstance(text, str) else text)
    else:
        assert isinstance(text, str)
        sys.stdout.write(text)
        sys.stdout.flush()


def _console(stderr: bool = False) -> Any:
    """A console that never reads markup; plain text (and a readable width) when piped."""
    import os

    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    width = None
    if not stream.isatty():
        try:
            width = int(os.environ.get("COLUMNS", "") or 120)
        except ValueError:
            width = 120
    return Console(
        stderr=stderr, highlight=False, markup=False, emoji=False, width=width, soft_wrap=False
    )


def _signals(semantic: bool) -> frozenset[str]:
    from dealcheck.engine.match import ALL_SIGNALS

    return ALL_SIGNALS if semantic else ALL_SIGNALS - {"semantic"}


def run_check(
    paths: list[str],
    *,
    read_options: Any,
    cli_context: Any,
    catalog_path: str | None,
    fmt: str,
    output: str | None,
    fail_on: str | None,
    fail_priority: str,
    min_coverage: float | None,
    waivers: str | None,
    verbose: bool,
    semantic: bool = True,
    answers: str | None = None,
    no_answers: bool = False,
) -> int:
    from dealcheck.engine import Engine, GateOptions
    from dealcheck.formats import BINARY, RenderOptions, get_format
    from dealcheck.sources import read_requirements

    gate = GateOptions(parse_fail_on(fail_on), fail_priority, min_coverage)
    if fmt in BINARY and not output:
        raise InputError(f"--format {fmt} writes a binary file: give --output FILE")
    for path in paths:
        if output and path != "-":
            import os

            if os.path.exists(output) and os.path.samefile(path, output):
                raise InputError(
                    "--output would overwrite an input file",
                    output,
                    hint="choose another output path",
                )
    loaded = _load_catalog(catalog_path)
    requirements, file_context = read_requirements(paths, read_options)
    context = file_context.merged(cli_context)
    validate_context(context, loaded.catalog, "deal context")
    waiver_rules = []
    if waivers:
        from dealcheck.waivers import load_waivers

        waiver_rules = load_waivers(waivers)

    engine = Engine(loaded.catalog, _signals(semantic))
    library = _library(answers, no_answers, catalog_path, engine, semantic)
    progress = None
    bar = None
    if len(requirements) >= 500 and sys.stderr.isatty():
        from rich.progress import Progress

        bar = Progress(console=_console(stderr=True), transient=True)
        task = bar.add_task("checking", total=len(requirements))
        bar.start()

        def progress(n: int) -> None:
            if n % 50 == 0:
                bar.update(task, completed=n)

    try:
        report = engine.check(
            requirements,
            context,
            gate,
            waiver_rules,
            verbose=verbose,
            progress=progress,
            answers=library,
        )
    finally:
        if bar is not None:
            bar.stop()
    if library is not None:
        report.warnings.extend(library.warnings())
    # What the deal is worth is not the engine's business; the report carries it for gaps.
    report.deal.value = context.value
    report.deal.currency = context.currency

    options = RenderOptions(verbose=verbose, inputs=list(paths), requirements=requirements)
    if fmt == "table" and not output:
        from dealcheck.formats.table import print_report

        print_report(report, options, _console())
    else:
        _emit(get_format(fmt).render(report, options), output)
    for warning in report.warnings:
        print(f"dealcheck: warning: {warning}", file=sys.stderr)
    return 1 if report.summary.gate == "fail" else 0


def run_explain(
    question: str,
    *,
    cli_context: Any,
    catalog_path: str | None,
    fmt: str,
    top: int,
    semantic: bool = True,
) -> int:
    """The answer to one free-text question, with the top candidates and why."""
    import json

    from dealcheck.engine import THRESHOLD, Engine
    from dealcheck.quantities import extract_deadline, extract_quantities
    from dealcheck.requirements import Location
    from dealcheck.sources.common import make_requirement

    question = question.strip()
    if not question:
        raise InputError("the question is empty")
    loaded = _load_catalog(catalog_path)
    validate_context(cli_context, loaded.catalog, "command line")
    req = make_requirement(question, Location("<question>"))
    req.id = req.id or "Q"
    req.quantities = extract_quantities(req.text)
    req.deadline = extract_deadline(req.text)
    engine = Engine(loaded.catalog, _signals(semantic))
    result, minimum, add_ons = engine.assess(req, cli_context, verbose=True)
    _, match = engine.match(req, cli_context)
    candidates = match.candidates[:top]
    if fmt == "json":
        data = result.model_dump(mode="json")
        data["candidates"] = [
            {
                "id": c.cap_id,
                "name": engine.index.docs[c.doc].cap.name,
                "score": c.score,
                "signals": c.signals,
            }
            for c in candidates
        ]
        data["threshold"] = THRESHOLD
        data["minimum_edition"] = minimum
        data["add_ons"] = add_ons
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return 0
    from rich.table import Table
    from rich.text import Text

    from dealcheck.formats.table import STYLES
    from dealcheck.safe_text import one_line

    console = _console()
    answer = Text("Answer: ")
    answer.append(result.verdict, style=STYLES[result.verdict])
    answer.append(f"  (confidence {result.confidence:.2f}, threshold {THRESHOLD})")
    console.print(Text(f"Q: {one_line(question)}", style="bold"))
    console.print(answer)
    for c in result.capabilities:
        console.print(Text(f"  {c.id} ({one_line(c.name or '')}): {c.verdict}"))
        for reason in c.reasons:
            console.print(Text(f"    - {one_line(reason)}"))
    for reason in result.reasons:
        console.print(Text(f"  - {one_line(reason)}"))
    if minimum or add_ons:
        needs = ([f"{minimum} edition"] if minimum else []) + [f"{a} add-on" for a in add_ons]
        console.print(Text("  needs: " + ", ".join(needs)))
    if candidates:
        table = Table(title="Top candidates", title_justify="left", show_edge=False)
        table.add_column("Capability")
        table.add_column("Score", justify="right")
        table.add_column("Why")
        for cand in candidates:
            cap = engine.index.docs[cand.doc].cap
            table.add_row(
                Text(f"{cap.id} ({one_line(cap.name)})"),
                Text(f"{cand.score:.2f}"),
                Text(one_line("; ".join(cand.signals))),
            )
        console.print(table)
    return 0


def run_read(paths: list[str], *, read_options: Any, fmt: str) -> int:
    """``dealcheck read``: the requirements exactly as read, before any verdict."""
    import json

    from dealcheck.sources import read_requirements

    requirements, context = read_requirements(paths, read_options)
    if fmt == "json":
        data = {
            "deal": {
                "deal": context.deal,
                "customer": context.customer,
                "edition": context.edition,
                "deployment": context.deployment,
                "region": context.region,
                "add_ons": context.add_ons,
                "go_live": context.go_live.isoformat() if context.go_live else None,
                "value": context.value,
                "currency": context.currency,
            },
            "requirements": [r.as_dict() for r in requirements],
        }
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return 0
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from dealcheck.safe_text import one_line

    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    for column, options in (
        ("ID", {"no_wrap": True}),
        ("Pri", {"no_wrap": True}),
        ("Section", {"ratio": 1}),
        ("Source", {"no_wrap": True}),
        ("Requirement", {"ratio": 4}),
        ("Quantities", {"ratio": 1}),
    ):
        table.add_column(column, overflow="fold", **options)
    for r in requirements:
        quantities = "; ".join(
            f"{q.text} ({q.dimension}{', ' + q.bound if q.bound else ''})" for q in r.quantities
        )
        if r.deadline:
            quantities = "; ".join(x for x in (quantities, f"by {r.deadline.isoformat()}") if x)
        table.add_row(
            Text(one_line(r.id)),
            Text(r.priority + ("" if r.priority_explicit else "*")),
            Text(one_line(r.section or "")),
            Text(one_line(str(r.source))),
            Text(one_line(r.text)),
            Text(one_line(quantities)),
        )
    console = _console()
    console.print(table)
    console.print(
        Text(
            f"{len(requirements)} requirements from {len(paths)} file(s)"
            "   (* priority from the text's wording or the default, not stated explicitly)"
        )
    )
    return 0


def _library_for_writing(answers_path: str | None, catalog_file: str) -> tuple[str, Any, list[Any]]:
    """The library file that learn and review write to, its answers and their lines."""
    import os

    from dealcheck.answers.loader import default_path, load_answers
    from dealcheck.answers.model import AnswerLibrary

    path = answers_path or default_path(catalog_file)
    if not os.path.exists(path):
        return path, AnswerLibrary(), []
    loaded = load_answers(path)
    lines = [loaded.line_of(i) for i in range(len(loaded.library.answers))]
    return path, loaded.library, lines


def _review_date(value: str | None, option: str) -> Any:
    import datetime as dt

    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option}: '{value}' is not a date", hint="use YYYY-MM-DD") from None


def run_learn(
    paths: list[str],
    *,
    read_options: Any,
    catalog_path: str | None,
    answers: str | None,
    reviewed: str | None,
) -> int:
    """``dealcheck learn``: add a reviewed matrix's answers to the library."""
    from dealcheck.answers import store
    from dealcheck.answers.learn import learn_files
    from dealcheck.catalog.loader import find_catalog
    from dealcheck.safe_text import one_line
    from dealcheck.textio import display_name

    date = _review_date(reviewed, "--reviewed")
    catalog_file = find_catalog(catalog_path)
    loaded = _load_catalog(catalog_file)
    path, library, lines = _library_for_writing(answers, catalog_file)
    name = display_name(path)
    result = learn_files(
        paths,
        library,
        loaded.catalog,
        read_options=read_options,
        reviewed=date,
        library_name=name,
        lines=lines,
    )
    store.apply(path, library, result.changes)
    out = sys.stdout
    for o in result.outcomes:
        text = one_line(o.text)
        if len(text) > 70:
            text = text[:69] + "\u2026"
        out.write(f"{one_line(o.where)}: {o.action}: {text!r}: {one_line(o.detail)}\n")
    added, merged, skipped = (result.count(a) for a in ("added", "merged", "skipped"))
    unsigned = f"; {result.not_reviewed} row(s) not reviewed" if result.not_reviewed else ""
    written = "" if result.changes else " (unchanged)"
    out.write(f"{name}{written}: {added} added, {merged} merged, {skipped} skipped{unsigned}\n")
    return 0


def run_review(
    paths: list[str],
    *,
    read_options: Any,
    cli_context: Any,
    catalog_path: str | None,
    answers: str | None,
    reviewer: str | None,
    below: float,
    top: int,
    reviewed: str | None,
) -> int:
    """``dealcheck review``: the interactive walk through unknown and low-confidence answers."""
    import click

    from dealcheck.answers import review
    from dealcheck.catalog.loader import find_catalog
    from dealcheck.engine import Engine
    from dealcheck.sources import read_requirements
    from dealcheck.textio import display_name

    if not review.interactive():
        raise InputError(
            "review is interactive: run it in a terminal",
            hint="in CI, use 'dealcheck check' (and 'dealcheck learn' for a reviewed matrix)",
        )
    date = _review_date(reviewed, "--reviewed")
    catalog_file = find_catalog(catalog_path)
    loaded = _load_catalog(catalog_file)
    requirements, file_context = read_requirements(paths, read_options)
    context = file_context.merged(cli_context)
    validate_context(context, loaded.catalog, "deal context")
    path, library, lines = _library_for_writing(answers, catalog_file)
    name = (reviewer or "").strip()
    while not name:
        name = click.prompt("Your name (recorded as reviewed_by)").strip()
    engine = Engine(loaded.catalog)
    tally = review.run_review(
        requirements,
        engine,
        context,
        library_path=path,
        library=library,
        lines=lines,
        reviewer=name,
        below=below,
        top=top,
        today=date,
    )
    click.echo(
        f"\n{display_name(path)}: {tally.answered} answered, {tally.not_offered} not offered,"
        f" {tally.skipped} skipped" + (" (quit)" if tally.quit else "")
    )
    return 0
