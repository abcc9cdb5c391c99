"""SubRip files, parsed by pysrt, with each cue's text located back in the decoded source.

pysrt gives times and text; the text is then found in the source from a moving cursor, so every
cue keeps exact offsets (the brief's grounding rule) even for the odd files real tools write:
numbering from 0, ``0:00:00.000`` times, missing indices."""

from __future__ import annotations

from pipeline.errors import InputError
from pipeline.ingest.markup import strip_tags
from pipeline.models import Cue


def _seconds(t) -> float:  # pysrt.SubRipTime
    return t.ordinal / 1000.0


def parse(text: str, path: str) -> list[Cue]:
    import pysrt  # deferred: only SRT inputs need it

    try:
        items = pysrt.from_string(text, error_handling=pysrt.ERROR_RAISE)
    except pysrt.Error as exc:
        block = next((a for a in exc.args if isinstance(a, str)), "")
        at = text.find(block) if block.strip() else -1
        where = f"line {text.count(chr(10), 0, at) + 1}" if at >= 0 else None
        snippet = block.strip().splitlines()[:2]
        raise InputError("bad subtitle block, no timing line" + (f" {' / '.join(snippet)!r}" if snippet else ""),
                         path=path, position=where) from exc
    cues: list[Cue] = []
    cursor = 0
    for item in items:
        body = item.text
        if not body.strip():
            continue
        t0, t1 = _seconds(item.start), _seconds(item.end)
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
                                 position=f"subtitle {item.index}")
            cursor = at + len(line)
            cues.extend(_cues_of(text, at, cursor, (t0, t1), len(cues)))
    return cues


def _cues_of(text: str, start: int, end: int, time: tuple[float, float], first: int) -> list[Cue]:
    """A cue's text span, trimmed of tags like ``<i>`` and ``{\\an8}`` at its ends."""
    spans = strip_tags(text, start, end)
    return [Cue(index=first + i, start=s, end=e, text=text[s:e], time=time) for i, (s, e) in enumerate(spans)]


