"""The HTML pieces every part of the review page shares: escaping, the source-span attributes a
click reads, and a time that links to the video moment when there is one. Everything that comes
from the transcript goes through ``e``, so no text of it can become markup."""

from __future__ import annotations

from html import escape

from pipeline.models import Notes
from pipeline.render.labels import clock


def e(value: object) -> str:
    return escape(str(value), quote=True)


def span_attrs(start: int, end: int) -> str:
    return f'data-s="{start}" data-e="{end}"'


def when(notes: Notes, t: float | None) -> str:
    if t is None:
        return ""
    if notes.meta.url:
        return f'<a class="when" href="{e(notes.meta.url)}?t={int(t)}" target="_blank">{clock(t)}</a>'
    return f'<span class="when">{clock(t)}</span>'
