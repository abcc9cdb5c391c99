"""Lexical cohesion of a stretch of talk: how well one word distribution explains it.

Each sentence becomes a bag of jieba content words (stop words and single characters out). A
topic is a stretch whose words come from one distribution, so the cost of a stretch is the code
length of its words under its own Laplace-smoothed unigram model (Utiyama & Isahara 2001): a
stretch that keeps reusing its vocabulary is cheap, one that mixes two vocabularies costs more
than the two halves apart. Segmentation then minimises total cost plus a price per section
(optimal.py), which weighs every word of the talk, not only the two blocks around one gap as
TextTiling does — on the CLVTS dev lectures it is the stronger signal.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from pipeline.segment.cues import rules
from pipeline.tokens import words

CONTENT = re.compile(r"[\u4e00-\u9fff]{2,}|[A-Za-z][A-Za-z0-9.+-]*[A-Za-z0-9]|[A-Za-z]{2,}")


def terms(texts: list[str]) -> list[Counter]:
    """Content words of each text, counted."""
    stop = rules()["stopwords"]
    return [Counter(w for w in words(t) if CONTENT.fullmatch(w) and w not in stop) for t in texts]


def pooled(bags: list[Counter]) -> Counter:
    """The words of several texts counted together (a unit's, a section's)."""
    out: Counter = Counter()
    for b in bags:
        out.update(b)
    return out


def span_costs(bags: list[Counter], cap: int) -> tuple[list[list[float]], int]:
    """cost[i][d]: code length of units i..i+d (d < cap) under their own smoothed unigram model.

    Returns the table and the number of word tokens in the talk (the per-section price scales
    with its logarithm). Words seen in one unit only are left out: they cannot tie two units
    together, and dropping them keeps the table cheap. Each row is built by adding one unit at a
    time, so the whole table costs O(units × cap × distinct words per unit).
    """
    df: Counter = Counter()
    for b in bags:
        df.update(b.keys())
    ids = {w: k for k, w in enumerate(w for w, c in df.items() if c > 1)}
    kept = [[(ids[w], c) for w, c in b.items() if w in ids] for b in bags]  # integer ids: list, not dict
    vocab = len(ids) or 1
    sizes = [sum(c for _, c in b) for b in kept]
    most = max((c for b in kept for _, c in b), default=1)
    table_f = [c * math.log(c + 1) for c in range(most * cap + 2)]
    n = len(kept)
    counts = [0] * vocab
    out: list[list[float]] = []
    for i in range(n):
        acc = 0.0
        length = 0
        row = []
        end = min(n, i + cap)
        for j in range(i, end):
            for w, c in kept[j]:
                old = counts[w]
                counts[w] = old + c
                acc += table_f[old + c] - table_f[old]
            length += sizes[j]
            row.append(length * math.log(length + vocab) - acc)
        for j in range(i, end):  # reset only what this row touched
            for w, _ in kept[j]:
                counts[w] = 0
        out.append(row)
    return out, sum(sizes)
