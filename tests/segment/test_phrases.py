"""Titles are noun phrases a reader can navigate by: the checker every title passes, and the
phrases a sentence offers."""

import pytest

from pipeline.segment import phrases
from pipeline.zh.words import tags, words


@pytest.mark.parametrize("title", ["核聚变的原理", "美加能源合作", "ITER 装置的延误", "区块链", "人工智能 AIGC"])
def test_good_titles(title):
    assert phrases.acceptable(title)


@pytest.mark.parametrize("title", [
    "要想一想他在",  # ends on a pronoun: a clause fragment
    "license、eat",  # two keywords, and one of them a stray English word
    "啊会容易把所有的钱都投进来",  # an interjection first, a clause
    "倒进来了",  # a particle last
    "Helion",  # pure ASCII
    "开场",  # two characters: only an opening is called that, by its role
    "然后是通信网络",  # a connective first
    "区块链，赋能",  # clause punctuation
])
def test_bad_titles(title):
    assert not phrases.acceptable(title)


def _phrases(text):
    return {phrases.join(p) for p in phrases.noun_phrases(text, phrases.word_roles(tags(words(text))))}


def test_noun_phrases_of_a_sentence():
    got = _phrases("可控核聚变的原理是原子核的撞击，聚变三乘积决定能不能点火。")
    assert {"可控核聚变", "可控核聚变的原理", "原子核"} <= got
    assert not any(p.endswith(("是", "决定", "点火", "撞击")) for p in got)


def test_a_clause_is_not_one_noun_phrase():
    assert phrases.is_noun_phrase("通信网络", tags(words("通信网络")))
    for text in ("想分享一下在中国的第一季度发生", "一个很常见的一个科研的一个范式"):
        assert not phrases.is_noun_phrase(text, tags(words(text)))


def test_latin_words_stay_apart_and_interjections_are_no_title_words():
    assert phrases.join(("XR", "终端")) == "XR终端" and phrases.join(("GPT", "API")) == "GPT API"
    assert "OK" not in " ".join(_phrases("OK我们来看AIGC的应用场景。"))
