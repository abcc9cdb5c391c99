"""The checks an LLM correction must pass (pipeline/clean/llm.py), one by one."""

from __future__ import annotations

import pytest

from pipeline.clean import llm
from pipeline.clean.stream import Stream
from pipeline.clean.textmap import Change, Draft
from pipeline.ingest import ingest_bytes


def draft(text: str) -> Draft:
    return Draft(Stream(ingest_bytes(text.encode(), "t.txt", suffix=".txt")))


@pytest.mark.parametrize(("text", "wrong", "right", "ok"), [
    ("要打造宏的文件的标准", "宏的文件", "红头文件", True),   # sounds alike
    ("你用过AIHPT吗", "AIHPT", "ChatGPT", True),             # letters alike
    ("分成三十五个部分", "三十五", "35", True),               # spoken number → digits
    ("我不太看好这个", "不太看好", "很看好", False),           # negation
    ("到2025年完成", "2025", "2030", False),                 # digit
    ("这个方向不错", "方向", "想法", False),                   # not a mishearing
    ("搞人工智能的人", "人工智能", "人工只能", False),          # protected lexicon term
    ("这个宏的文件很长的一段话真的很长", "宏的文件很长的一段话真的很长", "红头文件", False),  # too long
])
def test_acceptable(text, wrong, right, ok):
    d = draft(text)
    at = d.text.index(wrong)
    edit = llm.LLMEdit(wrong=wrong, right=right)
    assert llm._acceptable(d, at, edit, set()) is ok


def test_hinted_candidate_is_plausible():
    d = draft("这个方向不错")
    assert llm._acceptable(d, 2, llm.LLMEdit(wrong="方向", right="想法"), {("方向", "想法")})


def test_offline_edit_wins():
    d = draft("要打造宏的文件的标准")
    d.apply([Change(3, 7, "红头文件", "correction", "lexicon")])
    assert not llm._acceptable(d, 3, llm.LLMEdit(wrong="红头文件", right="宏图文件"), set())


def test_locate_needs_a_certain_place():
    text = "文语和文语"
    assert llm._locate(text, 0, len(text), llm.LLMEdit(wrong="文语", right="文娱")) is None
    assert llm._locate(text, 0, len(text), llm.LLMEdit(wrong="文语", right="文娱", context="和文语")) == 3
    assert llm._locate(text, 0, len(text), llm.LLMEdit(wrong="没有", right="有")) is None


def test_chunks_cover_long_text_with_overlap():
    text = "今天讲一个话题。" * 2000 + "没有标点的长段落" * 1000
    spans = llm._chunks(text, 3000)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(b - a <= 3000 for a, b in spans)
    assert all(spans[k + 1][0] <= spans[k][1] for k in range(len(spans) - 1))  # no gap
    assert any(spans[k + 1][0] < spans[k][1] for k in range(len(spans) - 1))  # some overlap
