"""Every input format, on real files cut to a few cues: format detected, times and speakers kept,
and every cue is exactly the span of the decoded input it claims."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.ingest import ingest, markup

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


def grounded(doc):
    assert doc.cues
    for c in doc.cues:
        assert doc.text[c.start:c.end] == c.text
        assert c.text.strip() == c.text and c.text
    return doc


def test_sample_txt_header_becomes_meta():
    doc = grounded(ingest(FIX / "sample-cut.txt"))
    assert doc.source.format == "txt"
    m = doc.meta
    assert m.title == "（北京）互联网3.0产业创新发展方案"
    assert (m.part, m.uploader, m.bvid) == ("P1", "赏味不足", "BV1wx4y1N7VW")
    assert m.url == "https://www.bilibili.com/video/BV1wx4y1N7VW"
    assert not any(c.text.startswith("#") for c in doc.cues)  # the header is not spoken text


def test_podcast_srt_numbered_from_zero_with_short_times():
    doc = grounded(ingest(FIX / "podcast-ep53.srt"))
    assert doc.source.format == "srt"
    assert len(doc.cues) == 6
    assert doc.cues[0].time == (0.0, 1.24)
    assert doc.cues[1].time == (1.24, 3.08)


def test_srt():
    doc = grounded(ingest(FIX / "clvts-00-cut.srt"))
    assert doc.cues[0].text == "笔记本都准备好了吗？"
    assert doc.cues[1].time == (1.0, 9.0)


def test_vtt_matches_srt():
    srt, vtt = ingest(FIX / "clvts-00-cut.srt"), grounded(ingest(FIX / "clvts-00-cut.vtt"))
    assert vtt.source.format == "vtt"
    assert [c.text for c in vtt.cues] == [c.text for c in srt.cues]
    assert [c.time for c in vtt.cues] == [c.time for c in srt.cues]


@pytest.mark.parametrize("name", ["styles.vtt", "comments.vtt"])
def test_vtt_styles_and_notes_are_not_text(name):
    doc = grounded(ingest(FIX / name))
    joined = " ".join(c.text for c in doc.cues)
    assert "::cue" not in joined and "NOTE" not in joined and "<b>" not in joined


def test_bilibili_json():
    doc = grounded(ingest(FIX / "bilibili-cut.json"))
    assert doc.source.format == "bilibili-json"
    srt = ingest(FIX / "clvts-00-cut.srt")
    assert [c.text for c in doc.cues] == [c.text for c in srt.cues]
    assert doc.cues[1].time == (1.0, 9.0)


def test_whisper_json():
    doc = grounded(ingest(FIX / "whisper-cut.json"))
    assert doc.source.format == "whisper-json"
    assert len(doc.cues) == 6 and doc.cues[-1].time is not None


def test_tingwu_json_keeps_speakers():
    doc = grounded(ingest(FIX / "tingwu-cut.transcript.json"))
    assert doc.source.format == "tingwu-json"
    assert [c.speaker for c in doc.cues] == ["发言人1", "发言人1", "发言人2", "发言人1", "发言人2", "发言人1"]
    assert doc.meta.speakers == ["发言人1", "发言人2"]
    assert doc.cues[1].time[0] == 20.0  # "00:00:20"
    assert doc.meta.title.startswith("重生之我在大厂做")


def test_odd_but_valid_srt_with_ass_markup_and_trailing_blanks():
    """pysrt trims blanks at line ends and keeps ASS overrides: the cue is located line by line."""
    doc = grounded(ingest(FIX / "capability_tester.srt"))
    joined = "\n".join(c.text for c in doc.cues)
    assert "{\\an" not in joined and "\\h" not in joined and "\\N" not in joined
    assert "Forced line break" in joined


@given(st.text(alphabet="ab \t\n<>{}\\&;Nnh中amp\x01\u200b\ufeff", max_size=30), st.data())
def test_a_cue_without_a_tags_first_character_is_one_span_as_splitting_would_give(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert markup.strip_tags(text, start, end) == markup.split_between(markup._TAG, text, start, end)
