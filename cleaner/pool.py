"""``--jobs``: a map over worker processes that gives results back in order.

:func:`ordered` runs ``job(item)`` for each item in a pool of worker
processes and yields the results in the items' order, a bounded number in
flight, so that a run's output is the same for any number of jobs and its
memory does not grow with the number of items. What every job needs and
does not change (the configuration, the templates) is handed to each worker
once, when it starts, and read there with :func:`worker_state`.
"""

from __future__ import annotations

import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

WINDOW = 3  # chunks in flight per worker: enough to keep workers busy, few enough to bound memory

# What a worker process knows: set once, when it starts.
_state: object = None


def worker_state():
    """The ``state`` the worker running this job was started with."""
    return _state


def ordered(
    jobs: int, items: Iterable, job: Callable, state: object, failed: Callable, chunk: int, alone: Callable[[object], bool] | None = None
) -> Iterator:
    """``job(item)`` for each item in worker processes, yielded in the
    items' order. Items travel in chunks of ``chunk`` (one round trip per
    chunk, not per item), or in a chunk of their own when ``alone`` says
    (large ones), with at most ``WINDOW * jobs`` chunks in flight.

    A worker that dies (killed for memory, say) breaks the whole pool; the
    items that were in flight then run again one at a time in a fresh pool,
    and the one that breaks it again gets ``failed(item)``.
    """
    from concurrent.futures.process import BrokenProcessPool

    chunks = _chunks(items, chunk, alone or _never)
    pending: deque[tuple[list, Future | None]] = deque()
    pool = _pool(jobs, state)
    try:
        while True:
            _fill(pending, chunks, WINDOW * jobs, pool, job)
            if not pending:
                return
            some, future = pending.popleft()
            try:
                if future is None:
                    raise BrokenProcessPool
                yield from future.result()
            except BrokenProcessPool:
                pool.shutdown(cancel_futures=True)
                retry = some + [item for other, _ in pending for item in other]
                pending.clear()
                for item in retry:
                    yield _alone(item, job, state, failed)
                pool = _pool(jobs, state)
    finally:
        pool.shutdown(cancel_futures=True)


def _fill(pending: deque, chunks: Iterator[list], window: int, pool: ProcessPoolExecutor, job: Callable) -> None:
    """Submit chunks until ``window`` are in flight or none is left. A chunk
    the pool refuses (a worker died since the last result was taken) waits
    with no future: its turn finds the pool broken."""
    from concurrent.futures.process import BrokenProcessPool

    while len(pending) < window:
        some = next(chunks, None)
        if some is None:
            return
        try:
            pending.append((some, pool.submit(_each, job, some)))
        except BrokenProcessPool:
            pending.append((some, None))


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _chunks(items: Iterable, size: int, alone: Callable[[object], bool]) -> Iterator[list]:
    some: list = []
    for item in items:
        if alone(item):
            if some:
                yield some
                some = []
            yield [item]
            continue
        some.append(item)
        if len(some) == size:
            yield some
            some = []
    if some:
        yield some


def _never(item: object) -> bool:
    return False


def _each(job: Callable, some: list) -> list:
    return [job(item) for item in some]


def _alone(item, job: Callable, state: object, failed: Callable):
    from concurrent.futures.process import BrokenProcessPool

    with _pool(1, state) as pool:
        try:
            return pool.submit(job, item).result()
        except BrokenProcessPool:
            return failed(item)


def _pool(jobs: int, state: object) -> ProcessPoolExecutor:
    # (The process pool is imported by the runs that start one, not by a
    # pre-commit run of one file.)
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(jobs, mp_context=_forking(), initializer=_init_worker, initargs=(state, os.getpid()))


def _forking():
    """Workers forked from this process where the system can (Linux; the
    default there from Python 3.14 is a fork server): they inherit what the
    run has built (the compiled rules, the frozen heap), and their parent is
    the run, which :func:`_die_with` relies on. Elsewhere, the default."""
    import multiprocessing

    return multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() and sys.platform == "linux" else None


def _init_worker(state: object, parent: int) -> None:
    global _state
    _state = state
    _die_with(parent)


def _die_with(parent: int) -> None:
    """Ask the kernel to kill this worker when the parent dies (Linux), so
    that a killed run leaves no worker behind still writing files."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        return
    if os.getppid() != parent:  # the parent died before the request
        os._exit(1)
