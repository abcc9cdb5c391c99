"""Encodings are detected, never guessed silently wrong: each encoding of a real cut decodes to
the same text and cues; bytes no encoding explains are refused with the byte position."""

from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.ingest import ingest

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"
TEXT = (FIX / "clvts-00-cut.srt").read_text(encoding="utf-8")

CASES = {
    "utf-8": TEXT.encode("utf-8"),
    "utf-8-bom": b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
    "utf-16-le-bom": b"\xff\xfe" + TEXT.encode("utf-16-le"),
    "utf-16-be-bom": b"\xfe\xff" + TEXT.encode("utf-16-be"),
    "utf-16-le": TEXT.encode("utf-16-le"),
    "utf-16-be": TEXT.encode("utf-16-be"),
    "gb18030": TEXT.encode("gb18030"),
    "gbk": TEXT.encode("gbk"),
    "crlf": TEXT.replace("\n", "\r\n").encode("utf-8"),
    "old-mac-cr": TEXT.replace("\n", "\r").encode("utf-8"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_encoding_gives_the_same_cues(tmp_path, name):
    f = tmp_path / f"{name}.srt"
    f.write_bytes(CASES[name])
    doc = ingest(f)
    assert doc.text == TEXT
    assert [c.text for c in doc.cues] == [c.text for c in ingest(FIX / "clvts-00-cut.srt").cues]
    for c in doc.cues:
        assert doc.text[c.start:c.end] == c.text


def test_short_gbk_is_not_taken_for_big5(tmp_path):
    f = tmp_path / "short.txt"
    f.write_bytes("你好".encode("gbk"))
    assert ingest(f).text == "你好"


def test_big5_is_read_as_big5(tmp_path):
    f = tmp_path / "big5.txt"
    f.write_bytes("我們今天講一下這個問題".encode("big5"))
    doc = ingest(f)
    assert doc.text == "我們今天講一下這個問題" and doc.source.encoding == "big5"


def test_mixed_encoding_is_refused_with_the_byte(tmp_path):
    f = tmp_path / "mixed.srt"
    raw = TEXT[:200].encode("utf-8") + TEXT[200:].encode("gbk")
    f.write_bytes(raw)
    with pytest.raises(InputError) as err:
        ingest(f)
    msg = str(err.value)
    assert "mixed.srt" in msg and "encoding" in msg and "byte" in msg
