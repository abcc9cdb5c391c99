"""jieba, shared by every stage that needs it (clean's guards, segment, notes).

jieba is the costliest thing the offline pipeline does, and several stages look at the same
sentences; caching by sentence text means each sentence is segmented once per process however many
stages ask. The dictionary loads on first use, not at import, and once per process.
"""

from __future__ import annotations

import logging
from functools import cache, lru_cache


@cache
def _jieba():
    import jieba  # deferred: loading the dictionary is the slow part of start-up

    jieba.setLogLevel(logging.ERROR)
    jieba.initialize()
    return jieba


@lru_cache(maxsize=262_144)
def words(text: str) -> tuple[str, ...]:
    """jieba's words of one sentence, cached."""
    return tuple(_jieba().lcut(text))


def frequency(word: str) -> int:
    """How often jieba's dictionary has seen ``word`` (0: not a dictionary word)."""
    return _jieba().dt.FREQ.get(word, 0) or 0


@cache
def _idf_table() -> tuple[dict[str, str], float]:
    """jieba's IDF table, read straight from the file jieba ships: importing ``jieba.analyse``
    would also load the part-of-speech dictionary (over a second per process, for nothing).
    Values stay text until asked for; the median stands in for unknown words, as in jieba."""
    import os

    path = os.path.join(os.path.dirname(_jieba().__file__), "analyse", "idf.txt")
    with open(path, encoding="utf-8") as f:
        items = iter(f.read().split())
    table = dict(zip(items, items, strict=False))
    values = sorted(map(float, table.values()))
    return table, values[len(values) // 2] if values else 10.0


def idf(word: str) -> float:
    """How rare a word is in general Chinese (jieba's IDF table); unknown words — new terms,
    names, Latin words — count as rare, which is what they usually are in a talk."""
    table, median = _idf_table()
    value = table.get(word)
    return float(value) if value is not None else median
