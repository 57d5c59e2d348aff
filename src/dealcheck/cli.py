"""The command line: parse options, wire the pieces, map errors to exit codes.

Only click and the version are imported at start-up; every command imports
what it needs when it runs, so ``dealcheck --version`` stays instant.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from typing import Any

import click

from dealcheck import __version__

EXIT_OK, EXIT_GATE, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
VERDICT_NAMES = ("unsupported", "unknown", "roadmap", "upgrade", "partial", "supported")
REPORT_FORMATS = ("table", "json", "markdown", "html", "sarif", "junit", "csv", "xlsx")


class _State:
    debug = False


def _die(message: str, code: int = EXIT_INPUT) -> None:
    click.echo(f"dealcheck: error: {message}", err=True)
    sys.exit(code)


def _set_max_bytes(ctx: click.Context, param: click.Parameter, value: int | None) -> int | None:
    if value is not None:
        from dealcheck.textio import set_max_bytes

        set_max_bytes(value)
    return value


def _set_debug(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:
        _State.debug = True
    return value


def _common_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option(
        "--max-bytes",
        type=click.IntRange(min=1),
        expose_value=False,
        callback=_set_max_bytes,
        envvar="DEALCHECK_MAX_BYTES",
        is_eager=True,
        help="Refuse input files larger than this many bytes [default: 52428800].",
    )(func)
    func = click.option(
        "--debug",
        is_flag=True,
        expose_value=False,
        callback=_set_debug,
        is_eager=True,
        help="Show the traceback of an internal error.",
    )(func)
    return func


def _catalog_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--catalog",
        "-c",
        "catalog_path",
        metavar="FILE",
        envvar="DEALCHECK_CATALOG",
        help="Capability catalogue [default: $DEALCHECK_CATALOG, else the nearest "
        "capabilities.yaml in this folder or a parent].",
    )(func)


def _answers_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--answers",
        "answers",
        metavar="FILE",
        help="Answer library [default: $DEALCHECK_ANSWERS, else answers.yaml beside the "
        "catalogue].",
    )(func)


def _use_semantic_model(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value:
        from pathlib import Path

        if not Path(value).expanduser().is_dir():
            raise click.BadParameter(f"{value}: no such model directory", param=param)
        from dealcheck.engine.semantic import use_model

        use_model(value)


def _semantic_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--semantic/--no-semantic",
        default=True,
        show_default=True,
        help="Use the offline WordLlama model as a matching signal beside the words.",
    )(func)


def _semantic_model_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--semantic-model",
        metavar="DIR",
        envvar="DEALCHECK_SEMANTIC_MODEL",
        expose_value=False,
        callback=_use_semantic_model,
        help="A local sentence-transformers model folder to use instead of WordLlama"
        ' (needs "dealcheck[transformers]"; never downloads) [env: DEALCHECK_SEMANTIC_MODEL].',
    )(func)


def _gate_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The gate's refinements and waivers, shared by `check` and `deals`."""
    options = [
        click.option(
            "--fail-priority",
            type=click.Choice(["must", "should", "may"]),
            default="must",
            show_default=True,
            help="Lowest priority whose failures fail the gate.",
        ),
        click.option(
            "--min-coverage",
            type=click.FloatRange(0, 100),
            metavar="PCT",
            help="Also fail the gate when fewer than PCT% of requirements are supported.",
        ),
        click.option("--waivers", metavar="FILE", help="YAML file of accepted exceptions."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _context_options(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--edition", help="Edition being quoted (overrides the deal file)."),
        click.option("--deployment", help="Deployment model (overrides the deal file)."),
        click.option("--region", help="Hosting region (overrides the deal file)."),
        click.option(
            "--go-live",
            "go_live",
            metavar="YYYY-MM-DD",
            help="Date the promises are due; roadmap items later than this are at risk.",
        ),
        click.option(
            "--add-on",
            "add_ons",
            multiple=True,
            metavar="NAME",
            help="Add-on already in the quote (repeatable).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _read_options(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option(
            "--input-format",
            type=click.Choice(["txt", "md", "csv", "xlsx", "docx", "pdf", "deal"]),
            help="Read every input as this format instead of guessing from the extension.",
        ),
        click.option("--sheet", help="Spreadsheet: read only this sheet."),
        click.option("--text-column", help="Spreadsheet: header of the requirement text column."),
        click.option("--id-column", help="Spreadsheet: header of the id column."),
        click.option("--priority-column", help="Spreadsheet: header of the priority column."),
        click.option(
            "--all-sentences",
            is_flag=True,
            help="Documents: read instructions to bidders (deadlines, submission, evaluation, "
            "contacts) as requirements too, and in text the letter around pasted questions "
            "(greeting, sign-off, signature); by default they are context, listed by `read`.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _make_read_options(kwargs: dict[str, Any]) -> Any:
    from dealcheck.sources import ReadOptions

    return ReadOptions(
        input_format=kwargs.pop("input_format", None),
        sheet=kwargs.pop("sheet", None),
        text_column=kwargs.pop("text_column", None),
        id_column=kwargs.pop("id_column", None),
        priority_column=kwargs.pop("priority_column", None),
        all_sentences=kwargs.pop("all_sentences", False),
    )


def _cli_context(kwargs: dict[str, Any]) -> Any:
    from dealcheck.requirements import DealContext

    go_live = kwargs.pop("go_live", None)
    date = None
    if go_live:
        import datetime as dt

        try:
            date = dt.date.fromisoformat(go_live)
        except ValueError:
            raise click.BadParameter(
                f"'{go_live}' is not a date; use YYYY-MM-DD", param_hint="--go-live"
            ) from None
    return DealContext(
        edition=kwargs.pop("edition", None),
        deployment=kwargs.pop("deployment", None),
        region=kwargs.pop("region", None),
        add_ons=list(kwargs.pop("add_ons", ()) or ()),
        go_live=date,
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="dealcheck")
def cli() -> None:
    """Check a customer's requirements against what the product really does.

    \b
    dealcheck check examples/deal.yaml        the coverage report for a deal
    dealcheck explain "Do you support SCIM?"  one quick question
    dealcheck read rfp.xlsx                   what was read, before any verdict
    dealcheck deals deals/globex/rfp.xlsx     every deal a changed file belongs to
    dealcheck lint                            validate capabilities.yaml
    dealcheck gaps reports/                   what deals ask for that the product lacks
    dealcheck diff main:capabilities.yaml capabilities.yaml deals/
                                              promises a catalogue change breaks
    dealcheck schema                          JSON Schema for editors
    dealcheck review rfp.xlsx                 answer the unknowns, into answers.yaml
    dealcheck learn answered.xlsx             import a reviewed matrix into answers.yaml

    Exit codes: 0 gate passed, 1 gate failed, 2 bad input or usage, 3 internal error.
    """


@cli.command()
@click.argument("requirements", nargs=-1, required=True, metavar="REQUIREMENTS...")
@_catalog_option
@_context_options
@_read_options
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(REPORT_FORMATS),
    default="table",
    show_default=True,
    help="Report format.",
)
@click.option("--output", "-o", metavar="FILE", help="Write the report to FILE (atomically).")
@click.option(
    "--response-column",
    metavar="HEADER",
    help="csv/xlsx: the customer's column for the answer [default: found by header, e.g. "
    "'Compliance (Y/N/P)', 'Supplier Response'].",
)
@click.option(
    "--comment-column",
    metavar="HEADER",
    help="csv/xlsx: the customer's column for the explanation [default: found by header, "
    "e.g. 'Vendor comments'].",
)
@click.option(
    "--fail-on",
    metavar="VERDICT[,VERDICT...]",
    help="Verdicts that fail the gate; 'default' stands for the default rule, so "
    "'default,partial' adds to it instead of replacing it [default: the at-risk ones "
    "(unsupported, unknown, late roadmap) and, when the deal quotes an edition, upgrade].",
)
@_gate_options
@click.option("--verbose", "-v", is_flag=True, help="Show every candidate and its score.")
@_semantic_option
@_answers_option
@click.option("--no-answers", is_flag=True, help="Ignore the answer library.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    metavar="N",
    help="Processes to match a long list with (several hundred distinct requirements or"
    " more; Linux); the report is the same whatever N [default: the cores available, up"
    " to 4].",
)
@_semantic_model_option
@_common_options
def check(requirements: tuple[str, ...], **kwargs: Any) -> None:
    """Check REQUIREMENTS (files, or - for stdin) against the catalogue.

    Formats are read by extension: .txt .md .csv .xlsx .docx .pdf, and .yaml/.json
    deal files. Several files are one deal.
    """
    from dealcheck.app import run_check

    read_options = _make_read_options(kwargs)
    context = _cli_context(kwargs)
    code = run_check(list(requirements), read_options=read_options, cli_context=context, **kwargs)
    sys.exit(code)


@cli.command()
@click.argument("files", nargs=-1, metavar="[CHANGED]...")
@click.option(
    "--all", "every", is_flag=True, help="Check every deal under the roots, changed or not."
)
@click.option(
    "--root",
    "roots",
    multiple=True,
    metavar="DIR",
    help="Folder that holds deals (repeatable) [default: deals, contracts].",
)
@_catalog_option
@_context_options
@_read_options
@click.option(
    "--fail-on",
    metavar="VERDICT[,VERDICT...]",
    help="Verdicts that fail the gate, as for `check` ('default' keeps the default rule).",
)
@_gate_options
@_common_options
def deals(files: tuple[str, ...], **kwargs: Any) -> None:
    """Check every deal that CHANGED files belong to, each whole (for pre-commit and CI).

    \b
    A deal folder (a folder with deal.yaml, deal.yml or deal.json) is one deal:
    its deal file and every requirement file in it, checked together, so a
    staged rfp.xlsx is checked with its deal.yaml's edition and region. A
    requirement file under a root outside any deal folder is a deal of its
    own. A changed catalogue or waiver file rechecks every deal.
    """
    from dealcheck.app import run_deals

    read_options = _make_read_options(kwargs)
    context = _cli_context(kwargs)
    code = run_deals(
        list(files),
        read_options=read_options,
        cli_context=context,
        fmt="table",
        output=None,
        verbose=False,
        **kwargs,
    )
    sys.exit(code)


@cli.command()
@click.argument("question", nargs=-1, required=True)
@_catalog_option
@_context_options
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--top",
    default=5,
    show_default=True,
    type=click.IntRange(1, 50),
    help="How many candidates to show.",
)
@_semantic_option
@_semantic_model_option
@_common_options
def explain(question: tuple[str, ...], **kwargs: Any) -> None:
    """Answer one question ("can we do X?") with the top candidates and why."""
    from dealcheck.app import run_explain

    context = _cli_context(kwargs)
    sys.exit(run_explain(" ".join(question), cli_context=context, **kwargs))


@cli.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@_read_options
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@_common_options
def read(files: tuple[str, ...], **kwargs: Any) -> None:
    """Show the requirements exactly as read, to verify the intake before any verdict."""
    from dealcheck.app import run_read

    read_options = _make_read_options(kwargs)
    sys.exit(run_read(list(files), read_options=read_options, fmt=kwargs["fmt"]))


@cli.command()
@click.argument("catalog_path", required=False, metavar="[CATALOG]")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--disable",
    "-d",
    multiple=True,
    metavar="RULE",
    help="Skip a rule by id (repeatable, or comma-separated).",
)
@click.option("--strict", is_flag=True, help="Warnings fail too (exit 1).")
@click.option(
    "--max-review-age",
    default=365,
    show_default=True,
    type=click.IntRange(min=1),
    metavar="DAYS",
    help="A 'reviewed' date older than this is stale.",
)
@click.option("--today", metavar="YYYY-MM-DD", hidden=True, help="Pretend today is this date.")
@click.option("--list-rules", is_flag=True, help="List the rules and exit.")
@_answers_option
@click.option("--no-answers", is_flag=True, help="Do not check the answer library.")
@_common_options
def lint(catalog_path: str | None, **kwargs: Any) -> None:
    """Validate a catalogue and check its hygiene (exit 0 valid, 1 --strict warnings, 2 invalid).

    The answer library (answers.yaml beside the catalogue, or --answers) is checked too.
    """
    from dealcheck.app import run_lint

    sys.exit(run_lint(catalog_path, **kwargs))


@cli.command()
@click.argument("answered", nargs=-1, required=True, metavar="ANSWERED...")
@_catalog_option
@_answers_option
@_read_options
@click.option(
    "--reviewed",
    metavar="YYYY-MM-DD",
    help="The review date to record [default: today].",
)
@_common_options
def learn(answered: tuple[str, ...], **kwargs: Any) -> None:
    """Add the answers of a reviewed compliance matrix to the answer library.

    ANSWERED is the CSV or XLSX that 'check --format csv|xlsx' wrote, returned by a
    reviewer: each row whose 'Reviewed by' cell is filled is learned from its
    'Matched capability' cell (ids, names or 'Name (id)', separated by ';'), or from a
    'Verdict' of unsupported with no capability. Idempotent; writes atomically.
    """
    from dealcheck.app import run_learn

    read_options = _make_read_options(kwargs)
    sys.exit(run_learn(list(answered), read_options=read_options, **kwargs))


@cli.command()
@click.argument("requirements", nargs=-1, required=True, metavar="REQUIREMENTS...")
@_catalog_option
@_answers_option
@_context_options
@_read_options
@click.option(
    "--reviewer",
    metavar="NAME",
    envvar="DEALCHECK_REVIEWER",
    help="Your name, recorded as reviewed_by [default: $DEALCHECK_REVIEWER, else asked].",
)
@click.option(
    "--below",
    type=click.FloatRange(0, 1),
    default=0.75,
    show_default=True,
    metavar="CONFIDENCE",
    help="Also review matches whose confidence is below this.",
)
@click.option(
    "--top",
    default=5,
    show_default=True,
    type=click.IntRange(1, 20),
    help="How many candidates to offer.",
)
@click.option(
    "--reviewed", metavar="YYYY-MM-DD", help="The review date to record [default: today]."
)
@_semantic_model_option
@_common_options
def review(requirements: tuple[str, ...], **kwargs: Any) -> None:
    """Answer, one at a time, what the check could not: saved to the answer library at once.

    Walks through the requirements whose verdict is unknown or whose match is below
    --below: pick a candidate by number, type a capability id, n (not offered), s (skip)
    or q (quit). Needs a terminal.
    """
    from dealcheck.app import run_review

    read_options = _make_read_options(kwargs)
    context = _cli_context(kwargs)
    sys.exit(
        run_review(list(requirements), read_options=read_options, cli_context=context, **kwargs)
    )


@cli.command()
@click.argument("reports", nargs=-1, required=True, metavar="REPORT...")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["table", "json", "markdown", "csv", "html"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option("--output", "-o", metavar="FILE", help="Write the result to FILE (atomically).")
@click.option(
    "--top",
    default=20,
    show_default=True,
    type=click.IntRange(min=0),
    help="Themes shown in table, markdown and html (0: all; json and csv list all).",
)
@click.option(
    "--weight",
    "weights",
    multiple=True,
    metavar="NAME=NUMBER",
    help="Ranking weight (repeatable): deal, must, should, may, value (per million)"
    " [default: deal=10 must=3 should=2 may=1 value=0].",
)
@click.option(
    "--currency",
    metavar="CODE",
    help="Currency whose deal values rank themes [default: the one most deals use].",
)
@click.option(
    "--grouping",
    type=click.Choice(["semantic", "wording"]),
    default="semantic",
    show_default=True,
    help="Group unmatched asks by meaning (WordLlama) or only by the same content words.",
)
@click.option(
    "--similarity",
    type=click.FloatRange(0, 1),
    metavar="0..1",
    help="Semantic similarity an ask needs to join a theme [default: 0.5].",
)
@click.option(
    "--catalog",
    "-c",
    "catalog_path",
    metavar="FILE",
    help="Show each capability's current status and ETA from this catalogue.",
)
@_semantic_model_option
@_common_options
def gaps(reports: tuple[str, ...], **kwargs: Any) -> None:
    """What customers ask for that the product lacks: gap themes across many deals.

    REPORT is a JSON report saved with `dealcheck check --format json`, a .jsonl file
    of them, a folder of them, or - for JSON lines on stdin.
    """
    from dealcheck.app import run_gaps

    sys.exit(run_gaps(list(reports), **kwargs))


@cli.command()
@click.argument("old", metavar="OLD_CATALOG")
@click.argument("new", metavar="NEW_CATALOG")
@click.argument("deals", nargs=-1, metavar="[DEAL...]")
@_context_options
@_read_options
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["table", "json", "markdown", "sarif"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option("--output", "-o", metavar="FILE", help="Write the result to FILE (atomically).")
@_semantic_model_option
@_common_options
def diff(old: str, new: str, deals: tuple[str, ...], **kwargs: Any) -> None:
    """What a catalogue change changes, and which promises in DEALs it breaks.

    OLD_CATALOG and NEW_CATALOG are files or REV:path (read with git show, the path from
    the repository root), e.g. main:capabilities.yaml. A DEAL is a deal file, a
    requirement file (context from the options), a saved JSON report, or a folder of them;
    each file is one deal. Exit 1 when a promise breaks, 0 otherwise, 2 for bad input.
    """
    from dealcheck.app import run_diff

    read_options = _make_read_options(kwargs)
    context = _cli_context(kwargs)
    sys.exit(
        run_diff(old, new, list(deals), read_options=read_options, cli_context=context, **kwargs)
    )


@cli.command()
@click.option("--output", "-o", metavar="FILE", help="Write the schema to FILE.")
@click.option("--answers", "answers", is_flag=True, help="The answer library's schema instead.")
def schema(output: str | None, answers: bool) -> None:
    """Print the catalogue's JSON Schema (for yaml-language-server and other editors)."""
    import json

    if answers:
        from dealcheck.answers.model import json_schema
    else:
        from dealcheck.catalog.model import json_schema  # type: ignore[no-redef]

    text = json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"
    if output:
        from dealcheck.output import write_atomic

        write_atomic(output, text.encode("utf-8"))
    else:
        click.echo(text, nl=False)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI and turn every failure into a clean exit code."""
    from dealcheck.errors import DealcheckError
    from dealcheck.textio import DEFAULT_MAX_BYTES, set_max_bytes

    # dealcheck uses no pydantic plugins; looking for them scans every installed
    # package's metadata (about 20 ms of a 300 ms check).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # A run builds many long-lived objects (catalogue, index) and then exits: with the
    # default thresholds the cyclic collector rescans them over and over, which made
    # loading grow faster than the catalogue (5,000 -> 20,000 capabilities: x5.6 instead
    # of x4). Collect young objects far less often.
    gc.set_threshold(100_000, 50, 100)
    _State.debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    # Each run starts from the default limit (--max-bytes / the environment may raise it).
    set_max_bytes(int(os.environ.get("DEALCHECK_MAX_BYTES") or DEFAULT_MAX_BYTES))
    try:
        result = cli.main(args=argv, prog_name="dealcheck", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        _die("aborted", EXIT_INPUT)
    except click.ClickException as exc:
        # Usage errors: click's own message, exit 2.
        exc.show()
        sys.exit(EXIT_INPUT)
    except DealcheckError as exc:
        for line in str(exc).splitlines():
            click.echo(f"dealcheck: error: {line}", err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        # The reader went away (| head): not our error.
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        finally:
            sys.exit(EXIT_OK)
    except KeyboardInterrupt:
        _die("interrupted", 130)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if _State.debug:
            import traceback

            traceback.print_exc()
        from dealcheck.safe_text import visible

        click.echo(
            f"dealcheck: internal error: {visible(f'{type(exc).__name__}: {exc}')}\n"
            "This is a bug in dealcheck. Please report it with the command you ran; "
            "--debug shows the traceback.",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(result if isinstance(result, int) else EXIT_OK)
