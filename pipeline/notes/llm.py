"""LLM outline and claims.

Outline: the model writes a one-line summary and key points per section (and a short summary of
the talk), each citing sentence ids; a line or point is kept only if its ids lie in its section and
its wording is supported by the cited sentences (most of its characters occur there); a section
whose line fails keeps the offline one. Claims: the model sees only the sentences that
carry claim cues (``data/llm_claim_cues.txt``), and returns the claim schema with cited ids and a
quote; a claim is dropped unless the quote stands in the cited sentences (verbatim, or — for a
model quoting the text before our corrections — a stretch reading at least 75% alike, marked
``fuzzy``) and the statement is supported by them. Offline claims the model's do not cover stay.
Failed calls keep the offline result for their part and mark the stage degraded.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from pydantic import BaseModel, Field

from pipeline import fanout
from pipeline.backends.base import Backend
from pipeline.models import (
    Attribution,
    Claim,
    ClaimSet,
    ClaimType,
    Cleaned,
    Evidence,
    KeyPoint,
    Outline,
    Section,
    Segment,
    time_of,
)
from pipeline.zh import chars, data

COVERED = 0.8  # an offline claim the model's claims quote this much of is replaced by them
FUZZY = 0.75  # how alike a misquoted stretch must read to our text to stand as the evidence
MIN_SUPPORT = 0.5  # share of a point's Han characters and Latin letters that the cited sentences contain
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


class ClaimItem(BaseModel):
    statement: str = Field(min_length=4)
    attributed_to: Attribution
    attributed_name: str | None = None
    claim_type: ClaimType
    topic: str = ""
    document: str | None = None
    sentence_ids: list[int] = Field(min_length=1)
    quote: str = Field(min_length=2)
    confidence: float = Field(0.7, ge=0.0, le=1.0)


class ClaimsAnswer(BaseModel):
    claims: list[ClaimItem]


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
    if _support(text, "".join(s.text for s in cited)) < MIN_SUPPORT:
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


# --- claims ------------------------------------------------------------------------------------

def refine_claims(cleaned: Cleaned, segments: list[Segment], claims: list[Claim],
                  backend: Backend | None, limit: int | None = None) -> ClaimSet:
    """The model's checked claims, plus the offline claims they do not cover. Over ``limit``,
    offline claims that overlap a model claim go first (the model said it better), so the cap
    the caller applies cuts redundancy rather than whole claims."""
    if backend is None or not backend.is_model or not cleaned.sentences:
        return ClaimSet(claims=claims)
    sents = cleaned.sentences
    cues = _cues()
    # only sentences with claim cues go to the model (a fraction of the talk); offline claims
    # elsewhere are kept as they are
    picked = [s.id for s in sents if any(cue in s.text for cue in cues)]
    if not picked:
        return ClaimSet(claims=claims)
    lines = [fanout.line(i, sents[i].text) for i in picked]
    spans = fanout.windows([len(x) + 1 for x in lines], backend.chunk_chars)
    results = fanout.ask_each(backend, "claims", [{"transcript": "\n".join(lines[i:j])} for i, j in spans],
                              ClaimsAnswer)
    topic_of = {i: seg.title for seg in segments for i in range(seg.first_sentence, seg.last_sentence + 1)}
    out: list[Claim] = []
    failed_ids: set[int] = set()
    for (i, j), answer in zip(spans, results, strict=True):
        shown = set(picked[i:j])
        if not isinstance(answer, ClaimsAnswer):
            failed_ids |= shown
            continue
        for item in answer.claims:
            claim = _claim(cleaned, item, shown, topic_of)
            if claim is not None:
                out.append(claim)
    # offline claims the model's claims do not cover stay: silence is not evidence against them,
    # and a model claim quoting less than the offline one must not lose what the offline one held
    taken = [(c.evidence.start, c.evidence.end) for c in out]
    share = {id(c): _share(c.evidence, taken) for c in claims}
    kept = [c for c in claims if failed_ids & set(c.evidence.sentence_ids) or share[id(c)] < COVERED]
    if limit is not None and len(out) + len(kept) > limit:
        overlapping = sorted((c for c in kept if share[id(c)] > 0), key=lambda c: -share[id(c)])
        drop = {id(c) for c in overlapping[: len(out) + len(kept) - limit]}
        kept = [c for c in kept if id(c) not in drop]
    out += kept
    seen: set[tuple[int, int, str]] = set()
    unique = []
    for c in sorted(out, key=lambda c: (c.evidence.start, c.evidence.end)):
        k = (c.evidence.start, c.evidence.end, c.statement)
        if k not in seen:
            seen.add(k)
            unique.append(c)
    failed = fanout.failure("claims", results)
    return ClaimSet(claims=unique, degraded=[failed] if failed else [])


def _claim(cleaned: Cleaned, item: ClaimItem, shown: set[int], topic_of: dict[int, str]) -> Claim | None:
    """A checked claim: cited ids shown to the model, the quote verbatim inside the cited sentences
    and the statement supported by them; None otherwise."""
    ids = sorted(set(item.sentence_ids))
    if not set(ids) <= shown:
        return None
    cited = [cleaned.sentences[i] for i in ids]
    lo, hi = cited[0].clean_start, cited[-1].clean_end
    quote = item.quote.strip()
    if len(quote) < 4:
        return None
    at = cleaned.clean_text.find(quote, lo, hi)
    alignment = "exact"
    if at < 0:  # a model may quote the text before our corrections, or re-punctuate it
        at, quote = _fuzzy(cleaned.clean_text, lo, hi, quote)
        alignment = "fuzzy"
        if at < 0:
            return None
    cited_text = "".join(s.text for s in cited)
    if _support(item.statement, cited_text) < MIN_SUPPORT:
        return None
    start, end = cleaned.source_span(at, at + len(quote))
    inside = [s for s in cited if s.clean_start < at + len(quote) and at < s.clean_end] or cited
    evidence = Evidence(quote=quote, start=start, end=end, time=time_of(inside),
                        sentence_ids=[s.id for s in inside], alignment=alignment)
    return Claim(statement=item.statement.strip(), attributed_to=item.attributed_to,
                 attributed_name=item.attributed_name or None, speaker=inside[0].speaker,
                 claim_type=item.claim_type, topic=(item.topic.strip() or topic_of.get(ids[0], ""))[:30],
                 document=item.document or None, evidence=evidence, confidence=item.confidence)


def _fuzzy(text: str, lo: int, hi: int, quote: str) -> tuple[int, str]:
    """The stretch of ``text[lo:hi]`` as long as ``quote`` that reads most like it, if at least
    FUZZY alike; the evidence then quotes our text, never the model's wording."""
    n = len(quote)
    best, at = 0.0, -1
    for i in range(lo, max(lo, hi - n) + 1):
        r = SequenceMatcher(None, text[i:i + n], quote, autojunk=False).ratio()
        if r > best:
            best, at = r, i
    return (at, text[at:at + n]) if at >= 0 and best >= FUZZY else (-1, quote)


def _share(ev: Evidence, spans: list[tuple[int, int]]) -> float:
    """How much of an offline claim's evidence the model's claims quote."""
    inside = sum(max(0, min(ev.end, e) - max(ev.start, s)) for s, e in spans)
    return min(1.0, inside / max(1, ev.end - ev.start))



def _cues() -> tuple[str, ...]:
    return data.lines(__package__, "llm_claim_cues.txt")


# --- shared checks -----------------------------------------------------------------------------

def _support(text: str, source: str) -> float:
    """Share of ``text``'s content characters that occur in ``source``: a paraphrase keeps most of
    its words; an invented statement does not."""
    found = chars.CONTENT_CHAR.findall(text)
    if not found:
        return 0.0
    have = set(source)
    return sum(ch in have for ch in found) / len(found)
