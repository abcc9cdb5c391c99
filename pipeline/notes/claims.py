"""The claims stage, offline: statements the talk makes, who makes them, grounded in the source.

A sentence is split into clauses. Reporting cues (提到, 写进去, 分别是, 一个是 …) open a *reported
stretch*: it and the content clauses that follow in the same section, until the speaker's own
voice returns, state what a document says (``source_document``). Stance cues (我觉得, 我估计,
说实话 …) and evaluative phrases mark the speaker's view (``speaker``). A sentence can hold both:
then both claims are made, each on its own clauses. Evidence is the clauses' span of the clean
text mapped back to the source; the statement is that text with hedges and openers dropped.
Every claim is validated against the pydantic schema; one that fails is dropped with a logged
reason, never written half-formed.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from pydantic import ValidationError

from pipeline.backends.base import Backend
from pipeline.models import Claim, ClaimSet, Cleaned, Evidence, Segment, Sentence, time_of
from pipeline.notes import llm
from pipeline.notes.cues import cues
from pipeline.zh.chars import CONTENT_CHAR

log = logging.getLogger(__name__)

MAX_CLAIMS = 40
_CLAUSE = re.compile(r"[^，,；;。？！?!]+[，,；;。？！?!]*")
_CONTENT = CONTENT_CHAR


def _clauses(s: Sentence) -> list[tuple[int, int]]:
    """Clause spans in clean_text coordinates."""
    return [(s.clean_start + m.start(), s.clean_start + m.end()) for m in _CLAUSE.finditer(s.text)]


def _statement(text: str, topic: str, who: str) -> str:
    """The quote without hedges and openers; a reported list item gets its topic in front, since
    "文本图像，文字自动生成" alone does not say what it is an item of."""
    c = cues()
    body = text.strip("，,；;。 ")
    changed = True
    while changed:
        changed = False
        for h in c["hedges"]:
            if body.startswith(h) and len(body) > len(h) + 3:
                body = body[len(h):].lstrip("，, ")
                changed = True
    body = body.rstrip("，,；; ")
    if topic and who == "source_document" and topic not in body and len(body) < 40:
        body = f"{topic}：{body}"
    return body + "。"


def _document(title: str | None, text: str) -> str | None:
    m = re.search(r"《([^》]{2,40})》", text)
    if m:
        return m.group(1)
    if title and any(w in title for w in cues()["document_words"]):
        return title
    return None


def _kind(text: str, who: str) -> str:
    c = cues()
    if who == "source_document":
        return "policy_measure" if c["measure"].search(text) else "goal" if "目标" in text else "fact"
    if c["advice"].search(text):
        return "advice"
    if c["prediction"].search(text):
        return "prediction"
    return "opinion"


@dataclass(frozen=True, slots=True)
class _Found:
    """A claim the cues found, before it is made into a ``Claim``: most are not among the
    ``MAX_CLAIMS`` kept (an hour of talk finds hundreds), and making one costs more than finding it."""

    a: int
    b: int
    quote: str
    who: str
    seg: Segment
    sids: list[int]
    conf: float
    document: str | None
    speaker: str | None


def _found(cleaned: Cleaned, a: int, b: int, who: str, seg: Segment, sids: list[int], conf: float,
           document: str | None, speaker: str | None) -> _Found | None:
    quote = cleaned.clean_text[a:b].strip("，,；; ")
    if len(_CONTENT.findall(quote)) < 4:
        return None
    body = _stripped(quote)
    if body.startswith(cues()["fragment_starts"]) or body.endswith(cues()["fragment_ends"]):
        log.info("claim dropped: fragment %r", body)
        return None
    return _Found(a, b, quote, who, seg, sids, conf, document, speaker)


def _make(cleaned: Cleaned, f: _Found) -> Claim | None:
    s, e = cleaned.source_span(f.a, f.b)
    sents = cleaned.sentences
    time = time_of([sents[f.sids[0]], sents[f.sids[-1]]])
    try:
        return Claim(statement=_statement(f.quote, f.seg.title, f.who), attributed_to=f.who,  # type: ignore[arg-type]
                     claim_type=_kind(f.quote, f.who), topic=f.seg.title, speaker=f.speaker,  # type: ignore[arg-type]
                     document=f.document if f.who == "source_document" else None, confidence=f.conf,
                     evidence=Evidence(quote=f.quote, start=s, end=e, time=time, sentence_ids=f.sids))
    except ValidationError as exc:
        log.info("claim dropped: %s", exc.errors()[0]["msg"])
        return None


_PERSONAL = re.compile(r"我|你|大家|咱|他们|她|up主|这边|那边|一下|什么|吗|呢|怎么")
_SELF = re.compile(r"我(?!们)")  # 我写了/我提到 is the speaker's own doing, not a document's
_DEMONSTRATIVE = ("这个", "那个", "这", "那", "它")
ITEM_CHARS = 28  # a listed item is short; a long clause is the speaker talking around it
DECAY = 2  # sentences without a listed item before a reported stretch ends


def _stripped(clause: str) -> str:
    body = clause.strip("，,；;。？！?! ")
    hedges = cues()["hedges"]
    if not body.startswith(hedges):  # most clauses: one C-level test instead of the loop
        return body
    for h in hedges:
        if body.startswith(h):
            body = body[len(h):].lstrip("，, ")
    return body


def _item_like(clause: str) -> bool:
    """A clause that names something (an item of a reported list), not the speaker's talk."""
    body = _stripped(clause)
    n = len(_CONTENT.findall(body))
    return 4 <= n <= ITEM_CHARS and not _PERSONAL.search(body) and not body.startswith(_DEMONSTRATIVE)


