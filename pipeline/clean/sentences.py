"""Cut the cleaned draft into sentences and build clean_text with its source alignment.

Sentences end at 。？！… (and their closing quotes), at a change of speaker, and nowhere else:
cue breaks left in the draft are joins, not stops (the punctuation pass has already turned the
ones that are stops into 。). White space and cue breaks at a sentence's edges are dropped; inside
a sentence a break between two Chinese characters disappears and one between Latin words becomes a
space. A new speaker's first sentence starts a new line of clean_text.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from pipeline.clean.textmap import Draft
from pipeline.models import Candidate, Cleaned, Edit, Sentence, SourceMap
from pipeline.zh.chars import CLOSERS, STOPS, is_latin

_END = re.compile(f"[{re.escape(STOPS)}]+[{re.escape(CLOSERS)}]*")
_SPACE = re.compile(r"\s+")
_ALNUM = re.compile(r"[^\W_]")  # what str.isalnum accepts


def _cuts(draft: Draft, stream_pos: list[int]) -> list[int]:
    """Where sentences end in the draft's text: after stops, and where the speaker changes."""
    text, stream = draft.text, draft.stream
    cuts = [m.end() for m in _END.finditer(text)]
    if any(stream.speakers):
        prev = None
        for i, pos in enumerate(stream_pos):
            speaker = stream.speaker_at(pos) if pos < len(stream) else prev
            if prev is not None and speaker != prev:
                cuts.append(i)
            prev = speaker
    return sorted({*cuts, len(text)})


class _Runs:
    """The source map as it is written: runs of clean characters that copy the source one to one
    (most of a talk: a copied stretch is checked whole first), and single characters that don't.
    The writer hands over the stretches between edited characters, and each of those alone, so
    the character by character path is only taken for a character that is not a plain copy."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.lo: list[int] = []
        self.hi: list[int] = []

    def add(self, at: int, lo: list[int], hi: list[int]) -> None:
        """Clean characters from ``at`` on come from source spans ``(lo[k], hi[k])``."""
        n = len(lo)
        if n and lo == list(range(lo[0], lo[0] + n)) and hi == list(range(lo[0] + 1, lo[0] + n + 1)):
            if not (self.starts and self._continues(at, lo[0])):
                self._run(at, lo[0], lo[0] + 1)
            return
        for k in range(n):
            if not (hi[k] == lo[k] + 1 and self.starts and self._continues(at + k, lo[k])):
                self._run(at + k, lo[k], hi[k])

    def _continues(self, at: int, lo: int) -> bool:
        """Whether a copied character at ``at`` from ``lo`` extends the last run."""
        k = at - self.starts[-1]
        return self.hi[-1] == self.lo[-1] + 1 and self.lo[-1] + k == lo

    def _run(self, at: int, lo: int, hi: int) -> None:
        self.starts.append(at)
        self.lo.append(lo)
        self.hi.append(hi)

    def source_map(self) -> SourceMap:
        return SourceMap(starts=self.starts, lo=self.lo, hi=self.hi)


class _Writer:
    """clean_text, its sentences and each clean character's source span, written in order."""

    def __init__(self, draft: Draft, source_lo: list[int], source_hi: list[int], edited: list[int]) -> None:
        self.draft = draft
        self.slo, self.shi = source_lo, source_hi
        self.edited = edited  # draft positions of edited characters, in order
        self.parts: list[str] = []
        self.runs = _Runs()
        self.sentences: list[Sentence] = []
        self.length = 0
        self.speaker: str | None = None
        self.cue = -1  # the cue the last sentence ended in

    def sentence(self, a: int, b: int) -> None:
        """Draft text ``[a, b)`` as one sentence, its edges stripped; nothing if it says nothing."""
        text = self.draft.text
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b <= a or not _ALNUM.search(text, a, b):
            return
        stream = self.draft.stream
        st_lo, st_hi = self.draft.stream_span(a, b)
        speaker = stream.speaker_at(st_lo)
        if self.sentences and speaker != self.speaker:
            self._put("\n", self.slo[a], self.slo[a])
        self.speaker = speaker
        start = self.length
        said = "".join(self._body(a, b))
        first_cue, self.cue = self.cue, stream.cue_at(max(st_lo, st_hi - 1))
        self.sentences.append(Sentence(
            id=len(self.sentences), text=said, start=self.slo[a], end=max(self.slo[a], self.shi[b - 1]),
            clean_start=start, clean_end=self.length, time=stream.time_span(st_lo, max(st_lo + 1, st_hi)),
            speaker=speaker, opens_cue=stream.cue_at(st_lo) != first_cue))

    def _body(self, a: int, b: int) -> list[str]:
        """Write ``[a, b)``: verbatim stretches whole, the white space between them dropped, or
        one space where it stands beside a Latin word; returns the pieces written."""
        text = self.draft.text
        pieces = []
        i = a
        for m in _SPACE.finditer(text, a, b):
            k, j = m.span()
            pieces.append(self._copy(i, k))
            left, right, gap = text[k - 1], text[j], m.group()
            if (is_latin(left) and is_latin(right)) or (" " in gap and "\n" not in gap
                                                        and (is_latin(left) or is_latin(right))):
                pieces.append(self._put(" ", self.slo[k], max(self.slo[k], self.shi[j - 1])))
            i = j
        pieces.append(self._copy(i, b))
        return pieces

    def _copy(self, a: int, b: int) -> str:
        piece = self.draft.text[a:b]
        self.parts.append(piece)
        at = a
        for e in self.edited[bisect_left(self.edited, a):bisect_left(self.edited, b)]:
            self.runs.add(self.length + at - a, self.slo[at:e], self.shi[at:e])
            self.runs.add(self.length + e - a, self.slo[e:e + 1], self.shi[e:e + 1])
            at = e + 1
        self.runs.add(self.length + at - a, self.slo[at:b], self.shi[at:b])
        self.length += b - a
        return piece

    def _put(self, piece: str, lo: int, hi: int) -> str:
        self.parts.append(piece)
        self.runs.add(self.length, [lo], [hi])
        self.length += len(piece)
        return piece


def build(draft: Draft, edits: list[Edit], candidates: list[Candidate] | None = None) -> Cleaned:
    stream_pos, source_lo, source_hi, edited = draft.char_spans()
    writer = _Writer(draft, source_lo, source_hi, edited)
    start = 0
    for cut in _cuts(draft, stream_pos):
        writer.sentence(start, cut)
        start = cut
    return Cleaned(clean_text="".join(writer.parts), sentences=writer.sentences, edits=edits,
                   candidates=candidates or [], source_map=writer.runs.source_map())
