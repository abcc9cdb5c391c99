"""The notes as a tree, for a mind map: talk title → sections → each section's summary line, then
its key points, key terms, questions (each with its answer) and claims, each kind under a label.

One tree feeds both drawings of it (the review page's map tab and ``NAME.opml``), so they show the
same nodes. A node that comes from the transcript keeps its source span, so the review page can
highlight it; claims and questions hang under the section their source span starts in.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from pipeline.models import Notes, Section, Segment, TimeSpan
from pipeline.render.labels import claim_who


@dataclass
class Node:
    text: str
    kind: str  # root, section, summary, points, point, terms, term, questions, question, answer, claims, claim
    start: int | None = None
    end: int | None = None
    time: TimeSpan | None = None
    children: list[Node] = field(default_factory=list)
    who: str | None = None  # who said it, or whom a claim is attributed to


def _grouped(n: Notes) -> tuple[dict[int, list[Node]], dict[int, list[Node]]]:
    """Claim nodes and question nodes per section index, by where their source span starts."""
    starts = [s.start for s in n.segments]

    def where(offset: int) -> int:
        return n.segments[max(0, bisect_right(starts, offset) - 1)].index

    claims: dict[int, list[Node]] = {}
    for c in n.claims:
        ev = c.evidence
        claims.setdefault(where(ev.start), []).append(
            Node(c.statement, "claim", ev.start, ev.end, ev.time, who=claim_who(c)))
    questions: dict[int, list[Node]] = {}
    for item in n.qa:
        q, a = item.question, item.answer
        answer = Node(a.text, "answer", a.start, a.end, a.time, who=a.speaker)
        questions.setdefault(where(q.start), []).append(
            Node(q.text, "question", q.start, q.end, q.time, [answer], who=q.speaker))
    return claims, questions


def _section(i: int, sec: Section, seg: Segment, claims: list[Node], questions: list[Node]) -> Node:
    node = Node(f"{i + 1}. {sec.title}", "section", seg.start, seg.end, seg.time)
    if sec.summary:
        s = sec.summary
        node.children.append(Node(s.text, "summary", s.start, s.end, s.time, who=s.speaker))
    if sec.key_points:
        node.children.append(Node("要点", "points", children=[
            Node(p.text, "point", p.start, p.end, p.time, who=p.speaker) for p in sec.key_points]))
    if sec.terms:
        node.children.append(Node("关键词", "terms", children=[Node(t, "term") for t in sec.terms]))
    if questions:
        node.children.append(Node("问答", "questions", children=questions))
    if claims:
        node.children.append(Node("主张", "claims", children=claims))
    return node


def tree(notes: Notes) -> Node:
    """The notes as one tree, its root the talk's title."""
    root = Node(notes.meta.title or notes.source.path, "root")
    if not notes.segments:
        return root
    segs = {s.index: s for s in notes.segments}
    claims, questions = _grouped(notes)
    for i, sec in enumerate(notes.outline.sections):
        seg = segs.get(sec.segment)
        if seg is not None:
            root.children.append(_section(i, sec, seg, claims.get(seg.index, []), questions.get(seg.index, [])))
    return root
