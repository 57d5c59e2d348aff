"""A long list checked on more than one core.

Matching a requirement costs about a millisecond and each is independent of the others,
so a list of thousands is split between this process and forked copies of it: each copy
already holds the indexed catalogue and the loaded model (nothing is loaded twice), works
through its own contiguous share and sends its results back, pickled, through a pipe.
The results are put back in the list's order, and each is exactly what this process
would have computed, so the report is byte-identical whatever the number of processes.

Only where the operating system forks a process as a copy of this one (Linux): with
another start method each copy would import and load everything again, which costs more
than it saves at these sizes. A copy that fails in any way costs time, never a result:
its share is then computed here, where a real error surfaces as it would have anyway.
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

#: Most processes a check uses when the caller names no number: beyond four the results
#: sent back through pipes and the parts that stay serial (reading, the report) dominate.
MAX_AUTO_JOBS = 4


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system says)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


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


def map_split(fn: Callable[[T], R], items: Sequence[T], jobs: int | None) -> list[R]:
    """``[fn(x) for x in items]``, the work shared between this process and forked copies.

    ``fn`` must be deterministic and depend only on state the copies inherit; whatever it
    changes in a copy (memos, caches) stays in that copy."""
    n = processes(jobs, len(items))
    if n == 1:
        return [fn(x) for x in items]
    import multiprocessing

    context = multiprocessing.get_context("fork")
    size = -(-len(items) // n)
    shares = [items[i : i + size] for i in range(0, len(items), size)]
    # Nothing buffered for the terminal may be written again by a copy at its exit.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):
            pass
    started: list[tuple[Any, Any, Sequence[T]]] = []
    try:
        for share in shares[1:]:
            receive, send = context.Pipe(duplex=False)
            worker = context.Process(target=_work, args=(fn, share, send), daemon=True)
            worker.start()
            send.close()
            started.append((worker, receive, share))
        results = [fn(x) for x in shares[0]]
        for worker, receive, share in started:
            part = None
            try:
                part = receive.recv()
            except (EOFError, OSError):
                pass  # the copy died: its share is done here
            finally:
                receive.close()
            worker.join()
            if not isinstance(part, list) or len(part) != len(share):
                part = [fn(x) for x in share]
            results.extend(part)
        return results
    finally:
        for worker, _, _ in started:
            if worker.is_alive():
                worker.terminate()
                worker.join()


def _work(fn: Callable[[T], R], share: Sequence[T], send: Any) -> None:
    """A forked copy: its share's results through ``send``, or ``None`` when it fails."""
    import signal

    # Ctrl-C is the parent's to handle (it stops the copies); a copy says nothing.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
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
