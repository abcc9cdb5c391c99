"""Reading a talk sentence by sentence, clause by clause, for what it reports and what the speaker
holds (see ``claims`` for the rules). The reader carries what a listener carries: the party named
last (whom 他 stands for), the reported list still open (whose items the next clauses may be) and
a frame still waiting for its content (提出了一个政策，→ 就是…). Spans are offsets into the
sentence's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.notes import clauses
from pipeline.notes.actors import Cast, Party
from pipeline.notes.actors import Sentence as Words
from pipeline.notes.claim_spans import Span, joined, own_span
from pipeline.notes.cues import cues
from pipeline.notes.statements import is_frame, stripped
from pipeline.zh.chars import content_chars

_CLAUSE = re.compile(r"[^，,；;。？！?!]+[，,；;。？！?!]*")
PRONOUN_REACH = 3  # sentences a pronoun may reach back for the party it stands for
DECAY = 2  # sentences without an item before a reported list ends
ORDINAL_REACH = 8  # sentences a numbered list (第一…第二…) may run, with the speaker's asides between
OPENING = 6  # characters of a clause's opening where a continuation marker counts
LIST_REACH = 20  # sentences the next number of a list (第三 after 第二) may come after the last
WAIT = 2  # clauses a frame waits for its content


@dataclass(slots=True)
class _Pending:
    """A frame waiting for its content: who it reports, how sure, clauses left to wait."""

    party: Party
    confidence: float
    start: int | None = None  # where the frame starts, while in the same sentence
    left: int = WAIT


class Reader:
    def __init__(self, cast: Cast, reviewed: str | None) -> None:
        self.cast = cast
        self.document = Party(reviewed, 0, 0, "document") if reviewed else None
        self.last: Party | None = None  # the party named last, and how many sentences ago
        self.last_age = 0
        self.stretch: Party | None = None  # the party whose reported list is open
        self.stretch_left = 0
        self.ordinal_left = 0
        self.pending: _Pending | None = None
        self.subject: Party | None = None  # the subject of the clause before, if it had no verb
        self.numbered: tuple[Party, int] | None = None  # the last numbered item of a reported list
        self.numbered_age = 0

    def read(self, s: Words) -> list[Span]:
        """The claims of one sentence; a question makes none (an interviewer's question is not a
        claim of the guest), but its parties are still remembered."""
        out: list[Span] = []
        own: list[tuple[int, int]] = []
        named = self.cast.parties(s, 0, len(s.text))  # once a sentence; each clause takes its own
        self.subject = None  # a subject without its verb reaches the next clause of its sentence only
        if not named and self._idle() and not clauses.has_view_cue(s.text):
            self._age(False)  # most sentences: no party, no stance, nothing carried from before
            return out
        parts = [m.span() for m in _CLAUSE.finditer(s.text)]
        if self.pending:
            self.pending.start = None  # a frame of an earlier sentence: the claim starts here
        for lo, hi in parts:
            clause = s.text[lo:hi]
            carried, self.subject = self.subject, None
            if cues()["stance"].search(clause):
                own.append((lo, hi))
                self.pending = None
                if self.stretch is not self.document:  # a reviewer comments between the items
                    self.stretch_left = 0
            elif (hit := self._reported(s, lo, hi, [p for p in named if lo <= p.start < hi], carried)) is not None:
                out.extend(hit)  # a new report ends any wait
            elif out and out[-1].party and out[-1].hi == lo and clauses.goes_on(s.text, out[-1].lo, lo, clause):
                out[-1] = replace(out[-1], hi=hi)  # 对中国的限制，对中国的制裁: one more object
            elif self.pending:
                self._fill(clause, lo, hi, out)
            elif (item := self._item(clause, lo, hi)) is not None:
                out.append(item)
            elif cues()["evaluative"].search(clause) and clauses.own_view(clause):
                own.append((lo, hi))
        if own:
            taken = [(sp.lo, sp.hi) for sp in out]
            view = own_span(s.text, own, [c for c in parts if c not in taken])
            if clauses.holds_view(s.text[view.lo:view.hi]):
                out.append(view)
        self._age(bool(out or own))
        if not out:
            return out
        asked = [(lo, hi) for lo, hi in parts if clauses.asks(s.text[lo:hi])]
        return [sp for sp in joined(out) if not any(lo < sp.hi and sp.lo < hi for lo, hi in asked)]

    def _fill(self, clause: str, lo: int, hi: int, out: list[Span]) -> None:
        """The content a frame waited for: the next clause that says something, maybe in the
        party's own words (谈一个事情是什么呢？就是我要…)."""
        p = self.pending
        assert p is not None
        if clauses.says_something(stripped(clause), quoting=True):
            out.append(Span(lo if p.start is None else p.start, hi, p.party, p.confidence))
            self.pending = None
            return
        p.left -= 1
        if p.left <= 0:
            self.pending = None

    def _reported(self, s: Words, lo: int, hi: int, parties: list[Party], carried: Party | None) -> list[Span] | None:
        """A clause whose subject is a party and whose verb reports it; a frame only opens the
        wait for its content."""
        for p in parties:
            party = self._resolve(p)
            if party is None:
                continue
            found = self._verb(s, p, hi)
            if found is None:
                topic = p.kind != "place" or s.text.startswith(("他", "它"), p.end)  # 美国他在…: a subject
                if topic and clauses.subject_place(s.text[lo:p.start]):  # its verb may follow
                    if self.pending and (self.pending.start is None or self.pending.party.name != party.name):
                        self.pending = None  # 而共和党他…, 所以他在…: a new subject, no earlier frame's content
                    self.subject = party
                    if p.kind in ("name", "place"):  # 川普依然在老调重弹，他要…
                        self.last, self.last_age = party, 0
                    if self._awaits_position(s.text, hi, s.text[p.end:hi], party, 0.7):
                        return []  # 他…具有强烈的诉求。就是…
                continue
            if p.kind in ("name", "place"):  # the subject of a report: whom the next 他 stands for
                self.last, self.last_age = party, 0
            frame, sure = found
            self._open(party, announced=frame)
            self.pending = _Pending(party, sure, p.start) if frame else None
            if frame:
                return []
            if cues()["asking"].search(s.text[p.end:hi]):
                return []
            if clauses.judging(s.text[p.end:hi]):  # 非常顽固的态度: the speaker judging
                self._awaits_position(s.text, hi, s.text[p.end:hi], party, sure)  # …的态度。what it is next
                return None
            self.subject = party  # a verb opening the next clause goes on with the same party
            return [Span(p.start, hi, party, sure)]
        hit = self._carried(s.text, lo, hi, carried)  # [] is a frame: the wait is open
        return hit if hit is not None else self._listed(s.text, lo, hi)

    def _carried(self, text: str, lo: int, hi: int, carried: Party | None) -> list[Span] | None:
        """A clause with no subject that opens on a verb: its subject is the one the clause before
        named (拜登已经做了些动作，允许谈判), or, when it says it goes on (又要提出…), the party
        reported just before."""
        recent = self._recent()
        if carried is None and recent is None:
            return None  # most clauses: no subject to carry, none reported just before
        body = text[lo:hi].strip()
        goes_on = cues()["continuing"].search(body, 0, OPENING) is not None  # 现在又要…, 比如说…
        party = carried or (recent if goes_on else None)
        if party is None:
            return None
        if carried and self._awaits_position(text, hi, body, party, 0.7):
            return []  # 川普他的政策里面，…具有强烈的诉求。就是…
        for _ in range(2):  # 现在又要: an adverb, a marker, an adverb
            body = clauses.ADVERBS.sub("", body)
            body = next((body[len(m):] for m in cues()["continuation"] if body.startswith(m)), body)
        bare = clauses.ADVERBS.sub("", body)
        verb = cues()["verb"].match(bare)
        if verb and cues()["say"].fullmatch(verb.group()) and (carried or verb.group() not in clauses.SAYING) and (
                cues()["asking"].search(bare) or is_frame(bare[verb.end():])):
            self.pending = _Pending(party, 0.65, lo)  # 谈一个事情是什么呢？: the answer is the content
            return []
        if verb is None or verb.group() in clauses.SAYING or cues()["asking"].search(body) or content_chars(body) < 4:
            return None
        if carried:
            self.subject = party  # 选择了这样一块地方，建立…: the next verb goes on with it
        return [Span(lo, hi, party, 0.65, goes_on=carried is not None)]

    def _verb(self, s: Words, p: Party, hi: int) -> tuple[bool, float] | None:
        """(whether the clause is only a frame, confidence) when a verb of saying, intent or
        action follows the party within ``clauses.GAP`` — or its position (的看法就是 …, 发过报告)."""
        if p.kind == "name" and clauses.modifies(s.word_at(p.end)):
            return None  # 多普勒效应, 费米能级: the name is part of a term, not who acts
        window = s.text[p.end:min(hi, p.end + clauses.GAP + 4)]
        for m in cues()["verb"].finditer(window):
            at = p.end + m.start()
            if m.start() > clauses.reach(p.kind, m.group()) or clauses.interrupted(window[:m.start()]):
                continue
            if p.kind == "place" and clauses.names_a_thing(window[:m.start()]):
                continue  # 海淀那个问题说, 美国经济要: the verb is the thing's, not the country's
            if clauses.not_a_verb(s.text, at, m.group()):
                continue
            if m.start() == 0 or s.starts_word(at):
                rest = s.text[at + len(m.group()):hi]
                frame = clauses.frames(m.group(), rest) or clauses.condition(rest)
                return frame, 0.6 if p.kind == "place" else 0.7 if p.kind == "pronoun" else 0.8
        if clauses.has_position(s.text[p.end:hi]):
            return False, 0.6 if p.kind == "place" else 0.7
        m = clauses.position().search(s.text, p.end, hi)
        if m and m.start() - p.end <= clauses.GAP and p.kind != "place":
            rest = s.text[m.end():hi]
            return (not m.group(2) or content_chars(rest) < 4), 0.75
        m = cues()["measure_frame"].search(s.text, p.end, hi)  # 拜登已经做了些动作，允许…
        if m and m.start() - p.end <= clauses.GAP and clauses.measures_only(s.text[m.start():hi]):
            return True, 0.7
        return None

    def _listed(self, text: str, lo: int, hi: int) -> list[Span] | None:
        """In a talk reviewing a document, a list cue with no subject (提了几个，一个是…) reports
        the document; an ordinal header (第一个是人工智能) opens its list but is not an item."""
        clause = text[lo:hi]
        open_document = self.stretch if self.stretch and self.stretch.kind == "document" and self.stretch_left else None
        party = self.document or open_document
        if party is None or "我" in clause:
            return None
        for cue in cues()["listing"]:
            at = clause.find(cue)
            if at >= 0:
                self._open(party)
                if clauses.HEADER.search(clause):  # the list's heading: its items follow
                    return []
                if is_frame(clause[at + len(cue):]):
                    self.pending = _Pending(party, 0.7)
                    return []
                self.pending = None
                return [Span(lo + at, hi, party, 0.7)]
        return None

    def _item(self, clause: str, lo: int, hi: int) -> Span | None:
        """A clause that continues the open reported list: in a reviewed document any short
        clause naming something; after a named party one that says it continues (又是…, 第二…)."""
        if self.document and clauses.measure(clause):  # 研发基于AI的…: a measure of the reviewed document
            return Span(lo, hi, self.document, 0.7)
        listing = self._numbering()
        if not listing and not self._list_open():
            return None  # most clauses: no list open, none to take up again
        head = clause.strip().lstrip("就然后而且")
        ordinal = head.startswith(cues()["ordinal"])
        number = clauses.ordinal_number(head)
        if number and self.numbered and number == self.numbered[1] + 1 and listing:
            self.stretch, self.ordinal_left = self.numbered[0], ORDINAL_REACH + 1  # 第三个 after 第二个
        party = self.stretch
        if party is None or not self._list_open():
            return None
        body = stripped(clause)
        if ordinal and content_chars(body) < 8 and party is not self.document:  # 第二个三，是指…: next clause
            self.pending, self.stretch_left = _Pending(party, 0.65), DECAY + 1
            self.ordinal_left = ORDINAL_REACH + 1  # each numbered item carries the list further
            if number:
                self.numbered, self.numbered_age = (party, number), 0
            return None
        if self.stretch_left <= 0 or not clauses.names_something(body):
            return None
        if party is self.document:
            return Span(lo, hi, party, 0.7) if "是" not in body else None
        if body.startswith(clauses.SAYING):  # 甚至于说…: the speaker saying it, not the party
            return None
        if (ordinal or head.startswith(cues()["continuation"])) and clauses.has_verb(body):
            return Span(lo, hi, party, 0.65)
        return None

    def _idle(self) -> bool:
        """Whether nothing read so far can make a clause a claim: then only a party or a view cue can."""
        return (self.pending is None and self.document is None and self._recent() is None
                and not self._list_open() and not self._numbering())

    def _recent(self) -> Party | None:
        """The party reported in this sentence or the one before: a verb-first clause may go on with it."""
        return self.last if self.last_age <= 1 else None

    def _numbering(self) -> bool:
        """Whether a numbered list's last item is near enough for the next number to take it up."""
        return self.numbered is not None and self.numbered_age <= LIST_REACH

    def _list_open(self) -> bool:
        """Whether a reported list is open: within its decay, or within a numbered list's reach."""
        return self.stretch is not None and (self.stretch_left > 0 or self.ordinal_left > 0)

    def _awaits_position(self, text: str, hi: int, rest: str, party: Party, sure: float) -> bool:
        """A clause closing its sentence on a party's position (…具有强烈的诉求。, …的态度。):
        what the position is comes in the next sentence, so a frame waits for it."""
        if hi != len(text) or not clauses.ends_on_position(rest):
            return False
        self.pending = _Pending(party, sure)
        return True

    def _resolve(self, p: Party) -> Party | None:
        if p.kind != "pronoun":
            return p
        if self.last is None or self.last_age > PRONOUN_REACH:
            return None
        return Party(self.last.name, p.start, p.end, "pronoun")

    def _open(self, party: Party, announced: bool = False) -> None:
        """A reported list of ``party`` opens; a frame that announces one (提出了…政策，就是所谓的
        333) lets its numbered items (第二个三，…) come several sentences later."""
        self.stretch, self.stretch_left = party, DECAY + 1
        self.ordinal_left = ORDINAL_REACH + 1 if announced else 0

    def _age(self, found: bool) -> None:
        self.last_age += 1
        self.numbered_age += 1
        self.ordinal_left = max(0, self.ordinal_left - 1)
        if not found:
            self.stretch_left = max(0, self.stretch_left - 1)
