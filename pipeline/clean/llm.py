"""LLM corrections for the clean stage.

The model sees the draft in chunks, with the offline corrector's near-miss candidates as hints,
and answers with edits (``wrong``, ``right``, where, why) — never rewritten text. An edit is
applied only when every check passes: ``wrong`` stands at the place the model names, the draft
has not been edited there already, the change sounds alike (pinyin with the usual recogniser
confusions), looks alike (Latin letters), is a hinted candidate or turns spoken numerals into
digits, and it leaves negations, digits and protected terms alone. So a model can fix what it
heard wrong but cannot rewrite the talk or flip its meaning.
"""

from __future__ import annotations

import itertools
import logging
import re
from difflib import SequenceMatcher
from functools import cache

from pydantic import BaseModel, Field

from pipeline import fanout
from pipeline.backends.base import Backend
from pipeline.clean.textmap import Change, Draft
from pipeline.models import Candidate, Degraded
from pipeline.zh import data, pinyin, words

STAGE = "clean"
log = logging.getLogger("subnotes.llm")
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"[0-9０-９]")


class LLMEdit(BaseModel):
    wrong: str = Field(min_length=1)
    right: str
    context: str = ""
    reason: str = ""


class Corrections(BaseModel):
    edits: list[LLMEdit]


def _rules() -> dict:
    return data.toml(__package__, "llm_checks.toml")


@cache
def _protected() -> frozenset[str]:
    """Terms no model may take apart: the shipped lexicon's terms. They also make a change
    plausible when ``right`` is one of them."""
    return frozenset(t.split()[0] for t in words.lexicon_lines() if "=>" not in t and len(t) >= 2)


def correct(draft: Draft, candidates: list[Candidate], backend: Backend | None) -> Degraded | None:
    """Apply the model's checked edits to the draft; what failed, if a call did."""
    if backend is None or not backend.is_model:
        return None
    text = draft.text
    spans = _chunks(text, backend.chunk_chars)
    calls = [{"transcript": text[a:b], "hints": _hints(draft, candidates, a, b)} for a, b in spans]
    results = fanout.ask_each(backend, "correct", calls, Corrections)
    hinted = {(c.before, c.suggestion) for c in candidates}
    changes: dict[tuple[int, int], Change] = {}
    for (a, b), answer in zip(spans, results, strict=True):
        if not isinstance(answer, Corrections):
            continue
        for edit in answer.edits:
            at = _locate(text, a, b, edit)
            if at is None or not _acceptable(draft, at, edit, hinted):
                log.debug("llm edit rejected: %s → %s", edit.wrong, edit.right)
                continue
            changes.setdefault((at, at + len(edit.wrong)), Change(
                at, at + len(edit.wrong), edit.right, "correction", "llm", None, edit.reason[:80] or None))
    draft.apply(list(changes.values()))
    return fanout.failure(STAGE, results)


def _chunks(text: str, limit: int) -> list[tuple[int, int]]:
    """Chunks of the draft cut after sentence-ending punctuation, overlapping by a little."""
    ends = [m.end() for m in re.finditer(r"[。！？!?\n]+", text)]
    bounds = [0]
    for end in [*ends, len(text)]:  # an unpunctuated stretch longer than a chunk is cut every 1/4 chunk
        while end - bounds[-1] > limit:
            bounds.append(bounds[-1] + max(1, limit // 4))
        if end > bounds[-1]:
            bounds.append(end)
    lengths = [b - a for a, b in itertools.pairwise(bounds)]
    return [(bounds[i], bounds[j]) for i, j in fanout.windows(lengths, limit, overlap=min(200, limit // 10))]


def _hints(draft: Draft, candidates: list[Candidate], a: int, b: int) -> str:
    lo, hi = draft.source_span(a, b) if b > a else (0, 0)
    lines = [f"- {c.before} → {c.suggestion}（{c.reason}）" for c in candidates if lo <= c.start and c.end <= hi]
    return "\n".join(lines[:40]) or "（无）"


def _locate(text: str, a: int, b: int, edit: LLMEdit) -> int | None:
    """Where ``wrong`` stands: inside the quoted context if it is found in the chunk, else the only
    occurrence in the chunk; None when the place is not certain."""
    chunk = text[a:b]
    if edit.context and edit.wrong in edit.context:
        hits = [m.start() for m in re.finditer(re.escape(edit.context), chunk)]
        if len(hits) == 1:
            return a + hits[0] + edit.context.index(edit.wrong)
    hits = [m.start() for m in re.finditer(re.escape(edit.wrong), chunk)]
    return a + hits[0] if len(hits) == 1 else None


def _acceptable(draft: Draft, at: int, edit: LLMEdit, hinted: set[tuple[str, str]]) -> bool:
    rules = _rules()
    wrong, right = edit.wrong, edit.right
    if wrong == right or len(wrong) > rules["max_wrong"] or len(right) > len(wrong) + rules["max_growth"]:
        return False
    if any(draft.is_edited(i) for i in range(at, at + len(wrong))):
        return False  # an offline pass has decided here already
    removed, added = _diff(wrong, right)
    negations = set(rules["negations"])
    if negations & (set(removed) | set(added)) or _DIGIT.search(removed):
        return False
    if any(t in wrong for t in _protected()):
        return False
    if (wrong, right) in hinted:
        return True  # the offline corrector's own near miss
    if _DIGIT.search(added):  # spoken numerals → digits, nothing else
        return bool(removed) and all(ch in rules["numerals"] for ch in removed)
    scale = 0.5 if right in _protected() else 1.0  # a known term needs less likeness, not none
    if _LATIN.search(wrong) or _LATIN.search(right):
        letters = SequenceMatcher(None, wrong.lower(), right.lower()).ratio()
        return letters >= rules["min_letters"] * scale
    return pinyin.sound_alike(wrong, right) >= rules["min_pinyin"] * scale


def _diff(wrong: str, right: str) -> tuple[str, str]:
    """The characters an edit takes out and puts in."""
    removed, added = [], []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, wrong, right, autojunk=False).get_opcodes():
        if op != "equal":
            removed.append(wrong[i1:i2])
            added.append(right[j1:j2])
    return "".join(removed), "".join(added)
