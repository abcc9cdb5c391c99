"""Text with provenance: a draft that edits the spoken stream of a document.

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

from pipeline.clean.stream import Stream
from pipeline.models import Edit, EditKind

#: the edit id of a character copied from the stream unchanged
_VERBATIM = -1



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

    def char_source(self, i: int) -> tuple[int, int]:
        """Source span of current character ``i``; an edited character stands for its whole edit."""
        lo, hi = self.source_span(i, i + 1)
        return lo, max(lo, hi)

    def source_runs(self, a: int, b: int) -> list[tuple[int, int, int]]:
        """Where current text ``[a, b)`` comes from, as runs ``(start, lo, hi)``: character
        ``start + k``, up to the next run's start (or ``b``), comes from ``[lo + k, hi + k)``.
        A verbatim stretch is a run per stretch of the stream it copies whole, so a sentence costs
        a few runs, not a lookup a character; an edited character is a run of its own."""
        eids = self._eid[a:b]
        verbatim = not eids or max(eids) == _VERBATIM  # edit ids are >= 0
        edited = [] if verbatim else [a + k for k, e in enumerate(eids) if e != _VERBATIM]
        runs: list[tuple[int, int, int]] = []
        at = a
        for i in edited:
            runs += self._copied_runs(at, i)
            runs.append((i, *self.char_source(i)))
            at = i + 1
        runs += self._copied_runs(at, b)
        return runs

    def _copied_runs(self, a: int, b: int) -> list[tuple[int, int, int]]:
        """The runs of verbatim characters ``[a, b)``: where their stream positions stay
        consecutive (a deletion leaves a jump) and the stream copies the source one to one."""
        runs: list[tuple[int, int, int]] = []
        while a < b:
            # Verbatim stream positions strictly grow, so ``_lo[i] - i`` never falls: it keeps
            # ``shift`` exactly as far as the positions stay consecutive.
            shift = self._lo[a] - a
            if self._lo[b - 1] - (b - 1) == shift:
                end = b
            else:
                end = a + bisect_right(range(a, b), shift, key=lambda i: self._lo[i] - i)
            lo = self.stream.one_to_one(self._lo[a], self._lo[end - 1] + 1)
            if lo is not None:
                runs.append((a, lo, lo + 1))
            else:
                runs += [(i, *self.char_source(i)) for i in range(a, end)]
            a = end
        return runs

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
