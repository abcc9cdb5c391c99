"""Check the sections of every notes file in a folder against issue 19's rules: every title
passes the title checker (``开场``/``结尾`` only as the title of an opening or a sign-off), none
repeats within a file, and section times never overlap or go back.

    .venv/bin/subnotes run ../shared/corpus/podcasts ../shared/corpus/clvts ../shared/samples -o /tmp/segout --no-html
    .venv/bin/python benchmarks/check_sections.py /tmp/segout [--titles]

Prints each problem with its file and a summary; exits 1 when there is any.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

from pipeline.segment import phrases

ROLE_TITLES = {"opening": "开场", "closing": "结尾"}


def problems(notes: dict) -> list[str]:
    """What is wrong with one notes file's sections."""
    segs = notes.get("segments") or []
    out = []
    for s in segs:
        role, title = s.get("role", "topic"), s["title"]
        if role in ROLE_TITLES and title != ROLE_TITLES[role]:
            out.append(f"section {s['index']}: an {role} titled {title!r}")
        if role == "topic" and (title in ROLE_TITLES.values() or not phrases.acceptable(title)):
            out.append(f"section {s['index']}: title {title!r} breaks the rules")
    titles = [s["title"] for s in segs]
    out += [f"title {t!r} repeats" for t in sorted({t for t in titles if titles.count(t) > 1})]
    for a, b in itertools.pairwise(segs):
        if a.get("time") and b.get("time") and not a["time"][0] <= a["time"][1] <= b["time"][0] <= b["time"][1]:
            out.append(f"times overlap: {a['index']} {a['time']} then {b['index']} {b['time']}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--titles", action="store_true", help="print every file's titles")
    a = ap.parse_args()
    files = sorted(a.folder.rglob("*.notes.json"))
    bad = sections = 0
    for f in files:
        notes = json.loads(f.read_text("utf-8"))
        sections += len(notes.get("segments") or [])
        found = problems(notes)
        bad += len(found)
        for p in found:
            print(f"{f.name}: {p}")
        if a.titles:
            print(f"{f.name}: " + " | ".join(s["title"] for s in notes.get("segments") or []))
    print(f"{len(files)} files, {sections} sections, {bad} problems")
    return 1 if bad or not files else 0


if __name__ == "__main__":
    sys.exit(main())
