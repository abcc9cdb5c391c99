"""pinyin.reading gives what pypinyin gives, phrase context included, from stored tables: pypinyin
is asked only to build them."""

from hypothesis import given
from hypothesis import strategies as st

from pipeline.clean import pinyin

# polyphonic characters in and out of the phrases that decide their reading, and plain ones
PIECES = ["银行", "行走", "行", "重庆", "重要", "重", "长大", "长城", "长", "音乐", "快乐", "乐", "还是",
          "还钱", "还", "了解", "为了", "了", "觉得", "睡觉", "的确", "目的", "数据", "数学", "都市", "首都",
          "负能", "赋能", "鲁棒", "区块链", "大", "家", "好", "我", "们", "今", "天", "㐀",
          # where pypinyin's forward maximum match decides which phrase 参 (can, shen) falls in
          "数字", "数字人", "人参", "参", "未卜", "卜", "网络", "中国人", "人", "参加", "银行家"]


def test_phrase_context_is_kept():
    assert pinyin.reading("银行") == ["yin", "hang"] == pinyin.syllables("银行")
    assert pinyin.reading("行走") == ["xing", "zou"]
    assert pinyin.reading("重庆") == pinyin.syllables("重庆") == ["chong", "qing"]


@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=5).map("".join))
def test_reading_equals_pypinyin(text):
    assert pinyin.reading(text) == pinyin.syllables(text)


def test_the_tables_read_every_window_without_pypinyin(monkeypatch):
    pinyin.reading("负能")  # tables built (this may import pypinyin once)
    pinyin.reading("银行")

    def refuse(text):
        raise AssertionError(f"pypinyin asked for {text}")

    monkeypatch.setattr(pinyin, "syllables", refuse)
    assert pinyin.reading("负能") == ["fu", "neng"]
    assert pinyin.reading("区块链") == ["qu", "kuai", "lian"]
    assert pinyin.reading("银行网络") == ["yin", "hang", "wang", "luo"]
    assert pinyin.reading("人参") == ["ren", "shen"]
    assert pinyin.reading("参加") == ["can", "jia"]
    odd, _ = pinyin._odd_phrases()
    assert "银行" in odd and "负能" not in odd
