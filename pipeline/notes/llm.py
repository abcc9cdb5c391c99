"""LLM outline: the model writes a one-line summary and key points per section (and a short
summary of the talk), each citing sentence ids; a line or point is kept only if its ids lie in its
section and its wording is supported by the cited sentences (most of its characters occur there,
``llm_checks.support``); a section whose line fails keeps the offline one. Failed calls keep the
offline result for their part and mark the stage degraded.

The claims hook lives in ``llm_claims``; ``refine_claims`` is named here too, so the claims stage
reaches both model hooks of the notes stage through this module.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from pipeline import fanout
from pipeline.backends.base import Backend
from pipeline.models import Cleaned, KeyPoint, Outline, Section, Segment, time_of
from pipeline.notes.llm_checks import MIN_SUPPORT, support
from pipeline.notes.llm_claims import refine_claims

__all__ = ["refine_claims", "refine_outline"]

MAX_POINT = 80
MAX_SUMMARY = 5
SHORT = 10  # sentences shorter than this (对吧, 好) carry no point: not sent


class Point(BaseModel):
    text: str
    sentence_ids: list[int] = Field(default_factory=list)


class SectionPoints(BaseModel):
    segment: int
    summary: Point | None = None
    key_points: list[Point] = Field(default_factory=list)


class OutlineAnswer(BaseModel):
    summary: list[Point] = Field(default_factory=list)
    sections: list[SectionPoints]


# --- outline -----------------------------------------------------------------------------------

def refine_outline(cleaned: Cleaned, segments: list[Segment], outline: Outline, backend: Backend | None) -> Outline:
    if backend is None or not backend.is_model or not segments:
        return outline
    sents = cleaned.sentences
    # units: (segment, first id, end id), a long segment cut in pieces that fit a call
    limit = backend.chunk_chars
    units: list[tuple[Segment, int, int]] = []
    for seg in segments:
        ids = range(seg.first_sentence, seg.last_sentence + 1)
        for a, b in fanout.windows([len(sents[i].text) + 8 for i in ids], limit):
            units.append((seg, ids[a], ids[b - 1] + 1))
    groups = fanout.windows([sum(len(sents[i].text) + 8 for i in range(a, b)) for _, a, b in units], limit)
    calls = [{"transcript": _outline_text(cleaned, units[i:j])} for i, j in groups]
    results = fanout.ask_each(backend, "outline", calls, OutlineAnswer)
    points, lines, summary = _checked(cleaned, segments, units, groups, results)
    by_segment = {s.segment: s for s in outline.sections}
    sections = []
    for seg in segments:
        old = by_segment.get(seg.index)
        new = _dedupe(points.get(seg.index, []))
        if old is None:
            old = Section(segment=seg.index, title=seg.title, key_points=[])
        update: dict[str, object] = {"key_points": new} if new else {}
        if seg.index in lines:
            update["summary"] = lines[seg.index]
        sections.append(old.model_copy(update=update))
    summary = _dedupe(summary)[:MAX_SUMMARY]
    failed = fanout.failure("outline", results)
    return Outline(summary=summary or outline.summary, sections=sections, degraded=[failed] if failed else [])


def _checked(cleaned: Cleaned, segments: list[Segment], units: list[tuple[Segment, int, int]],
             groups: list[tuple[int, int]], results: list) -> tuple[dict[int, list[KeyPoint]], dict[int, KeyPoint],
                                                                    list[KeyPoint]]:
    """What of the answers passes the checks: key points and the one-line summary per section,
    and the talk's summary."""
    points: dict[int, list[KeyPoint]] = {}
    lines: dict[int, KeyPoint] = {}
    summary: list[KeyPoint] = []
    for (i, j), answer in zip(groups, results, strict=True):
        if not isinstance(answer, OutlineAnswer):
            continue
        shown = {sid for _, a, b in units[i:j] for sid in range(a, b)}
        for sec in answer.sections:
            seg = next((s for s in segments if s.index == sec.segment), None)
            if seg is None:
                continue
            allowed = shown & set(range(seg.first_sentence, seg.last_sentence + 1))
            line = _key_point(cleaned, sec.summary, allowed) if sec.summary else None
            if line is not None:
                lines.setdefault(seg.index, line)
            for p in sec.key_points:
                kp = _key_point(cleaned, p, allowed)
                if kp is not None:
                    points.setdefault(seg.index, []).append(kp)
        summary += [kp for p in answer.summary if (kp := _key_point(cleaned, p, shown)) is not None]
    return points, lines, summary


def _outline_text(cleaned: Cleaned, units: list[tuple[Segment, int, int]]) -> str:
    out: list[str] = []
    for seg, a, b in units:
        out.append(f"## 段 {seg.index}：{seg.title}")
        out += [fanout.line(i, cleaned.sentences[i].text) for i in range(a, b)
                if len(cleaned.sentences[i].text) >= SHORT]
    return "\n".join(out)


def _key_point(cleaned: Cleaned, p: Point, allowed: set[int]) -> KeyPoint | None:
    text = " ".join(p.text.split())
    ids = sorted(set(p.sentence_ids))
    if not ids or not 4 <= len(text) <= MAX_POINT or not set(ids) <= allowed:
        return None
    cited = [cleaned.sentences[i] for i in ids]
    if support(text, "".join(s.text for s in cited)) < MIN_SUPPORT:
        return None
    return KeyPoint(text=text, sentence_ids=ids, start=min(s.start for s in cited), end=max(s.end for s in cited),
                    time=time_of(cited), speaker=cited[0].speaker)


def _dedupe(points: list[KeyPoint]) -> list[KeyPoint]:
    seen: set[str] = set()
    out = []
    for kp in points:
        if kp.text not in seen:
            seen.add(kp.text)
            out.append(kp)
    return out
