"""Toneless pinyin as the lexicon matcher reads it, without importing pypinyin on the way.

pypinyin takes a third of a second to import in every process (its phrase dictionary is JSON and
its phrase segmenter is trained at import), which was the largest part of a worker's start-up.
Its reading of a text is its phrase table's reading of each phrase its forward maximum match cuts
out, and every other character's own reading; that differs from the characters' own readings only
inside the phrases read otherwise than their characters (3,437 of its 47,111: 银行 yinhang, not
yinxing). Those phrases with their readings, every character's reading and the phrase list are
tables stored across runs (``pipeline.tablecache``): a window holding none of those phrases is read
from the character table, one holding some is cut as pypinyin cuts it, and pypinyin is imported
only to build the tables and for characters outside them. tests/clean/test_pinyin.py checks the
result against pypinyin itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

# ASR confusions folded away before comparing: retroflex/dental initials, n/l, front/back nasals
_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"))
_FINALS = (("iang", "ian"), ("uang", "uan"), ("ang", "an"), ("eng", "en"), ("ing", "in"))
_SPLIT = re.compile(r"^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(.*)$")
#: the characters the matcher reads (CJK Extension A and the Unified Ideographs)
CHARS = range(0x3400, 0xA000)


def fold(syllable: str) -> str:
    """A toneless syllable with the usual ASR confusions folded (zh→z, n→l, eng→en …)."""
    s = syllable
    for a, b in _INITIALS:
        if s.startswith(a) and len(s) > len(a):
            s = b + s[len(a):]
            break
    for a, b in _FINALS:
        if s.endswith(a):
            s = s[: -len(a)] + b
            break
    return s


def initial(syllable: str) -> str:
    m = _SPLIT.match(syllable)
    return (m.group(1) or "") if m else ""


def final(syllable: str) -> str:
    m = _SPLIT.match(syllable)
    return m.group(2) if m else syllable


def syllables(text: str) -> list[str]:
    """Toneless pinyin, one item per character (non-Chinese characters stand for themselves)."""
    from pypinyin import lazy_pinyin

    out = lazy_pinyin(text, errors=lambda s: list(s))
    return out if len(out) == len(text) else [lazy_pinyin(ch, errors=lambda s: list(s))[0] for ch in text]


def reading(text: str) -> list[str]:
    """pypinyin's toneless reading of ``text`` in context (``syllables``), from the stored tables."""
    chars = char_readings()
    out = [chars.get(ch) for ch in text]
    odd, longest = _odd_phrases()
    if longest < 0 or None in out:  # no phrase table, or a character outside the table
        return syllables(text)
    n = len(text)
    if any(text[i:j] in odd for i in range(n - 1) for j in range(i + 2, min(n, i + longest) + 1)):
        for a, b in _cuts(text):
            said = odd.get(text[a:b])
            if said is not None:
                out[a:b] = said.split(" ")
    return out  # type: ignore[return-value]


def _cuts(text: str) -> Iterator[tuple[int, int]]:
    """The phrases pypinyin's segmenter (``pypinyin.seg.mmseg.seg``: forward maximum match over
    its phrase table, phrases only) cuts out of a run of Chinese characters, as (start, end); what
    lies between them is read a character at a time."""
    prefixes, phrases = _phrase_table()
    n, a = len(text), 0
    while a < n:
        best = 0
        for b in range(a + 1, n + 1):
            word = text[a:b]
            if word not in prefixes:
                break
            if word in phrases:
                best = b
        else:
            if not best:  # the rest starts phrases but holds none: read a character at a time
                return
        if best:
            yield a, best
            a = best
        else:
            a += 1


@cache
def folded_char(ch: str) -> str:
    """Folded toneless pinyin of one character, cached: the cheap key the candidate search uses."""
    r = char_readings().get(ch)
    return fold(r if r is not None else syllables(ch)[0])


def table_key() -> str:
    """What the stored readings depend on: pypinyin's installed files and this module."""
    from importlib.util import find_spec

    from pipeline.tablecache import file_key

    spec = find_spec("pypinyin")
    return f"{file_key(spec.origin) if spec and spec.origin else 'pypinyin?'}:{file_key(__file__)}"


@cache
def char_readings() -> dict[str, str]:
    """Toneless pinyin of every character in ``CHARS``, as ``syllables`` reads it alone."""
    from pipeline.tablecache import stored

    return stored("pinyin-chars", table_key(), lambda: {chr(c): syllables(chr(c))[0] for c in CHARS},
                  lambda v: isinstance(v, dict) and len(v) == len(CHARS))


@cache
def _odd_phrases() -> tuple[dict[str, str], int]:
    """pypinyin's phrases read otherwise than their characters, with that reading (syllables joined
    by spaces), and the longest one's length; -1 when pypinyin's phrase table cannot be read (then
    pypinyin reads everything)."""
    from pipeline.tablecache import stored

    def build() -> dict[str, str]:
        phrases = _pypinyin_phrases()
        if phrases is None:  # a pypinyin without that table: nothing is known, ask it every time
            return {"\0": ""}
        chars = char_readings()
        found = ((w, syllables(w)) for w in phrases)
        return {w: " ".join(said) for w, said in found if said != [chars.get(c) for c in w]}

    got = stored("pinyin-odd-readings", table_key(), build,
                 lambda v: isinstance(v, dict) and all(isinstance(w, str) and isinstance(r, str)
                                                       and (w == "\0" or r.count(" ") == len(w) - 1)
                                                       for w, r in v.items()))
    if "\0" in got:
        return {}, -1
    return got, max(map(len, got), default=0)


@cache
def _phrase_table() -> tuple[frozenset[str], frozenset[str]]:
    """Every prefix of pypinyin's phrases (where its segmenter may go on), and the phrases."""
    from pipeline.tablecache import stored

    joined = stored("pinyin-phrases", table_key(), lambda: "\n".join(_pypinyin_phrases() or ()),
                    lambda v: isinstance(v, str))
    phrases = frozenset(joined.split("\n")) if joined else frozenset()
    return frozenset(w[:i] for w in phrases for i in range(1, len(w) + 1)), phrases


def _pypinyin_phrases() -> list[str] | None:
    try:
        from pypinyin.constants import PHRASES_DICT
    except ImportError:
        return None
    return sorted(PHRASES_DICT)
