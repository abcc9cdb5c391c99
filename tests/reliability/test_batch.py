"""Batch safety with the real console script in a subprocess: a 60-file batch killed (SIGKILL) or
interrupted (SIGINT) at random moments leaves no partial output, and the next run completes the set
with results identical to an uninterrupted run; two runs on one output folder corrupt nothing."""

import contextlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"
EXE = shutil.which("subnotes", path=str(Path(sys.executable).parent)) or "subnotes"
N = 60


def make_inputs(root: Path) -> Path:
    """60 small real-looking transcripts: the cut CLVTS lecture, its cues rotated per file."""
    src = root / "in"
    blocks = (FIX / "clvts-00-cut.srt").read_text(encoding="utf-8").strip().split("\n\n")
    texts = [b.split("\n", 2)[2] for b in blocks]
    for i in range(N):
        sub = src / f"part{i % 3}"
        sub.mkdir(parents=True, exist_ok=True)
        rot = texts[i % len(texts):] + texts[:i % len(texts)]
        body = "\n\n".join(f"{k + 1}\n00:00:{k * 5:02d},000 --> 00:00:{k * 5 + 4:02d},500\n{t}"
                           for k, t in enumerate(rot[:3 + i % 4]))
        (sub / f"talk{i:02d}.srt").write_text(body + "\n", encoding="utf-8")
    return src


def cmd(src: Path, out: Path, *extra: str) -> list[str]:
    """Relative paths (run from the folder holding both), so outputs of two set-ups compare equal."""
    return [EXE, "run", src.name, "-o", out.name, "--no-html", *extra]


def env() -> dict:
    e = dict(os.environ)
    e.pop("SUBNOTES_API_KEY", None)
    return e


def snapshot(out: Path) -> dict[str, object]:
    """Every output, parsed: JSON without its creation time; a partial file fails to parse here."""
    got: dict[str, object] = {}
    for p in sorted(out.rglob("*")):
        if not p.is_file() or p.name.startswith("."):
            continue
        rel = str(p.relative_to(out))
        if p.name.endswith(".notes.json"):
            data = json.loads(p.read_text(encoding="utf-8"))
            data["run"].pop("created", None)
            got[rel] = data
        elif p.suffix == ".md":  # the front matter's creation time is the one line that may differ
            got[rel] = re.sub(r"(?m)^created: .*$", "created: -", p.read_text(encoding="utf-8"))
    return got


def assert_no_partial(out: Path, reference: dict) -> None:
    """Whatever exists is complete: each JSON parses and equals the uninterrupted result; an .md
    exists only whole (equal to the reference) or not yet — a stale .md without JSON is redone."""
    if not out.exists():
        return
    snap = snapshot(out)
    for rel, value in snap.items():
        assert value == reference[rel], f"partial or different output: {rel}"


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    root = tmp_path_factory.mktemp("ref")
    src = make_inputs(root)
    done = subprocess.run(cmd(src, root / "out"), capture_output=True, text=True, env=env(), cwd=src.parent)
    assert done.returncode == 0, done.stderr
    snap = snapshot(root / "out")
    assert len([k for k in snap if k.endswith(".notes.json")]) == N
    return snap


@pytest.mark.parametrize("how", ["kill", "int"])
def test_interrupted_batch_resumes_to_identical_results(tmp_path, reference, how):
    src = make_inputs(tmp_path)
    out = tmp_path / "out"
    rng = random.Random(f"subnotes-{how}")
    for attempt in range(4):
        jobs = ["--jobs", "2"] if attempt % 2 else []
        proc = subprocess.Popen(cmd(src, out, *jobs), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=env(), cwd=src.parent, start_new_session=True)
        stop_after = rng.randrange(1, N - 5)  # a random moment: after that many files, mid-next
        seen = 0
        lines = []
        for line in proc.stderr:
            lines.append(line)
            seen += line.startswith(("done", "skipped"))
            if seen >= stop_after:
                time.sleep(rng.uniform(0, 0.05))
                break
        proc.send_signal(signal.SIGKILL if how == "kill" else signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=120)  # hangs if a worker outlived its killed parent
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)  # only this run's own process group
        err = "".join(lines) + err  # all it printed, for the messages
        assert "Traceback" not in err
        if how == "int" and proc.returncode != 0:  # 0: it had finished before the signal came (a slow reader)
            assert proc.returncode == 130 and "interrupted:" in err and "run again" in err, err[-3000:]
        elif how == "int":
            assert " failed in " in err and "interrupted" not in err, err[-3000:]
        assert_no_partial(out, reference)
    final = subprocess.run(cmd(src, out), capture_output=True, text=True, env=env(), cwd=src.parent)
    assert final.returncode == 0, final.stderr
    assert snapshot(out) == reference
    again = subprocess.run(cmd(src, out), capture_output=True, text=True, env=env(), cwd=src.parent)
    assert f"0 done, {N} skipped" in again.stderr


def test_two_runs_at_once_on_one_output_folder(tmp_path, reference):
    src = make_inputs(tmp_path)
    out = tmp_path / "out"
    procs = [subprocess.Popen(cmd(src, out, *extra), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=env(), cwd=src.parent) for extra in ([], ["--jobs", "2"])]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    assert snapshot(out) == reference
