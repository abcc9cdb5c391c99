"""Offline outline: key points are grounded, filler-free sentences; openers are trimmed without
breaking the source mapping, and audience asides lose to content sentences."""

from pipeline.clean import clean
from pipeline.ingest import ingest_text
from pipeline.notes.outline import _point, outline
from pipeline.segment import segment

TALK = (
    "然后其实区块链这边主要是构建可信的数据共享系统和数字身份体系。"
    "我跟你们说你们可以去看一下，这是第一点。"
    "区块链技术用来保护数据安全，推动数据在不同机构之间互联互通。"
    "然后是通信网络，通信网络这边重点发展无线网络和云化虚拟化技术。"
    "数字身份和数据共享也需要区块链的可信系统来支撑。"
)


def _run():
    doc = ingest_text(TALK, "talk.txt")
    cleaned = clean(doc)
    return doc, outline(cleaned, segment(cleaned).segments)


def test_key_points_grounded_and_trimmed():
    doc, out = _run()
    points = [p for s in out.sections for p in s.key_points]
    assert points
    for p in points:
        assert "对吧" not in p.text and "是吧" not in p.text
        src = doc.text[p.start:p.end]
        assert src and p.text.rstrip("。")[-4:] in src


def test_openers_trimmed_with_source_span():
    doc = ingest_text(TALK, "talk.txt")
    cleaned = clean(doc)
    points = [_point(cleaned, s.id) for s in cleaned.sentences]
    first = next(p for p in points if "可信的数据共享" in p.text)
    assert first.text.startswith("区块链这边")  # 然后其实 trimmed
    assert doc.text[first.start:first.end].startswith("区块链这边")
    assert any(p.text.startswith("然后是通信网络") for p in points)  # 然后是 kept whole


def test_asides_are_not_key_points():
    _, out = _run()
    assert not any("你们可以去看一下" in p.text for s in out.sections for p in s.key_points)
