"""WebVTT files: webvtt-py reads the cues and times; each cue's text is then located in the
source (cue identifiers, STYLE and NOTE blocks are skipped by the parser), keeping exact offsets."""

from __future__ import annotations

import io

from pipeline.errors import InputError
from pipeline.ingest.markup import strip_tags
from pipeline.models import Cue


def parse(text: str, path: str) -> list[Cue]:
    import webvtt  # deferred: only VTT inputs need it

    try:
        captions = webvtt.from_buffer(io.StringIO(text)).captions
    except Exception as exc:  # webvtt-py raises several unrelated types for malformed files
        raise InputError(f"bad WebVTT: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}",
                         path=path) from exc
    cues: list[Cue] = []
    cursor = 0
    for cap in captions:
        lines = [ln for ln in getattr(cap, "lines", None) or cap.raw_text.split("\n")]
        arrow = text.find("-->", cursor)
        line_end = text.find("\n", arrow) if arrow >= 0 else -1
        if line_end < 0:
            continue
        cursor = line_end + 1
        time = (cap.start_in_seconds + 0.0, cap.end_in_seconds + 0.0)
        if not "".join(lines).strip():
            continue
        for line in lines:
            at = text.find(line, cursor)
            if at < 0:
                raise InputError("cannot locate a cue's text in the file", path=path,
                                 position=f"cue at {cap.start}")
            cursor = at + len(line)
            for s, e in strip_tags(text, at, cursor):
                cues.append(Cue(index=len(cues), start=s, end=e, text=text[s:e], time=time))
    return cues
