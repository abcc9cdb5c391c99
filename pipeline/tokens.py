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
