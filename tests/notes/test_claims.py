"""Offline claims on the reference talk: attribution by reporting and stance cues, grounded
evidence, schema-valid, bounded count."""

from pathlib import Path

import pytest

from pipeline.clean import clean
from pipeline.ingest import ingest
from pipeline.models import Claim
from pipeline.notes.claims import MAX_CLAIMS, extract_claims
from pipeline.segment import segment

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "beijing-internet3.txt"


@pytest.fixture(scope="module")
def run():
    doc = ingest(SAMPLE)
    cleaned = clean(doc)
    return doc, cleaned, extract_claims(cleaned, segment(cleaned).segments, title=doc.meta.title).claims


def _covering(claims, doc, phrase):
    at = doc.text.index(phrase)
    return [c for c in claims if c.evidence.start < at + len(phrase) and at < c.evidence.end]


def test_reported_list_items_are_document_claims(run):
    doc, _, claims = run
    for phrase in ("一个是构建可信系统", "云化虚拟化", "研发基于AI的低代码开发软件"):
        assert any(c.attributed_to == "source_document" for c in _covering(claims, doc, phrase)), phrase


def test_stance_is_the_speakers(run):
    doc, _, claims = run
    for phrase in ("有点温水煮青蛙的感觉", "还有一部分还是拍脑袋的"):
        hits = _covering(claims, doc, phrase)
        assert hits and all(c.attributed_to == "speaker" for c in hits), phrase


def test_grounded_valid_and_bounded(run):
    doc, cleaned, claims = run
    assert 0 < len(claims) <= MAX_CLAIMS
    for c in claims:
        Claim.model_validate(c.model_dump())
        assert c.evidence.quote in cleaned.clean_text
        assert 0 <= c.evidence.start < c.evidence.end <= len(doc.text)
        assert "对吧" not in c.statement and "是吧" not in c.statement
    assert {c.document for c in claims if c.attributed_to == "source_document"} == {doc.meta.title}


def _conversation(lines):
    import json

    from pipeline.ingest import ingest_text
    body = {"title": "对谈", "transcription": [
        {"time": f"00:00:{10 * i:02d}", "text": t, "speaker": f"发言人{1 + i % 2}"} for i, t in enumerate(lines)]}
    doc = ingest_text(json.dumps(body, ensure_ascii=False), "talk.transcript.json", suffix=".json")
    cleaned = clean(doc)
    return extract_claims(cleaned, segment(cleaned).segments, title=doc.meta.title).claims


def test_conversation_lists_are_the_speakers_own():
    claims = _conversation([
        "我们做产品主要看三件事，一个是用户留存率，一个是付费转化率。",
        "我觉得教育行业的直播转化其实非常依赖老师本人。",
        "对，那你们团队现在有多少人在做这个方向呢？",
    ])
    assert claims and all(c.speaker for c in claims)
    listed = [c for c in claims if "留存率" in c.evidence.quote]
    assert listed and all(c.attributed_to == "speaker" for c in listed)


def test_conversation_naming_a_document_reports_it():
    claims = _conversation([
        "这个规划文件里面写得很清楚，一个是支持算力基础设施建设，一个是鼓励数据开放共享。",
        "我觉得这个方向是对的。",
    ])
    assert any(c.attributed_to == "source_document" and "算力" in c.evidence.quote for c in claims)


def test_fragments_are_not_claims(run):
    _, _, claims = run
    for c in claims:
        body = c.statement.split("：")[-1].rstrip("。")
        assert not body.startswith(("如果", "首先")) and not body.endswith(("的话", "也好")), c.statement
