"""Word segmentation shared by the stages that read sentences (segment, notes).

jieba is the costliest thing the offline pipeline does, and several stages look at the same
sentences; caching by sentence text means each sentence is segmented once per process however many
stages ask. The dictionary loads on first use, not at import.
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


@cache
def _idf_table() -> tuple[dict[str, float], float]:
    from jieba.analyse import default_tfidf  # deferred: reading the table takes about 0.4 s

    return default_tfidf.idf_freq, default_tfidf.median_idf


def idf(word: str) -> float:
    """How rare a word is in general Chinese (jieba's IDF table); unknown words — new terms,
    names, Latin words — count as rare, which is what they usually are in a talk."""
    table, median = _idf_table()
    return table.get(word, median)
