"""Toneless pinyin, and the sounds a recogniser confuses: one rule set for every caller.

The only module that imports pypinyin. ``syllables`` reads a text in context, word by word as
jieba cuts it (银行 yin hang, not yin xing): exactly pypinyin's reading of pre-cut words
(``lazy_pinyin(words)``, its documented way to use another segmenter), which is what a misheard
phrase must be compared by. It reads from two tables built once with pypinyin and kept across
runs (``tables``): every character's own reading, and the words pypinyin reads otherwise than
their characters (3,437 of its 47,111 phrases). pypinyin takes a third of a second to import in
every process, the largest part of a worker's start-up; with the tables it is imported only to
build them. ``fold``, ``near`` and ``sound_alike`` apply the confusions of ``data/pinyin.toml``
(zh/z, n/l, eng/en …), the same for the lexicon matcher, its search index and the LLM edit guard.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from pipeline.zh import chars, data, tables, words

#: the characters the stored table reads (CJK Extension A and the Unified Ideographs); others
#: are asked of pypinyin
TABLE_CHARS = range(0x3400, 0xA000)
_SPLIT = re.compile(r"^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(.*)$")


@cache
def _rules() -> dict[str, Any]:
    return data.toml(__package__, "pinyin.toml")


@cache
def _pypinyin() -> Any:
    import pypinyin  # deferred: loads its phrase dictionary on import (a quarter of a second)

    return pypinyin


def _pypinyin_reading(text: str | list[str]) -> list[str]:
    """pypinyin's toneless reading, one item per character (a non-Chinese one stands for itself)."""
    return list(_pypinyin().lazy_pinyin(text, errors=lambda s: list(s)))


def _source_key() -> str:
    """What pypinyin's readings depend on: its version and this module's rules."""
    from importlib.metadata import version

    return f"pypinyin {version('pypinyin')}:{data.text(__package__, 'pinyin.toml')}"


@cache
def _char_table() -> dict[str, str]:
    """Toneless pinyin of every character in ``TABLE_CHARS``, read alone."""
    return tables.stored("pinyin-chars", _source_key(),
                         lambda: {chr(c): _pypinyin_reading(chr(c))[0] for c in TABLE_CHARS},
                         lambda v: isinstance(v, dict) and len(v) == len(TABLE_CHARS))


@cache
def _odd_words() -> dict[str, str]:
    """pypinyin's phrases read otherwise than their characters, with that reading (syllables
    joined by spaces): the only words the character table would read wrong."""
    def build() -> dict[str, str]:
        from pypinyin.constants import PHRASES_DICT

        out = {}
        for word in PHRASES_DICT:
            said = _pypinyin_reading([word])
            if len(said) == len(word) and said != [char_syllable(ch) for ch in word]:
                out[word] = " ".join(said)
        return out

    return tables.stored("pinyin-odd-words", _source_key(), build,
                         lambda v: isinstance(v, dict) and len(v) > 100)


def char_syllable(ch: str) -> str:
    """The toneless reading of one character alone (a non-Chinese one stands for itself)."""
    known = _char_table().get(ch)
    if known is not None:
        return known
    return _pypinyin_reading(ch)[0] if chars.is_han(ch) else ch


def syllables(text: str) -> list[str]:
    """Toneless pinyin in context, one item per character: each jieba word of ``text`` as
    pypinyin reads that word (``lazy_pinyin`` of the cut words)."""
    odd = _odd_words()
    out: list[str] = []
    for word in words.words(text):
        said = odd.get(word)
        out += said.split(" ") if said is not None else [char_syllable(ch) for ch in word]
    return out


def readings(phrases: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """``syllables`` of each phrase (a lexicon's terms)."""
    return {p: tuple(syllables(p)) for p in set(phrases)}


def initial(syllable: str) -> str:
    m = _SPLIT.match(syllable)
    return (m.group(1) or "") if m else ""


def final(syllable: str) -> str:
    m = _SPLIT.match(syllable)
    return m.group(2) if m else syllable


@cache
def fold(syllable: str) -> str:
    """A toneless syllable with the confusions of ``data/pinyin.toml`` folded (zh→z, n→l, eng→en)."""
    rules = _rules()["fold"]
    s = syllable
    ini = initial(s)
    if ini in rules["initials"] and len(s) > len(ini):
        s = rules["initials"][ini] + s[len(ini):]
    for a, b in rules["finals"].items():
        if s.endswith(a):
            s = s[: -len(a)] + b
            break
    return s


@cache
def folded(ch: str) -> str:
    """``fold(char_syllable(ch))``: the key the term search reads every character by."""
    return fold(char_syllable(ch))


def _group(ini: str) -> str:
    return next((g for g in _rules()["near"]["initial_groups"] if ini and ini[:1] in g), ini[:1])


def near(a: str, b: str) -> bool:
    """Two syllables a recogniser mixes up: the same once folded, or the same final after
    initials made at one place (bo/po, fu/hu)."""
    if fold(a) == fold(b):
        return True
    return final(a) == final(b) and _group(initial(a)) == _group(initial(b))


def sound_alike(a: str, b: str) -> float:
    """How alike two phrases sound (0..1): the share of syllables, position by position, that are
    ``near`` each other; for phrases of different length, the alignment of their folded syllables."""
    from difflib import SequenceMatcher

    sa = [s for s, ch in zip(syllables(a), a, strict=True) if s != ch]
    sb = [s for s, ch in zip(syllables(b), b, strict=True) if s != ch]
    if not sa or not sb:
        return 0.0
    if len(sa) == len(sb):
        return sum(near(x, y) for x, y in zip(sa, sb, strict=True)) / len(sa)
    return SequenceMatcher(None, [fold(s) for s in sa], [fold(s) for s in sb], autojunk=False).ratio()
