"""Questions and answers: asked by one speaker and answered by another (or asked and answered by
one), grounded spans on both sides; nods and unanswered questions are not listed. The interview
fixture is a made-up conversation: a question answered after 对，好问题, a tag question (是吧？),
a question answered only by 嗯, and a 为什么？因为… the other speaker meets with 真的吗？."""

import json
import re
from pathlib import Path

from pipeline.clean import clean
from pipeline.ingest import ingest_bytes, ingest_text
from pipeline.notes.qa import MAX_TEXT, _cut, _nod, is_question, questions

INTERVIEW = Path(__file__).resolve().parents[1] / "fixtures" / "notes" / "interview.transcript.json"
PARAGRAPHS = json.loads(INTERVIEW.read_text("utf-8"))["transcription"]
LONG = PARAGRAPHS[3]["text"].removeprefix("对，好问题。")  # the answer to the first question


def _clock(sec: int) -> str:
    return f"00:{sec // 60:02d}:{sec % 60:02d}"


def _talk(turns=None):
    """The interview fixture, or a conversation of ``(seconds, speaker, text)`` turns."""
    if turns is None:
        raw = INTERVIEW.read_bytes()
    else:
        raw = json.dumps({"title": "储能", "transcription": [{"time": _clock(t), "text": text, "speaker": who}
                                                            for t, who, text in turns]}, ensure_ascii=False).encode()
    doc = ingest_bytes(raw, "talk.transcript.json", suffix=".json")
    return doc, questions(clean(doc))


def test_interview_and_rhetorical_items_only_where_answered():
    _, items = _talk()
    asked = {q.question.text: q for q in items}
    assert set(asked) == {"你们公司现在主要做哪一类储能产品？", "为什么储能这两年突然火起来了？"}
    interview = asked["你们公司现在主要做哪一类储能产品？"]
    assert interview.kind == "interview"
    assert (interview.question.speaker, interview.answer.speaker) == ("发言人1", "发言人2")
    rhetorical = asked["为什么储能这两年突然火起来了？"]
    assert rhetorical.kind == "rhetorical" and rhetorical.answer.speaker == "发言人1"
    assert rhetorical.answer.text.startswith("因为新能源装机太多")


def _bare(text: str) -> str:
    return re.sub(r"[，。？！、\s]", "", text)


def test_answer_starts_after_the_nod_and_is_condensed_at_a_clause_end():
    _, items = _talk()
    answer = next(q.answer for q in items if q.kind == "interview")
    assert answer.text.startswith("我们主要做工商业的储能柜")  # 对，好问题。 is not the answer
    assert len(answer.text) <= MAX_TEXT < len(LONG) and _bare(LONG).startswith(_bare(answer.text))
    assert LONG[len(answer.text) - 1] in "，。"  # cut where a clause or sentence ends


def test_both_sides_grounded_in_the_source_with_times():
    doc, items = _talk()
    duration = doc.meta.duration or 70
    for item in items:
        for said in (item.question, item.answer):
            assert _bare(doc.text[said.start:said.end]) == _bare(said.text)  # the clean stage re-punctuates
            assert said.time is not None and 0 <= said.time[0] <= said.time[1] <= duration
    interview = next(q for q in items if q.kind == "interview")
    assert 9 <= interview.question.time[0] < 13 <= interview.answer.time[0] < 40


def test_single_speaker_talk_has_rhetorical_items_only():
    doc = ingest_text("今天讲一下光伏。为什么光伏的价格一直在下降？因为硅料产能扩张得太快，供过于求。"
                      "你们知道吗？这个行业的周期很明显，价格跌下去以后总会有企业退出。", "talk.txt")
    items = questions(clean(doc))
    assert [(q.kind, q.question.text) for q in items] == [("rhetorical", "为什么光伏的价格一直在下降？")]
    assert items[0].answer.text.startswith("因为硅料产能扩张得太快")


def test_a_monologue_answers_its_question_without_a_cue():
    text = "那乐观的情绪从何而来？来自于新技术的突飞猛进，首当其冲的是生成式人工智能。"
    _, items = _talk([(0, "发言人1", "今天聊一聊这个季度的科技观察。" + text), (30, "发言人2", "谢谢收听。")])
    assert [(q.kind, q.answer.text[:4]) for q in items] == [("rhetorical", "来自于新")]


def test_nods_are_not_questions_to_list_and_forms_ask_without_a_mark():
    assert _nod("这个市场现在很卷，是吧？") and _nod("真的吗？") and not _nod("你们是怎么做的？")
    assert is_question("你们的电池是自己做的吗。") and is_question("这个东西你们有没有")
    assert not is_question("哪怕再难也要做下去。") and not is_question("我们还在做呢。")


def test_a_long_first_sentence_is_cut_at_its_last_clause_end_within_reach():
    text = "储能" * 15 + "，" + "电网" * 20 + "，" + "电池" * 30 + "。"
    assert _cut(text, 0, len(text)) == 71  # before the second comma: 71 characters, within 80
    assert _cut("储能" * 60, 0, 120) <= MAX_TEXT  # no clause mark: a word end
