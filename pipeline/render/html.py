"""The review page, ``NAME.html``: notes on the left, the transcript on the right, every item
clickable back to its source span. Self-contained (CSS and JS inline, no network), works from
``file://``, and escapes all transcript text.

The transcript is the decoded source, cut once at every offset something refers to (edits,
sections, key points, claim evidence), so a click highlights exactly ``[start, end)``: the pieces
inside it. Edits show as the struck-through original followed by the fix; a toggle hides them.
"""

from __future__ import annotations

import itertools
from functools import cache
from html import escape
from importlib import resources

from pipeline.models import Document, Notes
from pipeline.render.markdown import clock

_WHO = {"source_document": "文件/他方", "speaker": "讲者"}


@cache
def _asset(name: str) -> str:
    return resources.files("pipeline.render").joinpath(f"data/{name}").read_text("utf-8")


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _span_attrs(start: int, end: int) -> str:
    return f'data-s="{start}" data-e="{end}"'


def _when(notes: Notes, t: float | None) -> str:
    if t is None:
        return ""
    if notes.meta.url:
        return f'<a class="when" href="{_e(notes.meta.url)}?t={int(t)}" target="_blank">{clock(t)}</a>'
    return f'<span class="when">{clock(t)}</span>'


def _transcript(notes: Notes, doc: Document) -> str:
    text = doc.text
    n = len(text)
    cuts = {0, n}
    for e in notes.edits:
        cuts.update((e.start, e.end))
    for s in notes.segments:
        cuts.update((s.start, s.end))
    for p in itertools.chain(notes.outline.summary, *(sec.key_points for sec in notes.outline.sections)):
        cuts.update((p.start, p.end))
    for c in notes.claims:
        cuts.update((c.evidence.start, c.evidence.end))
    bounds = sorted(x for x in cuts if 0 <= x <= n)
    opens = {e.start: e for e in notes.edits if e.end > e.start}
    closes = {e.end: e for e in notes.edits if e.end > e.start}
    inserts = {e.start: e for e in notes.edits if e.end == e.start}
    marks = {s.start: s for s in notes.segments}
    out: list[str] = []
    for a, b in itertools.pairwise(bounds):
        if a in marks:
            seg = marks.pop(a)
            out.append(f'<span class="segmark" id="seg-{seg.index}">§{seg.index + 1} {_e(seg.title)}</span>')
        if a in inserts:
            out.append(f'<ins class="edit">{_e(inserts.pop(a).after)}</ins>')
        if a in opens:
            e = opens[a]
            out.append(f'<del class="edit kind-{e.kind}" title="{_e(e.kind)} · {_e(e.origin)}">')
        out.append(f'<span class="t" {_span_attrs(a, b)}>{_e(text[a:b])}</span>')
        if b in closes:
            e = closes[b]
            out.append("</del>" + (f'<ins class="edit kind-{e.kind}">{_e(e.after)}</ins>' if e.after else ""))
    return "".join(out)


def _notes(notes: Notes) -> str:
    out: list[str] = []
    if notes.outline.summary:
        out.append("<h2>摘要</h2><ul>")
        out += [f'<li class="item" {_span_attrs(p.start, p.end)}>{_e(p.text)}</li>' for p in notes.outline.summary]
        out.append("</ul>")
    segs = {s.index: s for s in notes.segments}
    out.append("<h2>章节</h2>")
    for sec in notes.outline.sections:
        seg = segs.get(sec.segment)
        if seg is None:
            continue
        when = _when(notes, seg.time[0] if seg.time else None)
        out.append(f'<h3 class="item section" {_span_attrs(seg.start, seg.end)}>{seg.index + 1}. {_e(sec.title)}'
                   f"{when}</h3><ul>")
        for p in sec.key_points:
            who = f"<b>{_e(p.speaker)}</b>：" if p.speaker and len(sec.speakers) > 1 else ""
            out.append(f'<li class="item point" {_span_attrs(p.start, p.end)}>{who}{_e(p.text)}'
                       f"{_when(notes, p.time[0] if p.time else None)}</li>")
        out.append("</ul>")
        if sec.terms:
            out.append(f'<div class="terms">关键词：{_e("、".join(sec.terms))}</div>')
    if notes.claims:
        whos = sorted({_who_key(c) for c in notes.claims})
        topics = sorted({c.topic for c in notes.claims})
        out.append('<h2>观点与主张</h2><div class="controls">谁说的 '
                   '<select id="filter-who"><option value="">全部</option>')
        out += [f'<option value="{_e(w)}">{_e(_who_label(w))}</option>' for w in whos]
        out.append('</select> 话题 <select id="filter-topic"><option value="">全部</option>')
        out += [f'<option value="{_e(t)}">{_e(t)}</option>' for t in topics]
        out.append('</select></div><table id="claims"><thead>'
                   "<tr><th>主张</th><th>谁</th><th>话题</th></tr></thead><tbody>")
        for c in notes.claims:
            ev = c.evidence
            out.append(f'<tr class="item claim" data-who="{_e(_who_key(c))}" data-topic="{_e(c.topic)}" '
                       f'{_span_attrs(ev.start, ev.end)}><td>{_e(c.statement)}'
                       f'{_when(notes, ev.time[0] if ev.time else None)}</td>'
                       f'<td class="who-{c.attributed_to}">{_e(_who_label(_who_key(c)))}</td>'
                       f"<td>{_e(c.topic)}</td></tr>")
        out.append("</tbody></table>")
    else:
        out.append('<select id="filter-who" hidden></select><select id="filter-topic" hidden></select>')
    return "".join(out)


def _who_key(c) -> str:
    return f"speaker:{c.speaker}" if c.attributed_to == "speaker" and c.speaker else c.attributed_to


def _who_label(key: str) -> str:
    return key.split(":", 1)[1] if key.startswith("speaker:") else _WHO.get(key, key)


def _timeline(notes: Notes, doc: Document) -> str:
    if not notes.segments:
        return ""
    timed = notes.meta.duration and all(s.time for s in notes.segments)
    total = notes.meta.duration if timed else max(1, len(doc.text))
    out = ['<div class="timeline" id="timeline">']
    for s in notes.segments:
        a, b = (s.time if timed and s.time else (s.start, s.end))
        left, width = 100 * a / total, max(0.5, 100 * (b - a) / total)
        label = f"{clock(a)} " if timed else ""
        out.append(f'<div class="tl item" style="left:{left:.2f}%;width:{width:.2f}%" {_span_attrs(s.start, s.end)} '
                   f'title="{_e(label + s.title)}">{_e(s.title)}</div>')
    out.append("</div>")
    return "".join(out)


def render(notes: Notes, doc: Document) -> str:
    title = notes.meta.title or notes.source.path
    link = f' · <a href="{_e(notes.meta.url)}" target="_blank">视频</a>' if notes.meta.url else ""
    return (
        '<!doctype html>\n<html lang="zh"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="subnotes">'
        f"<title>{_e(title)}</title><style>{_asset('review.css')}</style></head><body>"
        f"<header><h1>{_e(title)}</h1><div class=\"controls\"><span>{_e(notes.source.path)}{link}</span>"
        '<label><input type="checkbox" id="toggle-edits" checked> 显示更正</label>'
        f"<span>{len(notes.edits)} 处修改 · {len(notes.segments)} 节 · {len(notes.claims)} 条主张</span></div>"
        f"{_timeline(notes, doc)}</header>"
        f'<main><section id="notes">{_notes(notes)}</section>'
        f'<section id="transcript">{_transcript(notes, doc)}</section></main>'
        f"<script>{_asset('review.js')}</script></body></html>\n"
    )