def _own_enumeration(cleaned: Cleaned, spans: list[tuple[int, int]], sent: Sentence, document: str | None) -> bool:
    """In a conversation with no document named, a list (一个是…) is the speaker's own unless the
    clauses name a document: guests enumerate their views, they do not report a plan."""
    if document or not sent.speaker:
        return False
    text = cleaned.clean_text[spans[0][0]:spans[-1][1]]
    return not any(w in text for w in cues()["document_words"])


def offline_claims(cleaned: Cleaned, segments: list[Segment], title: str | None = None) -> list[Claim]:
    c = cues()
    document = _document(title, cleaned.clean_text)
    found: list[_Found] = []
    for seg in segments:
        reporting = 0  # sentences left in the current reported stretch
        for sid in range(seg.first_sentence, seg.last_sentence + 1):
            sent = cleaned.sentences[sid]
            doc_span: list[tuple[int, int]] = []
            own_span: list[tuple[int, int]] = []
            for a, b in _clauses(sent):
                clause = cleaned.clean_text[a:b]
                reports = c["report"].search(clause) is not None and not _SELF.search(clause)
                if reports:
                    reporting = DECAY + 1
                stance = bool(c["stance"].search(clause))
                if stance or c["evaluative"].search(clause):
                    own_span.append((a, b))
                    if stance:
                        reporting = 0
                    continue
                measure_first = c["measure"].match(_stripped(clause)) is not None
                if ((reporting or measure_first) and _item_like(clause)) or \
                        (reports and len(_CONTENT.findall(clause)) >= 6):
                    doc_span.append((a, b))
            reporting = DECAY + 1 if doc_span and reporting else max(0, reporting - 1)
            for spans, who, conf in ((doc_span, "source_document", 0.7), (own_span, "speaker", 0.6)):
                if spans and who == "source_document" and _own_enumeration(cleaned, spans, sent, document):
                    who, conf = "speaker", 0.5
                if spans:
                    f = _found(cleaned, spans[0][0], spans[-1][1], who, seg, [sid], conf, document, sent.speaker)
                    if f:
                        found.append(f)
    return _made(cleaned, found)


def _made(cleaned: Cleaned, found: list[_Found]) -> list[Claim]:
    """``select`` of the claims made from ``found``, making only those it keeps: in the order
    ``select`` ranks them, until ``MAX_CLAIMS`` have been made (one that fails the schema is
    dropped and the next taken, as if it had never been found)."""
    made: dict[int, Claim] = {}
    for i in sorted(range(len(found)), key=lambda i: -_rank(found[i].conf, found[i].quote)):
        claim = _make(cleaned, found[i])
        if claim:
            made[i] = claim
            if len(made) >= MAX_CLAIMS:
                break
    return [made[i] for i in sorted(made)]


def _rank(confidence: float, quote: str) -> float:
    """Which claims the cap keeps: the surer first, then the longer evidence."""
    return confidence * 100 + len(quote)


def select(found: list[Claim]) -> list[Claim]:
    """At most MAX_CLAIMS, keeping order; when there are more, the longer-evidence ones stay."""
    if len(found) <= MAX_CLAIMS:
        return found
    keep = sorted(range(len(found)), key=lambda i: -_rank(found[i].confidence, found[i].evidence.quote))
    chosen = set(keep[:MAX_CLAIMS])
    return [c for i, c in enumerate(found) if i in chosen]


def extract_claims(cleaned: Cleaned, segments: list[Segment], backend: Backend | None = None,
                   title: str | None = None) -> ClaimSet:
    claims = offline_claims(cleaned, segments, title)
    # the LLM hook (keep it last), under the same cap: a list a person reads
    refined = llm.refine_claims(cleaned, segments, claims, backend, limit=MAX_CLAIMS)
    return refined.model_copy(update={"claims": select(refined.claims)})
