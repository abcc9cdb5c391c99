"""Text with provenance: the spoken stream of a document and a draft that edits it.

The clean stage runs several passes (script, numbers, lexicon, fillers, punctuation), each of which
finds spans in the *current* text and replaces them. To keep every change grounded, the draft is a
list of pieces: a copied piece is an untouched run of the stream, an edited piece records the
stream span it replaced. A later edit that touches an edited piece absorbs it, so edits never
overlap and every ``Edit.before`` is exactly the source text of its span.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right, insort
from dataclasses import dataclass

from pipeline.models import Document, Edit, EditKind, TimeSpan

#: the edit id of a character copied from the stream unchanged
_VERBATIM = -1

#: Stands between two cues in the stream when the source has something other than whitespace
#: between them (SRT timing lines). It maps to a zero-width source position.
CUE_BREAK = "\n"


class Stream:
    """The spoken text of a document: cue texts joined, with each character's source span.

    Between two cues, whitespace that really is in the source (a txt exporter's blank line) is
    kept and maps to itself; anything else (timing lines, JSON syntax) becomes one ``CUE_BREAK``
    that maps to a zero-width position, so a span never claims source text it does not contain.
    The per-character tables are arrays of machine ints, as in ``Draft``: a list of every position
    is a container the garbage collector walks item by item; an array holds nothing to walk.
    """

    def __init__(self, doc: Document) -> None:
        parts: list[str] = []
        starts = array("l")
        ends = array("l")
        self.cue_of = array("l")
        self.cue_starts: list[int] = []
        self.times: list[TimeSpan | None] = []
        self.speakers: list[str | None] = []
        prev_end: int | None = None
        for ci, cue in enumerate(doc.cues):
            if prev_end is not None:
                gap = doc.text[prev_end:cue.start]
                if gap and not gap.strip():
                    parts.append(gap)
                    starts.extend(range(prev_end, cue.start))
                    ends.extend(range(prev_end + 1, cue.start + 1))
                    self.cue_of.extend([ci - 1] * len(gap))
                else:
                    parts.append(CUE_BREAK)
                    starts.append(prev_end)
                    ends.append(prev_end)
                    self.cue_of.append(ci - 1)
            self.cue_starts.append(len(starts))
            parts.append(cue.text)
            starts.extend(range(cue.start, cue.end))
            ends.extend(range(cue.start + 1, cue.end + 1))
            self.cue_of.extend([ci] * (cue.end - cue.start))
            self.times.append(cue.time)
            self.speakers.append(cue.speaker)
            prev_end = cue.end
        self.text = "".join(parts)
        self.src_start = starts
        self.src_end = ends
        self.source = doc.text
        self._tail = prev_end if prev_end is not None else 0
        self._spans = _timed_spans(doc, self.cue_starts)

    def __len__(self) -> int:
        return len(self.text)

    def source_span(self, a: int, b: int) -> tuple[int, int]:
        """Source span of stream span ``[a, b)``; a zero-width span maps to a zero-width position."""
        if b > a:
            return self.src_start[a], self.src_end[b - 1]
        pos = self.src_start[a] if a < len(self.src_start) else self._tail
        return pos, pos

    def time_span(self, a: int, b: int) -> TimeSpan | None:
        """When stream span ``[a, b)`` was said, where the input has times: each end interpolated
        by its character position within its cue (a cue of 30 seconds holding four sentences
        gives each its own stretch, so spans that follow each other never overlap)."""
        if not self.cue_of or b <= a:
            return None
        first = self.cue_of[a]
        last = self.cue_of[min(b, len(self.cue_of)) - 1]
        if self.times[first] is None or self.times[last] is None:
            return None
        return self._moment(first, a), self._moment(last, b)

    def _moment(self, cue: int, pos: int) -> float:
        """The time at stream position ``pos`` of ``cue``'s timed stretch."""
        lo, hi, (t0, t1) = self._spans[cue]  # type: ignore[misc]
        share = min(1.0, max(0.0, (pos - lo) / (hi - lo))) if hi > lo else 0.0
        return round(t0 + (t1 - t0) * share, 3)

    def cue_at(self, a: int) -> int:
        """The index of the cue that stream position ``a`` lies in (-1 when there are none)."""
        return self.cue_of[min(a, len(self.cue_of) - 1)] if self.cue_of else -1

    def speaker_at(self, a: int) -> str | None:
        return self.speakers[self.cue_of[a]] if self.cue_of and a < len(self.cue_of) else None


def _timed_spans(doc: Document, cue_starts: list[int]) -> list[tuple[int, int, TimeSpan | None]]:
    """For each cue, the stream stretch its time covers and that time. Consecutive cues with the
    same time are one stretch: a JSON entry split at its escapes, or an exporter's duplicate."""
    out: list[tuple[int, int, TimeSpan | None]] = []
    k = 0
    cues = doc.cues
    while k < len(cues):
        j = k
        while j + 1 < len(cues) and cues[j + 1].time == cues[k].time:
            j += 1
        span = (cue_starts[k], cue_starts[j] + len(cues[j].text), cues[k].time)
        out += [span] * (j - k + 1)
        k = j + 1
    return out


@dataclass(slots=True)
class Change:
    """An edit a pass proposes, in the coordinates of the draft's current text."""

    start: int
    end: int
    after: str
    kind: EditKind
    origin: str
    confidence: float | None = None
    reason: str | None = None


class Draft:
    """The text being cleaned, with each character's provenance.

    ``_lo[i]`` is the stream position character ``i`` comes from and ``_eid[i]`` the edit that
    produced it (-1 for a verbatim copy). Edits that leave no characters (deletions) live only in
    ``_edits``. A change that touches an edited character widens to the whole of that edit and
    absorbs it, so recorded edits never overlap. Arrays of machine ints keep memory at a few bytes
    a character.
    """

    def __init__(self, stream: Stream) -> None:
        self.stream = stream
        self.text = stream.text
        self._lo = array("l", range(len(stream)))
        self._eid = array("l", [_VERBATIM]) * len(stream)
        self._edits: dict[int, _Recorded] = {}
        self._deletions: list[tuple[int, int]] = []  # (stream position, edit id), sorted: no characters to find them by
        self._next_id = 0

    def stream_pos(self, i: int) -> int:
        """Stream position where current-text position ``i`` begins: ``stream_span(i, i + 1)[0]``."""
        if i < len(self.text):
            e = self._eid[i]
            return self._edits[e].lo if e >= 0 else self._lo[i]
        return len(self.stream)

    def _stream_end(self, i: int) -> int:
        """Stream position just after current-text character ``i``."""
        e = self._eid[i]
        return self._edits[e].hi if e >= 0 else self._lo[i] + 1

    def _widen(self, a: int, b: int) -> tuple[int, int]:
        """Grow ``[a, b)`` to whole edits where it cuts into one."""
        text = self.text
        if a < len(text) and self._eid[a] >= 0 and (b > a or (a > 0 and self._eid[a - 1] == self._eid[a])):
            e = self._eid[a]
            while a > 0 and self._eid[a - 1] == e:
                a -= 1
        if b > 0 and b <= len(text) and self._eid[b - 1] >= 0 and (b > a):
            e = self._eid[b - 1]
            while b < len(text) and self._eid[b] == e:
                b += 1
        return a, b

    def apply(self, changes: list[Change]) -> int:
        """Apply changes given in current-text coordinates; returns how many were applied.

        Changes are taken in order of position; one that overlaps a change already taken in this
        batch is skipped (passes propose the best first where it matters).
        """
        text = self.text
        todo = sorted((c for c in changes if 0 <= c.start <= c.end <= len(text)),
                      key=lambda c: (c.start, c.end))
        parts: list[str] = []
        lo_parts: list[array] = []
        eid_parts: list[array] = []
        at = applied = 0
        for ch in todo:
            a, b = self._widen(ch.start, ch.end)
            if a < at or (b == a and ch.after == ""):
                continue
            applied += 1
            eid, after, s_lo = self._record(ch, a, b)
            parts += [text[at:a], after]
            lo_parts += [self._lo[at:a], array("l", [s_lo]) * len(after)]
            eid_parts += [self._eid[at:a], array("l", [eid]) * len(after)]
            at = b
        if not applied:
            return 0
        parts.append(text[at:])
        lo_parts.append(self._lo[at:])
        eid_parts.append(self._eid[at:])
        self.text = "".join(parts)
        self._lo = array("l")
        self._eid = array("l")
        for lo, ei in zip(lo_parts, eid_parts, strict=True):
            self._lo.extend(lo)
            self._eid.extend(ei)
        return applied

    def _record(self, ch: Change, a: int, b: int) -> tuple[int, str, int]:
        """Record ``ch`` widened to ``[a, b)`` as one edit, absorbing the edits it touches:
        its id, the text it leaves and the stream position it starts at."""
        s_lo = self.stream_pos(a)
        s_hi = max(s_lo, self._stream_end(b - 1)) if b > a else s_lo
        absorbed = self._touched(a, b, s_lo, s_hi)
        origins = [self._edits[k].change.origin for k in sorted(absorbed)]
        for k in absorbed:
            rec = self._edits.pop(k)
            if not rec.after:
                self._deletions.remove((rec.lo, k))
            s_lo, s_hi = min(s_lo, rec.lo), max(s_hi, rec.hi)
        after = self.text[a:ch.start] + ch.after + self.text[ch.end:b]
        kept = Change(a, b, after, ch.kind, "+".join(dict.fromkeys([*origins, ch.origin])), ch.confidence, ch.reason)
        eid = self._next_id
        self._next_id += 1
        self._edits[eid] = _Recorded(s_lo, s_hi, after, kept)
        if not after:
            insort(self._deletions, (s_lo, eid))
        return eid, after, s_lo

    def _touched(self, a: int, b: int, s_lo: int, s_hi: int) -> set[int]:
        """The edits whose characters lie in ``[a, b)``, and the deletions strictly inside the
        stream span ``[s_lo, s_hi)`` (they left no characters to find them by)."""
        found = {self._eid[i] for i in range(a, b) if self._eid[i] >= 0}
        if b > a:
            first = bisect_right(self._deletions, (s_lo, 1 << 62))
            last = bisect_right(self._deletions, (s_hi - 1, 1 << 62))
            found.update(k for _, k in self._deletions[first:last] if k in self._edits)
        return found

    # --- reading the result -------------------------------------------------------------------

    def stream_span(self, a: int, b: int) -> tuple[int, int]:
        """Stream span that current-text span ``[a, b)`` comes from (edited characters count whole)."""
        lo = self.stream_pos(a)
        if b <= a:
            return lo, lo
        return lo, max(lo, self._stream_end(b - 1))

    def source_span(self, a: int, b: int) -> tuple[int, int]:
        return self.stream.source_span(*self.stream_span(a, b))

    def char_spans(self) -> tuple[list[int], list[int], list[int], list[int]]:
        """Every current character's stream position and source span, in one pass: the same as
        ``stream_span(i, i + 1)`` and ``source_span(i, i + 1)`` for each ``i``, for building
        sentences, without two calls a character; and where the edited characters are."""
        stream = self.stream
        ss, se, n = stream.src_start, stream.src_end, len(stream)
        tail = stream.source_span(n, n)[0]
        pos = self._lo.tolist()
        lo = [ss[p] if p < n else tail for p in pos]
        hi = [se[p] if p < n else tail for p in pos]
        edited = []
        for i, e in enumerate(self._eid):
            if e != _VERBATIM:  # an edited character stands for its whole edit's span
                rec = self._edits[e]
                pos[i] = rec.lo
                lo[i] = ss[rec.lo] if rec.lo < n else tail
                hi[i] = max(lo[i], se[rec.hi - 1]) if rec.hi > rec.lo else lo[i]
                edited.append(i)
        return pos, lo, hi, edited

    def is_edited(self, i: int) -> bool:
        return self._eid[i] >= 0

    def edits(self) -> list[Edit]:
        """Every edit in source coordinates, in source order."""
        out = []
        for rec in sorted(self._edits.values(), key=lambda r: (r.lo, r.hi)):
            s, e = self.stream.source_span(rec.lo, rec.hi)
            c = rec.change
            out.append(Edit(kind=c.kind, start=s, end=e, before=self.stream.source[s:e], after=rec.after,
                            origin=c.origin, confidence=c.confidence, reason=c.reason))
        return out


@dataclass(slots=True)
class _Recorded:
    lo: int
    hi: int
    after: str
    change: Change
