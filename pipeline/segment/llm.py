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
from pipeline.models import Cleaned, Segment, Segmentation, time_of

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


def refine(cleaned: Cleaned, segments: list[Segment], backend: Backend | None) -> Segmentation:
    """The model's sections where every window answered, else the offline ones."""
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
    titles = [starts.get(s) or _title(sents[s].text[:12]) for s in kept]
    return Segmentation(segments=_build(cleaned, segments, kept, titles))


def _head(text: str) -> str:
    return text if len(text) <= HEAD else text[:HEAD] + "…"


def _title(title: str) -> str:
    title = " ".join(title.split()).strip("#：:。，, ")
    return title[:MAX_TITLE]


def _build(cleaned: Cleaned, offline: list[Segment], starts: list[int], titles: list[str]) -> list[Segment]:
    """Segments over whole sentences that cover the text as the offline ones do; keywords come
    from the offline segments they overlap."""
    sents = cleaned.sentences
    bounds = [*starts, len(sents)]
    out: list[Segment] = []
    for k in range(len(starts)):
        a, b = bounds[k], bounds[k + 1]
        first, last = sents[a], sents[b - 1]
        end = sents[b].start if b < len(sents) else max(last.end, offline[-1].end if offline else last.end)
        start = first.start if k else min(first.start, offline[0].start if offline else first.start)
        time = time_of(sents[a:b])
        words = list(dict.fromkeys(w for seg in offline if seg.first_sentence < b and a <= seg.last_sentence
                                   for w in seg.keywords))[:8]
        out.append(Segment(index=k, start=start, end=max(end, last.end), first_sentence=a, last_sentence=b - 1,
                           title=titles[k] or first.text[:12], keywords=words, time=time, origin="llm"))
    return out
