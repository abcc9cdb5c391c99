"""The notes pane of the review page: the talk's summary, each section (its summary line, key
points and terms), the questions and answers, and the claims with their filters. Every item
carries its source span, so a click highlights it in the transcript."""

from __future__ import annotations

from pipeline.models import Claim, Notes
from pipeline.render.labels import QA_KIND, WHO
from pipeline.render.markup import e, span_attrs, when


def _sections(notes: Notes) -> list[str]:
    segs = {s.index: s for s in notes.segments}
    out = ["<h2>章节</h2>"]
    for sec in notes.outline.sections:
        seg = segs.get(sec.segment)
        if seg is None:
            continue
        out.append(f'<h3 class="item section" {span_attrs(seg.start, seg.end)}>{seg.index + 1}. {e(sec.title)}'
                   f"{when(notes, seg.time[0] if seg.time else None)}</h3>")
        if sec.summary:
            line = sec.summary
            out.append(f'<p class="item summary" {span_attrs(line.start, line.end)}>{e(line.text)}</p>')
        out.append("<ul>")
        for p in sec.key_points:
            who = f"<b>{e(p.speaker)}</b>：" if p.speaker and len(sec.speakers) > 1 else ""
            out.append(f'<li class="item point" {span_attrs(p.start, p.end)}>{who}{e(p.text)}'
                       f"{when(notes, p.time[0] if p.time else None)}</li>")
        out.append("</ul>")
        if sec.terms:
            out.append(f'<div class="terms">关键词：{e("、".join(sec.terms))}</div>')
    return out


def _qa(notes: Notes) -> list[str]:
    if not notes.qa:
        return []
    out = ['<h2>问答</h2><dl id="qa">']
    for item in notes.qa:
        q, a = item.question, item.answer
        asker = f"<b>{e(q.speaker)}</b>：" if q.speaker else ""
        answerer = f"<b>{e(a.speaker)}</b>：" if a.speaker and item.kind == "interview" else ""
        at = when(notes, q.time[0] if q.time else None)
        out.append(f'<dt class="item question kind-{item.kind}" {span_attrs(q.start, q.end)} '
                   f'title="{e(QA_KIND[item.kind])}">{asker}{e(q.text)}{at}</dt>'
                   f'<dd class="item answer" {span_attrs(a.start, a.end)}>{answerer}{e(a.text)}</dd>')
    out.append("</dl>")
    return out


def _who_key(c: Claim) -> str:
    return f"speaker:{c.speaker}" if c.attributed_to == "speaker" and c.speaker else c.attributed_to


def _who_label(key: str) -> str:
    return key.split(":", 1)[1] if key.startswith("speaker:") else WHO.get(key, key)


def _claims(notes: Notes) -> list[str]:
    if not notes.claims:
        return ['<select id="filter-who" hidden></select><select id="filter-topic" hidden></select>']
    whos = sorted({_who_key(c) for c in notes.claims})
    topics = sorted({c.topic for c in notes.claims})
    out = ['<h2>观点与主张</h2><div class="controls">谁说的 <select id="filter-who"><option value="">全部</option>']
    out += [f'<option value="{e(w)}">{e(_who_label(w))}</option>' for w in whos]
    out.append('</select> 话题 <select id="filter-topic"><option value="">全部</option>')
    out += [f'<option value="{e(t)}">{e(t)}</option>' for t in topics]
    out.append('</select></div><table id="claims"><thead>'
               "<tr><th>主张</th><th>谁</th><th>话题</th></tr></thead><tbody>")
    for c in notes.claims:
        ev = c.evidence
        out.append(f'<tr class="item claim" data-who="{e(_who_key(c))}" data-topic="{e(c.topic)}" '
                   f'{span_attrs(ev.start, ev.end)}><td>{e(c.statement)}'
                   f'{when(notes, ev.time[0] if ev.time else None)}</td>'
                   f'<td class="who-{c.attributed_to}">{e(_who_label(_who_key(c)))}</td>'
                   f"<td>{e(c.topic)}</td></tr>")
    out.append("</tbody></table>")
    return out


def notes_pane(notes: Notes) -> str:
    out: list[str] = []
    if notes.outline.summary:
        out.append("<h2>摘要</h2><ul>")
        out += [f'<li class="item" {span_attrs(p.start, p.end)}>{e(p.text)}</li>' for p in notes.outline.summary]
        out.append("</ul>")
    return "".join([*out, *_sections(notes), *_qa(notes), *_claims(notes)])
