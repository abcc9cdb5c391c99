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
    return doc, cleaned, extract_claims(cleaned, segment(cleaned), title=doc.meta.title)


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
