"""pipeline.workers with real worker processes: every item comes back, largest first; a dying
worker costs only its item; Ctrl-C stops the run promptly and leaves no worker behind."""

import multiprocessing
import os
import signal
import threading
import time

import pytest

from pipeline.workers import parallel


def started(n: int) -> tuple[int, float]:
    return n, time.monotonic()  # one clock for all processes on the machine


def die_on_three(n: int) -> int:
    if n == 3:
        os._exit(9)  # a worker killed mid-item (out of memory, kill -9)
    return n


def sleep_long(n: int) -> int:
    time.sleep(30)
    return n


def noted(item, exc) -> str:
    return f"failed {item}: {type(exc).__name__}"


def workers_gone(within: float = 5.0) -> bool:
    """No child process left, allowing for the pool's own thread, which reaps the workers it saw
    die a moment after they did (until it has, active_children() still lists them)."""
    deadline = time.monotonic() + within
    while multiprocessing.active_children():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_every_item_comes_back_and_the_largest_are_taken_first():
    items = list(range(1, 21))
    got = dict(parallel(started, items, 2, size=lambda n: n, failed=noted))
    assert sorted(got) == items
    assert got[20] < got[10] < got[1]  # handed out largest first (1 only after 16 others finished)
    assert not multiprocessing.active_children()


def test_a_dead_worker_fails_its_item_not_the_batch():
    got = list(parallel(die_on_three, [1, 2, 3], 2, size=lambda n: -n, failed=noted))
    assert "failed 3: BrokenProcessPool" in got
    assert not multiprocessing.active_children()


def test_ctrl_c_stops_the_workers_at_once():
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signals reach only the main thread")
    own = multiprocessing.Process(target=time.sleep, args=(30,))  # the caller's, not the pool's
    own.start()
    try:
        threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT)).start()
        t0 = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            list(parallel(sleep_long, [1, 2, 3, 4], 2, size=lambda n: n, failed=noted))
        assert time.monotonic() - t0 < 10  # not the 30 s the files in hand would take
        assert own.is_alive()
    finally:
        own.terminate()
        own.join()
    assert workers_gone()  # a worker still asleep would be there for 30 s
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # Ctrl-C is Python's again
