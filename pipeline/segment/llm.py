"""LLM segmentation: the model names the sentence where each topic starts and a title for it.

It sees the sentences with their ids, long ones cut to their opening (where a topic shift
shows), in overlapping windows; each window decides only the boundaries in its own core (the
middle of each overlap is the border), so windows never vote twice. Ids outside the window,
out of order or too close together are dropped. If any window fails, the offline segments stand.
"""

from __future__ import annotations

from pydantic import BaseModel

from pipeline import fanout
from pipeline.backends.base import Backend
from pipeline.models import Cleaned, Segment, Segmentation
from pipeline.segment import phrases, titles
from pipeline.segment.cohesion import Terms
from pipeline.segment.sections import make_segments

STAGE = "segment"
HEAD = 12  # characters of each sentence shown: enough to see a topic turn, a fraction of the tokens
MIN_SENTENCES = 3  # a section shorter than this is merged into the one before
MAX_TITLE = 24
SHORT = 5


class Boundary(BaseModel):
    first_sentence: int
    title: str = ""


class Sections(BaseModel):
    sections: list[Boundary]


def refine(cleaned: Cleaned, segments: list[Segment], bags: list[Terms],
           backend: Backend | None) -> Segmentation:
    """The model's sections where every window answered, else the offline ones; ``bags``: each
    sentence's content words (for titles and key words of the model's sections)."""
    if backend is None or not backend.is_model or len(cleaned.sentences) < 2 * MIN_SENTENCES:
        return Segmentation(segments=segments)
    sents = cleaned.sentences
    # very short sentences (对吧, 好) carry no topic; leaving them out saves their ids' tokens
    lines = [fanout.line(s.id, _head(s.text)) for s in sents if s.id == 0 or len(s.text) >= SHORT]
    spans = fanout.windows([len(x) + 1 for x in lines], backend.chunk_chars, overlap=400)
    results = fanout.ask_each(backend, "segment", [{"transcript": "\n".join(lines[i:j])} for i, j in spans],
                              Sections)
    failed = fanout.failure(STAGE, results)
    if failed is not None:
        return Segmentation(segments=segments, degraded=[failed])
    answers = [r for r in results if isinstance(r, Sections)]
    if len(answers) != len(results):
        return Segmentation(segments=segments)
    ids = [fanout.line_id(x) for x in lines]
    starts: dict[int, str] = {}
    for k, ((i, j), answer) in enumerate(zip(spans, answers, strict=True)):
        shown = set(ids[i:j])
        lo = 0 if k == 0 else ids[(i + spans[k - 1][1]) // 2]
        hi = len(sents) if k == len(spans) - 1 else ids[(spans[k + 1][0] + j) // 2]
        for b in answer.sections:
            if b.first_sentence in shown and lo <= b.first_sentence < hi:
                starts.setdefault(b.first_sentence, _title(b.title))
    kept: list[int] = []
    for s in sorted(starts):
        if s == 0 or (s - (kept[-1] if kept else 0) >= MIN_SENTENCES and len(sents) - s >= MIN_SENTENCES):
            kept.append(s)
    if not kept or kept[0] != 0:
        kept.insert(0, 0)
    return Segmentation(segments=_build(cleaned, kept, [starts.get(s, "") for s in kept], bags))


def _head(text: str) -> str:
    return text if len(text) <= HEAD else text[:HEAD] + "…"


def _title(title: str) -> str:
    title = " ".join(title.split()).strip("#：:。，, ")
    return title[:MAX_TITLE]


def _build(cleaned: Cleaned, starts: list[int], proposed: list[str], bags: list[Terms]) -> list[Segment]:
    """Sections at the model's starts, with their offline titles and key words; a title the model
    proposed replaces the offline one when it passes the same checks and is not taken."""
    named = titles.name(cleaned, make_segments(cleaned, starts, [""] * len(starts), origin="llm"), bags)
    taken = {s.title for s in named}
    out = []
    for seg, title in zip(named, proposed, strict=True):
        if seg.role == "topic" and phrases.acceptable(title) and title not in taken:
            taken.add(title)
            seg = seg.model_copy(update={"title": title})
        out.append(seg)
    return out
