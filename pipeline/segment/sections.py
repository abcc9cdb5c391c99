"""Sections from their first sentences: spans, times and indexes, the one way both the offline
segmenter and the model's boundaries are turned into ``Segment``s.

A section runs from its first sentence's start to the next section's start, so together they
cover the spoken text. Its time runs from its first sentence's start to its last one's end
(sentence times are interpolated inside cues by the clean stage), and never before the end of
the section before it: a source whose cues overlap in time cannot make two sections overlap.
"""

from __future__ import annotations

import itertools

from pipeline.models import Cleaned, Segment, TimeSpan, time_of


def _times(cleaned: Cleaned, bounds: list[int]) -> list[TimeSpan | None]:
    out: list[TimeSpan | None] = []
    last_end = 0.0
    for a, b in itertools.pairwise(bounds):
        t = time_of(cleaned.sentences[a:b])
        if t is not None:
            start = max(t[0], last_end)
            t = (start, max(start, t[1]))
            last_end = t[1]
        out.append(t)
    return out


def make_segments(cleaned: Cleaned, starts: list[int], titles: list[str], origin: str = "offline") -> list[Segment]:
    """Segments from boundary sentence ids (the first must be 0)."""
    sents = cleaned.sentences
    bounds = [*starts, len(sents)]
    out: list[Segment] = []
    for k, ((a, b), time) in enumerate(zip(itertools.pairwise(bounds), _times(cleaned, bounds), strict=True)):
        first, last = sents[a], sents[b - 1]
        end = sents[b].start if b < len(sents) else last.end
        out.append(Segment(index=k, start=first.start, end=max(end, last.end), first_sentence=a,
                           last_sentence=b - 1, title=titles[k], time=time, origin=origin))
    return out
