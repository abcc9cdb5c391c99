"""Each stage's LLM hook over the fake server: checked answers applied, bad ones refused,
failures fall back to the offline result and are recorded as degraded."""

from __future__ import annotations

from pipeline.config import load_settings
from pipeline.ingest import ingest_bytes
from pipeline.run import process
from tests.backends.fake_openai import FakeOpenAI, Reply, answer, numbered, task_of, transcript_of

TEXT = ("今天讲一下这个方案。这个方案一共分成三个部分。"
        "里面说到要打造宏的文件的标准，都携带里面了，我觉得这个方向不错。\n"
        "第二部分是人工智能。文件提出支持大模型发展，到2025年培育100家企业。我认为这个目标能实现。\n"
        "第三部分讲数字人。数字人会用在文语和直播里面。我不太看好这个事情。成本实在太高了。"
        "技术也还不成熟。好，今天就讲到这里。\n")


def run(script, tmp_path, times=1):
    """The notes of ``times`` runs against one server, and the requests each run sent."""
    doc = ingest_bytes(TEXT.encode(), "t.txt", suffix=".txt")
    with FakeOpenAI(script) as srv:
        settings = load_settings({"backend": "openai", "model": "m", "base_url": srv.base_url, "api_key": "k",
                                  "cache_dir": str(tmp_path), "retries": 0})
        out = []
        for _ in range(times):
            before = len(srv.requests)
            out.append((process(doc, settings), len(srv.requests) - before))
        return (out[0][0], srv) if times == 1 else out


def offline():
    doc = ingest_bytes(TEXT.encode(), "t.txt", suffix=".txt")
    return process(doc, load_settings({}))


def good(body):
    task, text, lines = task_of(body), transcript_of(body), numbered(body)
    if task == "correct":
        return answer({"edits": [
            {"wrong": "宏的文件", "right": "红头文件", "context": "打造宏的文件的", "reason": "读音相近"},
            {"wrong": "携带里面", "right": "写在里面", "context": "都携带里面了", "reason": "读音相近"},
            {"wrong": "不太看好", "right": "很看好", "context": "我不太看好", "reason": "改写"},  # flips meaning
            {"wrong": "2025", "right": "2030", "context": "到2025年", "reason": "数字"},  # digit
            {"wrong": "方向", "right": "想法", "context": "这个方向不错", "reason": "润色"},  # not a mishearing
            {"wrong": "不存在", "right": "存在", "context": "", "reason": "幻觉"},  # not in the text
        ]})
    if task == "segment":
        ids = [i for i, t in lines.items() if t.startswith(("第二部分", "第三部分"))]
        return answer({"sections": [{"first_sentence": 0, "title": "方案"}] +
                       [{"first_sentence": i, "title": "话题"} for i in ids]})
    if task == "outline":
        first = min(lines)
        return answer({"summary": [{"text": lines[first][:30], "sentence_ids": [first]}],
                       "sections": [{"segment": 0, "key_points": [
                           {"text": lines[first][:30], "sentence_ids": [first]},
                           {"text": "火星上有大量石油资源", "sentence_ids": [first]}]}]})
    if task == "claims":
        sid = next(i for i, t in lines.items() if "支持大模型" in t)
        return answer({"claims": [
            {"statement": "文件提出支持大模型发展", "attributed_to": "source_document", "claim_type": "policy_measure",
             "topic": "人工智能", "sentence_ids": [sid], "quote": "支持大模型发展", "confidence": 0.9},
            {"statement": "文件提出支持大模型发展", "attributed_to": "source_document", "claim_type": "policy_measure",
             "topic": "人工智能", "sentence_ids": [sid], "quote": "全面禁止大模型", "confidence": 0.9},
        ]})
    assert text is not None
    return Reply(status=400)


def test_good_model_checked_edits_segments_points_claims(tmp_path):
    (notes, sent), (again, resent) = run(good, tmp_path, times=2)
    llm_edits = {(e.before, e.after) for e in notes.edits if "llm" in e.origin}
    assert llm_edits == {("宏的文件", "红头文件"), ("携带里面", "写在里面")}
    assert "不太看好" in notes.clean_text and "2025" in notes.clean_text
    assert notes.degraded == []
    assert [s.origin for s in notes.segments] == ["llm"] * len(notes.segments) and len(notes.segments) == 3
    points = [kp.text for sec in notes.outline.sections for kp in sec.key_points]
    assert "火星上有大量石油资源" not in points
    llm_claims = [c for c in notes.claims if c.statement == "文件提出支持大模型发展"]
    assert len(llm_claims) == 1 and llm_claims[0].evidence.quote == "支持大模型发展"
    assert TEXT[llm_claims[0].evidence.start:llm_claims[0].evidence.end] == "支持大模型发展"
    assert notes.usage.calls == sent == 4
    assert resent == 0 and again.usage.cached == 4
    assert again.clean_text == notes.clean_text


def test_another_server_is_another_cache_key(tmp_path):
    """The same model name behind another base URL may answer otherwise: nothing is reused."""
    run(good, tmp_path)
    notes, srv = run(good, tmp_path)  # a new server on another port
    assert len(srv.requests) == 4 and notes.usage.cached == 0


def test_junk_everywhere_degrades_to_offline(tmp_path, caplog):
    replies = iter([Reply(content="not json"), Reply(status=500)] * 50)
    notes, _ = run(lambda body: next(replies), tmp_path)
    base = offline()
    assert {d.stage for d in notes.degraded} == {"clean", "segment", "outline", "claims"}
    assert notes.clean_text == base.clean_text
    assert [s.first_sentence for s in notes.segments] == [s.first_sentence for s in base.segments]
    assert notes.outline.model_dump() == base.outline.model_dump() and notes.claims == base.claims
    assert sum("the offline result stands in" in r.message for r in caplog.records) == 4
