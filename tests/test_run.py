"""pipeline.run's collector policy: paused while a file is processed, restored after, and safe to
pause because a whole offline run makes no reference cycles (the collector would free nothing)."""

import gc
from pathlib import Path

import pytest

from pipeline.config import load_settings
from pipeline.ingest import ingest
from pipeline.run import collector_paused, process

FIX = Path(__file__).resolve().parent / "fixtures" / "ingest"


def test_collector_paused_restores_the_state_it_found():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a failing file")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # a caller's own choice stands
    finally:
        gc.enable()


def test_an_offline_run_leaves_no_cycles_for_the_collector():
    settings = load_settings(config_path=None)
    doc = ingest(FIX / "clvts-00-cut.srt")
    process(doc, settings)  # first use builds caches and compiles patterns: not a file's garbage
    gc.collect()
    with collector_paused():
        notes = process(doc, settings)
        del notes
        assert gc.collect() == 0
