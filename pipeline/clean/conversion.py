"""Script pass: traditional → simplified (or the reverse) and converter debris, as small edits.

OpenCC converts phrase by phrase (``pipeline.zh.script``), but the draft needs small edits a
reader can check (見→见), so a converted line is compared with the original and only the runs
that differ become changes. A line whose length changed becomes one change.
"""

from __future__ import annotations

import re

from pipeline.clean.textmap import Change
from pipeline.zh import script as zh_script


def _differing(line: str, new: str) -> list[tuple[int, int]]:
    """The runs of positions where two lines of equal length differ."""
    runs = []
    i = 0
    while i < len(line):
        if line[i] == new[i]:
            i += 1
            continue
        j = i
        while j < len(line) and line[j] != new[j]:
            j += 1
        runs.append((i, j))
        i = j
    return runs


def _line_changes(at: int, line: str, new: str, config: str) -> list[Change]:
    """A converted line (at ``at`` in the text) as changes: one a run of characters that
    differ, or the whole line when its length changed."""
    if len(new) != len(line):
        return [Change(at, at + len(line), new, "script", "opencc", 1.0, config)]
    return [Change(at + i, at + j, new[i:j], "script", "opencc", 1.0, config) for i, j in _differing(line, new)]


def changes(text: str, script: str) -> list[Change]:
    if script not in ("simplified", "traditional"):
        return []
    config = zh_script.config(script)  # type: ignore[arg-type]
    out: list[Change] = []
    # one call for the whole text: OpenCC's phrases never span a line break, so each line comes
    # out as it would alone
    converted = zh_script.convert(text, script).split("\n")  # type: ignore[arg-type]
    at = 0
    for line, new in zip(text.split("\n"), converted, strict=True):
        if new != line:
            out += _line_changes(at, line, new, config)
        at += len(line) + 1
    if script == "simplified":
        taken = [(c.start, c.end) for c in out]
        for wrong, right in zh_script.debris():
            for m in re.finditer(re.escape(wrong), text):
                if not any(a < m.end() and m.start() < b for a, b in taken):
                    out.append(Change(m.start(), m.end(), right, "script", "rule", 1.0, "converter debris"))
    return out
