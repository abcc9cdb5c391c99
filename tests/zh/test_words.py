"""jieba through pipeline.zh.words: domain terms are words, sentences are cut once."""

from pipeline.zh import words


def test_domain_terms_are_cut_whole():
    assert "区块链" in words.words("区块链终于又上榜了")
    assert "东数西算" in words.domain_terms()


def test_frequency_and_idf():
    assert words.frequency("经济") > 1000 and words.frequency("负能") == 0
    assert words.idf("区块链") > words.idf("经济")
    assert words.idf_many(["经济", "没见过的词"]) == {"经济": words.idf("经济"), "没见过的词": words.idf("没见过的词")}


def test_content_words():
    for w in ("区块链", "AIGC", "MicroLED", "3.0版本", "Web3.0"):
        assert words.is_content_word(w) == (w != "3.0版本"), w
    for w in ("的", "了", "，", "a", "3", "C"):
        assert not words.is_content_word(w), w


def test_a_sentence_is_cut_once():
    words.words.cache_clear()
    for _ in range(3):
        words.words("然后第二块就是区块链")
    assert words.words.cache_info().misses == 1
