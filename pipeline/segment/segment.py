"""The segment stage: cleaned sentences → topic segments that cover them in order."""

from __future__ import annotations

import itertools

from pipeline.backends.base import Backend
from pipeline.config import SegmentOptions
from pipeline.models import Cleaned, Segment
from pipeline.segment import llm


def make_segments(cleaned: Cleaned, starts: list[int], titles: list[str], origin: str = "offline") -> list[Segment]:
    """Segments from boundary sentence ids (the first must be 0); spans run to the next start."""
    sents = cleaned.sentences
    out: list[Segment] = []
    bounds = [*starts, len(sents)]
    for k, (a, b) in enumerate(itertools.pairwise(bounds)):
        first, last = sents[a], sents[b - 1]
        end = sents[b].start if b < len(sents) else last.end
        time = (first.time[0], last.time[1]) if first.time and last.time else None
        out.append(Segment(index=k, start=first.start, end=max(end, last.end), first_sentence=a,
                           last_sentence=b - 1, title=titles[k], time=time, origin=origin))
    return out


def segment(cleaned: Cleaned, options: SegmentOptions | None = None, backend: Backend | None = None) -> list[Segment]:
    options = options or SegmentOptions()
    n = len(cleaned.sentences)
    if not n:
        return []
    k = max(1, min(n, n // 40 + 1))
    starts = sorted({round(i * n / k) for i in range(k)})
    offline = make_segments(cleaned, starts, [cleaned.sentences[s].text[:12] for s in starts])
    return llm.refine(cleaned, offline, backend)  # the LLM hook: keep it last
