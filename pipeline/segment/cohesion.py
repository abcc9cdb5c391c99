"""Lexical cohesion between neighbouring blocks of sentences (TextTiling-style depth scores).

Each sentence becomes a bag of jieba content words weighted by TF-IDF over the document's own
sentences (a word in every sentence tells nothing about where topics change). The similarity
between the ``w`` sentences before a gap and the ``w`` after it dips where the vocabulary turns
over; a gap's depth is how far that dip lies below the peaks on either side.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from pipeline.segment.cues import rules
from pipeline.tokens import words

_CONTENT = re.compile(r"[\u4e00-\u9fff]{2,}|[A-Za-z][A-Za-z0-9.+-]*[A-Za-z0-9]|[A-Za-z]{2,}")


def terms(texts: list[str]) -> list[Counter]:
    stop = rules()["stopwords"]
    return [Counter(w for w in words(t) if _CONTENT.fullmatch(w) and w not in stop) for t in texts]


def tfidf(bags: list[Counter]) -> list[dict[str, float]]:
    n = len(bags)
    df: Counter = Counter()
    for b in bags:
        df.update(b.keys())
    idf = {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}
    return [{w: (1 + math.log(c)) * idf[w] for w, c in b.items()} for b in bags]


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def gap_similarity(vecs: list[dict[str, float]], window: int) -> list[float]:
    """sim[i]: similarity between sentences [i-w, i) and [i, i+w), for gaps i = 1..n-1 (index 0 unused).

    The two blocks slide along the talk, each step adding the sentence that enters and taking out
    the one that leaves, so the cost per gap does not grow with the window.
    """
    n = len(vecs)
    sims = [1.0] * n
    left: dict[str, float] = {}
    right: dict[str, float] = {}
    for v in vecs[0:window]:
        _add(right, v, 1.0)
    for i in range(1, n):
        _add(left, vecs[i - 1], 1.0)  # sentence i-1 moves from the right block to the left
        _add(right, vecs[i - 1], -1.0)
        if i - 1 - window >= 0:
            _add(left, vecs[i - 1 - window], -1.0)
        if i - 1 + window < n:
            _add(right, vecs[i - 1 + window], 1.0)
        sims[i] = _cos(left, right)
    return sims


def _add(block: dict[str, float], v: dict[str, float], sign: float) -> None:
    for k, x in v.items():
        y = block.get(k, 0.0) + sign * x
        if y > 1e-9:
            block[k] = y
        else:
            block.pop(k, None)


def depth_scores(sims: list[float]) -> list[float]:
    """Depth of each gap's dip below the highest similarity reachable uphill on each side."""
    n = len(sims)
    depth = [0.0] * n
    for i in range(1, n):
        left = sims[i]
        j = i - 1
        while j >= 1 and sims[j] >= left:
            left = sims[j]
            j -= 1
        right = sims[i]
        j = i + 1
        while j < n and sims[j] >= right:
            right = sims[j]
            j += 1
        depth[i] = (left - sims[i]) + (right - sims[i])
    return depth
