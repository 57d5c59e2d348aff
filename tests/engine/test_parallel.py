"""A long list matched on several processes gets the report one process gives, byte for
byte."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dealcheck.cli import main
from dealcheck.engine import parallel

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

needs_fork = pytest.mark.skipif(not parallel.can_fork(), reason="forked copies need Linux")


def _report(argv: list[str], capsys) -> str:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code in (0, 1), capsys.readouterr().err
    return capsys.readouterr().out


@needs_fork
def test_a_list_matched_on_several_processes_gets_the_same_report(monkeypatch, capsys, tmp_path):
    # The bundled examples in three formats, plus a questionnaire that asks some of their
    # questions again (the copies share the first one's result) and a question the
    # bundled answer library answers: every path through the check is taken.
    repeats = tmp_path / "again.txt"
    repeats.write_text(
        "- Single sign-on with Okta over SAML\n"
        "- Real-time co-editing of documents\n"
        "- The platform must keep audit logs for 10 years\n"
        "- Single sign-on with Okta over SAML\n",
        encoding="utf-8",
    )
    inputs = [
        str(EXAMPLES / "rfp.md"),
        str(EXAMPLES / "questions.txt"),
        str(EXAMPLES / "compliance-matrix.csv"),
        str(repeats),
    ]
    argv = ["check", *inputs, "-c", str(ROOT / "capabilities.yaml"), "-f", "json", "-v"]
    used: list[int] = []
    processes = parallel.processes

    def counted(jobs, items):
        n = processes(jobs, items)
        used.append(n)
        return n

    # The examples are a few dozen questions: the threshold is lowered so they are split.
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 4)
    monkeypatch.setattr(parallel, "processes", counted)
    alone = _report([*argv, "--jobs", "1"], capsys)
    assert used == []  # one process: nothing is split
    two = _report([*argv, "--jobs", "2"], capsys)
    three = _report([*argv, "--jobs", "3"], capsys)
    assert used[0] == 2 and used[-1] == 3
    assert two == alone
    assert three == alone


@needs_fork
def test_a_short_list_stays_in_one_process():
    assert parallel.processes(None, parallel.PARALLEL_MIN - 1) == 1
    assert parallel.processes(8, parallel.PARALLEL_MIN - 1) == 1
    assert parallel.processes(1, 10 * parallel.PARALLEL_MIN) == 1
    assert parallel.processes(2, 10 * parallel.PARALLEL_MIN) == 2
    # Never more copies than there is work to share in useful amounts.
    assert parallel.processes(64, parallel.PARALLEL_MIN) <= 2


@needs_fork
def test_work_split_between_processes_comes_back_in_order(monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 4)
    parent = os.getpid()
    items = list(range(40))
    seen: list[int] = []

    def work(x: int) -> tuple[int, bool]:
        seen.append(x)  # in this process only for its own share
        return x * x, os.getpid() == parent

    out = parallel.map_split(work, items, 3)
    assert [v for v, _ in out] == [x * x for x in items]
    assert not all(here for _, here in out), "some of the work was done by another process"
    assert seen == items[: len(seen)] and len(seen) < len(items)


@needs_fork
def test_a_copy_that_fails_costs_time_not_results(monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 4)
    parent = os.getpid()

    def work(x: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("a copy fails")
        return x + 1

    assert parallel.map_split(work, list(range(30)), 2) == list(range(1, 31))


@needs_fork
def test_an_error_in_the_work_surfaces_in_this_process(monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 4)

    def work(x: int) -> int:
        if x == 25:  # in the copy's share: the copy fails, then this process meets it
            raise ValueError("bad item 25")
        return x

    with pytest.raises(ValueError, match="bad item 25"):
        parallel.map_split(work, list(range(30)), 2)


@needs_fork
@pytest.mark.parametrize("error", [OSError(24, "Too many open files"), AssertionError("daemonic")])
def test_a_copy_that_cannot_start_costs_time_not_results(monkeypatch, error):
    # A process or file limit, or a caller that is itself a daemonic worker process:
    # no copy starts, and every share is done here, in order.
    import multiprocessing

    monkeypatch.setattr(parallel, "PARALLEL_MIN", 4)
    context = multiprocessing.get_context("fork")

    def refuse(self):
        raise error

    monkeypatch.setattr(type(context.Process(target=print)), "start", refuse)
    parent = os.getpid()
    out = parallel.map_split(lambda x: (x, os.getpid() == parent), list(range(50)), 3)
    assert out == [(x, True) for x in range(50)]


@needs_fork
def test_progress_is_told_while_this_process_works(monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 4)
    told: list[int] = []
    out = parallel.map_split(lambda x: x, list(range(40)), 2, told.append)
    assert out == list(range(40))
    assert told == sorted(told) and told[-1] == 40


def test_the_cores_a_container_may_use(monkeypatch, tmp_path):
    quota = tmp_path / "cpu.max"
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    monkeypatch.setattr(parallel, "CPU_MAX", str(quota))
    quota.write_text("max 100000\n")
    assert parallel.available_cores() == 4
    quota.write_text("150000 100000\n")  # one and a half cores' worth: one process
    assert parallel.available_cores() == 1
    quota.write_text("200000 100000\n")
    assert parallel.available_cores() == 2
    quota.unlink()  # no quota to read
    assert parallel.available_cores() == 4


def test_a_library_caller_checks_in_one_process_unless_it_asks(monkeypatch):
    from dealcheck.catalog import load_catalog
    from dealcheck.engine import Engine
    from dealcheck.requirements import DealContext, Location
    from dealcheck.sources.common import make_requirement

    monkeypatch.setattr(parallel, "PARALLEL_MIN", 2)
    calls: list[int | None] = []
    real = parallel.map_split

    def spy(fn, items, jobs, progress=None):
        calls.append(jobs)
        return real(fn, items, jobs, progress)

    monkeypatch.setattr(parallel, "map_split", spy)
    engine = Engine(load_catalog(str(ROOT / "capabilities.yaml")).catalog)
    reqs = []
    for n, text in enumerate(["SAML single sign-on", "Audit logs", "SCIM provisioning"], 1):
        req = make_requirement(text, Location("q.txt", n))
        req.id = f"Q-{n}"
        reqs.append(req)
    alone = engine.check(reqs, DealContext())
    assert calls == []
    if parallel.can_fork():
        split = engine.check(reqs, DealContext(), jobs=2)
        assert calls == [2]
        assert split.model_dump_json() == alone.model_dump_json()
