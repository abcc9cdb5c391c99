"""Lexical cohesion of a stretch of talk: how well one word distribution explains it.

Each sentence becomes its jieba content words (stop words and single characters out). A
topic is a stretch whose words come from one distribution, so the cost of a stretch is the code
length of its words under its own Laplace-smoothed unigram model (Utiyama & Isahara 2001): a
stretch that keeps reusing its vocabulary is cheap, one that mixes two vocabularies costs more
than the two halves apart. Segmentation then minimises total cost plus a price per section
(optimal.py), which weighs every word of the talk, not only the two blocks around one gap as
TextTiling does — on the CLVTS dev lectures it is the stronger signal.
"""

from __future__ import annotations

import math
from collections import Counter
from itertools import accumulate, chain, islice

from pipeline.segment.discourse import rules
from pipeline.zh.words import is_content_word, words

Terms = tuple[str, ...]


def terms(texts: list[str]) -> list[Terms]:
    """Content words of each text (stop words left out), in order. Left uncounted: a sentence's
    words are only ever counted together with its neighbours' (``pooled``). Whether a word is
    kept is decided once for the talk's vocabulary, not again at every use of the word."""
    stop = rules()["stopwords"]
    said = [words(t) for t in texts]
    kept = {w for w in set(chain.from_iterable(said)) if is_content_word(w) and w not in stop}
    return [tuple(w for w in ws if w in kept) for ws in said]


def pooled(texts: list[Terms]) -> Counter:
    """The words of several texts counted together (a unit's, a section's), in the order of their
    first appearance."""
    return Counter(chain.from_iterable(texts))


def span_costs(bags: list[Counter], cap: int) -> tuple[list[list[float]], int]:
    """cost[i][d]: code length of units i..i+d (d < cap) under their own smoothed unigram model.

    Returns the table and the number of word tokens in the talk (the per-section price scales
    with its logarithm). Words seen in one unit only are left out: they cannot tie two units
    together, and dropping them keeps the table cheap.

    The table is built from the last row up. ``inc[u]`` holds what unit u adds to the summed
    c·log(c+1) of a stretch starting at the current row; a word contributes there only where it
    recurs, and its contributions depend only on its first occurrence in the stretch. Moving the
    start one unit left therefore changes just the words of that unit, at their later occurrences
    within reach, and a row is a running sum of ``inc`` (C-level ``accumulate``). The work is the
    number of same-word pairs less than ``cap`` units apart plus units × cap, not units × cap ×
    words per unit: at 10 hours of speech 83k updates instead of a million.
    """
    kept, vocab = _recurring(bags)
    n = len(kept)
    sizes = [sum(c for _, c in b) for b in kept]
    ends = list(accumulate(sizes, initial=0))
    longest = max((ends[min(n, i + cap)] - ends[i] for i in range(n)), default=0)
    # c·log(c+1) of a word said c times, and L·log(L+V) of a stretch of L tokens, up to the longest
    # stretch: looked up, not computed again for every cell of the table
    f = [c * math.log(c + 1) for c in range(longest + 1)]
    g = [length * math.log(length + vocab) for length in range(longest + 1)]
    occurs: list[list[tuple[int, int]]] = [[] for _ in range(vocab)]  # each word's (unit, count), in order
    for u, b in enumerate(kept):
        for w, c in b:
            occurs[w].append((u, c))
    first = [len(us) for us in occurs]  # index of each word's first occurrence at or after the row
    inc = [0.0] * n
    out: list[list[float]] = [[]] * n
    for i in range(n - 1, -1, -1):
        reach = i + cap
        for w, c in kept[i]:
            a = first[w] - 1
            first[w] = a
            inc[i] += f[c]
            new, old = c, 0  # the word's count from unit i on, and from its next occurrence on
            for u, cb in islice(occurs[w], a + 1, None):
                if u >= reach:
                    break
                inc[u] += (f[new + cb] - f[new]) - (f[old + cb] - f[old])
                new += cb
                old += cb
        end = min(n, reach)
        out[i] = [g[length] - acc for length, acc in zip(accumulate(sizes[i:end]), accumulate(inc[i:end]), strict=True)]
    return out, ends[n]


def _recurring(bags: list[Counter]) -> tuple[list[list[tuple[int, int]]], int]:
    """Each unit's words seen in more than one unit, as (word id, count), and how many such words
    there are. Integer ids, so that per-word state is a list, not a dict."""
    df = Counter(chain.from_iterable(bags))
    ids = {w: k for k, w in enumerate(w for w, c in df.items() if c > 1)}
    return [[(ids[w], c) for w, c in b.items() if w in ids] for b in bags], len(ids) or 1
