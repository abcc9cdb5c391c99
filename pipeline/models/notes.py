"""What the notes stages make of a transcript, and the notes document ``NAME.notes.json``."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from pipeline.models.base import SCHEMA_VERSION, Alignment, Attribution, ClaimType, Degraded, TimeSpan, _Model
from pipeline.models.transcript import Candidate, Edit, Meta, Sentence, Source


class Segment(_Model):
    """A topic section: a run of whole sentences ``[first_sentence, last_sentence]``."""

    index: int
    start: int
    end: int
    first_sentence: int
    last_sentence: int
    title: str
    keywords: list[str] = Field(default_factory=list)
    time: TimeSpan | None = None
    origin: str = "offline"
    # "opening"/"closing": a short greeting or sign-off, kept in the notes but not summarised
    role: Literal["topic", "opening", "closing"] = "topic"


class Segmentation(_Model):
    """The segment stage's output: the sections in order, and whether a model call failed."""

    segments: list[Segment]
    degraded: list[Degraded] = Field(default_factory=list)


class KeyPoint(_Model):
    """A self-contained sentence of the notes, grounded in the sentences it comes from."""

    text: str
    sentence_ids: list[int]
    start: int
    end: int
    time: TimeSpan | None = None
    speaker: str | None = None


class Section(_Model):
    segment: int
    title: str
    key_points: list[KeyPoint]
    terms: list[str] = Field(default_factory=list)
    speakers: list[str] = Field(default_factory=list)
    summary: KeyPoint | None = Field(None, description="one line: the sentence that best covers the section")


class Outline(_Model):
    """The outline part of the notes stage: a summary and each section's key points."""

    summary: list[KeyPoint]
    sections: list[Section]
    # reported once, in Notes.degraded; not repeated inside the outline of the JSON
    degraded: list[Degraded] = Field(default_factory=list, exclude=True)


class Evidence(_Model):
    quote: str = Field(description="the cleaned text of the source span")
    start: int
    end: int
    time: TimeSpan | None = None
    sentence_ids: list[int] = Field(default_factory=list)
    alignment: Alignment = "exact"


class Claim(_Model):
    """A statement the talk makes, who makes it, and where in the source it stands."""

    statement: str = Field(min_length=4, description="a short self-contained sentence")
    attributed_to: Attribution
    attributed_name: str | None = Field(None, description="the named document, person or body")
    speaker: str | None = Field(None, description="who said it, in multi-speaker transcripts")
    claim_type: ClaimType
    topic: str
    document: str | None = Field(None, description="the document a policy talk refers to")
    evidence: Evidence
    confidence: float = Field(ge=0.0, le=1.0)


class ClaimSet(_Model):
    """The claims part of the notes stage: the claims, and whether a model call failed."""

    claims: list[Claim]
    degraded: list[Degraded] = Field(default_factory=list)


class Said(_Model):
    """One side of a question and its answer: the cleaned text of a source span, and who said it."""

    text: str
    sentence_ids: list[int]
    start: int
    end: int
    time: TimeSpan | None = None
    speaker: str | None = None


class QA(_Model):
    """A question the talk asks and the answer that follows: asked of another speaker
    (``interview``) or asked and answered by the same one (``rhetorical``)."""

    question: Said
    answer: Said = Field(description="the answer's first sentences, condensed to at most 80 characters")
    kind: Literal["interview", "rhetorical"]


class Usage(_Model):
    calls: int = 0
    cached: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def add(self, other: Usage) -> None:
        self.calls += other.calls
        self.cached += other.cached
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens


class RunInfo(_Model):
    backend: str
    model: str | None = None
    version: str
    created: str
    key: str = Field("", description="hash of input, options and version: equal key, equal output")
    options: dict[str, object] = Field(default_factory=dict)


class Notes(_Model):
    """The notes document: ``NAME.notes.json``. FORMAT.md names the fields a scorer reads."""

    schema_version: str = SCHEMA_VERSION
    source: Source
    meta: Meta
    run: RunInfo
    clean_text: str
    edits: list[Edit]
    candidates: list[Candidate]
    sentences: list[Sentence]
    segments: list[Segment]
    outline: Outline
    claims: list[Claim]
    qa: list[QA] = Field(default_factory=list)
    degraded: list[Degraded] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)
