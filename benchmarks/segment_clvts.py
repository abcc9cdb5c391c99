"""Segmentation over the CLVTS lectures (and the 通义听悟 podcasts with creator chapters).

Runs ingest + clean once per file, then the offline segmenter, and scores every file with
../shared/eval/score.py. Prints mean Pk / WindowDiff / boundary F1 for the dev split (00–09: the
only files parameters were tuned on) and the test split (10–50) separately, the podcasts, and
the time segmentation took. Run by hand from the project root:

    .venv/bin/python benchmarks/segment_clvts.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load(paths: list[Path]):
    from pipeline.clean import clean
    from pipeline.ingest import ingest

    out = []
    for p in paths:
        doc = ingest(p)
        out.append((p, doc, clean(doc)))
    return out


def evaluate(items, golds, scorer, segment_fn) -> tuple[list[dict], float]:
    rows, spent = [], 0.0
    for (path, doc, cleaned), gold in zip(items, golds, strict=True):
        t0 = time.perf_counter()
        segs = segment_fn(cleaned).segments
        spent += time.perf_counter() - t0
        notes = {"clean_text": cleaned.clean_text, "segments": [s.model_dump() for s in segs]}
        m = scorer.score(notes, gold, doc.text)
        rows.append({"file": path.name, "pk": m["pk"], "wd": m["windowdiff"], "f1": m["boundary_f1"],
                     "found": m["segments_found"], "gold": m["segments_gold"]})
    return rows, spent


def summary(name: str, rows: list[dict]) -> str:
    if not rows:
        return f"{name}: no files"
    mean = {k: statistics.mean(r[k] for r in rows) for k in ("pk", "wd", "f1", "found", "gold")}
    return (f"{name:<16} n={len(rows):>2}  Pk {mean['pk']:.3f}  WD {mean['wd']:.3f}  F1 {mean['f1']:.3f}"
            f"  sections {mean['found']:.1f} (gold {mean['gold']:.1f})")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--split", choices=["dev", "test", "all"], default="all")
    ap.add_argument("--per-file", action="store_true")
    a = ap.parse_args()
    from pipeline.segment import segment

    scorer = _scorer(a.shared)
    corpus = a.shared / "corpus"
    sets = []
    clvts = sorted((corpus / "clvts").glob("clvts-*.srt"))
    if a.split in ("dev", "all"):
        sets.append(("CLVTS dev 00-09", [p for p in clvts if int(p.stem[-2:]) <= 9], "clvts-gold"))
    if a.split in ("test", "all"):
        sets.append(("CLVTS test 10-50", [p for p in clvts if int(p.stem[-2:]) >= 10], "clvts-gold"))
        sets.append(("podcasts", sorted((corpus / "podcasts").glob("*.transcript.json")), "podcast-gold"))
    total_time = 0.0
    total_files = 0
    for name, paths, gold_dir in sets:
        golds = [json.loads((corpus / gold_dir / (p.name.split(".")[0] + ".gold.json")).read_text("utf-8"))
                 for p in paths]
        items = load(paths)
        rows, spent = evaluate(items, golds, scorer, segment)
        total_time += spent
        total_files += len(rows)
        if a.per_file:
            for r in rows:
                print(f"  {r['file']:<44} Pk {r['pk']:.3f} WD {r['wd']:.3f} F1 {r['f1']:.3f} {r['found']}/{r['gold']}")
        print(summary(name, rows))
    sample = a.shared / "samples" / "beijing-internet3.txt"
    gold = json.loads((a.shared / "gold" / "beijing-internet3.gold.json").read_text("utf-8"))
    rows, _ = evaluate(load([sample]), [gold], scorer, segment)
    print(summary("reference sample", rows))
    if total_files:
        print(f"segmentation time: {total_time:.2f}s for {total_files} files "
              f"({total_time / total_files * 1000:.0f} ms a file, after start-up)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
