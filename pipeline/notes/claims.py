"""The claims stage, offline: what the talk reports of others and what the speaker holds, each
with who said it and the exact place in the source.

A clause is a *reported claim* when a named party stands as its subject before a verb of saying,
intent or policy action (川普说…, 美联储宣布…, 国务院文件要求…, 民主党的看法就是…), or when a
third-person pronoun standing for the last party named does (他要…). A frame that says nothing yet
(提出了一个非常重要的政策，) takes the clause after it as its content. A named party opens a short
*reported stretch*: the clauses that continue its list (先是…又是…; 第一个…第二个…) are its
claims too, one per item. A talk whose title is a document's (…发展方案) reviews it: its list cues
(提了几个，一个是…) report the document even where no subject is said. First-person stance
(我觉得, 说实话) and evaluative phrasing make the *speaker's* claims. Questions are no one's claims.
Every claim is validated against the schema; one that fails is dropped, never written half-formed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from pydantic import ValidationError

from pipeline.backends.base import Backend
from pipeline.models import Claim, ClaimSet, Cleaned, Evidence, Segment, time_of
from pipeline.notes import llm
from pipeline.notes.actors import TITLE, Cast
from pipeline.notes.actors import Sentence as Words
from pipeline.notes.claim_spans import Span
from pipeline.notes.cues import cues
from pipeline.notes.reading import Reader
from pipeline.notes.statements import claim_type, statement
from pipeline.zh.words import is_content_word, words

log = logging.getLogger(__name__)

MAX_REPORTED = 40  # a list a person reads: the surest reports of others …
MAX_OWN = 20  # … and of the speaker's own views, each kind with its own room
MAX_CLAIMS = MAX_REPORTED + MAX_OWN
SAME_SHARE = 0.6  # of the shorter claim's content words (two at least), shared with a kept claim of its party


@dataclass(frozen=True, slots=True)
class Found:
    """A claim the reader found, with the section and sentence it stands in, before it is made
    into a ``Claim``."""

    span: Span
    seg: Segment
    sid: int
    speaker: str | None


def _reviewed_document(title: str | None) -> str | None:
    """The document the whole talk reviews: a title that is a document's name."""
    if not title:
        return None
    if TITLE.search(title) or title.rstrip("）) ").endswith(cues()["review_titles"]):
        return title
    return None


def offline_claims(cleaned: Cleaned, segments: list[Segment], title: str | None = None) -> list[Claim]:
    reviewed = _reviewed_document(title)
    cast = Cast([s.text for s in cleaned.sentences])
    found: list[Found] = []
    reader = Reader(cast, reviewed)  # one for the talk: a pronoun may reach across a section break
    for seg in segments:
        for sid in range(seg.first_sentence, seg.last_sentence + 1):
            sent = cleaned.sentences[sid]
            for span in reader.read(Words(sent.text)):
                found.append(Found(span, seg, sid, sent.speaker))
    document = reviewed or _first_title(cleaned.clean_text)
    return _made(cleaned, found, document)


def _first_title(text: str) -> str | None:
    m = TITLE.search(text)
    return m.group(1) if m else None


def _make(cleaned: Cleaned, f: Found, document: str | None) -> Claim | None:
    sent = cleaned.sentences[f.sid]
    a, b = sent.clean_start + f.span.lo, sent.clean_start + f.span.hi
    raw = cleaned.clean_text[a:b]
    quote = raw.strip("，,；; ")
    a += len(raw) - len(raw.lstrip("，,；; "))
    b = a + len(quote)
    party = f.span.party
    reported = party is not None
    text = statement(quote, party.name if party else None, document=party is not None and party.kind == "document")
    if text is None:
        log.info("claim dropped: too short %r", quote)
        return None
    s, e = cleaned.source_span(a, b)
    try:
        return Claim(statement=text, attributed_to="source_document" if reported else "speaker",
                     attributed_name=party.name if party else None,
                     claim_type=claim_type(quote, reported), topic=f.seg.title, speaker=f.speaker,
                     document=document if reported else None, confidence=f.span.confidence,
                     evidence=Evidence(quote=quote, start=s, end=e, time=time_of([sent]), sentence_ids=[f.sid]))
    except ValidationError as exc:
        log.info("claim dropped: %s", exc.errors()[0]["msg"])
        return None


def _made(cleaned: Cleaned, found: list[Found], document: str | None) -> list[Claim]:
    """The claims made from ``found``: each said first (a later repeat of what a party was
    reported to say is dropped; one that fails the schema too), then the surest of them
    (``select``), in the talk's order. A repeat says the same words, or, of the same party, mostly
    the same content words (马斯克要砍预算 after 马斯克砍联邦预算: a talk comes back to what was
    reported); so a claim is compared with its own party's kept claims only."""
    made: list[Claim] = []
    statements: set[str] = set()
    said: dict[str, list[set[str]]] = {}  # each party's kept claims' content words, but its name
    for f in found:
        claim = _make(cleaned, f, document)
        if claim is None or claim.statement in statements:
            continue
        name = claim.attributed_name
        mine = _content_words(claim.evidence.quote) - {name}
        if name and any(_same_words(mine, theirs) for theirs in said.get(name, [])):
            continue
        made.append(claim)
        statements.add(claim.statement)
        if name:
            said.setdefault(name, []).append(mine)
    return select(made)


def _same_words(mine: set[str], theirs: set[str]) -> bool:
    return len(mine & theirs) >= max(2, SAME_SHARE * min(len(mine), len(theirs)))


def _content_words(text: str) -> set[str]:
    return {w for w in words(text) if is_content_word(w)}


def select(found: list[Claim]) -> list[Claim]:
    """At most ``MAX_REPORTED`` reports, and views of the speaker up to ``MAX_CLAIMS`` in all
    (``MAX_OWN`` at least), in the talk's order: the surer first, the earlier among equals. The
    speaker's views have room of their own so that a talk full of reports still shows what its
    speaker thinks."""
    reported = [i for i, c in enumerate(found) if c.attributed_to == "source_document"]
    own = [i for i, c in enumerate(found) if c.attributed_to != "source_document"]
    keep = _surest(found, reported, MAX_REPORTED)
    keep |= _surest(found, own, max(MAX_OWN, MAX_CLAIMS - len(keep)))
    return [c for i, c in enumerate(found) if i in keep]


def _surest(found: list[Claim], ids: list[int], room: int) -> set[int]:
    return set(sorted(ids, key=lambda i: (-found[i].confidence, i))[:room])


def extract_claims(cleaned: Cleaned, segments: list[Segment], backend: Backend | None = None,
                   title: str | None = None) -> ClaimSet:
    claims = offline_claims(cleaned, segments, title)
    # the LLM hook (keep it last), under the same cap: a list a person reads
    refined = llm.refine_claims(cleaned, segments, claims, backend, limit=MAX_CLAIMS)
    return refined.model_copy(update={"claims": select(refined.claims)})

