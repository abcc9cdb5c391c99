"""The words and formats every rendering of the notes shares, so the Markdown, the review page
and the mind map name things alike: who a claim is attributed to, what a question item is, and a
clock time."""

from __future__ import annotations

from pipeline.models import Claim

#: who a claim is attributed to, when it names no one
WHO = {"source_document": "文件/他方", "speaker": "讲者"}
#: what a question item is: asked of another speaker, or asked and answered by one
QA_KIND = {"interview": "访谈", "rhetorical": "自问自答"}


def clock(sec: float) -> str:
    s = int(sec)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60:02d}:{s % 60:02d}"


def claim_who(c: Claim) -> str:
    """Who a claim is attributed to, as a reader would name them: the speaker, the document or
    person named, else what kind of source it is."""
    base = c.attributed_name or (c.document if c.attributed_to == "source_document" and c.document else None)
    who = base or WHO[c.attributed_to]
    return f"{c.speaker}" if c.attributed_to == "speaker" and c.speaker else who
