"""What issue 21's additions cost: section summary lines, questions and answers, the mind map.

    .venv/bin/python benchmarks/additions.py [--hours 1] [--repeats 15]

On bench.py's 1-hour input, in-process, the whole default offline run (ingest → clean → segment →
outline → claims → questions → NAME.md, NAME.html with its mind-map tab, NAME.opml, the JSON; the
files are not written) is timed two ways, round by round:

- **with and without**: the same run with the three taken out (no summary line is chosen, no
  questions are looked for, no OPML, the review page without its mind-map tab) beside the run with
  them, in alternating order; the overhead is the median of the rounds' ratios, with its range;
- **inside the run**: the functions that only the three call, timed while the whole run is:
  choosing and grounding each summary line (``outline._summary_sentence`` and ``_summary``),
  ``qa.questions``, the mind-map tree and its tab in the page, and ``opml.render``; their share of
  that run, median and range. Markdown, page and JSON lines for summary lines and questions are
  not in this sum (a few string joins); the with/without figure holds them.

This machine's speed drifts, and another process may share it: hence pairs, ratios and medians.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).parent))
import bench

SPENT: dict[str, float] = defaultdict(float)


def _timed(name: str, fn):
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            SPENT[name] += time.perf_counter() - t0
    return wrapper


def run_once(path: Path, additions: bool) -> float:
    """Seconds for the default offline run on ``path``, with or without the three additions."""
    from pipeline.backends.offline import OfflineBackend
    from pipeline.clean import clean
    from pipeline.config import CleanOptions, SegmentOptions
    from pipeline.ingest import ingest
    from pipeline.models import Notes, RunInfo
    from pipeline.notes import extract_claims, outline
    from pipeline.notes.qa import questions
    from pipeline.render import html, markdown, mindmap, opml
    from pipeline.segment import segment
    from pipeline.zh import words

    outline_mod = importlib.import_module("pipeline.notes.outline")  # the package's ``outline`` is the function

    words.words.cache_clear()  # every run cuts its sentences itself, as a fresh file would
    with ExitStack() as patches:
        if additions:
            for mod, name, label in [(outline_mod, "_summary_sentence", "summary line"),
                                     (outline_mod, "_summary", "summary line"), (mindmap, "tree", "mind map"),
                                     (html, "map_pane", "mind map"), (opml, "render", "opml")]:
                patches.enter_context(mock.patch.object(mod, name, _timed(label, getattr(mod, name))))
            ask = _timed("questions", questions)
        else:
            patches.enter_context(mock.patch.object(
                outline_mod, "_summary_sentence", lambda cleaned, ids, score, terms: max(ids, key=score.get)))
            patches.enter_context(mock.patch.object(outline_mod, "_summary", lambda cleaned, sid: None))
            patches.enter_context(mock.patch.object(html, "map_pane", lambda root: ""))
            patches.enter_context(mock.patch.object(mindmap, "tree", lambda notes: None))
            ask = lambda cleaned: []  # noqa: E731
        backend = OfflineBackend()
        t: dict[str, float] = {}
        t0 = time.perf_counter()

        def lap(stage: str) -> None:
            nonlocal t0
            now = time.perf_counter()
            t[stage] = now - t0
            t0 = now

        doc = ingest(path, max_bytes=None)
        cleaned = clean(doc, CleanOptions(), backend)
        segs = segment(cleaned, SegmentOptions(), backend).segments
        lap("ingest, clean, segment")
        notes_outline = outline(cleaned, segs, backend)
        lap("outline")
        claims = extract_claims(cleaned, segs, backend, title=doc.meta.title).claims
        lap("claims")
        qa = ask(cleaned)
        lap("questions")
        notes = Notes(source=doc.source, meta=doc.meta, run=RunInfo(backend="offline", version="bench", created="-"),
                      clean_text=cleaned.clean_text, edits=cleaned.edits, candidates=cleaned.candidates,
                      sentences=cleaned.sentences, segments=segs, outline=notes_outline, claims=claims, qa=qa)
        markdown.render(notes)
        lap("NAME.md")
        html.render(notes, doc)
        lap("NAME.html")
        if additions:
            opml.render(notes)
        lap("NAME.opml")
        notes.model_dump_json(indent=1)
        lap("JSON")
        return t


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=bench.ROOT.parent / "shared")
    ap.add_argument("--hours", type=float, default=1)
    ap.add_argument("--repeats", type=int, default=15)
    a = ap.parse_args()
    files = bench.source_cues(a.shared)
    with tempfile.TemporaryDirectory() as tmp:
        path, chars = bench.build(a.hours, files, Path(tmp))
        warm = bench.build(0.1, files, Path(tmp) / "warm", seed=99)[0]
        run_once(warm, True)
        run_once(warm, False)
        runs: dict[bool, list[dict[str, float]]] = {True: [], False: []}
        shares, parts = [], defaultdict(list)
        for r in range(a.repeats):
            for additions in ((True, False) if r % 2 == 0 else (False, True)):
                SPENT.clear()
                t = run_once(path, additions)
                runs[additions].append(t)
                if additions:
                    shares.append(sum(SPENT.values()) / sum(t.values()))
                    for k, v in SPENT.items():
                        parts[k].append(v)
    total = {k: [sum(t.values()) for t in v] for k, v in runs.items()}
    ratios = [x / y - 1 for x, y in zip(total[True], total[False], strict=True)]
    # the stages the additions touch; the others (clean and segment: 85% of a run) are the same
    # work both ways, and only add noise to a difference of totals
    touched = [k for k in runs[True][0] if k not in ("ingest, clean, segment", "claims")]
    added = [sum(x[k] - y[k] for k in touched) / sum(x.values())
             for x, y in zip(runs[True], runs[False], strict=True)]
    ms = lambda xs: f"{statistics.median(xs) * 1000:6.1f} ms ({min(xs) * 1000:.1f}-{max(xs) * 1000:.1f})"  # noqa: E731
    pct = lambda xs: f"{statistics.median(xs):+.1%} (range {min(xs):+.1%} to {max(xs):+.1%})"  # noqa: E731
    print(f"{a.hours:g}-hour input, {chars} characters, {a.repeats} rounds; median (range) per stage:")
    print(f"  {'':<24} {'with the three':>22} {'without':>22}")
    for k in runs[True][0]:
        print(f"  {k:<24} {ms([t[k] for t in runs[True]]):>22} {ms([t[k] for t in runs[False]]):>22}")
    print(f"  {'whole run':<24} {ms(total[True]):>22} {ms(total[False]):>22}")
    print(f"whole run, with against without, round by round: {pct(ratios)}; fastest against fastest: "
          f"{min(total[True]) / min(total[False]) - 1:+.1%}")
    print(f"added time in the stages they touch, of the whole run, round by round: {pct(added)}")
    print(f"their own functions, timed inside the run: {pct(shares)} of it")
    for k, v in sorted(parts.items()):
        print(f"  {k:<13} {ms(v)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
