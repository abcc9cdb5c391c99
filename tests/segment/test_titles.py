"""Titles: a cue's subject only when it names something, key phrases that are not everyday
words, and a short greeting or sign-off titled as such."""

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.clean import clean
from pipeline.ingest import ingest, ingest_text
from pipeline.segment import segment
from pipeline.segment.titles import _subject_ok, _top, informative

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "beijing-internet3.txt"


def test_subjects_must_name_something():
    assert _subject_ok("区块链") and _subject_ok("通信网络")
    assert not _subject_ok("又来了") and not _subject_ok("2分之3") and not _subject_ok("感觉")


def test_everyday_words_are_not_key_phrases():
    assert informative("渲染") and informative("区块链")
    assert not informative("告诉") and not informative("开始") and not informative("3")


@pytest.fixture(scope="module")
def sample_segments():
    return segment(clean(ingest(SAMPLE))).segments


def test_opening_and_sign_off(sample_segments):
    assert sample_segments[0].title == "开场"
    assert sample_segments[-1].title == "结尾"


def test_keyword_titles_for_uncued_sections():
    bio = "细胞膜由磷脂双分子层构成，蛋白质镶嵌在磷脂双分子层里。细胞膜控制物质进出细胞，蛋白质负责运输。"
    geo = "板块运动造成地震和火山，地壳的板块彼此挤压。火山喷发把地壳深处的岩浆带到地表，地震沿板块边界发生。"
    segs = segment(clean(ingest_text(bio * 6 + geo * 6, "t.txt", suffix=".txt"))).segments
    assert len(segs) >= 2
    first, last = segs[0].title, segs[-1].title
    assert any(w in first for w in ("磷脂", "细胞膜", "蛋白质", "双分子层")), first
    assert any(w in last for w in ("板块", "地壳", "火山", "地震", "岩浆")), last
    assert all(len(s.title) <= 16 for s in segs)


def test_ordinals_and_counts_are_not_key_terms():
    assert not informative("第二块") and not informative("两分钟") and not informative("4块")
    assert informative("第一性原理")


@given(st.dictionaries(st.text("abcdef", min_size=1, max_size=3), st.tuples(st.integers(1, 9), st.floats(0.01, 1.0)),
                       max_size=30),
       st.integers(1, 6))
def test_top_keys_only_what_can_enter_and_matches_a_full_sort(items, wanted):
    """A score is its count times a factor up to the ceiling: the top is the full sort's head,
    whatever items are left unkeyed."""
    counted = Counter({name: count for name, (count, _) in items.items()})

    def key(name):
        count, factor = items[name]
        return None if name.startswith("a") else (-(count * factor), name)

    full = sorted(k for k in map(key, counted) if k is not None)[:wanted]
    assert _top(counted, 1.0, wanted, key) == full
