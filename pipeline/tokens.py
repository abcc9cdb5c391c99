"""jieba, shared by every stage that needs it (clean's guards, segment, notes).

jieba is the costliest thing the offline pipeline does, and several stages look at the same
sentences; caching by sentence text means each sentence is segmented once per process however many
stages ask. The dictionary loads on first use, not at import, once per process, from a table
stored across runs (pipeline.tablecache).
"""

from __future__ import annotations

import logging
import os
import re
from array import array
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.tablecache import Lookup


@cache
def _jieba():
    from pipeline.tablecache import file_key, stored

    jieba = _import_jieba()

    jieba.setLogLevel(logging.ERROR)
    dt = jieba.dt
    if not dt.initialized and dt.dictionary == jieba.DEFAULT_DICT:  # not a caller's own dictionary

        def build() -> tuple[str, bytes, int]:
            dt.initialize()
            return "\n".join(dt.FREQ), array("q", dt.FREQ.values()).tobytes(), dt.total

        # jieba's own cache is read a few bytes at a time; ours is read whole (1 s less a process),
        # and as one string of words and one array of counts rather than a marshalled dict of half
        # a million entries: a third faster to turn back into the dict
        key = f"{jieba.__version__}:{file_key(_dict_path(jieba))}:words+counts"
        words, counts, dt.total = stored("jieba-dict", key, build, _is_dictionary)
        freq = array("q")
        freq.frombytes(counts)
        # from a list, not the array: zip reads a list's items in C without making each int anew
        # (70 ms against 93 ms for half a million counts)
        dt.FREQ = dict(zip(words.split("\n"), freq.tolist(), strict=True))
        dt.initialized = True
    dt.check_initialized()
    for term in _domain_terms():
        if not dt.FREQ.get(term):
            dt.add_word(term)  # jieba's own suggested frequency: just enough to be cut out whole
    return jieba


_HAN_TERM = re.compile(r"[\u4e00-\u9fff]{2,}")


def _domain_terms() -> list[str]:
    """The shipped lexicon's Chinese terms (general domain knowledge: 区块链, 云计算, 东数西算),
    which jieba's general dictionary cuts apart (区块 + 链) and so hides from titles, key words and
    the cohesion of a section. Only the shipped list, read as a file (the clean stage owns it and
    importing that package here would import the stage): a user's or a talk's own lexicon would
    make one file's words depend on which files a worker processed before it."""
    path = os.path.join(os.path.dirname(__file__), "clean", "data", "lexicon.txt")
    with open(path, encoding="utf-8") as f:
        return [t for t in (line.split("#", 1)[0].strip() for line in f)
                if _HAN_TERM.fullmatch(t) and "=>" not in t]


def _import_jieba():
    """jieba, imported without pkg_resources: it asks for it only to open its own data files and
    opens them directly without it, and importing pkg_resources (setuptools) costs 0.2 s a process.
    Only while nobody has imported pkg_resources; the entry is taken out again after."""
    import sys

    if "pkg_resources" in sys.modules:
        import jieba
    else:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import raises ImportError
        try:
            import jieba
        finally:
            if "pkg_resources" in sys.modules and sys.modules["pkg_resources"] is None:
                del sys.modules["pkg_resources"]
    return jieba


def _dict_path(jieba) -> str:
    return os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)


def _is_dictionary(value: object) -> bool:
    """(words joined by newlines, their counts as 8-byte ints, the total): one count a word."""
    return (isinstance(value, tuple) and len(value) == 3 and isinstance(value[0], str)
            and isinstance(value[1], bytes) and isinstance(value[2], int)
            and len(value[1]) == 8 * (value[0].count("\n") + 1) > 8000)


class _Memo(dict):
    def __init__(self, fn: Callable[[str], bool]) -> None:
        super().__init__()
        self.fn = fn

    def __missing__(self, word: str) -> bool:
        verdict = self[word] = self.fn(word)
        return verdict


def memo(test: Callable[[str], bool]) -> Callable[[str], bool]:
    """``test`` decided once per word, for filtering every word of a talk: a talk says the same few
    thousand words again and again, and ``filter`` asks a word already seen through C-level
    ``dict.__getitem__``, without a Python call (``functools.cache`` would make one per word)."""
    return _Memo(test).__getitem__


@lru_cache(maxsize=262_144)
def words(text: str) -> tuple[str, ...]:
    """jieba's words of one sentence, cached."""
    return tuple(_jieba().lcut(text))


def frequency(word: str) -> int:
    """How often jieba's dictionary has seen ``word`` (0: not a dictionary word)."""
    return _jieba().dt.FREQ.get(word, 0) or 0


_MEDIAN = ""  # the row holding the table's median (no word is empty)
_idf_known: dict[str, float] = {}  # what this process has looked up


@cache
def _idf_table() -> tuple[Lookup, float]:
    """jieba's IDF table and its median (which stands in for unknown words, as in jieba), read
    from the file jieba ships: importing ``jieba.analyse`` would also load the part-of-speech
    dictionary (over a second per process, for nothing). Stored across runs as an SQLite table:
    a talk asks for a few thousand of its 270k words, and loading it whole cost 0.15 s a process."""
    from pipeline.tablecache import file_key, lookup

    jieba = _jieba()
    path = os.path.join(os.path.dirname(jieba.__file__), "analyse", "idf.txt")

    def build() -> list[tuple[str, float]]:
        with open(path, encoding="utf-8") as f:
            items = iter(f.read().split())
        table = {w: float(v) for w, v in zip(items, items, strict=False)}
        values = sorted(table.values())
        return [*table.items(), (_MEDIAN, values[len(values) // 2] if values else 10.0)]

    table = lookup("jieba-idf", f"{jieba.__version__}:{file_key(path)}:{file_key(__file__)}", build)
    return table, float(table.get_many([_MEDIAN]).get(_MEDIAN, 10.0))


def idf_many(words: Iterable[str]) -> dict[str, float]:
    """``idf`` of each word, the ones not asked before in one batched look-up."""
    table, median = _idf_table()
    words = list(words)
    new = [w for w in words if w not in _idf_known]
    if new:
        found = table.get_many(w for w in new if w != _MEDIAN)
        _idf_known.update((w, found.get(w, median)) for w in new)
    return {w: _idf_known[w] for w in words}


def idf(word: str) -> float:
    """How rare a word is in general Chinese (jieba's IDF table); unknown words — new terms,
    names, Latin words — count as rare, which is what they usually are in a talk."""
    known = _idf_known.get(word)
    return known if known is not None else idf_many((word,))[word]
