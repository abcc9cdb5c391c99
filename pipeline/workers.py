"""Files in parallel worker processes: longest first, results as they come, Ctrl-C and a killed
parent handled so that no worker outlives the run and no lock is left held.

``run.run_batch`` decides what one file is; this module only spreads calls of it over processes.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

J = TypeVar("J")
R = TypeVar("R")

POLL_SECONDS = 0.2  # how soon a Ctrl-C is noticed while every worker is busy


def parallel(call: Callable[[J], R], items: Sequence[J], workers: int, *, size: Callable[[J], int],
             failed: Callable[[J, BaseException], R], init: Callable[..., None] | None = None,
             init_args: tuple[Any, ...] = ()) -> Iterator[R]:
    """Yield ``call(item)`` for every item, in the order they finish, in ``workers`` processes.

    The largest items go first, so no long file is left to run alone at the end. A worker that
    dies (killed, out of memory) costs its item ``failed(item, exc)``, not the batch. Ctrl-C
    raises KeyboardInterrupt here, at a point between waits, and the workers are stopped."""
    others = set(multiprocessing.active_children())  # a library caller's own children are not ours to stop
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_start, initargs=(init, init_args))
    pending: dict[Future, J] = {}
    todo = iter(sorted(items, key=size, reverse=True))
    with _interrupt_flag() as interrupted:
        try:
            for item in todo:
                pending[pool.submit(call, item)] = item
                if len(pending) >= workers * 2:
                    break
            while pending:
                done, _ = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                if interrupted.is_set():
                    raise KeyboardInterrupt
                for fut in done:
                    item = pending.pop(fut)
                    try:
                        result = fut.result()
                    except Exception as exc:  # the worker process died
                        result = failed(item, exc)
                    nxt = next(todo, None)
                    if nxt is not None:
                        pending[pool.submit(call, nxt)] = nxt
                    yield result
                    if interrupted.is_set():
                        raise KeyboardInterrupt
        finally:
            if pending:  # left early (Ctrl-C, or the caller stopped reading): drop the files in hand
                _stop_workers(others)
            # joins the pool's manager thread (it sees stopped workers as a broken pool and ends);
            # a first shutdown(wait=False) would make this one a no-op and leave that join to exit
            pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _interrupt_flag() -> Iterator[threading.Event]:
    """While the pool runs, Ctrl-C sets a flag instead of raising wherever the main thread is.

    A KeyboardInterrupt raised inside ``concurrent.futures.wait`` can leave a future's lock held
    (it takes them all at once); the pool's manager thread then blocks on it and the interpreter
    hangs at exit, waiting for that thread. Seen here about once in sixty interrupted runs. So the
    signal only sets the flag and ``parallel`` raises at a point of its own. Where Ctrl-C is not
    Python's default (ignored, or someone else's handler) or this is not the main thread, nothing
    changes."""
    flag = threading.Event()
    try:
        previous = signal.getsignal(signal.SIGINT)
    except ValueError:
        previous = None
    if previous is not signal.default_int_handler or threading.current_thread() is not threading.main_thread():
        yield flag
        return
    signal.signal(signal.SIGINT, lambda signum, frame: flag.set())
    try:
        yield flag
    finally:
        signal.signal(signal.SIGINT, previous)
        if flag.is_set():  # came after the last check: still an interruption
            raise KeyboardInterrupt


def _stop_workers(others: set[BaseProcess]) -> None:
    """End the pool's workers now instead of letting them finish the files they hold.

    ``cancel_futures`` only drops what no worker has taken yet; the pool hands each worker one
    more file than it runs, so after Ctrl-C the files in hand (a long one takes minutes) would
    still run to the end, written but not reported. A worker stopped mid-file leaves at most a
    hidden temporary file, never a partial output (``outputs.write_atomic``). The pool does not
    name its processes; they are the children this process has now and did not have before it
    (``others``)."""
    ours = [proc for proc in multiprocessing.active_children() if proc not in others]
    for proc in ours:
        proc.terminate()
    for proc in ours:
        proc.join(5)


def _worker_start(init: Callable[..., None] | None, init_args: tuple[Any, ...]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    _die_with_parent()
    if init is not None:
        init(*init_args)


def _die_with_parent() -> None:
    """A worker whose parent was killed (``kill -9``) would wait for work forever, holding the
    terminal's pipes; on Linux the kernel ends it with the parent. Its unfinished output is only a
    hidden temporary file, never a partial ``.md``/``.json``."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)
