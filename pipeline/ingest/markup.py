"""Subtitle markup (``<i>``, ``<c.yellow>``, ``{\\an8}``, ``&amp;``) inside cue text.

Tags are cut out by *splitting* the cue into the runs of text between them, never by rewriting:
every run is still an exact span of the source, so offsets stay true."""

from __future__ import annotations

import re

_CTRL_CHARS = r"\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff"
_CONTROL = re.compile(f"[{_CTRL_CHARS}]+")
_TAG = re.compile(_CONTROL.pattern + r"|\\[Nnh]|<[^<>\n]{0,80}>|\{\\[^{}\n]{0,80}\}|&(?:amp|lt|gt|nbsp|lrm|rlm);")
_TAG_START = re.compile(rf"[{_CTRL_CHARS}\\<{{&]")  # a character every match of _TAG starts with


def strip_tags(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` between markup, trimmed of white space, empties dropped."""
    if _TAG_START.search(text, start, end) is None:  # most cues: no markup, one span
        return _trimmed(text, [(start, end)])
    return split_between(_TAG, text, start, end)


def strip_controls(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans between control and zero-width characters (plain text and JSON, where ``<`` is text):
    they carry no speech and must not reach the clean text, yet cannot be deleted from the source."""
    return split_between(_CONTROL, text, start, end)


def split_between(pattern: re.Pattern, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` between matches of ``pattern``, trimmed of white space, empties dropped."""
    spans = []
    at = start
    for m in pattern.finditer(text, start, end):
        spans.append((at, m.start()))
        at = m.end()
    spans.append((at, end))
    return _trimmed(text, spans)


def _trimmed(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
