"""A long list checked on more than one core.

Matching a requirement costs about a millisecond and each is independent of the others,
so a list of thousands is split between this process and forked copies of it: each copy
already holds the indexed catalogue and the loaded model (what is read lazily later, such
as the English word list, each copy reads for itself), works through its own contiguous
share and sends its results back, pickled, through a pipe.
The results are put back in the list's order, and each is exactly what this process
would have computed, so the report is byte-identical whatever the number of processes.

Only where the operating system forks a process as a copy of this one (Linux): with
another start method each copy would import and load everything again, which costs more
than it saves at these sizes. A copy that cannot start (a process or file limit, or a
caller that is itself a daemonic worker, which may have no children) or fails in any way
costs time, never a result: its share is then computed here, where a real error surfaces
as it would have anyway. A copy that hangs would hang the check, so nothing a copy runs
may wait on a thread it did not inherit: the WordLlama tokenizer's own thread pool turns
itself off in a forked copy, and the engine keeps a sentence-transformers model (whose
library runs threads that may hold a lock at the fork) to one process. Ctrl-C is the
parent's alone, which stops the copies.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Distinct requirements a list needs before a second process pays for itself: starting
#: a forked copy and pickling results back costs a few tens of milliseconds, about what
#: matching a hundred requirements does, so below a few hundred it is not worth it.
PARALLEL_MIN = 400

#: Where a Linux container's CPU quota is read (cgroup v2: "max 100000", or "200000
#: 100000" for two cores' worth of time).
CPU_MAX = "/sys/fs/cgroup/cpu.max"

#: Most processes a check uses when the caller names no number: beyond four the results
#: sent back through pipes and the parts that stay serial (reading, the report) dominate.
MAX_AUTO_JOBS = 4


def available_cores() -> int:
    """The cores this process may use: its CPU affinity, and no more than a container's
    CPU quota (cgroup v2 ``cpu.max``) allows, where the system says."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    try:
        with open(CPU_MAX, encoding="ascii") as f:
            quota, period = f.read().split()[:2]
        if quota != "max":
            cores = min(cores, max(1, int(quota) // max(1, int(period))))
    except (OSError, ValueError):
        pass  # no cgroup v2 quota to read: the affinity stands
    return cores


def can_fork() -> bool:
    """Whether copies of this process can be forked (Linux only, see the module doc)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def processes(jobs: int | None, items: int) -> int:
    """How many processes share ``items`` pieces of work: ``jobs`` when given (1: this one
    alone), else the cores available up to :data:`MAX_AUTO_JOBS`; always 1 below
    :data:`PARALLEL_MIN` items or where copies cannot be forked."""
    if items < PARALLEL_MIN or not can_fork():
        return 1
    wanted = jobs if jobs is not None else min(available_cores(), MAX_AUTO_JOBS)
    return max(1, min(wanted, items // (PARALLEL_MIN // 2)))


def map_split(
    fn: Callable[[T], R],
    items: Sequence[T],
    jobs: int | None,
    progress: Callable[[int], Any] | None = None,
) -> list[R]:
    """``[fn(x) for x in items]``, the work shared between this process and forked copies.

    ``fn`` must be deterministic and depend only on state the copies inherit; whatever it
    changes in a copy (memos, caches) stays in that copy. ``progress`` is told, as this
    process works through its own share, about how many items all have done (each share
    is as long, and the copies work as fast)."""
    n = processes(jobs, len(items))
    if n == 1:
        return [fn(x) for x in items]
    import gc
    import multiprocessing
    import signal

    context = multiprocessing.get_context("fork")
    size = -(-len(items) // n)
    shares = [items[i : i + size] for i in range(0, len(items), size)]
    # Nothing buffered for the terminal may be written again by a copy at its exit.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    started: list[tuple[int, Any, Any]] = []  # (share, copy, pipe) for each copy started
    here: list[int] = []  # the shares no copy could be started for
    parts: dict[int, list[R]] = {}
    # The objects alive now are never collected in a copy, so the collector does not
    # touch (and copy) the pages they share with this process.
    gc.freeze()
    # Ctrl-C is this process's to handle: held back while a copy starts, which ignores
    # it before it can arrive (the whole process group gets it), then let through here.
    sigint = {signal.SIGINT}
    masked = hasattr(signal, "pthread_sigmask")
    try:
        for i in range(1, len(shares)):
            receive = None
            try:
                if masked:
                    signal.pthread_sigmask(signal.SIG_BLOCK, sigint)
                try:
                    receive, send = context.Pipe(duplex=False)
                    worker = context.Process(target=_work, args=(fn, shares[i], send), daemon=True)
                    try:
                        worker.start()
                    finally:
                        send.close()
                finally:
                    if masked:
                        signal.pthread_sigmask(signal.SIG_UNBLOCK, sigint)
            except (OSError, AssertionError, ValueError):
                # No copy (too many processes or open files, or this is itself a
                # daemonic worker, which may not have children): the share is done here.
                if receive is not None:
                    receive.close()
                here.append(i)
                continue
            started.append((i, worker, receive))
        mine: list[R] = []
        for x in shares[0]:
            mine.append(fn(x))
            if progress is not None:
                progress(len(mine) * n)
        parts[0] = mine
        for i in here:
            parts[i] = [fn(x) for x in shares[i]]
        for i, worker, receive in started:
            part = None
            try:
                part = receive.recv()
            except (EOFError, OSError):
                pass  # the copy died: its share is done here
            finally:
                receive.close()
            worker.join()
            if not isinstance(part, list) or len(part) != len(shares[i]):
                part = [fn(x) for x in shares[i]]
            parts[i] = part
        return [r for i in range(len(shares)) for r in parts[i]]
    finally:
        gc.unfreeze()
        for _, worker, _ in started:
            if worker.is_alive():
                worker.terminate()
                worker.join()


def _work(fn: Callable[[T], R], share: Sequence[T], send: Any) -> None:
    """A forked copy: its share's results through ``send``, or ``None`` when it fails."""
    import signal

    # Ctrl-C is the parent's to handle (it stops the copies); a copy says nothing. (It was
    # held back while the copy started: one that arrived meanwhile is dropped now.)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    try:
        out: list[R] | None = [fn(x) for x in share]
    except Exception:  # the parent computes this share again and reports any error
        out = None
    try:
        send.send(out)
    except Exception:  # e.g. a result that cannot be pickled: the parent recomputes
        try:
            send.send(None)
        except Exception:
            pass
    finally:
        send.close()
