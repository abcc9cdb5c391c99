"""The data that flows between stages, as pydantic models.

Every item that comes from the transcript carries ``start``/``end``: character offsets into the
*decoded input file* (BOM removed, ``\\r\\n``/``\\r`` turned into ``\\n``, nothing else changed), so
``document.text[start:end]`` is exactly the stretch of the user's file it comes from. Times are in
seconds and present only where the input has them. This module imports nothing else of the
package: it is the bottom layer.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

Format = Literal["txt", "srt", "vtt", "bilibili-json", "whisper-json", "tingwu-json"]
EditKind = Literal["correction", "number", "filler", "repeat", "script", "punctuation"]
Attribution = Literal["source_document", "speaker"]
ClaimType = Literal["policy_measure", "goal", "fact", "opinion", "prediction", "advice"]
Alignment = Literal["exact", "fuzzy"]
TimeSpan = tuple[float, float]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Degraded(_Model):
    """A stage whose model call failed, so its offline result stands in."""

    stage: str
    reason: str


class Meta(_Model):
    """What the input says about itself (a title header, a Bilibili id, speakers)."""

    title: str | None = None
    part: str | None = None
    uploader: str | None = None
    bvid: str | None = None
    url: str | None = None
    duration: float | None = Field(None, description="seconds, when the input has times")
    speakers: list[str] = Field(default_factory=list)


class Source(_Model):
    """The input file: where it is, what it is, how it was decoded."""

    path: str
    format: Format
    sha256: str
    encoding: str
    chars: int = Field(description="length of the decoded text")


class Cue(_Model):
    """One unit of the input as the recogniser or exporter gave it (a subtitle, a paragraph)."""

    index: int
    start: int
    end: int
    text: str = Field(description="document.text[start:end]")
    time: TimeSpan | None = None
    speaker: str | None = None


class Document(_Model):
    """The ingest stage's output: the decoded text and its cues, nothing interpreted yet."""

    source: Source
    text: str
    cues: list[Cue]
    meta: Meta = Field(default_factory=Meta)


class Edit(_Model):
    """One change the clean stage made; ``before == document.text[start:end]``."""

    kind: EditKind
    start: int
    end: int
    before: str
    after: str
    origin: str = Field(description="which part made it: rule, lexicon, pinyin, opencc, llm …")
    confidence: float | None = None
    reason: str | None = None


class Candidate(_Model):
    """A near-miss correction: plausible, but below the bar to apply without a model."""

    start: int
    end: int
    before: str
    suggestion: str
    score: float
    reason: str


class Sentence(_Model):
    """A cleaned sentence; ``start``/``end`` is its source span, ``clean_*`` its span in clean_text."""

    id: int
    text: str
    start: int
    end: int
    clean_start: int
    clean_end: int
    time: TimeSpan | None = None
    speaker: str | None = None
    opens_cue: bool = Field(False, description="a cue of the input (a subtitle, a paragraph) begins in it")


class SourceMap(_Model):
    """Where each clean_text character comes from in the source, as runs.

    Run ``r`` starts at clean position ``starts[r]``; its character at offset ``k`` comes from
    source span ``[lo[r] + k, hi[r] + k)``. A run of copied text maps one to one; an edited
    character (a fix, a mark the punctuation pass added) is a run of its own and names the whole
    source span its edit replaced. A few runs per edit and per sentence: small in JSON, and it
    survives a round trip, so any later stage can ground part of a sentence.
    """

    starts: list[int] = Field(default_factory=list)
    lo: list[int] = Field(default_factory=list)
    hi: list[int] = Field(default_factory=list)

    @classmethod
    def of(cls, lo: Sequence[int], hi: Sequence[int]) -> SourceMap:
        """The runs of per-character source spans ``(lo[i], hi[i])``."""
        breaks = [i for i in range(len(lo))
                  if i == 0 or lo[i] != lo[i - 1] + 1 or hi[i] != lo[i] + 1 or hi[i - 1] != lo[i - 1] + 1]
        return cls(starts=breaks, lo=[lo[i] for i in breaks], hi=[hi[i] for i in breaks])

    def span(self, i: int) -> tuple[int, int]:
        """Source span of clean character ``i``."""
        r = bisect_right(self.starts, i) - 1
        k = i - self.starts[r]
        return self.lo[r] + k, self.hi[r] + k


class Cleaned(_Model):
    """The clean stage's output: the clean text, its sentences, every edit, near-miss hints for
    a model, where each clean character comes from, and whether a model call failed."""

    clean_text: str
    sentences: list[Sentence]
    edits: list[Edit]
    candidates: list[Candidate] = Field(default_factory=list)
    source_map: SourceMap = Field(default_factory=SourceMap)
    degraded: list[Degraded] = Field(default_factory=list)

    def source_span(self, a: int, b: int) -> tuple[int, int]:
        """Source span of clean_text span ``[a, b)``."""
        if not self.source_map.starts:  # built by hand without one: whole sentences
            inside = [s for s in self.sentences if s.clean_start < b and a < s.clean_end]
            return (inside[0].start, inside[-1].end) if inside else (0, 0)
        b = max(a + 1, b)
        lo = self.source_map.span(a)[0]
        return lo, max(lo, self.source_map.span(b - 1)[1])


def time_of(sentences: Sequence[Sentence]) -> TimeSpan | None:
    """The time a run of sentences spans: from the first one's start to the last one's end."""
    if not sentences:
        return None
    first, last = sentences[0].time, sentences[-1].time
    return (first[0], last[1]) if first and last else None


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
