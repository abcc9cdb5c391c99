"""The claims hook over the fake server: what a model's claims must be to be kept — a statement
that says something (not a frame, not a bare term), a source name the text gives, one claim per
enumerated item — and what becomes of the offline claims beside them."""

from __future__ import annotations

import json

from pipeline.config import load_settings
from pipeline.ingest import ingest_bytes
from pipeline.run import process
from tests.backends.fake_openai import FakeOpenAI, Reply, answer, numbered, task_of, transcript_of

TEXT = ("今天聊一聊国务院发布的电力市场方案。国务院发布的方案明确提出，要加快建设全国统一的电力市场。"
        "方案里提了三个重点，一个是完善电价形成机制，一个是推动跨省跨区交易，一个是加强市场监管。"
        "这个在文件里写得很清楚。"
        "通信网络这边也提了。我认为这个政策对新能源企业是重大利好。好，今天就到这里。\n")


def notes_of(claims_answer, tmp_path, text=TEXT, suffix=".txt"):
    """The notes of one run whose model answers the claims call with ``claims_answer(lines)`` and
    declines everything else (those stages keep their offline result); the claims requests too."""
    sent = []

    def script(body):
        if task_of(body) != "claims":
            return Reply(status=400)
        sent.append(transcript_of(body))
        return answer({"claims": claims_answer(numbered(body))})

    doc = ingest_bytes(text.encode(), "t" + suffix, suffix=suffix)
    with FakeOpenAI(script) as srv:
        settings = load_settings({"backend": "openai", "model": "m", "base_url": srv.base_url, "api_key": "k",
                                  "cache_dir": str(tmp_path), "retries": 0})
        return process(doc, settings), sent


def item(lines, quote, statement, who="source_document", name=None, kind="policy_measure"):
    sid = next(i for i, t in lines.items() if quote in t)
    return {"statement": statement, "attributed_to": who, "attributed_name": name, "claim_type": kind,
            "topic": "电力市场", "sentence_ids": [sid], "quote": quote, "confidence": 0.9}


def test_frame_only_and_short_statements_are_dropped(tmp_path):
    notes, _ = notes_of(lambda lines: [
        item(lines, "通信网络这边也提了", "通信网络这边也提了"),  # only a reporting frame
        item(lines, "文件里写得很清楚", "这个在文件里写得很清楚"),  # a frame with no content
        item(lines, "完善电价形成机制", "电价机制"),  # a bare term: four Han characters
        item(lines, "加快建设全国统一的电力市场", "国务院要求加快建设全国统一的电力市场", name="国务院"),
    ], tmp_path)
    statements = [c.statement for c in notes.claims]
    assert "国务院要求加快建设全国统一的电力市场" in statements
    assert not {"通信网络这边也提了", "这个在文件里写得很清楚", "电价机制"} & set(statements)
    assert notes.degraded and {d.stage for d in notes.degraded} == {"clean", "segment", "outline"}


def test_a_source_name_the_text_does_not_give_is_dropped(tmp_path):
    notes, _ = notes_of(lambda lines: [
        item(lines, "加快建设全国统一的电力市场", "国务院要求加快建设全国统一的电力市场", name="国务院"),
        item(lines, "完善电价形成机制", "国家发改委要求完善电价形成机制", name="国家发改委"),  # never said
        item(lines, "重大利好", "这个政策对新能源企业是重大利好", who="speaker", name="国务院", kind="opinion"),
    ], tmp_path)
    names = {c.statement: c.attributed_name for c in notes.claims}
    assert names["国务院要求加快建设全国统一的电力市场"] == "国务院"
    assert names["国家发改委要求完善电价形成机制"] is None  # kept, but not attributed to a guess
    assert names["这个政策对新能源企业是重大利好"] is None  # the speaker's own view names no source


def test_an_enumeration_is_one_claim_per_item_with_its_own_evidence(tmp_path):
    items = {"完善电价形成机制": "方案要求完善电价形成机制", "推动跨省跨区交易": "方案要求推动跨省跨区交易",
             "加强市场监管": "方案要求加强电力市场监管"}
    notes, _ = notes_of(lambda lines: [item(lines, q, s, name="国务院") for q, s in items.items()], tmp_path)
    mine = [c for c in notes.claims if c.statement in items.values()]
    assert [c.evidence.quote for c in mine] == list(items)
    for c in mine:
        assert TEXT[c.evidence.start:c.evidence.end] == c.evidence.quote and c.attributed_name == "国务院"


def test_what_the_model_read_and_left_unclaimed_is_no_claim(tmp_path):
    offline = process(ingest_bytes(TEXT.encode(), "t.txt", suffix=".txt"), load_settings({}))
    assert any("重大利好" in c.evidence.quote for c in offline.claims)
    notes, sent = notes_of(lambda lines: [], tmp_path)  # read it all, found no claim
    assert "重大利好" in sent[0]
    assert notes.claims == [] and "claims" not in {d.stage for d in notes.degraded}


def test_speakers_are_named_so_a_question_is_not_the_guests(tmp_path):
    talk = {"transcription": [
        {"time": "00:00:01", "speaker": "发言人1", "text": "您觉得国务院的方案会不会要求加快建设全国统一的电力市场？"},
        {"time": "00:00:09", "speaker": "发言人2", "text": "国务院发布的方案明确提出，要加快建设全国统一的电力市场。"},
        {"time": "00:00:15", "speaker": "发言人2", "text": "我认为这个政策对新能源企业是重大利好。"}]}
    notes, sent = notes_of(lambda lines: [
        item(lines, "明确提出，要加快建设", "国务院要求加快建设全国统一的电力市场", name="国务院")],
        tmp_path, text=json.dumps(talk, ensure_ascii=False), suffix=".json")
    assert "【发言人1】" in sent[0] and "【发言人2】" in sent[0]
    assert sent[0].index("【发言人2】") > sent[0].index("您觉得")
    claim = next(c for c in notes.claims if c.statement.startswith("国务院要求"))
    assert claim.speaker == "发言人2"



def test_under_the_cap_offline_claims_make_room_for_the_models(tmp_path):
    """Over the claim cap, offline claims give way to the checked model claims, however long or
    sure they are; the offline claims that stay are those the model did not read."""
    from pipeline.backends import registry
    from pipeline.clean import clean
    from pipeline.notes.llm import refine_claims
    from pipeline.run import backend_settings
    from pipeline.segment import segment

    doc = ingest_bytes(TEXT.encode(), "t.txt", suffix=".txt")
    cleaned = clean(doc)
    segments = segment(cleaned).segments
    offline = process(doc, load_settings({})).claims  # the offline claims of the same text
    assert len(offline) >= 3
    with FakeOpenAI(lambda body: answer({"claims": [
            item(numbered(body), "重大利好", "这个政策对新能源企业是重大利好", who="speaker", kind="opinion"),
            item(numbered(body), "完善电价形成机制", "方案要求完善电价形成机制")]})) as srv:
        settings = load_settings({"backend": "openai", "model": "m", "base_url": srv.base_url, "api_key": "k",
                                  "cache_dir": str(tmp_path), "retries": 0})
        backend = registry.create(settings.backend, **backend_settings(settings))
        capped = refine_claims(cleaned, segments, offline, backend, limit=3).claims
    assert len(capped) == 3
    assert {"这个政策对新能源企业是重大利好", "方案要求完善电价形成机制"} <= {c.statement for c in capped}
