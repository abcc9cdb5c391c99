"""The best segmentation by dynamic programming over unit starts.

A segmentation's cost is the sum of its sections' lexical costs (cohesion.span_costs), a price
per section, minus a bonus at each start the discourse evidence favours (a cue phrase, a pause).
Exact minimisation — rather than taking the best-scoring gaps greedily — lets one strong topic
turn and the vocabulary on both sides of it be judged together. ``count`` fixes the number of
sections (then the price plays no part); sections shorter than ``min_len`` are not allowed.

Each pass pulls: the best way to end a section at unit j is the minimum, over the starts that
may reach j, of (best cost before the start − its bonus + the section's cost), taken with
C-level ``map``/``min`` over one column of the cost table instead of a Python loop over every
(start, length) pair. Ties go to the earliest start, as a push in start order would.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from itertools import accumulate
from operator import add


def best(cost: list[list[float]], price: float, bonus: list[float], size: list[int], min_len: int,
         count: int | None = None, cols: list[list[float]] | None = None) -> list[int]:
    """Start units of the optimal sections (the first is 0).

    ``cost[i][d]`` is the cost of units i..i+d; ``size`` the length of each unit (characters);
    a section may be at most ``len(cost[i])`` units long. With no feasible split (too short a
    talk for the minimum length), the whole talk is one section. ``cols``: ``columns(cost)``,
    when the caller solves the same table several times.
    """
    n = len(cost)
    if n == 0:
        return [0]
    pos = list(accumulate(size, initial=0))
    cols = cols if cols is not None else columns(cost)
    if count is not None:
        return _fixed(cols, bonus, pos, min_len, count)
    total = [0.0] + [INF] * n
    back = [0] * (n + 1)
    base = [INF] * n  # base[i]: best cost before unit i + the price of a section starting there
    base[0] = price
    for j in range(1, n + 1):
        got = _pull(base, cols[j - 1], pos, j, min_len, whole=j == n)
        if got is not None:
            total[j], back[j] = got
            if j < n:
                base[j] = total[j] + price - bonus[j]
    if total[n] == INF:
        return [0]
    return _trace(back, n)


INF = math.inf


def columns(cost: list[list[float]]) -> list[list[float]]:
    """``cols[j]``: the costs of the sections ending at unit j, by start (earliest first)."""
    n = len(cost)
    cols: list[list[float]] = [[] for _ in range(n)]
    for i in range(n - 1, -1, -1):  # the latest start first, then each column is reversed once
        for d, c in enumerate(cost[i]):
            cols[i + d].append(c)
    for col in cols:
        col.reverse()
    return cols


def _pull(base: list[float], col: list[float], pos: list[int], j: int, min_len: int,
          whole: bool = False) -> tuple[float, int] | None:
    """(best cost, start) of a section ending before unit j, or None if none can: starts run
    from the earliest ``col`` reaches to the last leaving ``min_len`` (unit 0 too when ``whole``,
    the whole talk as one section)."""
    lo = j - len(col)
    hi = min(j - 1, bisect_right(pos, pos[j] - min_len) - 1)  # the last start long enough
    if hi < lo:
        return (base[0] + col[0], 0) if whole and lo == 0 and base[0] < INF else None
    vals = list(map(add, base[lo:hi + 1], col))
    v = min(vals)
    return None if v == INF else (v, lo + vals.index(v))


EXACT_MAX = 60  # up to this many sections a fixed count is solved exactly; beyond, by the price


def near(cost: list[list[float]], price: float, bonus: list[float], size: list[int], min_len: int,
         target: int) -> list[int]:
    """About ``target`` sections. Exactly, by the layered programme, when the target is small;
    for a long input asking for hundreds of sections, by searching the price per section (each
    try is one linear pass), since the layered programme costs target × units × span."""
    cols = columns(cost)
    if target <= EXACT_MAX:
        got = best(cost, price, bonus, size, min_len, target, cols=cols)
        # no split into at most ``target`` sections fits the length bounds: let the price decide
        return got if len(got) > 1 or target == 1 else best(cost, price, bonus, size, min_len, cols=cols)
    lo, hi = math.log(max(price, 1e-6)) - 12.0, math.log(max(price, 1e-6)) + 12.0
    found = best(cost, price, bonus, size, min_len, cols=cols)
    for _ in range(24):
        mid = (lo + hi) / 2
        got = best(cost, math.exp(mid), bonus, size, min_len, cols=cols)
        if abs(len(got) - target) < abs(len(found) - target):
            found = got
        if len(got) == target:
            break
        if len(got) > target:
            lo = mid  # too many sections: a dearer section
        else:
            hi = mid
    return found


def _fixed(cols: list[list[float]], bonus: list[float], pos: list[int], min_len: int, count: int) -> list[int]:
    """Exactly ``count`` sections if the lengths allow, else as many as they do.

    One layered pass: layer k holds the best cost of every prefix in k sections, so the largest
    feasible count up to ``count`` is read off the layers without re-running the programme.
    """
    n = len(cols)
    count = max(1, min(count, n, pos[n] // max(1, min_len)))
    layer = [0.0] + [INF] * n  # layer[j]: best cost of units 0..j-1 in k sections
    backs: list[list[int]] = []
    best_k = 0
    for k in range(1, count + 1):
        base = [layer[i] - (bonus[i] if i else 0.0) for i in range(n)]
        nxt = [INF] * (n + 1)
        back = [0] * (n + 1)
        for j in range(1, n + 1):
            got = _pull(base, cols[j - 1], pos, j, min_len)
            if got is not None:
                nxt[j], back[j] = got
        backs.append(back)
        layer = nxt
        if layer[n] < INF:
            best_k = k
    if best_k <= 1:
        return [0]
    starts = []
    j = n
    for back in reversed(backs[:best_k]):
        j = back[j]
        starts.append(j)
    return sorted(starts)


def _trace(back: list[int], n: int) -> list[int]:
    starts = []
    j = n
    while j > 0:
        j = back[j]
        starts.append(j)
    return sorted(starts)
