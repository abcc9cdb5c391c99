"""The dynamic programme finds the true optimum: checked against brute force on small random
tables, with and without a fixed count and a minimum length."""

import itertools
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.segment.optimal import _layers, _table, best


def _cost_of(starts, cost, price, bonus, n):
    total = 0.0
    for a, b in itertools.pairwise([*starts, n]):
        total += cost[a][b - a - 1] + price - (bonus[a] if a else 0.0)
    return total


def _feasible(starts, pos, n, min_len, cap, whole_ok):
    for a, b in itertools.pairwise([*starts, n]):
        if b - a > cap:
            return False
        if pos[b] - pos[a] < min_len and not (whole_ok and a == 0 and b == n):
            return False
    return True


def _brute(cost, price, bonus, size, min_len, count):
    n = len(cost)
    cap = len(cost[0])
    pos = list(itertools.accumulate(size, initial=0))
    best_v, best_s = math.inf, [0]
    for k in range(n):
        if count is not None and k != count - 1:
            continue
        for rest in itertools.combinations(range(1, n), k):
            starts = [0, *rest]
            if _feasible(starts, pos, n, min_len, cap, count is None):
                v = _cost_of(starts, cost, 0.0 if count else price, bonus, n)
                if v < best_v - 1e-9:
                    best_v, best_s = v, starts
    return best_v, best_s


tables = st.integers(1, 7).flatmap(lambda n: st.tuples(
    st.just(n),
    st.lists(st.lists(st.floats(0, 20), min_size=n, max_size=n), min_size=n, max_size=n),
    st.lists(st.floats(0, 5), min_size=n, max_size=n),
    st.lists(st.integers(1, 5), min_size=n, max_size=n),
))


@settings(max_examples=200, deadline=None)
@given(tables, st.floats(0, 10), st.integers(0, 6), st.one_of(st.none(), st.integers(1, 4)))
def test_matches_brute_force(table, price, min_len, count):
    n, full, bonus, size = table
    cost = [row[: n - i] for i, row in enumerate(full)]  # a section may run to the end
    got = best(cost, price, bonus, size, min_len, count)
    want_v, _ = _brute(cost, price, bonus, size, min_len, count)
    if want_v == math.inf:
        return  # infeasible: best() falls back to fewer sections, checked below
    pos = list(itertools.accumulate(size, initial=0))
    assert got[0] == 0 and got == sorted(set(got))
    assert _feasible(got, pos, n, min_len, n, count is None)
    assert math.isclose(_cost_of(got, cost, 0.0 if count else price, bonus, n), want_v, abs_tol=1e-6)


@settings(max_examples=200, deadline=None)
@given(tables, st.integers(0, 6), st.integers(2, 4), st.booleans())
def test_exact_count_pass_keeps_the_full_pass_values(table, min_len, count, ties):
    """Skipping the ends that leave no room for the sections to come changes nothing at the ends
    kept: when the count fits, the same best cost and the same starts (ties included)."""
    n, full, bonus, size = table
    cost = [[round(c) if ties else c for c in row[: n - i]] for i, row in enumerate(full)]
    t = _table(cost, bonus, size, min_len, None)
    pruned, k = _layers(t, count, exactly=True)
    whole, k_full = _layers(t, count, exactly=False)
    if k == count:
        assert k_full == count
        j_p = j_w = n
        for bp, bw in zip(reversed(pruned), reversed(whole), strict=True):
            j_p, j_w = bp[j_p], bw[j_w]
            assert j_p == j_w


def test_fixed_count_falls_back_when_lengths_forbid_it():
    cost = [[1.0, 1.0, 1.0], [1.0, 1.0], [1.0]]
    assert best(cost, 0.0, [0.0] * 3, [1, 1, 1], min_len=2, count=3) == [0]
    assert best(cost, 0.0, [0.0] * 3, [2, 2, 2], min_len=2, count=3) == [0, 1, 2]


def test_many_sections_by_price_search():
    import random

    from pipeline.segment.optimal import EXACT_MAX, near

    rng = random.Random(3)
    n, cap = 400, 40
    # merging d+1 units costs more the more unlike they are; how unlike varies along the talk
    mix = [rng.uniform(0.1, 3.0) for _ in range(n)]
    cost = [[(d + 1) * 10.0 + d * d * mix[i] for d in range(min(cap, n - i))] for i in range(n)]
    target = EXACT_MAX + 60
    got = near(cost, 5.0, [0.0] * n, [10] * n, 1, target)
    assert got[0] == 0 and got == sorted(set(got))
    assert abs(len(got) - target) <= target // 20, len(got)
    assert len(near(cost, 5.0, [0.0] * n, [10] * n, 1, 12)) == 12  # small targets: exact
    assert len(near(cost, 5.0, [0.0] * n, [10] * n, 1, 7)) > 1  # 7 × 40 units cannot cover 400


def test_price_search_stops_at_a_target_no_price_reaches(monkeypatch):
    """Asked for more sections than the length bounds allow, the search returns the most any
    price gives (the cheapest price's optimum) after one pass, not two dozen."""
    from pipeline.segment import optimal

    n = 200
    # a longer section costs more than its parts: every split that the length bound allows pays
    cost = [[(d + 1) * 10.0 + d * d for d in range(min(40, n - i))] for i in range(n)]
    calls = []
    real = optimal._priced
    monkeypatch.setattr(optimal, "_priced", lambda table, price: calls.append(price) or real(table, price))
    got = optimal.near(cost, 5.0, [0.0] * n, [10] * n, 300, optimal.EXACT_MAX + 100)
    assert len(got) == 6  # sections of at least 300 characters (30 units) in 200 units
    assert len(calls) == 1
    calls.clear()
    got = optimal.near(cost, 5.0, [0.0] * n, [10] * n, 10, optimal.EXACT_MAX + 1)
    assert 6 < len(got) < n // 2 and len(calls) > 2  # a target within reach is searched for
