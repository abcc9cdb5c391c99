"""Toneless pinyin, and the sounds a recogniser confuses: one rule set for every caller.

The only module that imports pypinyin. ``syllables`` reads a text in context (银行 yin hang,
not yin xing), which is what a misheard phrase must be compared by. ``char_syllable`` reads a
character alone; it is what the term search keys every position of a talk by, so it comes from a
table built once with pypinyin and kept across runs (``tables``): pypinyin takes a quarter of a
second to import, and most talks never need more than that table. ``fold``, ``near`` and
``sound_alike`` apply the confusions of ``data/pinyin.toml`` (zh/z, n/l, eng/en …), the same for
the lexicon matcher, its search index and the LLM edit guard.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from pipeline.zh import data, tables

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


def syllables(text: str) -> list[str]:
    """Toneless pinyin in context, one item per character (a non-Chinese character stands for
    itself)."""
    lazy = _pypinyin().lazy_pinyin
    out = lazy(text, errors=lambda s: list(s))
    return out if len(out) == len(text) else [lazy(ch, errors=lambda s: list(s))[0] for ch in text]


def _source_key() -> str:
    """What pypinyin's readings depend on: its version and this module's rules."""
    from importlib.metadata import version

    return f"pypinyin {version('pypinyin')}:{data.text(__package__, 'pinyin.toml')}"


@cache
def _char_table() -> dict[str, str]:
    """Toneless pinyin of every character in ``TABLE_CHARS``, read alone."""
    return tables.stored("pinyin-chars", _source_key(),
                         lambda: {chr(c): syllables(chr(c))[0] for c in TABLE_CHARS},
                         lambda v: isinstance(v, dict) and len(v) == len(TABLE_CHARS))


def char_syllable(ch: str) -> str:
    """The toneless reading of one character alone."""
    known = _char_table().get(ch)
    return known if known is not None else syllables(ch)[0]


def readings(phrases: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """``syllables`` of each phrase (a lexicon's terms), kept across runs for the same phrases."""
    wanted = sorted(set(phrases))
    return tables.stored("pinyin-phrases", f"{_source_key()}:{tables.text_key(*wanted)}",
                         lambda: {p: tuple(syllables(p)) for p in wanted},
                         lambda v: isinstance(v, dict) and len(v) == len(wanted))


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
