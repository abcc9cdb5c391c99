"""Segmentation on a real commentary excerpt: boundaries at enumerated topics, subject titles,
contiguous cover, and the granularity option."""

import itertools
from pathlib import Path

import pytest

from pipeline.clean import clean
from pipeline.config import SegmentOptions
from pipeline.errors import ConfigError
from pipeline.ingest import ingest
from pipeline.segment import segment
from pipeline.segment.discourse import cue_strength, named_subject

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "beijing-internet3.txt"


@pytest.fixture(scope="module")
def cleaned():
    return clean(ingest(SAMPLE))


def test_cover_in_order_on_sentence_starts(cleaned):
    segs = segment(cleaned).segments
    assert segs[0].first_sentence == 0 and segs[-1].last_sentence == len(cleaned.sentences) - 1
    for a, b in itertools.pairwise(segs):
        assert a.last_sentence + 1 == b.first_sentence and a.end <= b.start
        assert b.start == cleaned.sentences[b.first_sentence].start


def test_enumerated_topics_start_sections_with_subject_titles(cleaned):
    segs = segment(cleaned).segments
    titles = [s.title for s in segs]
    assert "区块链" in titles and "通信网络" in titles, titles
    for t in titles:
        assert not any(f in t for f in ("对吧", "是吧", "然后")) and len(t) <= 16


def test_fixed_count_and_minutes(cleaned):
    assert len(segment(cleaned, SegmentOptions(segments="4")).segments) == 4
    assert len(segment(cleaned, SegmentOptions(segments="1")).segments) == 1
    # no times in a .txt: about 250 characters a minute of speech
    assert 2 <= len(segment(cleaned, SegmentOptions(segments="3m")).segments) <= 5
    with pytest.raises(ConfigError):
        segment(cleaned, SegmentOptions(segments="many"))


def test_cues():
    assert cue_strength("然后第二块就是区块链，然后区块链终于又上榜了。") == 1.0
    assert cue_strength("然后他们也专门做工业级别的产品。") == 0.3
    assert cue_strength("这个东西可能用的地方就很多。") == 0.0
    assert named_subject("然后第二块就是区块链，然后区块链终于又上榜了。") == "区块链"
    assert named_subject("然后是通信网络，通信网络这边也提了。") == "通信网络"
    assert named_subject("然后是这样子的，前两天。") is None
    assert cue_strength("然后是这样子的，前两天。") == 1.0  # 是这样的: an explanation starts
    assert cue_strength("然后是你既然要用3D渲染，那么就一定会涉及到。") == 0.3  # 是 + pronoun: no turn


def test_two_sections_asked_need_not_be_halves(cleaned):
    """A fixed count does not force equal sections: the cap on a section's length allows twice
    its fair share, so two sections can split the talk where its topics do."""
    segs = segment(cleaned, SegmentOptions(segments="2")).segments
    sizes = [s.end - s.start for s in segs]
    assert len(segs) == 2 and max(sizes) / sum(sizes) > 0.55
