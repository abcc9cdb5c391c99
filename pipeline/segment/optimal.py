"""The best segmentation by dynamic programming over unit starts.

A segmentation's cost is the sum of its sections' lexical costs (cohesion.span_costs), a price
per section, minus a bonus at each start the discourse evidence favours (a cue phrase, a pause).
Exact minimisation — rather than taking the best-scoring gaps greedily — lets one strong topic
turn and the vocabulary on both sides of it be judged together. ``count`` fixes the number of
sections (then the price plays no part); sections shorter than ``min_len`` are not allowed.

Each pass pulls: the best way to end a section at unit j is the minimum, over the starts that
may reach j, of (best cost before the start − its bonus + the section's cost), read off one
column of the cost table (the costs of the sections ending at j, by start). Ties go to the
earliest start, as a push in start order would. Which
starts may reach each end depends only on the lengths, so it is worked out once per table, not
once per pass (the price search makes two dozen).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate, islice

INF = math.inf


@dataclass(frozen=True)
class _Table:
    """One segmentation problem, read by section end: ``cols[j - 1]`` the costs of the sections
    ending before unit j by start, ``reach[j]`` the first and last start they may have (last <
    first: none is long enough), ``pos`` the length before each unit."""

    cols: list[list[float]]
    bonus: list[float]
    pos: list[int]
    min_len: int
    reach: list[tuple[int, int]]


def _table(cost: list[list[float]], bonus: list[float], size: list[int], min_len: int,
           cols: list[list[float]] | None) -> _Table:
    cols = cols if cols is not None else columns(cost)
    pos = list(accumulate(size, initial=0))
    reach = [(0, -1)] + [(j - len(cols[j - 1]), min(j - 1, bisect_right(pos, pos[j] - min_len) - 1))
                         for j in range(1, len(cols) + 1)]
    return _Table(cols, bonus, pos, min_len, reach)


def best(cost: list[list[float]], price: float, bonus: list[float], size: list[int], min_len: int,
         count: int | None = None, cols: list[list[float]] | None = None) -> list[int]:
    """Start units of the optimal sections (the first is 0).

    ``cost[i][d]`` is the cost of units i..i+d; ``size`` the length of each unit (characters);
    a section may be at most ``len(cost[i])`` units long. With no feasible split (too short a
    talk for the minimum length), the whole talk is one section. ``cols``: ``columns(cost)``,
    when the caller solves the same table several times.
    """
    if not cost:
        return [0]
    table = _table(cost, bonus, size, min_len, cols)
    return _fixed(table, count) if count is not None else _priced(table, price)


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


def _priced(t: _Table, price: float) -> list[int]:
    """The optimum with ``price`` per section, the whole talk allowed as one section."""
    cols, bonus, reach = t.cols, t.bonus, t.reach
    n = len(cols)
    total = [0.0] + [INF] * n
    back = [0] * (n + 1)
    base = [INF] * n  # base[i]: best cost before unit i + the price of a section starting there
    base[0] = price
    for j in range(1, n + 1):
        lo, hi = reach[j]
        if hi >= lo:
            total[j], back[j] = _least(base, cols[j - 1], lo, lo, hi)
            if j < n:
                base[j] = total[j] + price - bonus[j]
        elif j == n and lo == 0:  # no split is long enough: the whole talk is one section
            total[j], back[j] = base[0] + cols[j - 1][0], 0
    if total[n] == INF:
        return [0]
    return _trace(back, n)


EXACT_MAX = 60  # up to this many sections a fixed count is solved exactly; beyond, by the price


def near(cost: list[list[float]], price: float, bonus: list[float], size: list[int], min_len: int,
         target: int, cols: list[list[float]] | None = None) -> list[int]:
    """About ``target`` sections. Exactly, by the layered programme, when the target is small;
    for a long input asking for hundreds of sections, by searching the price per section (each
    try is one linear pass), since the layered programme costs target × units × span."""
    if not cost:
        return [0]
    table = _table(cost, bonus, size, min_len, cols)
    if target <= EXACT_MAX:
        got = _fixed(table, target)
        # no split into at most ``target`` sections fits the length bounds: let the price decide
        return got if len(got) > 1 or target == 1 else _priced(table, price)
    lo, hi = math.log(max(price, 1e-6)) - 12.0, math.log(max(price, 1e-6)) + 12.0
    # a dearer section never buys more sections, so the cheapest and the dearest price bound
    # every count the search can reach: when the target lies beyond one (the length bounds or
    # the words allow fewer sections than asked), that one is the answer, not 24 passes later
    most = _priced(table, math.exp(lo))
    if len(most) <= target:
        return most
    fewest = _priced(table, math.exp(hi))
    if len(fewest) >= target:
        return fewest
    found: list[int] | None = None
    for _ in range(24):
        mid = (lo + hi) / 2  # the first is the price itself
        got = _priced(table, math.exp(mid))
        if found is None or abs(len(got) - target) < abs(len(found) - target):
            found = got
        if len(got) == target:
            break
        if len(got) > target:
            lo = mid  # too many sections: a dearer section
        else:
            hi = mid
    return found if found is not None else most


def _fixed(t: _Table, count: int) -> list[int]:
    """Exactly ``count`` sections if the lengths allow, else as many as they do.

    One layered pass: layer k holds the best cost of every prefix in k sections, so the largest
    feasible count up to ``count`` is read off the layers without re-running the programme. The
    first pass assumes ``count`` fits, and so skips the ends that leave too little of the talk
    for the sections still to come; only when it does not fit does a second pass look further.
    """
    n = len(t.cols)
    count = max(1, min(count, n, t.pos[n] // max(1, t.min_len)))
    backs, best_k = _layers(t, count, exactly=True)
    if best_k < count:
        backs, best_k = _layers(t, count, exactly=False)
    if best_k <= 1:
        return [0]
    starts = []
    j = n
    for back in reversed(backs[:best_k]):
        j = back[j]
        starts.append(j)
    return sorted(starts)


def _layers(t: _Table, count: int, exactly: bool) -> tuple[list[list[int]], int]:
    """Each layer's best start for every end it reaches, and the largest count reaching the talk's
    end; ``exactly``: only ends after which the sections left (each ``min_len`` long) still fit,
    so no count short of ``count`` reaches the end. Every start of such an end leaves room for
    one more section, so it is kept too: the values at the ends kept are those of a full pass."""
    cols, bonus, pos, reach = t.cols, t.bonus, t.pos, t.reach
    n = len(cols)
    layer = [0.0] + [INF] * n  # layer[j]: best cost of units 0..j-1 in k sections
    backs: list[list[int]] = []
    best_k = 0
    widest = max(len(col) for col in cols)
    for k in range(1, count + 1):
        base = [layer[i] - (bonus[i] if i else 0.0) for i in range(n)]
        # a section can only start where k - 1 sections can end: the others are INF for every end
        starts = [i for i, v in enumerate(base) if v < INF]
        if not starts:
            break
        nxt = [INF] * (n + 1)
        back = [0] * (n + 1)
        # only ends that k sections can reach from the start, and from which the sections left
        # can still reach the end: the others stay unreachable (INF) and cost nothing to skip
        last_end = min(n, k * widest)
        if exactly and k < count:
            last_end = min(last_end, bisect_right(pos, pos[n] - (count - k) * t.min_len) - 1)
        for j in range(max(k, n - (count - k) * widest), last_end + 1):
            first, last = reach[j]
            lo, hi = max(first, starts[0]), min(last, starts[-1])
            if hi >= lo:
                nxt[j], back[j] = _least(base, cols[j - 1], first, lo, hi)
        backs.append(back)
        layer = nxt
        if layer[n] < INF:
            best_k = k
    return backs, best_k


def _least(base: list[float], col: list[float], first: int, lo: int, hi: int) -> tuple[float, int]:
    """(cost, start) of the best section ending at ``col``'s unit, over starts lo..hi: the cost
    before each start plus the section's, the earliest start on a tie (INF: none reachable).
    ``col[i - first]`` is the cost of the section from start i."""
    # the column also holds the starts too close to its end (hi cuts them off): zip stops there
    vals = [b + c for b, c in zip(base[lo:hi + 1], islice(col, lo - first, None), strict=False)]
    v = min(vals)
    return v, lo + vals.index(v)


def _trace(back: list[int], n: int) -> list[int]:
    starts = []
    j = n
    while j > 0:
        j = back[j]
        starts.append(j)
    return sorted(starts)
