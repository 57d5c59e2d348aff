"""What each command does, without click: read -> match -> evaluate -> report."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

from dealcheck.errors import InputError, Problem, raise_problems


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
    origin: tuple[str, int | None, int | None] | None,
    problems: list[Problem],
) -> str | None:
    """``value`` as the catalogue spells it (names match in any case); an unknown name is
    added to ``problems`` and given back as written."""
    if value is None:
        return None
    for option in options:
        if option.casefold() == value.strip().casefold():
            return option
    import difflib  # only for a did-you-mean hint

    folded = {o.casefold(): o for o in options}
    close = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.6)
    hint = f"did you mean '{folded[close[0]]}'? " if close else ""
    listed = ", ".join(options) if options else "none (the catalogue declares none)"
    file, line, column = origin if origin is not None else ("", None, None)
    message = f"unknown {kind} '{value}'" + ("" if origin is not None else f" ({where})")
    problems.append(Problem(file, line, column, "error", message, None, f"{hint}valid: {listed}"))
    return value


def context_problems(context: Any, catalog: Any, where: str) -> list[Problem]:
    """Every deal context name the catalogue does not have (names match in any case, and
    the known ones are given back as the catalogue spells them)."""
    problems: list[Problem] = []
    origins = getattr(context, "origins", {})
    for kind, key, options in (
        ("edition", "edition", catalog.editions),
        ("deployment", "deployment", catalog.deployments),
        ("region", "region", catalog.regions),
    ):
        value = _check_name(kind, getattr(context, key), options, where, origins.get(key), problems)
        setattr(context, key, value)
    known = sorted({c.add_on for c in catalog.capabilities if c.add_on}, key=str.lower)
    add_ons = [
        _check_name("add-on", name, known, where, origins.get("add_ons"), problems)
        for name in context.add_ons
    ]
    context.add_ons = sorted({a for a in add_ons if a}, key=str.lower)
    return problems


def validate_context(context: Any, catalog: Any, where: str) -> Any:
    """Deal context names must exist in the catalogue (every unknown one is reported at
    once); they match in any case and are given back as the catalogue spells them."""
    raise_problems(context_problems(context, catalog, where))
    return context


def pin_problems(requirements: list[Any], catalog: Any) -> list[Problem]:
    """Every pinned ``capability:`` that names no capability of the catalogue."""
    ids = [c.id for c in catalog.capabilities]
    known = set(ids)
    problems: list[Problem] = []
    for req in requirements:
        if not req.capability or req.capability in known:
            continue
        import difflib  # only for a did-you-mean hint

        close = difflib.get_close_matches(req.capability, ids, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else "see `dealcheck lint` for the ids"
        file, line, column = req.capability_origin or (req.source.file, req.source.line, None)
        problems.append(
            Problem(
                file, line, column, "error", f"unknown capability '{req.capability}'", None, hint
            )
        )
    return problems


def parse_fail_on(value: str | None) -> frozenset[str] | None:
    """``--fail-on``: verdicts, and ``default`` for the default rule (``default,partial``)."""
    from dealcheck.engine import DEFAULT_RULE
    from dealcheck.report import VERDICTS

    if not value:
        return None
    names = [v.strip().lower() for v in value.split(",") if v.strip()]
    allowed = (DEFAULT_RULE, *VERDICTS)
    for name in names:
        if name not in allowed:
            raise InputError(
                f"--fail-on: unknown verdict '{name}'", hint="use any of " + ",".join(allowed)
            )
    return frozenset(names)


def _warn(warnings: list[str]) -> None:
    from dealcheck.safe_text import visible

    for warning in warnings:
        print(f"dealcheck: warning: {visible(warning)}", file=sys.stderr)


def _emit(pieces: Iterable[str | bytes], output: str | None) -> None:
    """Write a report, piece by piece, to ``output`` (atomically) or standard output."""
    if output:
        from dealcheck.output import write_atomic

        write_atomic(output, (p.encode("utf-8") if isinstance(p, str) else p for p in pieces))
    else:
        for piece in pieces:
            assert isinstance(piece, str)
            sys.stdout.write(piece)
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
    response_column: str | None = None,
    comment_column: str | None = None,
    answers: str | None = None,
    no_answers: bool = False,
    jobs: int | None = None,
) -> int:
    from dealcheck.engine import Engine, GateOptions
    from dealcheck.formats import BINARY, RenderOptions, chunks
    from dealcheck.sources import ReadLog, ignored_options, read_requirements

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
    _warn(ignored_options(paths, read_options))
    log = ReadLog()
    # Every mistake in one run: the deal files' own, then those the catalogue shows.
    problems: list[Problem] = []
    requirements, file_context = read_requirements(paths, read_options, log, problems)
    context = file_context.merged(cli_context)
    problems += context_problems(context, loaded.catalog, "deal context")
    problems += pin_problems(requirements, loaded.catalog)
    raise_problems(problems)
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

        shown = 0

        def progress(n: int) -> None:
            nonlocal shown
            # (Never backwards: a long list's estimate while it is matched on several
            # processes may run ahead of the count as the results are then walked.)
            if n - shown >= 50 or n == len(requirements) > shown:
                shown = n
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
            jobs=jobs,
        )
    finally:
        if bar is not None:
            bar.stop()
    # What reading noticed is part of the report: every format shows it, stderr once.
    report.warnings[:0] = log.warnings
    # A priority that is not one is also a reason of its requirement, where the report
    # has rows to carry it (the answered comment, JSON, Markdown, ...). The table says it
    # once, as a warning (on stderr, or under the table in a file): its row said it again.
    if fmt != "table":
        for result, req in zip(report.requirements, requirements):
            if req.priority_note:
                result.reasons.append(f"{req.priority_note}: read as {req.priority}")
    if library is not None:
        report.warnings.extend(library.warnings())
    # What the deal is worth is not the engine's business; the report carries it for gaps.
    report.deal.value = context.value
    report.deal.currency = context.currency

    options = RenderOptions(verbose=verbose, inputs=list(paths), requirements=requirements)
    matrix = {"response_column": response_column, "comment_column": comment_column}
    options.extra.update({k: v for k, v in matrix.items() if v})
    if fmt not in ("csv", "xlsx"):
        _warn(
            [
                f"--{key.replace('_', '-')} applies to --format csv and xlsx only: ignored"
                for key, value in matrix.items()
                if value
            ]
        )
    if fmt == "table" and not output:
        from dealcheck.formats.table import print_report

        # The warnings go to stderr below, once; not into the table as well.
        print_report(report, options, _console(), with_warnings=False)
    else:
        _emit(chunks(fmt, report, options), output)
    _warn(report.warnings)
    return 1 if report.summary.gate == "fail" else 0


def run_deals(
    changed: list[str],
    *,
    every: bool,
    roots: list[str],
    catalog_path: str | None,
    waivers: str | None,
    **check_options: Any,
) -> int:
    """``dealcheck deals``: check every deal the ``changed`` files belong to, each whole.

    Each deal is checked as ``dealcheck check`` checks it (its deal file first); a bad
    input in one deal is reported and the others are still checked. Exit code: 2 if any
    deal had bad input, else 1 if any gate failed, else 0."""
    from pathlib import Path

    from dealcheck.catalog.loader import find_catalog
    from dealcheck.deals import DEFAULT_ROOTS, Affected, affected_deals, all_deals
    from dealcheck.errors import DealcheckError

    catalog = find_catalog(catalog_path)
    base = Path.cwd().resolve()
    roots = roots or list(DEFAULT_ROOTS)
    if every:
        affected = Affected(all_deals([(base / r).resolve() for r in roots], base), [])
    else:
        # The answer library every check uses is shared like the catalogue: a change to
        # it changes answers in every deal.
        from dealcheck.answers.loader import find_answers

        library, _ = find_answers(None, catalog)
        shared = [catalog, waivers or "", library or ""]
        affected = affected_deals(changed, roots=roots, shared=shared)
    out = sys.stdout
    if affected.everything:
        out.write(f"dealcheck: {affected.everything} changed: checking every deal\n")
    elif every:
        out.write(f"dealcheck: checking every deal under {', '.join(roots)}\n")
    if not affected.deals:
        out.write("dealcheck: no deal to check\n")
        return 0
    codes = []
    for deal in affected.deals:
        out.write(f"\n== {deal.name}: {', '.join(deal.files)}\n")
        out.flush()
        try:
            codes.append(
                run_check(deal.files, catalog_path=catalog, waivers=waivers, **check_options)
            )
        except DealcheckError as exc:
            for line in str(exc).splitlines():
                print(f"dealcheck: error: {line}", file=sys.stderr)
            codes.append(exc.exit_code)
    failed = [d.name for d, c in zip(affected.deals, codes) if c]
    out.write(
        f"\n{len(affected.deals)} deal(s) checked"
        + (f"; failing: {', '.join(failed)}" if failed else "; every gate passed")
        + "\n"
    )
    return 2 if 2 in codes else (1 if 1 in codes else 0)


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
    from dealcheck.sources import MAX_REQUIREMENT_CHARS
    from dealcheck.sources.common import make_requirement, settle_priority_tags

    question = question.strip()
    if not question:
        raise InputError("the question is empty")
    if len(question) > MAX_REQUIREMENT_CHARS:
        raise InputError(
            f"the question is {len(question):,} characters long; the limit is"
            f" {MAX_REQUIREMENT_CHARS:,}",
            hint="put a longer text in a file and run `dealcheck check` on it",
        )
    loaded = _load_catalog(catalog_path)
    validate_context(cli_context, loaded.catalog, "command line")
    req = make_requirement(question, Location("<question>"))
    settle_priority_tags([req])
    req.id = req.id or "Q"
    req.quantities = extract_quantities(req.text)
    req.deadline = extract_deadline(req.text)
    engine = Engine(loaded.catalog, _signals(semantic))
    result, minimum, add_ons = engine.assess(req, cli_context, verbose=True)
    # As `check` would: a question whose capabilities share no edition or deployment.
    if engine.settle([result], cli_context)[1]:
        minimum, add_ons = None, []
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
    from dealcheck.formats.intake import intake_json, print_intake
    from dealcheck.sources import ReadLog, ignored_options, read_requirements

    _warn(ignored_options(paths, read_options))
    log = ReadLog()
    requirements, context = read_requirements(paths, read_options, log)
    _warn(log.warnings)
    if fmt == "json":
        sys.stdout.write(intake_json(requirements, log.skipped, context))
        return 0
    print_intake(requirements, log.skipped, len(paths), _console())
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
    problems: list[Problem] = []
    requirements, file_context = read_requirements(paths, read_options, problems=problems)
    context = file_context.merged(cli_context)
    raise_problems(problems + context_problems(context, loaded.catalog, "deal context"))
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
