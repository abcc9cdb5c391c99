"""SubRip files, parsed by pysrt, with each cue's text located back in the decoded source.

pysrt gives times and text; the text is then found in the source from a moving cursor, so every
cue keeps exact offsets (the brief's grounding rule) even for the odd files real tools write:
numbering from 0, ``0:00:00.000`` times, missing indices. A file that is every block by the book
(number, ``HH:MM:SS,mmm --> HH:MM:SS,mmm``, text lines, blank lines between) is read by one
regular expression instead, giving what pysrt gives for it: pysrt builds objects line by line and
time by time, most of the time it takes to read a long talk; anything else still goes to pysrt.
"""

from __future__ import annotations

import re

from pipeline.errors import InputError
from pipeline.ingest.markup import strip_tags
from pipeline.models import Cue

_TIME = r"(\d+):(\d\d):(\d\d)[,.](\d\d\d)"
#: one block by the book after the blank lines before it: its number, its times, and text lines
#: up to a blank line or the end
_BLOCK = re.compile(rf"\s*(\d+)[ \t]*\n{_TIME} --> {_TIME}[ \t]*\n((?:[^\n]*\S[^\n]*(?:\n|\Z))+)")
#: line breaks other than \n, which pysrt (``str.splitlines``) would also split lines at
_ODD_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _ms(h: str, m: str, s: str, ms: str) -> int:
    return int(h) * 3_600_000 + int(m) * 60_000 + int(s) * 1000 + int(ms)


def _by_the_book(text: str) -> list[tuple[int, int, int, str]] | None:
    """(number, start ms, end ms, text) of each block, when every block is by the book (see the
    module) and only blank lines lie between them; otherwise None (pysrt reads the file)."""
    if _ODD_BREAKS.search(text):
        return None
    out = []
    at = 0
    for m in _BLOCK.finditer(text):
        if m.start() != at:
            return None  # something else before this block
        g = m.groups()
        out.append((int(g[0]), _ms(*g[1:5]), _ms(*g[5:9]), g[9]))
        at = m.end()
    return None if text[at:].strip() else out


def _blocks(text: str, path: str) -> list[tuple[int, int, int, str]]:
    """(index, start ms, end ms, text) of each subtitle block."""
    fast = _by_the_book(text)
    if fast is not None:
        return fast
    import pysrt  # deferred: only odd SRT files need it

    try:
        items = pysrt.from_string(text, error_handling=pysrt.ERROR_RAISE)
    except pysrt.Error as exc:
        block = next((a for a in exc.args if isinstance(a, str)), "")
        at = text.find(block) if block.strip() else -1
        where = f"line {text.count(chr(10), 0, at) + 1}" if at >= 0 else None
        snippet = block.strip().splitlines()[:2]
        raise InputError("bad subtitle block, no timing line" + (f" {' / '.join(snippet)!r}" if snippet else ""),
                         path=path, position=where) from exc
    return [(item.index, item.start.ordinal, item.end.ordinal, item.text) for item in items]


def parse(text: str, path: str) -> list[Cue]:
    cues: list[Cue] = []
    cursor = 0
    for index, start, end, body in _blocks(text, path):
        if not body.strip():
            continue
        t0, t1 = start / 1000.0, end / 1000.0
        if t1 < t0:
            t0, t1 = t1, t0
        # line by line: pysrt trims trailing blanks of each line, so the body as a whole may not
        # occur verbatim in the source while each trimmed line does
        for line in body.split("\n"):
            line = line.strip()
            if not line:
                continue
            at = text.find(line, cursor)
            if at < 0:
                raise InputError("cannot locate a cue's text in the file", path=path,
                                 position=f"subtitle {index}")
            cursor = at + len(line)
            cues.extend(_cues_of(text, at, cursor, (t0, t1), len(cues)))
    return cues


def _cues_of(text: str, start: int, end: int, time: tuple[float, float], first: int) -> list[Cue]:
    """A cue's text span, trimmed of tags like ``<i>`` and ``{\\an8}`` at its ends."""
    spans = strip_tags(text, start, end)
    return [Cue(index=first + i, start=s, end=e, text=text[s:e], time=time) for i, (s, e) in enumerate(spans)]


