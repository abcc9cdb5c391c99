"""The notes document → ``NAME.md``: what a person reads and keeps.

Order: YAML front matter (valid for Obsidian and static-site tools; it carries
``generator: subnotes`` so a later run knows the file is its own), a short summary, a table of
contents, one section per topic (time range linked to the video moment when the Bilibili id is
known, its one-line summary as a quote, key points, key terms, speakers), the questions and
answers, a chapter list for video descriptions when the input has
times, the claims table, the corrections table, and the full cleaned transcript inside
``<details>`` with an anchor per section. Transcript text is escaped so that nothing in it can
become Markdown or HTML.
"""

from __future__ import annotations

import json
import re
from collections import Counter

from pipeline.models import Claim, Notes
from pipeline.render.labels import QA_KIND, claim_who, clock
from pipeline.zh.chars import STOPS

#: what each character that could become Markdown or HTML, or break a line, is written as
_ESCAPED = {"&": "&amp;", "\n": " ", **{c: "\\" + c for c in "\\`*_[]<>|~"}}
_SPECIAL = re.compile("|".join(re.escape(c) for c in _ESCAPED))
_BLOCK_START = re.compile(r"^(#|[-+>=]|\d+[.)])")


def esc(text: str) -> str:
    """Escape Markdown and HTML specials in transcript text (one line, table-safe)."""
    text = _SPECIAL.sub(lambda m: _ESCAPED[m.group()], text)
    return "\\" + text if _BLOCK_START.match(text) else text


def _yaml(value: object) -> str:
    """A YAML scalar: JSON strings are valid YAML and safe for any text."""
    return json.dumps(value, ensure_ascii=False)


def _front_matter(n: Notes) -> list[str]:
    m = n.meta
    fields: list[tuple[str, object]] = [
        ("title", m.title or n.source.path), ("source", n.source.path), ("format", n.source.format),
        ("duration", round(m.duration, 1) if m.duration else None), ("bvid", m.bvid), ("url", m.url),
        ("uploader", m.uploader), ("speakers", m.speakers or None), ("backend", n.run.backend),
        ("model", n.run.model), ("subnotes_version", n.run.version), ("created", n.run.created),
    ]
    lines = ["---"]
    for key, value in fields:
        if value is None:
            continue
        if isinstance(value, list):
            lines.append(f"{key}: [{', '.join(_yaml(v) for v in value)}]")
        elif isinstance(value, int | float):
            lines.append(f"{key}: {value}")
        else:
            lines.append(f"{key}: {_yaml(value)}")
    lines += ["generator: subnotes", "---"]  # literal: outputs.py recognises its own files by it
    return lines


def _when(n: Notes, time: tuple[float, float] | None) -> str:
    if not time:
        return ""
    label = f"{clock(time[0])}–{clock(time[1])}"
    if n.meta.url:
        return f"[{label}]({n.meta.url}?t={int(time[0])})"
    return label


def _anchor(i: int) -> str:
    return f"sec-{i + 1}"


def _claims(n: Notes) -> list[str]:
    if not n.claims:
        return []
    out = ["## 观点与主张", "", "| 主张 | 谁说的 | 话题 | 出处 |", "| --- | --- | --- | --- |"]
    for c in n.claims:
        out.append(f"| {esc(c.statement)} | {esc(claim_who(c))} | {esc(c.topic)} | {_where(n, c)} |")
    return [*out, ""]


def _where(n: Notes, c: Claim) -> str:
    quote = c.evidence.quote if len(c.evidence.quote) <= 30 else c.evidence.quote[:29] + "…"
    if not c.evidence.time:
        return f"“{esc(quote)}”"
    return f"{_moment(n, c.evidence.time[0])} “{esc(quote)}”"


def _moment(n: Notes, t: float) -> str:
    """A clock time, linked to that moment of the video when the input names one."""
    return f"[{clock(t)}]({n.meta.url}?t={int(t)})" if n.meta.url else clock(t)


