"""CPU-heavy work (a 10,000-product export) off the event loop, in a worker process.

Why a process and not a thread: building a workbook is pure Python, so a thread holds the
GIL for most of the time and every other chat's reply waits for its turn (``make bench``
part (i) measures both). The worker is started with ``forkserver`` (``spawn`` where there
is none): ``fork`` of a process that runs threads (asyncio's executor, the database
driver's) can copy a lock held by another thread and hang. Each worker does one job and
exits (``max_tasks_per_child=1``), so the memory of a large export goes back to the system
at once; the fork server has the export modules imported already, so a new worker starts
in milliseconds.

What a job gets and returns crosses a pipe: plain picklable values only (no ORM rows, no
database connections), and the function must be importable at module level.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import resource
import sys
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

PROCESS, THREAD = "process", "thread"
# Imported once in the fork server, not again in every worker.
PRELOAD = ["bot.admin.exports"]


def peak_rss_mb() -> float:
    """This process's peak resident memory (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def measured(function: Callable[..., Any], *args: Any) -> tuple[Any, float]:
    """Run in the worker: the result and the worker's peak memory (MB)."""
    return function(*args), peak_rss_mb()


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


class Offload:
    """One worker at a time (exports are rare; two at once would only share the CPU)."""

    def __init__(self, kind: str = PROCESS, workers: int = 1):
        self.kind = kind
        self.workers = workers
        self._executor: Executor | None = None

    def _pool(self) -> Executor:
        if self._executor is None:
            if self.kind == THREAD:
                self._executor = ThreadPoolExecutor(self.workers, "haat-offload")
            else:
                self._executor = ProcessPoolExecutor(self.workers, mp_context=_context(),
                                                     max_tasks_per_child=1)
        return self._executor

    async def run(self, function: Callable[..., Any], *args: Any) -> tuple[Any, float]:
        """``function(*args)`` in the worker; returns its result and the worker's peak
        memory in MB (in a thread: this whole process's)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool(), measured, function, *args)

    def shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
