"""Lexical cost: a stretch mixing two vocabularies costs more than its halves apart, and the
segmenter finds a vocabulary turn that no cue announces."""

import math
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from pipeline.clean import clean
from pipeline.ingest import ingest_text
from pipeline.segment import segment
from pipeline.segment.cohesion import span_costs, terms


def test_mixed_stretch_costs_more_than_its_halves():
    a = Counter({"细胞": 2, "细胞膜": 1, "蛋白质": 1})
    b = Counter({"细胞": 1, "蛋白质": 2, "细胞膜": 1})
    x = Counter({"区块链": 2, "数字身份": 1, "监管": 1})
    y = Counter({"区块链": 1, "监管": 2, "数字身份": 1})
    cost, tokens = span_costs([a, b, x, y], cap=4)
    assert tokens == 16
    split = cost[0][1] + cost[2][1]
    assert cost[0][3] > split + 1  # the topic change is worth more than a nat
    same = cost[0][1]
    assert same < cost[0][0] + cost[1][0]  # one topic split in two loses


def test_terms_drop_stop_words_and_single_characters():
    (bag,) = terms(["然后这个人工智能的话我们就是要看人工智能"])
    assert bag == ("人工智能", "人工智能")


def test_uncued_vocabulary_turn_is_found():
    bio = "细胞膜由磷脂双分子层构成，蛋白质镶嵌在磷脂双分子层里。细胞膜控制物质进出细胞，蛋白质负责运输。"
    geo = "板块运动造成地震和火山，地壳的板块彼此挤压。火山喷发把地壳深处的岩浆带到地表，地震沿板块边界发生。"
    text = bio * 6 + geo * 6
    cleaned = clean(ingest_text(text, "two-topics.txt", suffix=".txt"))
    segs = segment(cleaned).segments
    turn = text.index(geo)
    starts = [s.start for s in segs]
    assert any(abs(s - turn) <= 60 for s in starts[1:]), starts
    assert len(segs) <= 4


def _direct(bags, i, j):
    """The code length of units i..j straight from the definition, words seen once left out."""
    df = Counter(w for b in bags for w in b)
    vocab = sum(1 for c in df.values() if c > 1) or 1
    counts = Counter()
    for b in bags[i:j + 1]:
        counts.update({w: c for w, c in b.items() if df[w] > 1})
    length = sum(counts.values())
    return length * math.log(length + vocab) - sum(c * math.log(c + 1) for c in counts.values())


words = st.sampled_from(["细胞", "蛋白质", "区块链", "监管", "地震", "火山", "板块"])
bags_st = st.lists(st.dictionaries(words, st.integers(1, 4), max_size=5).map(Counter), min_size=1, max_size=12)


@given(bags_st, st.integers(1, 12))
def test_span_costs_match_the_definition(bags, cap):
    cost, tokens = span_costs(bags, cap)
    df = Counter(w for b in bags for w in b)
    assert tokens == sum(c for b in bags for w, c in b.items() if df[w] > 1)
    assert [len(r) for r in cost] == [min(cap, len(bags) - i) for i in range(len(bags))]
    for i, row in enumerate(cost):
        for d, c in enumerate(row):
            assert math.isclose(c, _direct(bags, i, i + d), rel_tol=1e-9, abs_tol=1e-9)
