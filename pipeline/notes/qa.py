"""Questions and answers, offline: what a talk asks, and what follows.

In a conversation (two or more named speakers taking turns), a question one speaker asks near the
end of their turn and the reply of the next speaker make an ``interview`` item. A speaker who asks
and answers in one breath (为什么？因为…) makes a ``rhetorical`` one; where others may be speaking
the answer must open like an answer (``answer_cues``), since a question followed by more of the
same voice is often context for whoever answers. A question is a sentence ending in ？ or in a
question form, not one that only asks for a nod (是吧？真的吗？) nor one too short to stand
alone. An answer starts after the acknowledgements (对，好问题), must say something and not ask
back, and is condensed to its first sentences, at most ``MAX_TEXT`` characters, cut at a clause
end. Word lists: ``data/qa.toml``.
Both sides are spans of the clean text (``spans``), so each is grounded in the source.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from pipeline.models import QA, Cleaned, Said, Sentence
from pipeline.notes import spans
from pipeline.zh import data
from pipeline.zh.chars import CLAUSE_MARKS, CLOSERS, STOPS, content_chars
from pipeline.zh.words import words

MAX_ITEMS = 40
MAX_TEXT = 80  # characters of an answer; a longer question loses its leading clauses
MIN_QUESTION = 6  # content characters: 为什么呢？ does not stand alone
MIN_ANSWER = 8
TAIL = 3  # a question among the last sentences of a turn is what the next speaker answers
_CLAUSE = re.compile(f"[{CLAUSE_MARKS}]")


def _alt(items: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True)) or "(?!)"


@dataclass(frozen=True)
class _Rules:
    wh: re.Pattern[str]
    not_wh: re.Pattern[str]
    ends: tuple[str, ...]
    wh_ends: tuple[str, ...]
    nods: frozenset[str]
    acks: re.Pattern[str]
    courtesies: re.Pattern[str]
    lead: tuple[str, ...]  # openers and acknowledgements (对，) dropped from the front, longest first
    answer_cues: tuple[str, ...]
    addressee: re.Pattern[str]


@cache
def _rules() -> _Rules:
    raw = data.toml(__package__, "qa.toml")
    openers = data.toml(__package__, "keypoints.toml")["openers"]
    return _Rules(wh=re.compile(_alt(raw["wh"])), not_wh=re.compile(_alt(raw["not_wh"])),
                  ends=tuple(raw["ends"]), wh_ends=tuple(raw["wh_ends"]), nods=frozenset(raw["backchannels"]),
                  acks=re.compile(f"(?:{_alt(raw['acks'])})+"), courtesies=re.compile(_alt(raw["courtesies"])),
                  lead=tuple(sorted({*openers, *(a + "，" for a in raw["acks"])}, key=len, reverse=True)),
                  answer_cues=tuple(raw["answer_cues"]), addressee=re.compile(_alt(raw["addressee"])))


def _wh(text: str) -> bool:
    r = _rules()
    return r.wh.search(r.not_wh.sub("", text)) is not None


def is_question(text: str) -> bool:
    """Ends in a question mark, or in a form that asks (吗, 是不是; 呢 after a question word)."""
    text = text.rstrip(CLOSERS + " ")
    if text.endswith(("？", "?")):
        return True
    body = text.rstrip(STOPS)
    r = _rules()
    return body.endswith(r.ends) or (body.endswith(r.wh_ends) and _wh(_CLAUSE.split(body)[-1]))


def _nod(text: str) -> bool:
    """A question that asks only for agreement: a tag alone, or ending a statement (…，对吧？)."""
    clauses = [c.strip() for c in _CLAUSE.split(text.strip(STOPS + CLOSERS + " "))]
    return clauses[-1] in _rules().nods


def _asks(s: Sentence) -> bool:
    return is_question(s.text) and not _nod(s.text) and content_chars(s.text) >= MIN_QUESTION


def _ack(clause: str) -> bool:
    """Whether a clause only acknowledges (对对, 是的) or thanks for the question (好问题)."""
    r = _rules()
    clause = clause.strip(STOPS + CLOSERS + " ")
    return (not clause or r.acks.fullmatch(clause) is not None
            or (r.courtesies.search(clause) is not None and content_chars(clause) <= 16))


def _turns(sents: list[Sentence]) -> list[range]:
    """Runs of consecutive sentences by one speaker (the whole talk when none are named)."""
    out: list[range] = []
    start = 0
    for i in range(1, len(sents) + 1):
        if i == len(sents) or sents[i].speaker != sents[start].speaker:
            out.append(range(start, i))
            start = i
    return out


def _question(cleaned: Cleaned, sid: int) -> Said:
    """The question as said, without openers; a long one keeps its last clauses, the ones that ask."""
    s, text = cleaned.sentences[sid], cleaned.clean_text
    a = spans.lead_trimmed(text, s.clean_start, s.clean_end, _rules().lead, MIN_QUESTION)
    while s.clean_end - a > MAX_TEXT:
        m = _CLAUSE.search(text, a, s.clean_end)
        if m is None:
            break
        a = m.end()
    return spans.grounded(cleaned, a, s.clean_end, Said)


def _answer_start(cleaned: Cleaned, ids: range) -> tuple[int, int] | None:
    """The sentence and clean offset where the answer proper starts: past acknowledgements."""
    text = cleaned.clean_text
    for i in ids:
        s = cleaned.sentences[i]
        at = s.clean_start
        for m in _CLAUSE.finditer(text, s.clean_start, s.clean_end):
            if not _ack(text[at:m.start()]):
                break
            at = m.end()
        if not _ack(text[at:s.clean_end]):
            return i, spans.lead_trimmed(text, at, s.clean_end, _rules().lead, MIN_ANSWER)
    return None


def _cut(text: str, a: int, end: int) -> int:
    """Where an answer too long for one line ends: the last clause end within reach, else a word end."""
    reach = text[a:min(end, a + MAX_TEXT + 1)]
    at = max(reach.rfind(m) for m in CLAUSE_MARKS)
    if at >= MIN_ANSWER:
        return a + at
    pos = 0
    for w in words(text[a:end]):
        if pos + len(w) > MAX_TEXT:
            break
        pos += len(w)
    return a + pos


def _answer_span(cleaned: Cleaned, ids: range, opens: tuple[str, ...] | None = None) -> tuple[int, int] | None:
    """The clean span of the answer in ``ids``, condensed to its first sentences; None if it only
    nods or asks back, or does not open with one of ``opens`` (when given)."""
    start = _answer_start(cleaned, ids)
    if start is None or is_question(cleaned.sentences[start[0]].text):
        return None
    first, a = start
    text, b = cleaned.clean_text, a
    if opens is not None and not text.startswith(opens, a):
        return None
    for i in range(first, ids[-1] + 1):
        end = cleaned.sentences[i].clean_end
        if i > first and is_question(cleaned.sentences[i].text):
            break  # the answer has turned into the next question
        if end - a > MAX_TEXT:
            b = b if b > a else _cut(text, a, end)
            break
        b = end
    while b > a and text[b - 1] in CLAUSE_MARKS + " ":
        b -= 1
    return (a, b) if content_chars(text[a:b]) >= MIN_ANSWER else None


def _interviews(cleaned: Cleaned, turns: list[range]) -> list[tuple[float, QA]]:
    """Questions at the end of a turn, answered by the next speaker; weighed by how much they said."""
    sents = cleaned.sentences
    out: list[tuple[float, QA]] = []
    for asked, replied in pairwise(turns):
        if sents[asked[0]].speaker is None or sents[replied[0]].speaker is None:
            continue
        q = next((i for i in reversed(asked[-TAIL:]) if _asks(sents[i])), None)
        span = _answer_span(cleaned, replied) if q is not None else None
        if q is None or span is None:
            continue
        said = sum(len(sents[i].text) for i in replied)
        out.append((1 + min(1.0, said / 400), QA(question=_question(cleaned, q), kind="interview",
                                                 answer=spans.grounded(cleaned, *span, Said))))
    return out


def _rhetorical(cleaned: Cleaned, turns: list[range], talk: str, taken: set[int]) -> list[tuple[float, QA]]:
    """A speaker's own question answered by the same speaker at once. In a monologue whatever the
    speaker says next is their answer; elsewhere (a conversation, or speakers unknown) the answer
    must open as one, and in a conversation the question must not be asked of the other."""
    sents = cleaned.sentences
    r = _rules()
    out: list[tuple[float, QA]] = []
    for turn in turns:
        for i in turn[:-1]:
            s = sents[i]
            if i in taken or not _asks(s) or not _wh(s.text) or (talk == "conversation" and r.addressee.search(s.text)):
                continue
            span = _answer_span(cleaned, range(i + 1, turn[-1] + 1), None if talk == "monologue" else r.answer_cues)
            if span is not None:
                out.append((0.5, QA(question=_question(cleaned, i), kind="rhetorical",
                                    answer=spans.grounded(cleaned, *span, Said))))
    return out


def _talk(turns: list[range], sents: list[Sentence]) -> str:
    """``conversation`` when two speakers take turns (at least two each), ``monologue`` when the
    speakers are named and only one does (a stray line of another is a recogniser's slip),
    ``unknown`` when no speaker is named."""
    count = Counter(sents[t[0]].speaker for t in turns)
    if None in count:
        return "unknown"
    return "conversation" if sum(n >= 2 for n in count.values()) >= 2 else "monologue"


def questions(cleaned: Cleaned) -> list[QA]:
    """The talk's questions and answers in talk order, interview items first when over the cap."""
    sents = cleaned.sentences
    if not sents:
        return []
    turns = _turns(sents)
    talk = _talk(turns, sents)
    found = _interviews(cleaned, turns) if talk == "conversation" else []
    taken = {qa.question.sentence_ids[-1] for _, qa in found}
    found += _rhetorical(cleaned, turns, talk, taken)
    kept = sorted(found, key=lambda x: -x[0])[:MAX_ITEMS]
    return [qa for _, qa in sorted(kept, key=lambda x: x[1].question.start)]