def _corrections(n: Notes) -> list[str]:
    kinds = {"correction": "纠错", "number": "数字", "script": "繁简"}
    counts = Counter((e.kind, e.before, e.after) for e in n.edits if e.kind in kinds)
    if not counts:
        return []
    out = ["## 更正", "", "| 原文 | 改为 | 类型 | 次数 |", "| --- | --- | --- | --- |"]
    shown: Counter = Counter()
    for (kind, before, after), k in counts.items():
        if kind == "number":  # the span is the stray mark itself: say where it stood
            before = "数字中的" + before.strip() + ("（跨行）" if "\n" in before else "")
        shown[(kind, before, after)] += k
    for (kind, before, after), k in sorted(shown.items(), key=lambda x: (-x[1], x[0])):
        out.append(f"| {esc(before)} | {esc(after)} | {kinds[kind]} | {k} |")
    removed = sum(1 for e in n.edits if e.kind in ("filler", "repeat"))
    if removed:
        out += ["", f"另删去口头语和重复 {removed} 处（见 notes.json 的 edits）。"]
    return [*out, ""]


def _sections(n: Notes) -> list[str]:
    lines: list[str] = []
    segs = {s.index: s for s in n.segments}
    for i, sec in enumerate(n.outline.sections):
        seg = segs.get(sec.segment)
        when = _when(n, seg.time if seg else None)
        heading = f"## {i + 1}. {esc(sec.title)}" + (f" ({when})" if when else "")
        lines += [f'<a id="{_anchor(i)}"></a>', "", heading, ""]
        if sec.summary:
            lines += [f"> {esc(sec.summary.text)}", ""]
        if sec.speakers:
            lines += [f"发言：{esc('、'.join(sec.speakers))}", ""]
        for p in sec.key_points:
            who = f"**{esc(p.speaker)}**：" if p.speaker and len(sec.speakers) > 1 else ""
            lines.append(f"- {who}{esc(p.text)}")
        if sec.terms:
            lines += ["", "关键词：" + "、".join(esc(t) for t in sec.terms)]
        lines.append("")
    return lines


def _qa(n: Notes) -> list[str]:
    """Questions and their answers: who asked, when, and the answer's first words."""
    if not n.qa:
        return []
    out = ["## 问答", ""]
    for k, item in enumerate(n.qa):
        q, a = item.question, item.answer
        asker = "，".join(x for x in (esc(q.speaker or ""), _moment(n, q.time[0]) if q.time else "") if x)
        answerer = esc(a.speaker or "") if item.kind == "interview" else QA_KIND[item.kind]
        more = "" if a.text.endswith(tuple(STOPS)) else "…"  # condensed: the answer goes on
        out.append(f"{k + 1}. **问**{f'（{asker}）' if asker else ''}：{esc(q.text)}")
        out.append(f"   **答**{f'（{answerer}）' if answerer else ''}：{esc(a.text)}{more}")
    return [*out, ""]


def _transcript(n: Notes) -> list[str]:
    lines = ["## 全文", "", "<details>", "<summary>清理后的全文</summary>", ""]
    for i, seg in enumerate(n.segments):
        lines += [f"### {i + 1}. {esc(seg.title)}", ""]
        paragraph: list[str] = []
        speaker = None
        for sent in n.sentences[seg.first_sentence:seg.last_sentence + 1]:
            if sent.speaker != speaker and sent.speaker:
                if paragraph:
                    lines += ["".join(paragraph), ""]
                paragraph = [f"**{esc(sent.speaker)}**："]
                speaker = sent.speaker
            paragraph.append(esc(sent.text))
        lines += ["".join(paragraph), ""]
    return [*lines, "</details>", ""]


def render(notes: Notes) -> str:
    n = notes
    title = n.meta.title or n.source.path
    lines = [*_front_matter(n), "", f"# {esc(title)}", ""]
    if n.meta.url:
        lines += [f"视频：<{n.meta.url}>", ""]
    if n.outline.summary:
        lines += ["## 摘要", ""] + [f"- {esc(p.text)}" for p in n.outline.summary] + [""]
    segs = {s.index: s for s in n.segments}
    if n.outline.sections:
        lines += ["## 目录", ""]
        for i, sec in enumerate(n.outline.sections):
            when = _when(n, segs[sec.segment].time if sec.segment in segs else None)
            lines.append(f"{i + 1}. [{esc(sec.title)}](#{_anchor(i)})" + (f" {when}" if when else ""))
        lines.append("")
    lines += _sections(n)
    lines += _qa(n)
    timed = [s for s in n.segments if s.time]
    if timed and len(timed) == len(n.segments):
        lines += ["## 章节（可粘贴到视频简介）", "", "```text"]
        lines += [f"{clock(s.time[0]) if s.index else '00:00'} {s.title}" for s in n.segments if s.time]
        lines += ["```", ""]
    return "\n".join([*lines, *_claims(n), *_corrections(n), *_transcript(n)])
