"""The words of a claim: a statement a reader understands without the transcript, made from the
cleaned text of its evidence, and the claim's type.

The evidence is what the talk said (又是向丹麦索要格陵兰岛, 他要让欧洲多买天然气); the statement
drops the openers and hedges in front, puts the reported party where a pronoun or nothing stood
(川普向丹麦索要格陵兰岛), and is refused when what is left is too short to say anything or is only
a reporting frame (这边也提了: someone said something, but not what).
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.notes.cues import cues
from pipeline.notes.llm_checks import too_short
from pipeline.zh.chars import content_chars

MIN_CHARS = 6  # characters of speech after a reporting verb: fewer says nothing yet
_EDGE = "，,；;。？！?!、：: "
_PRONOUN = re.compile(r"^(他们|她们|他|她)(的)?")
_FILLER_AFTER_VERB = re.compile(r"^[了过着]?(一个|一些|一下|几个|这个|那个|这些|几点|几块|了)?")


@cache
def _openers() -> tuple[str, ...]:
    c = cues()
    return (*c["hedges"], *c["continuation"], *c["listing_items"])


def stripped(text: str) -> str:
    """``text`` without the openers, hedges, list markers and punctuation at its edges; an opener
    goes only when more than two characters would be left after it."""
    openers = _openers()
    body = text.strip(_EDGE)
    while body.startswith(openers):  # most clauses open with none
        h = next((h for h in openers if body.startswith(h) and content_chars(body) > len(h) + 2), None)
        if h is None:
            break
        body = body[len(h):].lstrip(_EDGE)
    return body.rstrip(_EDGE)


def is_frame(rest: str) -> bool:
    """Whether what follows a reporting verb says nothing yet: 提了几个, 写得很清楚, 发过报告,
    提出了一个非常重要的政策, 讲了很多的故事. The content, if any, is in the clauses after it."""
    rest = _FILLER_AFTER_VERB.sub("", rest.strip(_EDGE))
    if content_chars(rest) < MIN_CHARS:
        return True
    return rest.endswith(cues()["position"]) or rest.endswith(cues()["speech_nouns"])


def statement(evidence: str, name: str | None, document: bool = False) -> str | None:
    """The statement of a claim whose evidence is ``evidence``, reported of ``name`` (None: the
    speaker's own; ``document``: a document, whose items it puts forward); None when too short."""
    body = stripped(evidence)
    text = _with_party(body, name, document) if name else body
    # a predicate with its party in front is a sentence (拜登允许招标); a bare item is not
    if too_short(body if text == body or "：" in text else text):
        return None
    return text + "。"


def _with_party(body: str, name: str, document: bool) -> str:
    """``body`` with ``name`` as its subject: in place of a leading pronoun, or in front of a
    predicate that has none (向丹麦索要…), or before a colon for a listed item; a document puts
    its items forward (方案提出：构建可信系统)."""
    m = _PRONOUN.match(body)
    if m:
        return name + (m.group(2) or "") + body[m.end():]
    if name[:2] in body[:len(name) + 4]:  # the name at the start: it is the subject already
        return body
    if document:
        return f"{name}提出：{body}"
    if cues()["verb"].match(body) or body.startswith(_PREDICATE_OPENERS):
        return name + body
    return f"{name}：{body}"


# A body starting with one of these has no subject of its own: the party goes straight in front.
_PREDICATE_OPENERS = ("向", "对", "把", "让", "将", "在", "通过", "用", "给", "从", "已经", "还", "也", "曾",
                      "不惜", "不断", "大规模", "继续", "再", "会", "能", "可以", "正在", "一直", "都")


def claim_type(text: str, reported: bool) -> str:
    """``policy_measure``/``goal``/``fact`` for a reported claim, ``advice``/``prediction``/
    ``opinion`` for the speaker's own."""
    c = cues()
    if reported:
        if "目标" in text:
            return "goal"
        return "policy_measure" if c["act"].search(text) or c["intend"].search(text) else "fact"
    if c["advice"].search(text):
        return "advice"
    return "prediction" if c["prediction"].search(text) else "opinion"
