"""Punctuation pass: a comma-chained (or unpunctuated) stream → sentences ending in 。？！.

Why: ASR gives clauses joined by commas, spaces or nothing but cue breaks, and every later stage
(segments, key points, claims) works on sentences. A clause boundary becomes a sentence end when
the sentence so far is long enough and there is evidence of a break: a long pause between timed
cues, a discourse marker opening the next clause (然后, 所以, 第二 …), or a sentence that would
otherwise grow past ``max_chars``. Spaces the recogniser used as pauses between Chinese words
become punctuation; cue breaks with no punctuation get a comma or a full stop. Rules and word
lists are in ``data/punctuation.toml``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from pipeline.clean.textmap import Change, Draft
from pipeline.zh import chars, data

_HARD = "。？！?!…"
_COMMA = "，,；;"
_STOPS = re.compile(rf"[{_HARD}]+[”’」』）)]*")
_COMMAS = re.compile(rf"[{_COMMA}]")
_SPACES = re.compile(r"\s+")


@dataclass(slots=True)
class Boundary:
    start: int  # separator span in the current text
    end: int
    kind: str  # hard, comma, space, break


@cache
def _rules() -> dict:
    rules = dict(data.toml(__package__, "punctuation.toml"))
    rules["markers"] = tuple(sorted(rules["markers"], key=len, reverse=True))
    rules["topic"] = re.compile("|".join(f"(?:{p})" for p in rules["topic_patterns"]))
    for key in ("question_ends", "wh_ends", "wh_words"):
        rules[key] = tuple(rules[key])
    rules["wh"] = re.compile("|".join(map(re.escape, rules["wh_words"])) or "(?!)")  # any of them, in one search
    return rules


def _boundaries(text: str) -> list[Boundary]:
    """Stops, commas and the spaces that stand for a pause, in text order; one scan per kind, so
    each scan can skip in C to its own characters."""
    out = [Boundary(m.start(), m.end(), "hard") for m in _STOPS.finditer(text)]
    out += [Boundary(m.start(), m.end(), "comma") for m in _COMMAS.finditer(text)]
    out += _pauses(text)
    out.sort(key=lambda b: b.start)
    return _inner(text, out)


def _pauses(text: str) -> list[Boundary]:
    """White space between two clauses (not next to a mark): a cue break, or a space between
    Chinese characters."""
    out: list[Boundary] = []
    for m in _SPACES.finditer(text):
        a, b = m.start(), m.end()
        left = text[a - 1] if a > 0 else ""
        right = text[b] if b < len(text) else ""
        if not left or not right or left in _HARD + _COMMA or right in _HARD + _COMMA:
            continue
        if "\n" in m.group():
            if not (left.isascii() and left.isalnum() and right.isascii() and right.isalnum()):
                out.append(Boundary(a, a, "break"))  # 19 / 37年 across cues is one number
        elif chars.HAN_CHAR.match(left) and chars.HAN_CHAR.match(right):
            out.append(Boundary(a, b, "space"))
    return out


def _inner(text: str, bounds: list[Boundary]) -> list[Boundary]:
    """Add places before discourse markers inside clauses too long to be one sentence.

    Recognisers without punctuation (Whisper) leave whole minutes as one run; a marker such as
    但是 or 然后 is the best place left to cut it.
    """
    rules = _rules()
    limit = rules["max_chars"]
    words = [w for w in rules["markers"] if len(w) >= 2 and chars.HAN_CHAR.match(w)]
    pattern = re.compile("|".join(re.escape(w) for w in words))
    out: list[Boundary] = []
    at = 0
    for bd in [*bounds, Boundary(len(text), len(text), "end")]:
        if bd.start - at > limit:
            for m in pattern.finditer(text, at + 8, bd.start - 4):
                if chars.HAN_CHAR.match(text[m.start() - 1]) and (not out or m.start() - out[-1].start >= 8):
                    out.append(Boundary(m.start(), m.start(), "inner"))
        if bd.kind != "end":
            out.append(bd)
        at = bd.end
    out.sort(key=lambda b: b.start)
    return out


def _gap(draft: Draft, left: int, right: int) -> float | None:
    """Seconds of silence between the cues holding text positions ``left`` and ``right``."""
    stream = draft.stream
    if not stream.cue_of:
        return None
    lo = draft.stream_pos(left)
    hi = draft.stream_pos(right)
    if hi >= len(stream.cue_of):
        return None
    c1, c2 = stream.cue_of[min(lo, len(stream.cue_of) - 1)], stream.cue_of[hi]
    t1, t2 = stream.times[c1], stream.times[c2]
    if c1 == c2 or t1 is None or t2 is None:
        return None
    return max(0.0, t2[0] - t1[1])


def _is_question(clause: str, sentence: str, rules: dict) -> bool:
    clause = clause.rstrip()
    if clause.endswith(rules["question_ends"]):
        return True
    return clause.endswith(rules["wh_ends"]) and rules["wh"].search(sentence) is not None


@dataclass(slots=True)
class _Verdict:
    """What a clause boundary is: a sentence end (and whether a topic opens after it), or a pause."""

    end: bool
    topic: bool
    why: list[str]
    length: int


class _Alnum:
    """Letters and digits before a position of the text, so a span's length is a subtraction: the
    position less the marks and spaces before it, found by bisection among their positions. Those
    are few (one character in nine), so only they are visited, by one scan in C, not every
    character in Python."""

    def __init__(self, text: str) -> None:
        self.marks = [m.start() for m in chars.NOT_ALNUM.finditer(text)]

    def before(self, i: int) -> int:
        return i - bisect_left(self.marks, i)


@dataclass(slots=True)
class _Span:
    """The sentence so far at a boundary and the clause after it (lengths count letters and
    digits: the stripped white space counts for nothing)."""

    length: int
    nxt: str
    nxt_len: int


def _span(text: str, bounds: list[Boundary], k: int, sent_start: int, alnum: _Alnum) -> _Span:
    bd = bounds[k]
    nxt_end = bounds[k + 1].start if k + 1 < len(bounds) else len(text)
    return _Span(alnum.before(bd.start) - alnum.before(sent_start), text[bd.end:nxt_end].lstrip(),
                 alnum.before(nxt_end) - alnum.before(bd.end))


def _opens_topic(span: _Span, rules: dict) -> bool:
    return span.nxt_len > 0 and span.length >= rules["topic_min_chars"] and rules["topic"].match(span.nxt) is not None


def _overruns(span: _Span, rules: dict) -> bool:
    """The sentence would grow past ``max_chars`` with the next clause, and is long enough to end."""
    return span.length + span.nxt_len > rules["max_chars"] and span.length >= rules["min_chars"] and span.nxt_len > 0


def _comma_stands(span: _Span, rules: dict) -> bool:
    """A comma of a punctuated transcript stands unless a topic opens after it or a long sentence
    would run past ``max_chars``: pauses and markers are not asked (they end no sentence here)."""
    return not _opens_topic(span, rules) and not (_overruns(span, rules) and span.length >= rules["soft_chars"])


def _judge(draft: Draft, bd: Boundary, span: _Span) -> _Verdict:
    """Score the evidence that boundary ``bd`` ends the sentence so far: a marker opening the
    next clause, a pause between timed cues, the sentence's length so far."""
    rules, text = _rules(), draft.text
    score, why = 0, []
    if span.nxt.startswith(rules["markers"]):
        score += 2
        why.append("discourse marker")
    gap = _gap(draft, bd.start - 1, bd.end if bd.end < len(text) else bd.start)
    if gap is not None and gap >= rules["long_pause"]:
        score += 2
        why.append(f"pause {gap:.1f}s")
    elif gap is not None and gap >= rules["short_pause"]:
        score += 1
    if span.length >= rules["soft_chars"]:
        score += 1
    if span.length + span.nxt_len > rules["max_chars"]:
        score += 2
        why.append("length")
    end = span.length >= rules["min_chars"] and score >= 2 and span.nxt_len > 0
    topic = _opens_topic(span, rules)
    if topic:
        why.append("topic marker")
    return _Verdict(end or topic, topic, why, span.length)


