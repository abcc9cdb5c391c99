"""Toneless pinyin as the lexicon matcher reads it, with pypinyin kept off the common path.

pypinyin takes a third of a second to import in every process (its phrase dictionary is JSON and
its phrase segmenter is trained at import), which was the largest part of a worker's start-up.
Yet it reads a phrase from that dictionary and every other character alone, so its reading of a
text can only differ from the characters' own readings where the text holds one of the phrases
whose reading differs from their characters' (3,437 of its 47,111: 银行 yinhang, not yinxing).
Those phrases and every character's reading are tables stored across runs
(``pipeline.tablecache``); a window holding none of those phrases is read from the character
table, and pypinyin is asked only for the rest, with the same result.
"""

from __future__ import annotations

import re
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
    """``syllables(text)``, without pypinyin unless a phrase in ``text`` reads otherwise than its
    characters do."""
    odd, longest = _odd_phrases()
    n = len(text)
    if longest < 0 or any(text[i:j] in odd for i in range(n - 1) for j in range(i + 2, min(n, i + longest) + 1)):
        return syllables(text)
    chars = char_readings()
    out = [chars.get(ch) for ch in text]
    return syllables(text) if None in out else out  # type: ignore[return-value]


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
def _odd_phrases() -> tuple[frozenset[str], int]:
    """pypinyin's phrases whose reading differs from their characters', and the longest one's
    length; length -1 when pypinyin's phrase table cannot be read (then pypinyin reads everything)."""
    from pipeline.tablecache import stored

    def build() -> list[str]:
        try:
            from pypinyin.constants import PHRASES_DICT
        except ImportError:  # a pypinyin without that table: nothing is known, ask it every time
            return ["\0"]
        chars = char_readings()
        return sorted(w for w in PHRASES_DICT if len(w) > 1 and syllables(w) != [chars.get(c) for c in w])

    got = stored("pinyin-odd-phrases", table_key(), build,
                 lambda v: isinstance(v, list) and all(isinstance(w, str) for w in v))
    if got == ["\0"]:
        return frozenset(), -1
    return frozenset(got), max(map(len, got), default=0)
