"""A cleaned transcript back as subtitles: ``to_srt(doc, cleaned)``.

Why map through the source: the clean text is a run of sentences, but subtitles must keep each
cue's timing. Every clean character knows the source position it comes from, so each one is put
back into the cue holding that position (text inserted at a cue's end, like the full stop the
punctuation pass adds, stays with that cue). A cue left empty — all filler — is dropped, and the
rest are numbered again from 1.
"""

from __future__ import annotations

from bisect import bisect_right

from pipeline.errors import InputError
from pipeline.models import Cleaned, Document


def _clock(seconds: float) -> str:
    ms = max(0, round(seconds * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def cue_texts(doc: Document, cleaned: Cleaned) -> list[str]:
    """The cleaned text of each cue, in cue order (empty where everything was removed)."""
    starts = [c.start for c in doc.cues]
    out: list[list[str]] = [[] for _ in doc.cues]
    text = cleaned.clean_text
    for i, ch in enumerate(text):
        if ch == "\n":
            continue
        pos, _ = cleaned.source_span(i, i + 1)
        k = max(0, bisect_right(starts, pos) - 1)
        out[k].append(ch)
    return ["".join(parts).strip() for parts in out]


def to_srt(doc: Document, cleaned: Cleaned) -> str:
    if not doc.cues or any(c.time is None for c in doc.cues):
        raise InputError("this input has no cue times, so it cannot be written as SRT", path=doc.source.path)
    blocks: list[str] = []
    for cue, text in zip(doc.cues, cue_texts(doc, cleaned), strict=True):
        if not any(ch.isalnum() for ch in text):
            continue
        start, end = cue.time  # type: ignore[misc]
        blocks.append(f"{len(blocks) + 1}\n{_clock(start)} --> {_clock(end)}\n{text}\n")
    return "\n".join(blocks)
