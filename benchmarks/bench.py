"""Speed, linearity, start-up, memory and parallelism of the offline pipeline.

Builds inputs of 1, 10, 40 and 100 hours of speech by repeating and shuffling the real transcripts
in ../shared/corpus (CLVTS lectures and Whisper podcasts: SRT cues with their times) into one SRT
per size, then measures, in one run on this machine:

- per stage (ingest, clean, segment, outline, claims, qa, render: Markdown, OPML, JSON) characters per second in-process
  (the fastest of five runs up to 10 hours, of three beyond: this machine's speed drifts by a
  third from minute to minute, and the fastest run is the least disturbed one), and the whole
  pipeline's share of jieba's own segmentation speed on the same text (each run against jieba
  run just after it; the median of those ratios, and the fastest against the fastest);
- how the cost grows from 1 hour to each size: fastest against fastest (the sizes take turns,
  round by round, so all are timed in the same minutes), and against jieba timed beside each
  size. The corpus holds ~42 hours of distinct speech: 40 hours repeat nothing, 100 hours repeat
  whole files, whose sentences the per-process sentence cache then cuts once, so the 100-hour
  figures flatter the pipeline and the 40-hour growth is the one to read for linearity;
- the CLI end to end on the 1-hour input, and ``subnotes --version`` start-up;
- peak memory of the pipeline on the largest input (in a child process);
- ``--jobs 2`` against ``--jobs 1`` on the CLVTS folder (``--force --no-html``; eleven alternated
  pairs, since one pair's ratio swings by ±0.3 here: the median of their ratios, which a slow
  spell spoils for one pair only, the fastest against the fastest, and each pair's ratio), beside
  this machine's own two-process ceiling measured with each pair (a CPU-only loop twice at once
  against twice in a row).

Run by hand from the project root:  .venv/bin/python benchmarks/bench.py [--hours 1 10 40 100]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHARS_PER_HOUR = 15_000
#: the clock the in-process figures read: wall time, or with --cpu this process's CPU time, which
#: a process sharing the machine does not lengthen (the CLI, --jobs and start-up figures stay wall time)
clock = time.perf_counter
_BLOCK = re.compile(r"(\d+:\d{2}:\d{2}[,.]\d{3}) --> (\d+:\d{2}:\d{2}[,.]\d{3})\n(.+?)(?:\n\n|\Z)", re.S)


def _secs(stamp: str) -> float:
    h, m, s = stamp.replace(",", ".").split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def _stamp(t: float) -> str:
    ms = round(t * 1000)
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def source_cues(shared: Path) -> list[list[tuple[float, str]]]:
    """Each real SRT as a list of (duration, text) cues."""
    files = sorted((shared / "corpus" / "clvts").glob("*.srt")) + sorted((shared / "corpus" / "podcasts").glob("*.srt"))
    out = []
    for f in files:
        text = f.read_text(encoding="utf-8").replace("\r\n", "\n")
        cues = [(max(0.5, _secs(b) - _secs(a)), t.strip().replace("\n", " ")) for a, b, t in _BLOCK.findall(text)]
        if cues:
            out.append(cues)
    return out


def build(hours: float, files: list[list[tuple[float, str]]], dest: Path, seed: int = 7) -> tuple[Path, int]:
    """One SRT of about ``hours`` of speech: whole files in a shuffled order, repeated as needed."""
    rng = random.Random(seed)
    want = int(hours * CHARS_PER_HOUR)
    lines: list[str] = []
    t, n, chars = 0.0, 0, 0
    while chars < want:
        order = list(range(len(files)))
        rng.shuffle(order)
        for i in order:
            for dur, text in files[i]:
                n += 1
                lines.append(f"{n}\n{_stamp(t)} --> {_stamp(t + dur)}\n{text}\n")
                t += dur
                chars += len(text)
                if chars >= want:
                    break
            if chars >= want:
                break
    dest.mkdir(parents=True, exist_ok=True)
    path = dest / f"talk-{hours:g}h.srt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, chars


def stages(path: Path) -> dict[str, float]:
    """Seconds per stage for one input, in-process (dictionaries already loaded), as ``run.process``
    and ``run.run_file`` do them with ``--no-html``: render is NAME.md, NAME.opml and the JSON."""
    from pipeline.backends.offline import OfflineBackend
    from pipeline.clean import clean
    from pipeline.config import CleanOptions, SegmentOptions
    from pipeline.ingest import ingest
    from pipeline.models import Notes, RunInfo
    from pipeline.notes import extract_claims, outline
    from pipeline.notes.qa import questions
    from pipeline.render import markdown, opml
    from pipeline.segment import segment

    t: dict[str, float] = {}
    backend = OfflineBackend()
    t0 = clock()
    doc = ingest(path, max_bytes=None)
    t["ingest"] = clock() - t0
    t0 = clock()
    cleaned = clean(doc, CleanOptions(), backend)
    t["clean"] = clock() - t0
    t0 = clock()
    segs = segment(cleaned, SegmentOptions(), backend).segments
    t["segment"] = clock() - t0
    t0 = clock()
    notes_outline = outline(cleaned, segs, backend)
    t["outline"] = clock() - t0
    t0 = clock()
    claims = extract_claims(cleaned, segs, backend, title=doc.meta.title).claims
    t["claims"] = clock() - t0
    t0 = clock()
    qa = questions(cleaned)
    t["qa"] = clock() - t0
    t0 = clock()
    notes = Notes(source=doc.source, meta=doc.meta, run=RunInfo(backend="offline", version="bench", created="-"),
                  clean_text=cleaned.clean_text, edits=cleaned.edits, candidates=cleaned.candidates,
                  sentences=cleaned.sentences, segments=segs, outline=notes_outline, claims=claims, qa=qa)
    markdown.render(notes)
    opml.render(notes)
    notes.model_dump_json(indent=1)
    t["render"] = clock() - t0
    return t


def jieba_seconds(path: Path) -> float:
    import jieba

    from pipeline.ingest import ingest

    text = "".join(c.text for c in ingest(path, max_bytes=None).cues)
    jieba.lcut("预热")
    t0 = clock()
    jieba.lcut(text)
    return clock() - t0


@dataclass
class Timed:
    stages: dict[str, float]  # the fastest run's seconds per stage
    jieba: float  # the fastest run of jieba alone
    shares: list[float]  # jieba's time / the pipeline's, for each run and the jieba run after it
    cut: int = 0  # distinct sentences jieba cut in a run (the rest came from the sentence cache)

    @property
    def total(self) -> float:
        return sum(self.stages.values())

    @property
    def share(self) -> float:
        return statistics.median(self.shares)


def measured(paths: list[Path], repeats: list[int]) -> list[Timed]:
    """For each input, ``repeats`` runs of the pipeline (jieba's sentence cache emptied before
    each, so every run segments the text itself), each followed by jieba alone on the same text.
    The fastest run of each is the least disturbed one, as timeit advises; the share is the median
    over the runs of each run's ratio to the jieba run just after it, which this machine's drift
    moves far less than it moves two fastest runs timed seconds apart (a short jieba run catches a
    fast moment more often than a long pipeline run does). The inputs take turns, round by round,
    so the small and the large one are timed in the same minutes and growth is not the drift."""
    from pipeline.zh import words

    out = [Timed({}, float("inf"), []) for _ in paths]
    for r in range(max(repeats, default=0)):
        for k, path in enumerate(paths):
            if r >= repeats[k]:
                continue
            words.words.cache_clear()
            t = stages(path)
            total = sum(t.values())
            jb = jieba_seconds(path)
            got = out[k]
            if not got.stages or total < got.total:
                got.stages = t
            got.jieba = min(got.jieba, jb)
            got.shares.append(jb / total)
            got.cut = words.words.cache_info().misses
    return out


def cli(*args: str) -> float:
    exe = ROOT / ".venv" / "bin" / "subnotes"
    t0 = time.perf_counter()
    subprocess.run([str(exe), *args], check=True, capture_output=True)
    return time.perf_counter() - t0


def peak_memory_mb(path: Path) -> float:
    here = str(Path(__file__).parent)
    code = (f"import sys; sys.path.insert(0, {here!r}); import bench; from pathlib import Path; "
            f"bench.stages(Path({str(path)!r}))")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--hours", type=float, nargs="+", default=[1, 10, 40, 100])
    ap.add_argument("--repeats", type=int, default=5, help="runs per input up to 10 hours (fastest counts)")
    ap.add_argument("--long-repeats", type=int, default=3, help="runs per longer input (fastest counts)")
    ap.add_argument("--pairs", type=int, default=11, help="alternated --jobs 1 / --jobs 2 runs on CLVTS (0: none)")
    ap.add_argument("--cpu", action="store_true", help="in-process figures in CPU time, not wall time")
    a = ap.parse_args()
    if a.cpu:
        global clock
        clock = time.process_time
    print(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, {platform.machine()}")
    # an installed subnotes has its bytecode (pip compiles it); an editable checkout run with
    # PYTHONDONTWRITEBYTECODE (set on this machine) would compile every module again in every
    # process the CLI figures time: ~25 ms a process, more with --jobs
    import compileall

    compileall.compile_dir(str(ROOT / "pipeline"), quiet=1)
    files = source_cues(a.shared)
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        inputs = [(h, *build(h, files, tmpd)) for h in a.hours]
        # warm up on other text: jieba and our lexicons load once per process, and nothing measured
        # below may find its sentences already segmented
        stages(build(0.1, files, tmpd / "warm", seed=99)[0])
        timed = measured([path for _, path, _ in inputs],
                         [a.repeats if hours <= 10 else a.long_repeats for hours, _, _ in inputs])
        rows = [(hours, chars, t) for (hours, _, chars), t in zip(inputs, timed, strict=True)]
        names = ["ingest", "clean", "segment", "outline", "claims", "qa", "render"]
        head = " ".join(f"{n:>9}" for n in names)
        print(f"\n{'input':>7} {'chars':>9} {head} {'total':>9} {'jieba':>9} share (fastest/fastest; each run)")
        for hours, chars, t in rows:
            cps = [f"{chars / t.stages[n] / 1000:>8.0f}k" for n in names]
            print(f"{hours:>6g}h {chars:>9} " + " ".join(cps) + f" {chars / t.total / 1000:>8.0f}k "
                  f"{chars / t.jieba / 1000:>8.0f}k {t.share:>5.0%} ({t.jieba / t.total:.0%}; "
                  + " ".join(f"{x:.0%}" for x in t.shares) + ")")
        print("(characters per second, fastest run; share = pipeline speed / jieba.lcut speed on the same\n"
              " text: the median over the runs of each run against the jieba run just after it)")
        h1, c1, t1 = rows[0]
        for hours, chars, t in rows[1:]:
            ratio = t.total / t1.total
            # this machine's speed drifts by a third over minutes, even between turns of a round;
            # jieba (linear in its input) timed beside each size is the yardstick that drifts
            # with them: growth measured against it is input growth x share lost
            steady = chars / c1 * t1.share / t.share
            print(f"growth: {hours:g}h took {ratio:.1f}x the time of {h1:g}h "
                  f"(input {chars / c1:.1f}x; jieba itself {t.jieba / t1.jieba:.1f}x); "
                  f"against jieba timed beside each: {steady:.1f}x")
        source = sum(len(text) for cues in files for _, text in cues) / CHARS_PER_HOUR
        print(f"(the corpus holds {source:.1f}h of distinct speech; a longer input repeats whole files, and"
              f" the sentence cache\n cuts a repeated sentence once: jieba cut "
              + ", ".join(f"{t.cut} sentences at {hours:g}h" for hours, _, t in rows)
              + ")")
        startup = min(cli("--version") for _ in range(5))
        print(f"`subnotes --version` start-up: {startup:.3f}s (best of 5)")
        one = inputs[0][1]
        secs = cli("run", str(one), "-o", str(tmpd / "cli"), "--no-html", "--force")
        print(f"CLI end to end on {inputs[0][0]:g}h (--no-html, with start-up): {secs:.2f}s")
        print(f"peak memory, {inputs[-1][0]:g}h in a child process: {peak_memory_mb(inputs[-1][1]):.0f} MB")
    if a.pairs < 1:
        return 0
    clvts = a.shared / "corpus" / "clvts"
    j1, j2, ceiling = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(a.pairs):  # alternated, so a slow spell of the machine hits both alike
            j1.append(cli("run", str(clvts), "-o", f"{tmp}/j1", "--jobs", "1", "--force", "--no-html"))
            j2.append(cli("run", str(clvts), "-o", f"{tmp}/j2", "--jobs", "2", "--force", "--no-html"))
            ceiling.append(two_at_once())
    ratios = [x / y for x, y in zip(j1, j2, strict=True)]
    print(f"CLVTS (51 files, --no-html, {a.pairs} alternated pairs): --jobs 1 fastest {min(j1):.1f}s, "
          f"--jobs 2 fastest {min(j2):.1f}s; speed-up: median of pairs {statistics.median(ratios):.2f}x, "
          f"fastest/fastest {min(j1) / min(j2):.2f}x (each pair: {', '.join(f'{r:.2f}x' for r in ratios)})")
    print(f"this machine's own ceiling beside each pair, a CPU-only loop run twice at once against twice "
          f"in a row: median {statistics.median(ceiling):.2f}x ({', '.join(f'{r:.2f}x' for r in ceiling)})")
    return 0


_SPIN = "x = 0\nfor i in range(12_000_000):\n    x += i & 7\n"


def two_at_once() -> float:
    """What two processes gain over one on this machine at this moment: a loop that touches no
    memory and no disk, run twice in a row against twice at once. A 2-vCPU virtual machine whose
    host shares its cores gives less than 2x, and how much less drifts; --jobs cannot beat it."""
    run = [sys.executable, "-c", _SPIN]
    t0 = time.perf_counter()
    subprocess.run(run, check=True)
    subprocess.run(run, check=True)
    serial = time.perf_counter() - t0
    t0 = time.perf_counter()
    procs = [subprocess.Popen(run) for _ in range(2)]
    for p in procs:
        p.wait()
    return serial / (time.perf_counter() - t0)


if __name__ == "__main__":
    sys.exit(main())
