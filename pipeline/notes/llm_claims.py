"""LLM claims: the model reads the sentences that may make a claim and returns the claims, each
citing sentence ids and a quote; what the transcript does not bear out is dropped.

What is sent: the sentences holding claim cues (``data/llm_claim_cues.txt``: reporting verbs,
documents and bodies, measures, enumerations, stance markers) and those holding an offline claim,
the richer in cues first, within SHARE of the transcript; in a talk with several speakers a line
names who speaks, so a question is not taken for the guest's claim. The prompt asks for reported
claims of anyone the talk reports (with ``attributed_name``), the speakers' own views, one claim per
enumerated item, and statements that say the content, not the frame.

What is kept (``llm_checks``): the cited ids were shown; the quote stands in the cited sentences
(verbatim, or a stretch at least 75% alike, marked ``fuzzy``); the statement is supported by them,
has at least six Han characters or Latin letters, and is more than a reporting frame. A name is kept
only if most of it is written near the claim: in its section, or in the LOOK_BACK sentences before
it (a name is said before what it said, and a section may start in between); a speaker's own view
names no source.

Merging: offline claims the model's kept claims do not cover stay, except where the model read all
of a claim's sentences and cited none of them: asked for every claim of what it read, its silence
there is a no (precision first). A failed call keeps the offline claims of its sentences and marks
the stage degraded.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from pipeline import fanout
from pipeline.backends.base import Backend
from pipeline.models import Attribution, Claim, ClaimSet, ClaimType, Cleaned, Evidence, Segment, Sentence, time_of
from pipeline.notes.llm_checks import MIN_SUPPORT, frame_only, fuzzy, named_near, support, too_short
from pipeline.zh import data

COVERED = 0.8  # an offline claim the model's claims quote this much of is replaced by them
SHARE = 0.4  # at most this share of the transcript's characters goes to the claims call
MIN_ROOM = 600  # characters: a short talk's candidates are all read, whatever SHARE leaves
LOOK_BACK = 20  # a source's name counts as near a claim in its section or this many sentences before


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


def refine_claims(cleaned: Cleaned, segments: list[Segment], claims: list[Claim],
                  backend: Backend | None, limit: int | None = None) -> ClaimSet:
    """The model's checked claims, plus the offline claims it did not judge. Over ``limit``,
    offline claims give way to the model's, those that overlap a model claim first (the model said
    it better), so the cap the caller applies cuts redundancy and guesses before checked claims."""
    if backend is None or not backend.is_model or not cleaned.sentences:
        return ClaimSet(claims=claims)
    sents = cleaned.sentences
    picked = _picked(cleaned, claims)
    if not picked:
        return ClaimSet(claims=claims)
    spans = fanout.windows([len(fanout.line(i, sents[i].text)) + 1 for i in picked], backend.chunk_chars)
    calls = [{"transcript": _shown(cleaned, picked[i:j])} for i, j in spans]
    results = fanout.ask_each(backend, "claims", calls, ClaimsAnswer)
    section = {i: seg for seg in segments for i in range(seg.first_sentence, seg.last_sentence + 1)}
    out: list[Claim] = []
    silent: set[int] = set()  # read by the model, which cited none of them: no claim there
    failed_ids: set[int] = set()
    for (i, j), answer in zip(spans, results, strict=True):
        shown = set(picked[i:j])
        if not isinstance(answer, ClaimsAnswer):
            failed_ids |= shown
            continue
        silent |= shown - {k for item in answer.claims for k in item.sentence_ids}
        out += [c for item in answer.claims if (c := _claim(cleaned, item, shown, section)) is not None]
    out += _unjudged(claims, out, silent, failed_ids, limit)
    failed = fanout.failure("claims", results)
    return ClaimSet(claims=_unique(out), degraded=[failed] if failed else [])


def _picked(cleaned: Cleaned, offline: list[Claim]) -> list[int]:
    """Ids of the sentences the model reads: those with claim cues or an offline claim, the ones
    with more cues first, until SHARE of the transcript (or MIN_ROOM characters) is taken; in talk
    order."""
    sents = cleaned.sentences
    cues = _cues()
    held = {i for c in offline for i in c.evidence.sentence_ids}
    weight: dict[int, int] = {}
    for s in sents:
        w = sum(cue in s.text for cue in cues) + (s.id in held)
        if w and not too_short(s.text):
            weight[s.id] = w
    room = max(MIN_ROOM, SHARE * sum(len(s.text) for s in sents))
    chosen = []
    for i in sorted(weight, key=lambda i: (-weight[i], i)):
        cost = len(fanout.line(i, sents[i].text)) + 1
        if cost <= room:
            chosen.append(i)
            room -= cost
    return sorted(chosen)


def _shown(cleaned: Cleaned, ids: list[int]) -> str:
    """The numbered lines of one call; with several speakers, a 【name】 line wherever the speaker
    changes (the first line included), so the model knows who says what."""
    sents = cleaned.sentences
    several = len({s.speaker for s in sents if s.speaker}) > 1
    out: list[str] = []
    last: str | None = None
    for i in ids:
        who = sents[i].speaker
        if several and who and who != last:
            out.append(f"【{who}】")
            last = who
        out.append(fanout.line(i, sents[i].text))
    return "\n".join(out)


def _claim(cleaned: Cleaned, item: ClaimItem, shown: set[int], section: dict[int, Segment]) -> Claim | None:
    """A checked claim: cited ids shown to the model, the quote inside the cited sentences, a
    statement that says something and is supported by them, a source name the text gives; None
    when a check fails."""
    ids = sorted(set(item.sentence_ids))
    statement = " ".join(item.statement.split())
    if not set(ids) <= shown or too_short(statement) or frame_only(statement):
        return None
    cited = [cleaned.sentences[i] for i in ids]
    if support(statement, "".join(s.text for s in cited)) < MIN_SUPPORT:
        return None
    evidence = _evidence(cleaned, item.quote, cited)
    if evidence is None:
        return None
    seg = section.get(ids[0])
    first = min(seg.first_sentence if seg else ids[0], max(0, ids[0] - LOOK_BACK))
    near = cleaned.sentences[first:(seg.last_sentence if seg else ids[-1]) + 1]
    name = (item.attributed_name or "").strip() if item.attributed_to == "source_document" else ""
    if name and not named_near(name, "".join(s.text for s in near)):
        name = ""
    topic = item.topic.strip() or (seg.title if seg else "")
    speaker = cleaned.sentences[evidence.sentence_ids[0]].speaker
    return Claim(statement=statement, attributed_to=item.attributed_to, attributed_name=name or None,
                 speaker=speaker, claim_type=item.claim_type, topic=topic[:30],
                 document=item.document or None, evidence=evidence, confidence=item.confidence)


def _evidence(cleaned: Cleaned, quote: str, cited: list[Sentence]) -> Evidence | None:
    """The quote as it stands in the cited sentences — verbatim, or (a model quoting the text
    before our corrections, or re-punctuating it) the stretch of our text most like it, marked
    fuzzy — mapped back to its source span; None if neither."""
    lo, hi = cited[0].clean_start, cited[-1].clean_end
    quote = quote.strip()
    if len(quote) < 4:
        return None
    at = cleaned.clean_text.find(quote, lo, hi)
    alignment = "exact"
    if at < 0:
        at, quote = fuzzy(cleaned.clean_text, lo, hi, quote)
        alignment = "fuzzy"
        if at < 0:
            return None
    start, end = cleaned.source_span(at, at + len(quote))
    inside = [s for s in cited if s.clean_start < at + len(quote) and at < s.clean_end] or cited
    return Evidence(quote=quote, start=start, end=end, time=time_of(inside),
                    sentence_ids=[s.id for s in inside], alignment=alignment)


def _unjudged(offline: list[Claim], mine: list[Claim], silent: set[int], failed_ids: set[int],
              limit: int | None) -> list[Claim]:
    """The offline claims that stay beside the model's: those of a failed call, and those the model's
    kept claims do not cover (COVERED of their evidence quoted) unless the model read all their
    sentences and cited none of them. Over ``limit`` they make room for the model's checked claims:
    the ones most overlapping a model claim go first, then the least sure."""
    taken = [(c.evidence.start, c.evidence.end) for c in mine]
    share = {id(c): _share(c.evidence, taken) for c in offline}
    kept = [c for c in offline if failed_ids & set(c.evidence.sentence_ids)
            or (share[id(c)] < COVERED and not set(c.evidence.sentence_ids) <= silent)]
    room = len(kept) if limit is None else max(0, limit - len(mine))
    if len(kept) > room:
        first = sorted(kept, key=lambda c: (-share[id(c)], c.confidence))
        drop = {id(c) for c in first[: len(kept) - room]}
        kept = [c for c in kept if id(c) not in drop]
    return kept


def _unique(claims: list[Claim]) -> list[Claim]:
    """In talk order, each (evidence span, statement) once: overlapping calls may repeat a claim."""
    seen: set[tuple[int, int, str]] = set()
    out = []
    for c in sorted(claims, key=lambda c: (c.evidence.start, c.evidence.end)):
        k = (c.evidence.start, c.evidence.end, c.statement)
        if k not in seen:
            seen.add(k)
            out.append(c)
    return out


def _share(ev: Evidence, spans: list[tuple[int, int]]) -> float:
    """How much of an offline claim's evidence the model's claims quote."""
    inside = sum(max(0, min(ev.end, e) - max(ev.start, s)) for s, e in spans)
    return min(1.0, inside / max(1, ev.end - ev.start))


def _cues() -> tuple[str, ...]:
    return data.lines(__package__, "llm_claim_cues.txt")
