"""What a transcript's own structure says about where topics turn: speaker turns and paragraphs.

A recogniser that marks speakers and paragraphs (通义听悟) gives a conversation's shape: a host's
question opens the next subject, a guest's answer runs for paragraphs. Two consequences for the
segmenter. Such a talk's chapters are shorter than a lecture's, and its paragraph and turn
starts are where they begin, so the price per section is lower (``Params.conversation_price``)
and a boundary the lexical optimum places a few sentences off a turn start moves onto it
(``snap``). Flat subtitle streams (one cue per ASR clip, no speakers) are left as they are.
"""

from __future__ import annotations

from bisect import bisect_left

from pipeline.models import Sentence


def is_conversation(sents: list[Sentence]) -> bool:
    """Whether the transcript marks who speaks (a diarised ASR export)."""
    return any(s.speaker for s in sents)


def turn_starts(sents: list[Sentence]) -> list[int]:
    """Sentences where another speaker's turn begins."""
    return [i for i in range(1, len(sents)) if sents[i].speaker != sents[i - 1].speaker]


def snap(starts: list[int], sents: list[Sentence], reach: int) -> list[int]:
    """Each section start (but the first) moved to the nearest turn start within ``reach``
    characters of spoken text, preferring one that opens a paragraph; unchanged where none is
    near. Two starts that land on one turn become one."""
    turns = turn_starts(sents)
    if not turns:
        return starts
    pos = [0]
    for s in sents:
        pos.append(pos[-1] + len(s.text))
    moved = {0}
    for b in starts[1:]:
        lo, hi = bisect_left(pos, pos[b] - reach), pos[b] + reach
        near = [t for t in turns if lo <= t and pos[t] <= hi]
        near = [t for t in near if sents[t].opens_cue] or near
        moved.add(min(near, key=lambda t: (abs(pos[t] - pos[b]), t), default=b))
    return sorted(moved)
