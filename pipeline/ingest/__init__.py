"""The ingest stage: a file on disk → a Document of cues with exact source offsets."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pipeline.errors import InputError
from pipeline.ingest import detect
from pipeline.models import Document, Source

__all__ = ["SUFFIXES", "ingest", "ingest_text"]

SUFFIXES = tuple(detect.SUFFIXES)


def ingest(path: Path, *, display: str | None = None, max_bytes: int | None = None) -> Document:
    """Read, decode and parse one transcript file."""
    raw, _ = detect.read(path, max_bytes)
    return ingest_bytes(raw, display or str(path), suffix=path.suffix.lower())


def ingest_bytes(raw: bytes, name: str, *, suffix: str = "") -> Document:
    """Decode and parse a file's bytes; the source's hash is the bytes', as on disk."""
    text, encoding = detect.decode(raw, name)
    return ingest_text(text, name, suffix=suffix, encoding=encoding, sha256=hashlib.sha256(raw).hexdigest())


def ingest_text(text: str, name: str, *, suffix: str = "", encoding: str = "utf-8",
                sha256: str | None = None) -> Document:
    """Parse already-decoded text (``\\n`` line ends); without the file's ``sha256``, the hash is
    the text's in UTF-8."""
    from pipeline.ingest import jsonsubs, srt, vtt
    from pipeline.ingest import text as plain

    fmt = detect.sniff(text, suffix, name)
    meta = None
    if fmt == "txt":
        cues, meta = plain.parse(text)
    elif fmt == "srt":
        cues = srt.parse(text, name)
    elif fmt == "vtt":
        cues = vtt.parse(text, name)
    else:
        cues, meta = jsonsubs.parse(text, fmt, name)
    if not any(c.text.strip() for c in cues):
        raise InputError("has no spoken text", path=name)
    source = Source(path=name, format=fmt, sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
                    encoding=encoding, chars=len(text))
    doc = Document(source=source, text=text, cues=cues)
    if meta is not None:
        doc.meta = meta
    times = [c.time for c in cues if c.time is not None]
    if times:
        doc.meta.duration = max(t[1] for t in times)
    if not doc.meta.speakers:
        doc.meta.speakers = list(dict.fromkeys(c.speaker for c in cues if c.speaker))
    return doc
