"""Checks on model answers in the notes stage: quotes aligned to our text, statements that say
something, source names the text gives."""

import pytest

from pipeline.notes.llm_checks import MIN_STATEMENT, frame_only, fuzzy, named_near, support, too_short


def test_misquoted_evidence_is_aligned_to_our_text_or_refused():
    text = "然后是通信网络，无线网络智简传输，云化虚拟化。"
    at, quote = fuzzy(text, 0, len(text), "无线网络质检传输")  # the model quoted the raw ASR
    assert quote == "无线网络智简传输" and text[at:at + len(quote)] == quote
    assert fuzzy(text, 0, len(text), "区块链数字身份监管") == (-1, "区块链数字身份监管")


def test_an_invented_statement_is_not_supported():
    source = "国务院发布的方案明确提出，要加快建设全国统一的电力市场。"
    assert support("国务院要求加快建设全国统一的电力市场", source) > 0.9
    assert support("火星上有大量石油资源", source) < 0.5


@pytest.mark.parametrize("statement", ["云化虚拟化", "数字身份", "美联储宣布", "AI赋能", "3D建模"])
def test_a_term_or_fragment_is_too_short(statement):
    assert too_short(statement)


@pytest.mark.parametrize("statement", ["美国追求产业回岸", "川普要改组美联储", "支持AIGC发展"])
def test_six_han_characters_or_letters_make_a_statement(statement):
    assert not too_short(statement) and MIN_STATEMENT == 6


@pytest.mark.parametrize("statement", [
    "通信网络这边也提了。",  # a topic and a frame
    "这个在文件里面写得很清楚",
    "文件里提到了几个方面",
    "国务院文件要求",
    "特朗普政府提出",
    "AIGC这边提了几个",
    "他讲了几点",
    "MicroLED。",  # a bare term
    "但这个我觉得可能还早了一点",  # a hedge about nothing named
])
def test_a_reporting_frame_alone_is_no_claim(statement):
    assert frame_only(statement)


@pytest.mark.parametrize("statement", [
    "国务院要求加快建设全国统一的电力市场",
    "国务院发布的方案明确提出，要加快建设全国统一的电力市场。",
    "降低互联网3.0的内容制作门槛，这个在文件里面写得很清楚",  # the content stands before the frame
    "他说美国和加拿大具有特殊关系",
    "马斯克表示要取消电动车补贴",
    "贝森特提出333政策",
    "银行必须满足监管要求",  # 要求 as a noun ends no frame
    "我认为这个政策对新能源企业是重大利好",
    "旧瓶装新酒未必有好结果",
])
def test_reported_content_and_stated_views_are_claims(statement):
    assert not frame_only(statement)


def test_a_source_name_must_mostly_stand_near_the_claim():
    near = "拜登去年松动了美国政府的阿拉斯加政策。FERC的委员由总统提名，立法规定任何一个党不能超过3人。"
    assert named_near("拜登政府", near) and named_near("拜登", near)  # 拜登 … 政府: all of it, in pairs
    assert named_near("FERC 立法", near) and named_near("ferc", near)  # spacing and case aside
    assert not named_near("国务院", near) and not named_near("特朗普", near)
    assert not named_near("美国财政部", near)  # 美国 alone is not most of it
    assert named_near("党", near) and not named_near("省", near) and not named_near("", near)
