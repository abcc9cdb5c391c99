"""Toneless pinyin and the confusions of data/pinyin.toml: one rule set, symmetric, and the one
every caller uses."""

from hypothesis import given
from hypothesis import strategies as st

from pipeline.zh import pinyin, words

SYLLABLES = ["zhi", "zi", "chi", "ci", "shi", "si", "nan", "lan", "ling", "lin", "neng", "leng", "fu", "hu",
             "bo", "po", "qiang", "qian", "huang", "huan", "ri", "li", "an", "ang", "er", "yu", "lv", "nv"]
PHRASES = ["负能", "赋能", "鲁棒", "鲁邦", "隐形", "引擎", "质检", "智简", "银行", "重庆", "区块链", "文语",
           "文娱", "AI", "3D", "数字人", "人参"]


def test_phrase_context_is_kept():
    assert pinyin.syllables("银行") == ["yin", "hang"]
    assert pinyin.syllables("行走") == ["xing", "zou"]
    assert pinyin.syllables("重庆") == ["chong", "qing"]
    assert pinyin.syllables("AI赋能") == ["A", "I", "fu", "neng"]


# heteronyms in and out of the phrases that decide their reading, and plain characters
PIECES = ["银行", "行走", "行", "重庆", "重要", "重", "长大", "长城", "长", "音乐", "快乐", "乐", "还是",
          "还钱", "还", "了解", "为了", "了", "觉得", "睡觉", "的确", "目的", "数据", "数学", "都市", "首都",
          "负能", "赋能", "鲁棒", "区块链", "大", "家", "好", "我", "们", "今", "天", "㐀", "AI", "，",
          "数字", "数字人", "人参", "参", "未卜", "卜", "网络", "中国人", "人", "参加", "银行家"]


@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join))
def test_reading_is_pypinyins_reading_of_the_words_jieba_cuts(text):
    """The tables give exactly what pypinyin gives for pre-cut words (its documented input)."""
    expected = pinyin._pypinyin_reading(list(words.words(text)))
    assert pinyin.syllables(text) == expected
    assert len(pinyin.syllables(text)) == len(text)


def test_a_character_alone_comes_from_the_table():
    assert pinyin.char_syllable("行") == "xing" and pinyin.char_syllable("能") == "neng"
    assert pinyin.char_syllable("\U00020000") == pinyin.syllables("\U00020000")[0]  # outside the table


def test_readings_of_phrases_are_kept_and_equal_syllables():
    got = pinyin.readings(["赋能", "鲁棒性", "银行"])
    assert got == {p: tuple(pinyin.syllables(p)) for p in ("赋能", "鲁棒性", "银行")}


def test_folding():
    assert pinyin.fold("zhi") == pinyin.fold("zi") == "zi"
    assert pinyin.fold("neng") == pinyin.fold("len") == "len"
    assert pinyin.fold("qiang") == "qian" and pinyin.fold("shuang") == "suan"
    assert pinyin.fold("fu") != pinyin.fold("hu")


def test_near_is_looser_than_folding():
    assert pinyin.near("fu", "hu") and pinyin.near("bo", "po") and pinyin.near("ri", "li")
    assert not pinyin.near("fu", "bu") and not pinyin.near("ma", "mo")


@given(st.sampled_from(SYLLABLES), st.sampled_from(SYLLABLES))
def test_near_is_symmetric(a, b):
    assert pinyin.near(a, b) == pinyin.near(b, a)
    assert (pinyin.fold(a) == pinyin.fold(b)) <= pinyin.near(a, b)


@given(st.sampled_from(PHRASES), st.sampled_from(PHRASES))
def test_sound_alike_is_symmetric_and_bounded(a, b):
    assert pinyin.sound_alike(a, b) == pinyin.sound_alike(b, a)
    assert 0.0 <= pinyin.sound_alike(a, b) <= 1.0


def test_sound_alike_scores_misrecognitions_high():
    assert pinyin.sound_alike("负能", "赋能") == 1.0
    assert pinyin.sound_alike("鲁邦", "鲁棒") == 1.0  # bang/bang
    assert pinyin.sound_alike("隐形", "引擎") >= 0.5
    assert pinyin.sound_alike("银行", "区块链") == 0.0


def test_every_caller_uses_these_rules():
    """The matcher, its search index and the LLM edit guard read sounds through this module only."""
    from pipeline.clean import correct, lexicon
    from pipeline.clean import llm as clean_llm

    assert correct.pinyin is pinyin and lexicon.pinyin is pinyin and clean_llm.pinyin is pinyin
