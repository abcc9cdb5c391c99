from pathlib import Path

import pytest

from pipeline.clean import clean
from pipeline.errors import InputError
from pipeline.ingest import ingest, ingest_text
from pipeline.render.subtitles import to_srt

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "clean"


def test_cleaned_srt_keeps_timing_and_drops_emptied_cues():
    doc = ingest(FIXTURES / "cues.srt")
    out = to_srt(doc, clean(doc))
    blocks = out.strip().split("\n\n")
    assert len(blocks) == len(doc.cues) - 1  # the cue that only said 嗯 is gone
    first = blocks[0].splitlines()
    assert first[0] == "1" and first[1] == "00:00:02,600 --> 00:00:05,000"
    assert "我我" not in first[2] and first[2].startswith("我觉得互联网3")
    assert "00:00:12,100 --> 00:00:13,000\n下集再见" in out
    assert "智简传输" in out


def test_plain_text_has_no_times_for_srt():
    doc = ingest_text("好 大家好，对 感谢大家的催稿", "x.txt")
    with pytest.raises(InputError):
        to_srt(doc, clean(doc))
