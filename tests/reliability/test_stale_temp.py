"""A killed run leaves a hidden temp file; the next write of that output removes it once it is
old, and never touches a fresh one (which may belong to a run writing right now)."""

import os
import time

from pipeline.outputs import STALE_SECONDS, write_atomic


def test_old_temp_files_are_swept_fresh_ones_kept(tmp_path):
    target = tmp_path / "talk[1].md"
    old = tmp_path / ".talk[1].md.abc123.tmp"
    fresh = tmp_path / ".talk[1].md.def456.tmp"
    other = tmp_path / ".other.md.zzz.tmp"
    for f in (old, fresh, other):
        f.write_text("partial", encoding="utf-8")
    past = time.time() - STALE_SECONDS - 10
    os.utime(old, (past, past))
    os.utime(other, (past, past))
    write_atomic(target, "<!-- generator: subnotes -->\n# notes\n", protected=set())
    assert target.read_text(encoding="utf-8").endswith("# notes\n")
    assert not old.exists()
    assert fresh.exists()
    assert other.exists()  # another output's temp file is that output's business
