"""The notes document → ``NAME.md``."""

from __future__ import annotations

from pipeline.models import Notes


def render(notes: Notes) -> str:
    title = notes.meta.title or notes.source.path
    lines = [f"# {title}", ""]
    for point in notes.outline.summary:
        lines.append(f"- {point.text}")
    lines.append("")
    for sec in notes.outline.sections:
        lines += [f"## {sec.title}", ""]
        lines += [f"- {p.text}" for p in sec.key_points]
        lines.append("")
    return "\n".join(lines)