def changes(draft: Draft) -> list[Change]:
    rules = _rules()
    text = draft.text
    bounds = _boundaries(text)
    out: list[Change] = []
    alnum = _Alnum(text)
    stops = sum(1 for b in bounds if b.kind == "hard")
    punctuated = stops > 0 and alnum.before(len(text)) / stops <= rules["punctuated_every"]
    sent_start = 0
    for k, bd in enumerate(bounds):
        clause_start = bounds[k - 1].end if k else 0
        if bd.kind == "hard":
            if text[bd.start] == "。" and _is_question(text[clause_start:bd.start], text[sent_start:bd.start], rules):
                out.append(Change(bd.start, bd.start + 1, "？", "punctuation", "rule", 0.7, "question"))
            sent_start = bd.end
            continue
        span = _span(text, bounds, k, sent_start, alnum)
        if bd.kind == "comma" and punctuated and _comma_stands(span, rules):
            continue  # the recogniser's own commas stand, unless a sentence would run past max_chars
        v = _judge(draft, bd, span)
        if not v.end:
            if bd.kind != "comma":
                out.append(Change(bd.start, bd.end, "，", "punctuation", "rule", 0.7, "pause"))
            continue
        question = _is_question(text[clause_start:bd.start], text[sent_start:bd.start], rules)
        out.append(Change(bd.start, bd.end, "？" if question else "。", "punctuation", "rule", 0.7,
                          "sentence end: " + ", ".join(v.why)))
        sent_start = bd.end
    out += _last_stop(text, bounds, sent_start)
    return out


def _last_stop(text: str, bounds: list[Boundary], sent_start: int) -> list[Change]:
    """The last sentence's stop, when the text ends without one."""
    tail = len(text.rstrip())
    if not (tail and text[tail - 1].isalnum()):
        return []
    clause_start = bounds[-1].end if bounds else 0
    q = _is_question(text[clause_start:tail], text[sent_start:tail], _rules())
    return [Change(tail, tail, "？" if q else "。", "punctuation", "rule", 0.7, "end of text")]
