"""Segmentation over the CLVTS lectures and the 通义听悟 podcasts with their creators' chapters.

Runs ingest + clean once per file, then the offline segmenter, and scores every file with
../shared/eval/score.py. Prints mean Pk / WindowDiff / boundary F1 for the dev split (00–09: the
only lectures parameters were tuned on) and the test split (10–50) separately, the podcasts, the
reference sample and the time segmentation took. For the podcasts it also prints two rows to
measure against: 通义听悟's own chapters (its LLM's, from each export's ``lab_info``, moved to
the nearest paragraph start as the gold is) and equal slices at the gold count; and the mean
title similarity: the character-bigram F1 between each gold chapter's title and the title of
the section that overlaps it most. Run by hand from the project root:

    .venv/bin/python benchmarks/segment_clvts.py [--shared ../shared] [--per-file]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import statistics
import sys
import time
from collections import Counter
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


def _bigrams(text: str) -> Counter:
    t = re.sub(r"[\W_]", "", text.lower())
    return Counter(t[i:i + 2] for i in range(len(t) - 1))


def bigram_f1(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    hit = sum((x & y).values())
    if not hit:
        return 0.0
    p, r = hit / sum(y.values()), hit / sum(x.values())
    return 2 * p * r / (p + r)


def title_similarity(doc, segs: list[dict], gold: dict, scorer) -> float | None:
    """Mean bigram F1 of each gold chapter title and the title of the section overlapping it most."""
    chapters = gold.get("segments", [])
    if not chapters or "title" not in chapters[0]:
        return None
    starts = [scorer.anchor_at(doc.text, c, "starts_at") for c in chapters] + [len(doc.text)]
    sims = []
    for k, c in enumerate(chapters):
        a, b = starts[k], starts[k + 1]
        best = max(segs, key=lambda s: max(0, min(b, s["end"]) - max(a, s["start"])))
        sims.append(bigram_f1(c["title"], best["title"]))
    return statistics.mean(sims)


def score_row(name: str, doc, cleaned, segs: list[dict], gold: dict, scorer) -> dict:
    m = scorer.score({"clean_text": cleaned.clean_text, "segments": segs}, gold, doc.text)
    return {"file": name, "pk": m["pk"], "wd": m["windowdiff"], "f1": m["boundary_f1"],
            "found": m["segments_found"], "gold": m["segments_gold"],
            "title": title_similarity(doc, segs, gold, scorer)}


def evaluate(items, golds, scorer, segment_fn) -> tuple[list[dict], float]:
    rows, spent = [], 0.0
    for (path, doc, cleaned), gold in zip(items, golds, strict=True):
        t0 = time.perf_counter()
        segs = segment_fn(cleaned).segments
        spent += time.perf_counter() - t0
        rows.append(score_row(path.name, doc, cleaned, [s.model_dump() for s in segs], gold, scorer))
    return rows, spent


def _spans(cleaned, first_ids: list[int], titles: list[str]) -> list[dict]:
    sents = cleaned.sentences
    bounds = [*first_ids, len(sents)]
    return [{"start": sents[a].start, "end": sents[b].start if b < len(sents) else sents[-1].end, "title": t}
            for a, b, t in zip(bounds, bounds[1:], titles, strict=False)]


def peer_rows(items, golds, scorer) -> list[dict]:
    """通义听悟's own chapters (lab_info.chapters: time, title), each moved to the first sentence
    of the paragraph nearest its time, scored like ours."""
    rows = []
    for (path, doc, cleaned), gold in zip(items, golds, strict=True):
        chapters = json.loads(doc.text).get("lab_info", {}).get("chapters") or []
        paras = [s for s in cleaned.sentences if s.opens_cue and s.time]
        ids, titles = [], []
        for c in chapters:
            h, m, sec = (int(x) for x in c["time"].split(":"))
            t = h * 3600 + m * 60 + sec
            ids.append(min(paras, key=lambda s: abs(s.time[0] - t)).id)
            titles.append(c["title"])
        ids[0] = 0
        pairs = sorted(dict(zip(ids, titles, strict=True)).items())
        rows.append(score_row(path.name, doc, cleaned, _spans(cleaned, [i for i, _ in pairs], [t for _, t in pairs]),
                              gold, scorer))
    return rows


def equal_rows(items, golds, scorer) -> list[dict]:
    """Equal slices (by characters) at the gold's count."""
    rows = []
    for (path, doc, cleaned), gold in zip(items, golds, strict=True):
        k = len(gold["segments"])
        sents = cleaned.sentences
        total = sum(len(s.text) for s in sents)
        ids, at = [], 0
        for s in sents:
            if at >= len(ids) * total / k:
                ids.append(s.id)
            at += len(s.text)
        rows.append(score_row(path.name, doc, cleaned, _spans(cleaned, ids[:k], [""] * k), gold, scorer))
    return rows


def summary(name: str, rows: list[dict]) -> str:
    if not rows:
        return f"{name}: no files"
    mean = {k: statistics.mean(r[k] for r in rows) for k in ("pk", "wd", "f1", "found", "gold")}
    titles = [r["title"] for r in rows if r.get("title") is not None]
    return (f"{name:<22} n={len(rows):>2}  Pk {mean['pk']:.3f}  WD {mean['wd']:.3f}  F1 {mean['f1']:.3f}"
            f"  sections {mean['found']:.1f} (gold {mean['gold']:.1f})"
            + (f"  title similarity {statistics.mean(titles):.3f}" if titles else ""))


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
        if name == "podcasts":
            print(summary("  通义听悟's chapters", peer_rows(items, golds, scorer)))
            print(summary("  equal slices", equal_rows(items, golds, scorer)))
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
