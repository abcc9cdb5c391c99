"""How often the clean stage's corrections touch correct sentences (and fix wrong ones).

Runs the full clean stage over the sentences of a CSC corpus JSONL (``source``, ``target``,
``label``: 0 = the source is correct) and reports the share of correct sentences that received a
``correction`` edit — the issue's bar is at most 1% — and, for the erroneous ones, how many
corrections land where source and target differ. Usage:

    python benchmarks/clean_correction.py [../shared/corpus/correction/cscd_ns_test.jsonl] [--show N]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from pipeline.clean import clean
from pipeline.ingest import ingest_text


def main() -> None:
    here = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path,
                    default=here.parent / "shared/corpus/correction/cscd_ns_test.jsonl")
    ap.add_argument("--show", type=int, default=10, help="print this many changed correct sentences")
    a = ap.parse_args()
    rows = [json.loads(line) for line in a.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    good = [r for r in rows if r["label"] == 0]
    bad = [r for r in rows if r["label"] == 1]
    touched, shown = 0, 0
    for r in good:
        cleaned = clean(ingest_text(r["source"], "s.txt"))
        corr = [e for e in cleaned.edits if e.kind == "correction"]
        if corr:
            touched += 1
            if shown < a.show:
                shown += 1
                print("  changed:", r["source"][:60], [f"{e.before}->{e.after}" for e in corr])
    hit = fired = 0
    for r in bad:
        src, tgt = r["source"], r["target"]
        cleaned = clean(ingest_text(src, "s.txt"))
        for e in (e for e in cleaned.edits if e.kind == "correction"):
            fired += 1
            if len(src) == len(tgt) and src[e.start:e.end] != tgt[e.start:e.end] and tgt[e.start:e.end] == e.after:
                hit += 1
    print(f"correct sentences (label 0): {len(good)}; touched by a correction: {touched} "
          f"({touched / max(1, len(good)):.2%})")
    print(f"erroneous sentences (label 1): {len(bad)}; corrections made: {fired}; exactly right: {hit}")


if __name__ == "__main__":
    main()
