"""The review page, ``NAME.html``: notes on the left, the transcript on the right, every item
clickable back to its source span. Self-contained (CSS and JS inline, no network), works from
``file://``, and escapes all transcript text.

The notes pane has two tabs: the notes as a list (``html_notes``) and as a mind map
(``html_map``). The transcript is the decoded source, cut once at every offset something refers to
(edits, sections, summary lines, key points, questions and answers, claim evidence), so a click
highlights exactly ``[start, end)``: the pieces inside it. Edits show as the struck-through
original followed by the fix; a toggle hides them.
"""

from __future__ import annotations

import itertools
from functools import cache
from importlib import resources

from pipeline.models import Document, Notes
from pipeline.render import mindmap
from pipeline.render.html_map import map_pane
from pipeline.render.html_notes import notes_pane
from pipeline.render.labels import clock
from pipeline.render.markup import e, span_attrs


@cache
def _asset(name: str) -> str:
    return resources.files("pipeline.render").joinpath(f"data/{name}").read_text("utf-8")


def _transcript(notes: Notes, doc: Document) -> str:
    text = doc.text
    n = len(text)
    cuts = {0, n}
    for ed in notes.edits:
        cuts.update((ed.start, ed.end))
    for s in notes.segments:
        cuts.update((s.start, s.end))
    lines = [sec.summary for sec in notes.outline.sections if sec.summary]
    for p in itertools.chain(notes.outline.summary, lines, *(sec.key_points for sec in notes.outline.sections)):
        cuts.update((p.start, p.end))
    for item in notes.qa:
        cuts.update((item.question.start, item.question.end, item.answer.start, item.answer.end))
    for c in notes.claims:
        cuts.update((c.evidence.start, c.evidence.end))
    bounds = sorted(x for x in cuts if 0 <= x <= n)
    opens = {ed.start: ed for ed in notes.edits if ed.end > ed.start}
    closes = {ed.end: ed for ed in notes.edits if ed.end > ed.start}
    inserts = {ed.start: ed for ed in notes.edits if ed.end == ed.start}
    marks = {s.start: s for s in notes.segments}
    out: list[str] = []
    for a, b in itertools.pairwise(bounds):
        if a in marks:
            seg = marks.pop(a)
            out.append(f'<span class="segmark" id="seg-{seg.index}">§{seg.index + 1} {e(seg.title)}</span>')
        if a in inserts:
            out.append(f'<ins class="edit">{e(inserts.pop(a).after)}</ins>')
        if a in opens:
            ed = opens[a]
            out.append(f'<del class="edit kind-{ed.kind}" title="{e(ed.kind)} · {e(ed.origin)}">')
        out.append(f'<span class="t" {span_attrs(a, b)}>{e(text[a:b])}</span>')
        if b in closes:
            ed = closes[b]
            out.append("</del>" + (f'<ins class="edit kind-{ed.kind}">{e(ed.after)}</ins>' if ed.after else ""))
    return "".join(out)


def _timeline(notes: Notes, doc: Document) -> str:
    if not notes.segments:
        return ""
    duration = notes.meta.duration
    timed = bool(duration) and all(s.time for s in notes.segments)
    total: float = duration if timed and duration else max(1, len(doc.text))
    out = ['<div class="timeline" id="timeline">']
    for s in notes.segments:
        a, b = (s.time if timed and s.time else (s.start, s.end))
        left, width = 100 * a / total, max(0.5, 100 * (b - a) / total)
        label = f"{clock(a)} " if timed else ""
        out.append(f'<div class="tl item" style="left:{left:.2f}%;width:{width:.2f}%" {span_attrs(s.start, s.end)} '
                   f'title="{e(label + s.title)}">{e(s.title)}</div>')
    out.append("</div>")
    return "".join(out)


def render(notes: Notes, doc: Document) -> str:
    title = notes.meta.title or notes.source.path
    link = f' · <a href="{e(notes.meta.url)}" target="_blank">视频</a>' if notes.meta.url else ""
    return (
        '<!doctype html>\n<html lang="zh"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="subnotes">'
        f"<title>{e(title)}</title><style>{_asset('review.css')}</style></head><body>"
        f"<header><h1>{e(title)}</h1><div class=\"controls\"><span>{e(notes.source.path)}{link}</span>"
        '<label><input type="checkbox" id="toggle-edits" checked> 显示更正</label>'
        f"<span>{len(notes.edits)} 处修改 · {len(notes.segments)} 节 · {len(notes.claims)} 条主张</span></div>"
        f"{_timeline(notes, doc)}</header>"
        '<main><section id="notes"><nav class="tabs"><button type="button" class="tab on" data-tab="notes-list">'
        '笔记</button><button type="button" class="tab" data-tab="mindmap">导图</button></nav>'
        f'<div id="notes-list">{notes_pane(notes)}</div>{map_pane(mindmap.tree(notes))}</section>'
        f'<section id="transcript">{_transcript(notes, doc)}</section></main>'
        f"<script>{_asset('review.js')}</script></body></html>\n"
    )
