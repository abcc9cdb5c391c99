"""JSON transcripts: Bilibili subtitles (``body: [{from, to, content}]``), Whisper and
faster-whisper (``segments: [{start, end, text}]`` or a bare list), 通义听悟 exports
(``transcription: [{time, text, speaker}]``).

Offsets: each cue's string literal is found in the raw JSON from a moving cursor. A literal
without escapes maps one to one; one with escapes is split into its unescaped runs, so a cue never
claims characters the file does not hold."""

from __future__ import annotations

import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]  # public, not in the stubs

from pipeline.errors import InputError
from pipeline.ingest.markup import split_between, strip_controls
from pipeline.models import Cue, Format, Meta

_KEYS = {"bilibili-json": ("body", "content"), "whisper-json": ("segments", "text"),
         "tingwu-json": ("transcription", "text")}
_ESC = re.compile(r"\\(?:u[0-9a-fA-F]{4}|.)")


def _clock(value: object) -> float | None:
    """``00:01:17`` or ``1:02.5`` or a number → seconds."""
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            parts = [float(p) for p in value.strip().split(":")]
        except ValueError:
            return None
        total = 0.0
        for p in parts:
            total = total * 60 + p
        return total
    return None


def parse(text: str, fmt: Format, path: str) -> tuple[list[Cue], Meta]:
    data = json.loads(text)
    list_key, text_key = _KEYS[fmt]
    items = data if isinstance(data, list) else data.get(list_key)
    if not isinstance(items, list):
        raise InputError(f"JSON without a '{list_key}' list", path=path)
    meta = Meta()
    if isinstance(data, dict) and isinstance(data.get("title"), str):
        meta.title = data["title"]
    key_pat = re.compile(r'"' + re.escape(text_key) + r'"\s*:\s*"')
    cues: list[Cue] = []
    cursor = 0
    starts = [_clock(it.get("time") if fmt == "tingwu-json" else it.get("from", it.get("start")))
              if isinstance(it, dict) else None for it in items]
    for i, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get(text_key), str):
            raise InputError(f"entry {i} has no '{text_key}' string", path=path, position=f"entry {i}")
        m = key_pat.search(text, cursor)
        if m is None:
            raise InputError("cannot locate an entry's text in the file", path=path, position=f"entry {i}")
        value, end = scanstring(text, m.end())
        cursor = end
        t0 = starts[i]
        t1 = _clock(item.get("to", item.get("end")))
        if t1 is None and i + 1 < len(starts):
            t1 = starts[i + 1]
        time = (t0, max(t0, t1 if t1 is not None else t0)) if t0 is not None else None
        speaker = item.get("speaker") if isinstance(item.get("speaker"), str) else None
        for s, e in (r for a, b in split_between(_ESC, text, m.end(), end - 1) for r in strip_controls(text, a, b)):
            cues.append(Cue(index=len(cues), start=s, end=e, text=text[s:e], time=time, speaker=speaker))
        if value and speaker and speaker not in meta.speakers:
            meta.speakers.append(speaker)
    return cues, meta
