"""Grounded stretches of the clean text, shared by key points, section summaries and questions.

Each of them is exactly ``clean_text[a:b]``: a sentence, or a run of them, with leading words that
lean on the context (然后, 其实, 对，) cut off the front, or cut short at a clause end. Cutting only
at the ends keeps the text a contiguous span, so it maps back to one source span and the reader
can check it against ``document.text[start:end]``.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache
from typing import TypeVar

from pydantic import BaseModel

from pipeline.models import Cleaned, time_of

_BOUND = "是的了过着得地"  # 然后是X: the opener is part of the verb phrase, not a detachable word
_PAUSE = "，, "

P = TypeVar("P", bound=BaseModel)


@cache
def _firsts(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w[0] for w in words if w)


def lead_trimmed(text: str, a: int, b: int, words: tuple[str, ...], keep: int) -> int:
    """Where ``text[a:b]`` starts once leading ``words`` (longest first) and the commas after them
    are dropped, as long as ``keep`` characters remain: 然后其实X reads as X. Most sentences start
    with no such word, which one look at the first character tells."""
    firsts = _firsts(words)
    changed = True
    while changed and a < b and text[a] in firsts:
        changed = False
        for w in words:
            if text.startswith(w, a) and b - a - len(w) >= keep and text[a + len(w)] not in _BOUND:
                a += len(w)
                while a < b and text[a] in _PAUSE:
                    a += 1
                changed = True
    return a


def grounded(cleaned: Cleaned, a: int, b: int, model: type[P]) -> P:
    """``model`` (a key point, one side of a question) for clean span ``[a, b)``: its text, the
    sentences it touches, its source span, their time and the first one's speaker. A whole
    sentence keeps the sentence's own source span."""
    sents = cleaned.sentences
    first = max(0, bisect_right(sents, a, key=lambda s: s.clean_start) - 1)
    last = max(first, bisect_right(sents, b - 1, key=lambda s: s.clean_start) - 1)
    inside = sents[first:last + 1]
    if a == inside[0].clean_start and b == inside[-1].clean_end:
        start, end = inside[0].start, inside[-1].end
    else:
        start, end = cleaned.source_span(a, b)
    return model(text=cleaned.clean_text[a:b], sentence_ids=[s.id for s in inside], start=start, end=end,
                 time=time_of(inside), speaker=inside[0].speaker)
