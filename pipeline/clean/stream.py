"""The spoken stream of a document: its cue texts joined, where each character is in the source,
and when it was said. The clean stage's draft edits this text (``textmap``).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left

from pipeline.models import Document, TimeSpan

#: Stands between two cues in the stream when the source has something other than whitespace
#: between them (SRT timing lines). It maps to a zero-width source position.
CUE_BREAK = "\n"


class Stream:
    """The spoken text of a document: cue texts joined, and where each character is in the source.

    Between two cues, whitespace that really is in the source (a txt exporter's blank line) is
    kept and maps to itself; anything else (timing lines, JSON syntax) becomes one ``CUE_BREAK``
    that maps to a zero-width position, so a span never claims source text it does not contain.
    So a cue's text and the whitespace kept after it copy the source one to one: stream position
    ``p`` of cue ``c``'s stretch begins at source position ``p + offset[c]``, a break too, but a
    break is zero-width there. Cues joined by kept whitespace share their offset.
    ``cue_of`` gives each character's cue (an array of machine ints: nothing for the garbage
    collector to walk); the source map needs nothing per character.
    """

    def __init__(self, doc: Document) -> None:
        parts: list[str] = []
        self.cue_of = array("l")
        self.cue_starts: list[int] = []
        self._offsets: list[int] = []  # source position minus stream position, in each cue's stretch
        self._breaks: list[int] = []  # the stream positions of CUE_BREAKs, in order
        self.times: list[TimeSpan | None] = []
        self.speakers: list[str | None] = []
        at = 0
        prev_end: int | None = None
        for ci, cue in enumerate(doc.cues):
            if prev_end is not None:
                gap = doc.text[prev_end:cue.start]
                if not gap or gap.strip():
                    self._breaks.append(at)
                    gap = CUE_BREAK
                parts.append(gap)
                self.cue_of.extend(array("l", [ci - 1]) * len(gap))
                at += len(gap)
            self.cue_starts.append(at)
            self._offsets.append(cue.start - at)
            parts.append(cue.text)
            self.cue_of.extend(array("l", [ci]) * len(cue.text))
            at += len(cue.text)
            self.times.append(cue.time)
            self.speakers.append(cue.speaker)
            prev_end = cue.end
        self.text = "".join(parts)
        self.source = doc.text
        self._tail = prev_end if prev_end is not None else 0
        self._spans = _timed_spans(doc, self.cue_starts)

    def __len__(self) -> int:
        return len(self.text)

    def source_span(self, a: int, b: int) -> tuple[int, int]:
        """Source span of stream span ``[a, b)``; a zero-width span maps to a zero-width position."""
        if b <= a:
            pos = self.source_pos(a)
            return pos, pos
        last = self.source_pos(b - 1)
        return self.source_pos(a), last if self._is_break(b - 1) else last + 1

    def source_pos(self, p: int) -> int:
        """The source position where stream position ``p`` begins (the end of the last cue past
        the stream's end)."""
        return p + self._offsets[self.cue_of[p]] if p < len(self.text) else self._tail

    def one_to_one(self, a: int, b: int) -> int | None:
        """The source position where stream span ``[a, b)`` starts if it copies the source one to
        one (no ``CUE_BREAK`` inside: cues joined by kept whitespace continue each other), else None."""
        if bisect_left(self._breaks, a) != bisect_left(self._breaks, b):
            return None
        return self.source_pos(a)

    def _is_break(self, p: int) -> bool:
        k = bisect_left(self._breaks, p)
        return k < len(self._breaks) and self._breaks[k] == p

    def time_span(self, a: int, b: int, first: int, last: int) -> TimeSpan | None:
        """When stream span ``[a, b)`` (``b > a``) was said, where the input has times: each end
        interpolated by its character position within its cue (a cue of 30 seconds holding four
        sentences gives each its own stretch, so spans that follow each other never overlap).
        ``first`` and ``last`` are the cues ``a`` and ``b - 1`` lie in (``cue_at``: a sentence
        looks them up once, for its speaker too); -1 (no cues) has no time."""
        if first < 0 or self.times[first] is None or self.times[last] is None:
            return None
        return self._moment(first, a), self._moment(last, b)

    def _moment(self, cue: int, pos: int) -> float:
        """The time at stream position ``pos`` of ``cue``'s timed stretch."""
        lo, hi, (t0, t1) = self._spans[cue]  # type: ignore[misc]
        share = min(1.0, max(0.0, (pos - lo) / (hi - lo))) if hi > lo else 0.0
        return round(t0 + (t1 - t0) * share, 3)

    def cue_at(self, a: int) -> int:
        """The index of the cue that stream position ``a`` lies in (-1 when there are none)."""
        return self.cue_of[min(a, len(self.cue_of) - 1)] if self.cue_of else -1

    def speaker_at(self, a: int) -> str | None:
        return self.speakers[self.cue_of[a]] if self.cue_of and a < len(self.cue_of) else None


def _timed_spans(doc: Document, cue_starts: list[int]) -> list[tuple[int, int, TimeSpan | None]]:
    """For each cue, the stream stretch its time covers and that time. Consecutive cues with the
    same time are one stretch: a JSON entry split at its escapes, or an exporter's duplicate."""
    out: list[tuple[int, int, TimeSpan | None]] = []
    k = 0
    cues = doc.cues
    while k < len(cues):
        j = k
        while j + 1 < len(cues) and cues[j + 1].time == cues[k].time:
            j += 1
        span = (cue_starts[k], cue_starts[j] + len(cues[j].text), cues[k].time)
        out += [span] * (j - k + 1)
        k = j + 1
    return out
