"""A long transcript (about three hours of speech) goes through every LLM stage in chunks,
concurrently under the limit, and comes out whole."""

from __future__ import annotations

import random

from pipeline.config import load_settings
from pipeline.ingest import ingest_bytes
from pipeline.run import process
from tests.backends.fake_openai import FakeOpenAI, Reply, answer, numbered, task_of

TOPICS = ["人工智能", "数字人", "区块链", "元宇宙", "芯片", "算力", "数据要素", "智能制造"]


def long_text(chars: int) -> str:
    rnd = random.Random(7)
    out, n = [], 0
    while n < chars:
        topic = TOPICS[(n // 5000) % len(TOPICS)]
        line = f"我们接下来说{topic}，{topic}这个方向我觉得应该重点支持，大家要抓住机会。"
        if rnd.random() < 0.1:
            line = "好，" + line
        out.append(line)
        n += len(line)
    return "\n".join(out)


def script(body):
    lines = numbered(body)
    task = task_of(body)
    if task == "correct":
        return Reply(content='{"edits": []}', delay=0.05)
    if task == "segment":
        ids = sorted(lines)
        return Reply(content=answer({"sections": [{"first_sentence": ids[0], "title": "话题"}]}).content, delay=0.05)
    if task == "outline":
        return Reply(content='{"summary": [], "sections": []}', delay=0.05)
    return Reply(content='{"claims": []}', delay=0.05)


def test_three_hours_in_chunks(tmp_path):
    text = long_text(45_000)
    doc = ingest_bytes(text.encode(), "long.txt", suffix=".txt")
    with FakeOpenAI(script) as srv:
        settings = load_settings({"backend": "openai", "model": "m", "base_url": srv.base_url, "api_key": "k",
                                  "cache_dir": str(tmp_path), "concurrency": 3})
        notes = process(doc, settings)
    tasks = srv.tasks()
    assert notes.degraded == []
    assert all(tasks.count(t) >= 10 for t in ("correct", "segment", "outline"))
    assert tasks.count("claims") >= 5  # the claims call reads at most SHARE (0.4) of the talk, in chunks too
    assert 2 <= srv.max_in_flight <= 3  # concurrent, under the limit
    assert max(len(b["messages"][1]["content"]) for b in srv.requests) < 6000  # every call fits a small context
    assert notes.sentences[-1].end <= len(text) and notes.segments[-1].last_sentence == len(notes.sentences) - 1
