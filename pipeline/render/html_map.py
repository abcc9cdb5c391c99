"""The mind-map tab of the review page: ``mindmap.tree`` drawn as nested lists that CSS lays out
left to right with connecting lines (``review.css``), so it needs no script, canvas or network to
draw, prints, and scales with the text. A node from the transcript carries its source span like
every other item of the page, so clicking it highlights the span."""

from __future__ import annotations

from pipeline.render.labels import clock
from pipeline.render.markup import e, span_attrs
from pipeline.render.mindmap import Node


def _title(node: Node) -> str:
    parts = [f"{clock(node.time[0])}–{clock(node.time[1])}" if node.time else "", node.who or ""]
    return " · ".join(p for p in parts if p)


def _li(node: Node) -> str:
    attrs, cls = "", f"mm-node mm-{node.kind}"
    if node.start is not None and node.end is not None:
        attrs, cls = f" {span_attrs(node.start, node.end)}", cls + " item"
    title = _title(node)
    if title:
        attrs += f' title="{e(title)}"'
    label = f'<span class="{cls}"{attrs}>{e(node.text)}</span>'
    if not node.children:
        return f"<li>{label}</li>"
    return f"<li>{label}<ul>{''.join(_li(c) for c in node.children)}</ul></li>"


def map_pane(root: Node) -> str:
    return f'<div id="mindmap" class="mm" hidden><ul class="mm-tree">{_li(root)}</ul></div>'
