"""The transcript as ingest and clean leave it: the input, its cues, the edits, the sentences.

Every item that comes from the transcript carries ``start``/``end``: character offsets into the
*decoded input file* (BOM removed, ``\r\n``/``\r`` turned into ``\n``, nothing else changed), so
``document.text[start:end]`` is exactly the stretch of the user's file it comes from. Times are in
seconds and present only where the input has them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from pydantic import Field

from pipeline.models.base import Degraded, EditKind, Format, TimeSpan, _Model


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
