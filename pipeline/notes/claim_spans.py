"""A claim's place in its sentence (``Span``) and the two ways the reader combines places:
the speaker's view out of its stance and evaluative clauses, and neighbouring spans of one party
that are one claim. Offsets are into the sentence's text.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.notes import clauses
from pipeline.notes.actors import Party
from pipeline.notes.cues import cues
from pipeline.zh.chars import content_chars


@dataclass(frozen=True, slots=True)
class Span:
    """A claim's clauses in a sentence: who it is reported of (None: the speaker's own view)."""

    lo: int
    hi: int
    party: Party | None
    confidence: float
    goes_on: bool = False  # the same subject's next verb: one claim with the span just before it


def own_span(text: str, own: list[tuple[int, int]], parts: list[tuple[int, int]]) -> Span:
    """The speaker's view in a sentence: its stance and evaluative clauses, and the clause after
    them when they are too short to hold the view (我觉得他写的这些内容，还有一部分还是…)."""
    lo, hi = own[0][0], own[-1][1]
    cue_ends = [m.end() for m in cues()["stance"].finditer(text, lo, hi)]
    said = text[cue_ends[-1] if cue_ends else lo:hi]  # what the view says, after its last 我觉得
    after = next(((a, b) for a, b in parts if a >= hi), None)
    if content_chars(said) < 10 and after and after[0] == hi and not clauses.lists(text[after[0]:after[1]]):
        hi = after[1]
    sure = 0.6 if any(cues()["stance"].search(text[a:b]) for a, b in own) else 0.5
    return Span(lo, hi, None, sure)


def joined(spans: list[Span]) -> list[Span]:
    """Items of one party next to each other in a sentence, too short alone (数字身份，数字监管),
    or its subject going on (选择了这样一块地方，建立…), as one claim."""
    out: list[Span] = []
    for sp in spans:
        last = out[-1] if out else None
        if (last and sp.party is not None and last.party is sp.party and sp.lo - last.hi <= 1
                and (sp.goes_on or min(sp.hi - sp.lo, last.hi - last.lo) < 8)):
            out[-1] = Span(last.lo, sp.hi, sp.party, min(sp.confidence, last.confidence))
        else:
            out.append(sp)
    return out

