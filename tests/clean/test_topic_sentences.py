"""A clause that opens a topic or an enumeration item starts a sentence, even inside a
comma-chained run: a topic boundary in mid-sentence is one the segmenter cannot place."""

from pipeline.clean import clean
from pipeline.ingest import ingest_text


def _sentences(text: str) -> list[str]:
    return [s.text for s in clean(ingest_text(text, "t.txt", suffix=".txt")).sentences]


def test_enumeration_item_starts_a_sentence():
    sents = _sentences("那就很不一样了，这是一块，然后第二块就是区块链，然后区块链终于又上榜了，一个是构建可信系统。")
    assert any(s.startswith("然后第二块就是区块链") for s in sents), sents


def test_then_is_next_topic_starts_a_sentence():
    sents = _sentences("这个就全部放在渲染角度了，然后的话是老生常谈，这个东西有待时间，然后是XR终端，我估计这个东西。")
    assert any(s.startswith("然后的话是老生常谈") for s in sents), sents
    assert any(s.startswith("然后是XR终端") for s in sents), sents


def test_ordinary_then_does_not_cut_a_short_clause():
    sents = _sentences("我们先看这个，然后是不是要改一下。")
    assert len(sents) == 1, sents
