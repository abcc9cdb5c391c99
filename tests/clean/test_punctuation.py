from types import SimpleNamespace
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.clean import punctuation
from tests.clean.conftest import run


def test_comma_chain_becomes_readable_sentences(talk):
    _, out = talk
    lengths = [len(s.text) for s in out.sentences]
    assert len(lengths) >= 20
    long = [n for n in lengths if n > 70]
    assert not long
    assert sum(15 <= n <= 60 for n in lengths) / len(lengths) >= 0.8
    assert all(s.text[-1] in "。？！)）" or s is out.sentences[-1] for s in out.sentences)


def test_discourse_marker_opens_a_sentence():
    out = run("这个其实现在也的确是个很好的方向，就如果要做的话，因为上海这边我是认识两家做的很好")
    assert [s.text for s in out.sentences][-1].startswith("因为上海")


def test_asr_spaces_become_punctuation():
    out = run("数字身份 数字监管，互联互通 保护数据安全")
    assert "数字身份，数字监管" in out.clean_text
    assert "互联互通，保护数据安全" in out.clean_text


def test_pause_between_timed_cues_ends_a_sentence(cues):
    _, out = cues
    texts = [s.text for s in out.sentences]
    assert any(t.startswith("这个东西我熟") for t in texts)


def test_question_mark():
    out = run("当然了，这个东西现在到底是注重什么呢，大家都不清楚，你们知道这个方向吗")
    assert out.clean_text.endswith("吗？") or "吗？" in out.clean_text


def test_a_punctuated_transcript_keeps_its_commas():
    text = ("确实是从开盘到收盘一直是涨停的，所以大家就没什么事儿。权益类的资产在A股里面，我们居民财富的占比应该"
            "是很低的。书名有点鸡汤，但是其实书的内容挺好。")
    out = run(text)
    assert out.clean_text == text
    assert not [e for e in out.edits if e.kind == "punctuation"]


@settings(max_examples=300)
@given(st.integers(0, 90), st.integers(0, 60), st.sampled_from(["", "然后我们", "第二个问题", "接下来", "所以说"]),
       st.one_of(st.none(), st.floats(0, 3)))
def test_a_comma_stands_when_the_whole_verdict_would_keep_it(length, nxt_len, nxt, gap):
    """``_comma_stands`` asks only what can overturn a punctuated transcript's comma; the full
    verdict (markers and pauses too) must agree with it."""
    rules = punctuation._rules()
    span = punctuation._Span(length, nxt, nxt_len)
    draft = SimpleNamespace(text="这" * 200)
    with patch.object(punctuation, "_gap", return_value=gap):
        v = punctuation._judge(draft, punctuation.Boundary(100, 101, "comma"), span)
    keeps = not v.topic and not (v.end and "length" in v.why and v.length >= rules["soft_chars"])
    assert punctuation._comma_stands(span, rules) == keeps
