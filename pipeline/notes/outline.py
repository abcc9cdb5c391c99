"""The notes stage: segments → a summary and key points per section, all extractive."""

from __future__ import annotations

from pipeline.backends.base import Backend
from pipeline.models import Cleaned, KeyPoint, Outline, Section, Segment
from pipeline.notes import llm


def _point(cleaned: Cleaned, sid: int) -> KeyPoint:
    s = cleaned.sentences[sid]
    return KeyPoint(text=s.text, sentence_ids=[sid], start=s.start, end=s.end, time=s.time, speaker=s.speaker)


def outline(cleaned: Cleaned, segments: list[Segment], backend: Backend | None = None) -> Outline:
    sections = []
    for seg in segments:
        ids = list(range(seg.first_sentence, seg.last_sentence + 1))
        longest = sorted(ids, key=lambda i: -len(cleaned.sentences[i].text))[:3]
        sections.append(Section(segment=seg.index, title=seg.title,
                                key_points=[_point(cleaned, i) for i in sorted(longest)]))
    summary = [sec.key_points[0] for sec in sections[:5] if sec.key_points]
    return llm.refine_outline(cleaned, segments, Outline(summary=summary, sections=sections), backend)
