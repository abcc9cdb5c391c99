"""Plain-text transcripts such as the Bilibili exporter's: an optional ``# title - P1 - uploader -
BVid`` header line, then paragraphs. A paragraph break is where the exporter wrapped, not where
the speaker stopped, so each non-empty line is a cue and the clean stage decides sentences."""

from __future__ import annotations

import re

from pipeline.ingest.markup import strip_controls
from pipeline.models import Cue, Meta

_BV = re.compile(r"\bBV[0-9A-Za-z]{10}\b")
_PART = re.compile(r"^P\d+$", re.I)
_LINE = re.compile(r"[^\n]+")


def parse_header(line: str) -> Meta:
    """``# （北京）互联网3.0产业创新发展方案 - P1 - 赏味不足 - BV1wx4y1N7VW`` → title, part, uploader, id."""
    body = line.lstrip("#").strip()
    fields = [f.strip() for f in body.split(" - ")]
    meta = Meta()
    bv = _BV.search(body)
    if bv:
        meta.bvid = bv.group()
        meta.url = f"https://www.bilibili.com/video/{meta.bvid}"
        fields = [f for f in fields if f != meta.bvid]
    for f in fields[1:]:
        if _PART.match(f) and meta.part is None:
            meta.part = f.upper()
        elif meta.uploader is None and f:
            meta.uploader = f
    meta.title = fields[0] if fields and fields[0] else None
    return meta


def parse(text: str) -> tuple[list[Cue], Meta]:
    cues: list[Cue] = []
    meta = Meta()
    for m in _LINE.finditer(text):
        line = m.group()
        if not cues and not line.strip():
            continue
        if not cues and line.startswith("#") and meta.title is None:
            meta = parse_header(line)
            continue
        lead = len(line) - len(line.lstrip())
        trail = len(line.rstrip())
        if trail <= lead:
            continue
        for s, e in strip_controls(text, m.start() + lead, m.start() + trail):
            cues.append(Cue(index=len(cues), start=s, end=e, text=text[s:e]))
    return cues, meta
