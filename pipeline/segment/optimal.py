"""The best segmentation by dynamic programming over unit starts.

A segmentation's cost is the sum of its sections' lexical costs (cohesion.span_costs), a price
per section, minus a bonus at each start the discourse evidence favours (a cue phrase, a pause).
Exact minimisation — rather than taking the best-scoring gaps greedily — lets one strong topic
turn and the vocabulary on both sides of it be judged together. ``count`` fixes the number of
sections (then the price plays no part); sections shorter than ``min_len`` are not allowed.
"""

from __future__ import annotations

import math


def best(cost: list[list[float]], price: float, bonus: list[float], size: list[int], min_len: int,
         count: int | None = None) -> list[int]:
    """Start units of the optimal sections (the first is 0).

    ``cost[i][d]`` is the cost of units i..i+d; ``size`` the length of each unit (characters);
    a section may be at most ``len(cost[i])`` units long. With no feasible split (too short a
    talk for the minimum length), the whole talk is one section.
    """
    n = len(cost)
    pos = [0]
    for s in size:
        pos.append(pos[-1] + s)
    if n == 0:
        return [0]
    if count is not None:
        return _fixed(cost, bonus, pos, min_len, count)
    inf = math.inf
    total = [0.0] + [inf] * n
    back = [0] * (n + 1)
    for i in range(n):
        if total[i] == inf:
            continue
        base = total[i] + price - (bonus[i] if i else 0.0)
        row = cost[i]
        for d, c in enumerate(row):
            j = i + d + 1
            if pos[j] - pos[i] < min_len and not (i == 0 and j == n):
                continue
            v = base + c
            if v < total[j]:
                total[j] = v
                back[j] = i
    if total[n] == inf:
        return [0]
    return _trace(back, n)


EXACT_MAX = 60  # up to this many sections a fixed count is solved exactly; beyond, by the price


def near(cost: list[list[float]], price: float, bonus: list[float], size: list[int], min_len: int,
         target: int) -> list[int]:
    """About ``target`` sections. Exactly, by the layered programme, when the target is small;
    for a long input asking for hundreds of sections, by searching the price per section (each
    try is one linear pass), since the layered programme costs target × units × span."""
    if target <= EXACT_MAX:
        got = best(cost, price, bonus, size, min_len, target)
        # no split into at most ``target`` sections fits the length bounds: let the price decide
        return got if len(got) > 1 or target == 1 else best(cost, price, bonus, size, min_len)
    lo, hi = math.log(max(price, 1e-6)) - 12.0, math.log(max(price, 1e-6)) + 12.0
    found = best(cost, price, bonus, size, min_len)
    for _ in range(24):
        mid = (lo + hi) / 2
        got = best(cost, math.exp(mid), bonus, size, min_len)
        if abs(len(got) - target) < abs(len(found) - target):
            found = got
        if len(got) == target:
            break
        if len(got) > target:
            lo = mid  # too many sections: a dearer section
        else:
            hi = mid
    return found


def _fixed(cost: list[list[float]], bonus: list[float], pos: list[int], min_len: int, count: int) -> list[int]:
    """Exactly ``count`` sections if the lengths allow, else as many as they do.

    One layered pass: layer k holds the best cost of every prefix in k sections, so the largest
    feasible count up to ``count`` is read off the layers without re-running the programme.
    """
    n = len(cost)
    inf = math.inf
    count = max(1, min(count, n, pos[n] // max(1, min_len)))
    layer = [0.0] + [inf] * n  # layer[j]: best cost of units 0..j-1 in k sections
    backs: list[list[int]] = []
    best_k = 0
    for k in range(1, count + 1):
        nxt = [inf] * (n + 1)
        back = [0] * (n + 1)
        for i in range(n):
            if layer[i] == inf:
                continue
            base = layer[i] - (bonus[i] if i else 0.0)
            for d, c in enumerate(cost[i]):
                j = i + d + 1
                if pos[j] - pos[i] < min_len:
                    continue
                v = base + c
                if v < nxt[j]:
                    nxt[j] = v
                    back[j] = i
        backs.append(back)
        layer = nxt
        if layer[n] < inf:
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
