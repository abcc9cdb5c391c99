"""Candidate titles: the noun phrases a sentence holds, and the rules every title keeps.

A section is best named by what it keeps talking about, in the talk's own words: a noun phrase
(可控核聚变, 能源政策, 核聚变的原理), not a clause fragment (要想一想他在) or two stray key
words. jieba's dictionary says which words are nouns (``pipeline.zh.words.tags``), so a phrase
is a run of up to three words whose last is a noun and whose others are nouns or modifiers,
joined directly or by 的. ``acceptable`` is the check every title passes, offline or from a
model. Rules and tag sets are in ``data/titles.toml``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from pipeline.segment import discourse
from pipeline.zh import data
from pipeline.zh.chars import CLAUSE_MARKS, STOPS
from pipeline.zh.words import is_content_word, words

Phrase = tuple[str, ...]


@cache
def rules() -> dict[str, Any]:
    raw = dict(data.toml(__package__, "titles.toml"))
    raw["head"] = frozenset(raw["head_tags"])
    raw["modifier"] = frozenset(raw["head_tags"]) | frozenset(raw["modifier_tags"])
    raw["bad_start_words"] = tuple(raw["bad_start_words"])
    raw["not_title_words"] = frozenset(raw["not_title_words"])
    return raw


def acceptable(title: str) -> bool:
    """A title a reader can navigate by: 3–20 characters, not pure ASCII, no clause or sentence
    punctuation, not ending with a particle or pronoun, not opening with an interjection or
    connective."""
    r = rules()
    title = title.strip()
    if not r["min_chars"] <= len(title) <= r["max_chars"] or title.isascii():
        return False
    if any(ch in STOPS or ch in CLAUSE_MARKS for ch in title):
        return False
    return title[-1] not in r["bad_end_chars"] and not title.startswith(r["bad_start_words"])


def join(phrase: Phrase) -> str:
    """The phrase as text: words run together, a space between two Latin ones."""
    out = ""
    for w in phrase:
        if out and out[-1].isascii() and out[-1].isalnum() and w[0].isascii() and w[0].isalnum():
            out += " "
        out += w
    return out


@cache
def _keyish(word: str) -> bool:
    """A word that can be part of a name for a topic: a content word, not a stop word, an
    ordinal or a count (第二块, 两分钟)."""
    if not is_content_word(word) or any(ch.isdigit() for ch in word):
        return False
    r = discourse.rules()
    return word not in r["stopwords"] and word not in rules()["not_title_words"] and r["not_key"].match(word) is None


def word_roles(tags: Mapping[str, str]) -> dict[str, bool]:
    """The words a phrase can hold (content words that are not stop words, tagged as nouns or
    modifiers), each with whether it can end one (a noun). Decided once for a talk's vocabulary
    (``tags``: its words' parts of speech), so that reading a sentence is one look-up a word
    instead of the tests for each word of every sentence."""
    r = rules()
    return {w: t in r["head"] for w, t in tags.items() if t in r["modifier"] and _keyish(w)}


def noun_phrases(text: str, roles: Mapping[str, bool]) -> list[Phrase]:
    """The noun phrases of ``text`` (see the module), each as its words; ``roles``: what each word
    can be (``word_roles``; a word not in it can be no part of a phrase)."""
    ws = words(text)
    head = [roles.get(w) for w in ws]  # None: no phrase word; False: a modifier; True: a noun
    most = rules()["max_words"]
    out: list[Phrase] = []
    for i in range(len(ws)):
        if head[i] is None:  # a phrase starts on a word it can hold
            continue
        run: list[str] = []
        for j in range(i, len(ws)):
            w = ws[j]
            if w.isspace() and run:  # 人工智能 AIGC: the space a Latin word stands apart by
                continue
            if w == "的" and run and j + 1 < len(ws):
                run.append(w)
                continue
            if head[j] is None or len(run) - run.count("的") >= most:
                break
            run.append(w)
            if head[j]:
                out.append(tuple(run))
    return out


def is_noun_phrase(text: str, tags: Mapping[str, str]) -> bool:
    """Whether ``text`` as a whole is one noun phrase (a subject a cue names may be a clause)."""
    return any(join(p) == text for p in noun_phrases(text, word_roles(tags)))


def name_like(word: str, tags: Mapping[str, str], repeats: int) -> bool:
    """A word jieba's dictionary does not list, said often enough to be a name (贝森特)."""
    lo, hi = rules()["unknown_chars"]
    return tags.get(word, "") == "" and lo <= len(word) <= hi and repeats >= rules()["unknown_repeats"] \
        and _keyish(word)
