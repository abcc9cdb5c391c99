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


def _cuts(draft: Draft) -> list[int]:
    """Where sentences end in the draft's text: after stops, and where the speaker changes."""
    cuts = [m.end() for m in _END.finditer(draft.text)]
    if any(draft.stream.speakers):
        cuts += _speaker_changes(draft)
    return sorted({*cuts, len(draft.text)})


def _speaker_changes(draft: Draft) -> list[int]:
    """The draft positions where a new speaker begins, after a named one. Stream positions only
    grow along the draft, so such a position is the first one at or after a cue where the speaker
    changes; a character past the stream's end (a closing mark) keeps the speaker before it."""
    stream, n = draft.stream, len(draft.text)
    out = []
    for c in range(1, len(stream.cue_starts)):
        if stream.speakers[c] == stream.speakers[c - 1]:
            continue
        i = bisect_left(range(n), stream.cue_starts[c], key=draft.stream_pos)
        if not 0 < i < n or draft.stream_pos(i) >= len(stream):
            continue
        before = stream.speaker_at(draft.stream_pos(i - 1))
        if before is not None and stream.speaker_at(draft.stream_pos(i)) != before:
            out.append(i)
    return out


class _Runs:
    """The source map as it is written: runs of clean characters that copy the source one to one,
    and single characters that don't. The writer hands over the draft's runs (a copied stretch
    whole), and a run that carries on the last one adds nothing."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.lo: list[int] = []
        self.hi: list[int] = []

    def add(self, at: int, lo: int, hi: int) -> None:
        """Clean characters from ``at`` on come from source spans ``(lo + k, hi + k)``."""
        if not (hi == lo + 1 and self._continues(at, lo)):
            self.starts.append(at)
            self.lo.append(lo)
            self.hi.append(hi)

    def _continues(self, at: int, lo: int) -> bool:
        """Whether a copied character at ``at`` from ``lo`` extends the last run."""
        if not self.starts or self.hi[-1] != self.lo[-1] + 1:
            return False
        return self.lo[-1] + at - self.starts[-1] == lo

    def last_end(self, i: int) -> int:
        """Where clean character ``i``, the last one written, ends in the source."""
        return self.hi[-1] + i - self.starts[-1]

    def source_map(self) -> SourceMap:
        return SourceMap(starts=self.starts, lo=self.lo, hi=self.hi)


class _Writer:
    """clean_text, its sentences and each clean character's source span, written in order."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
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
        st_hi = max(st_lo + 1, st_hi)
        first, last = stream.cue_at(st_lo), stream.cue_at(st_hi - 1)  # the cues it begins and ends in
        src_lo = stream.source_pos(st_lo)
        speaker = stream.speaker_at(st_lo)
        if self.sentences and speaker != self.speaker:
            self._put("\n", src_lo, src_lo)
        self.speaker = speaker
        start = self.length
        said = "".join(self._body(a, b))
        previous_cue, self.cue = self.cue, last
        self.sentences.append(Sentence(
            id=len(self.sentences), text=said, start=src_lo, end=max(src_lo, self.runs.last_end(self.length - 1)),
            clean_start=start, clean_end=self.length, time=stream.time_span(st_lo, st_hi, first, last),
            speaker=speaker, opens_cue=first != previous_cue))

    def _source(self, a: int, b: int) -> tuple[int, int]:
        """From where draft character ``a`` starts to where ``b - 1`` ends in the source."""
        lo = self.draft.char_source(a)[0]
        return lo, max(lo, self.draft.char_source(b - 1)[1])

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
                pieces.append(self._put(" ", *self._source(k, j)))
            i = j
        pieces.append(self._copy(i, b))
        return pieces

    def _copy(self, a: int, b: int) -> str:
        piece = self.draft.text[a:b]
        self.parts.append(piece)
        for at, lo, hi in self.draft.source_runs(a, b):
            self.runs.add(self.length + at - a, lo, hi)
        self.length += b - a
        return piece

    def _put(self, piece: str, lo: int, hi: int) -> str:
        self.parts.append(piece)
        self.runs.add(self.length, lo, hi)
        self.length += len(piece)
        return piece


def build(draft: Draft, edits: list[Edit], candidates: list[Candidate] | None = None) -> Cleaned:
    writer = _Writer(draft)
    start = 0
    for cut in _cuts(draft):
        writer.sentence(start, cut)
        start = cut
    return Cleaned(clean_text="".join(writer.parts), sentences=writer.sentences, edits=edits,
                   candidates=candidates or [], source_map=writer.runs.source_map())
