"""Script pass: traditional → simplified (or the reverse) and converter debris.

The official OpenCC binding (PyPI ``opencc``) is used, not the pure-Python reimplementation: the
latter's tables miss characters real transcripts have (擡高 stayed traditional in a podcast).

Why per line and per character run: OpenCC converts phrase by phrase, but the draft needs small
edits a reader can check (見→见), so a converted line is compared with the original and only the
runs that differ become changes. Converter debris (什幺 for 什么) is a fixed list in
``data/script_debris.txt``: old GBK converters mapped 麼 to 幺.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.clean.data import pairs
from pipeline.clean.textmap import Change

_CONFIG = {"simplified": "t2s", "traditional": "s2t"}


@cache
def _converter(config: str):
    import opencc  # deferred: loads its dictionaries (the OpenCC C++ library's, see pyproject)

    return opencc.OpenCC(config + ".json")


def changes(text: str, script: str) -> list[Change]:
    out: list[Change] = []
    config = _CONFIG.get(script)
    if config is not None:
        conv = _converter(config)
        for m in re.finditer(r"[^\n]+", text):
            line = m.group()
            new = conv.convert(line)
            if new == line:
                continue
            if len(new) != len(line):
                out.append(Change(m.start(), m.end(), new, "script", "opencc", 1.0, config))
                continue
            i = 0
            while i < len(line):
                if line[i] == new[i]:
                    i += 1
                    continue
                j = i
                while j < len(line) and line[j] != new[j]:
                    j += 1
                out.append(Change(m.start() + i, m.start() + j, new[i:j], "script", "opencc", 1.0, config))
                i = j
    if script == "simplified":
        taken = [(c.start, c.end) for c in out]
        for wrong, right in _debris():
            for m in re.finditer(re.escape(wrong), text):
                if not any(a < m.end() and m.start() < b for a, b in taken):
                    out.append(Change(m.start(), m.end(), right, "script", "rule", 1.0, "converter debris"))
    return out


@cache
def _debris() -> tuple[tuple[str, str], ...]:
    return tuple(pairs("script_debris.txt"))
