"""A conversation's own structure: sections start at speaker turns, the count follows the talk,
and times never overlap, also where a boundary falls inside a long paragraph."""

import itertools
import json
from pathlib import Path

import pytest

from pipeline.clean import clean
from pipeline.config import SegmentOptions
from pipeline.ingest import ingest, ingest_text
from pipeline.segment import segment, structure

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "segment"


@pytest.fixture(scope="module")
def talk():
    cleaned = clean(ingest(FIX / "two-hosts-cut.transcript.json"))
    return cleaned, segment(cleaned).segments


def test_a_hosts_question_opens_a_section(talk):
    """The host asks about the factors of efficiency (06:12, a turn and a paragraph start): a
    section starts exactly there, not a few sentences off."""
    cleaned, segs = talk
    sents = cleaned.sentences
    question = next(s.id for s in sents if s.text.startswith("刚才您也提到了这个分工"))
    assert question in [s.first_sentence for s in segs]
    assert sents[question].speaker != sents[question - 1].speaker and sents[question].opens_cue


def test_sections_start_at_turns_where_one_is_near(talk):
    cleaned, segs = talk
    sents = cleaned.sentences
    turns = set(structure.turn_starts(sents))
    pos = list(itertools.accumulate((len(s.text) for s in sents), initial=0))
    for seg in segs[1:]:
        near = [t for t in turns if abs(pos[t] - pos[seg.first_sentence]) <= 300]
        assert not near or seg.first_sentence in turns, seg.title


def test_the_count_follows_the_length_and_chapters_are_at_least_two_minutes(talk):
    cleaned, segs = talk
    minutes = (cleaned.sentences[-1].time[1] - cleaned.sentences[0].time[0]) / 60
    assert 3 <= len(segs) <= minutes / 2
    assert len(segment(cleaned, SegmentOptions(segments="8")).segments) == 8  # the option still rules


def test_times_follow_each_other(talk):
    _, segs = talk
    for a, b in itertools.pairwise(segs):
        assert a.time[0] <= a.time[1] <= b.time[0] <= b.time[1]


def test_a_boundary_inside_a_long_paragraph_gets_its_own_time():
    """One 通义听悟 paragraph of two minutes holds the end of one topic and the start of the
    next: the section starting inside it starts at a time inside the paragraph, by position."""
    bio = "细胞膜由磷脂双分子层构成，蛋白质镶嵌在磷脂双分子层里面。细胞膜控制物质进出细胞。"
    geo = "板块运动造成地震和火山，地壳的板块彼此挤压。火山喷发把地壳深处的岩浆带到地表。"
    paras = [{"time": "00:00:00", "text": bio * 6, "speaker": "发言人1"},
             {"time": "00:02:00", "text": bio * 2 + geo * 4, "speaker": "发言人1"},
             {"time": "00:04:00", "text": geo * 6, "speaker": "发言人1"},
             {"time": "00:06:00", "text": "好，今天就聊到这里。", "speaker": "发言人1"}]
    doc = ingest_text(json.dumps({"transcription": paras}, ensure_ascii=False), "t.json", suffix=".json")
    cleaned = clean(doc)
    segs = segment(cleaned, SegmentOptions(segments="2")).segments
    second = segs[1]
    first_sentence = cleaned.sentences[second.first_sentence]
    assert first_sentence.text.startswith("板块运动") and not first_sentence.opens_cue
    assert 120.0 < second.time[0] < 240.0  # inside the paragraph, not its start
    assert segs[0].time[1] <= second.time[0]
