"""One definition of what a Han character is, and every stage agrees with it."""

import re

import pytest

from pipeline.segment.segment import _spoken
from pipeline.zh import chars, words

UNIFIED_AND_A = [chr(c) for c in [*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000)]]


def test_every_han_character_of_unified_and_extension_a_is_han_and_content():
    for ch in UNIFIED_AND_A:
        assert chars.is_han(ch), hex(ord(ch))
        assert chars.content_chars(ch) == 1, hex(ord(ch))
    joined = "".join(UNIFIED_AND_A)
    assert len(chars.HAN_RUN.fullmatch(joined).group()) == len(joined)


def test_every_han_character_counts_as_spoken_in_every_stage():
    """clean's sentence test and punctuation counts (str.isalnum), segmentation's spoken length,
    the notes' content words: a rare character is content wherever it stands."""
    for ch in UNIFIED_AND_A:
        assert ch.isalnum(), hex(ord(ch))
    assert _spoken("".join(UNIFIED_AND_A)) == len(UNIFIED_AND_A)
    for ch in UNIFIED_AND_A[::97]:
        assert words.is_content_word(ch * 2), hex(ord(ch))


@pytest.mark.parametrize("ch", ["\U00020000", "\U0002a6d6", "\uf900"])
def test_rare_planes_are_han_too(ch):
    assert chars.is_han(ch) and chars.content_chars(ch + "，") == 1


@pytest.mark.parametrize("ch", ["，", "。", "a", "1", " ", "ー", "가", "、", "《"])
def test_what_is_not_han(ch):
    assert not chars.is_han(ch)


def test_content_chars_count_letters_digits_and_han_only():
    assert chars.content_chars("互联网3.0，AIGC！") == 3 + 2 + 4


def test_the_range_literal_lives_only_in_zh():
    """A Han range written anywhere else would be a second definition."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "pipeline"
    literal = re.compile(r"\\u(3400|4e00|9fff|4dbf)|\\U0002", re.I)
    found = [p.relative_to(root).as_posix() for p in root.rglob("*.py")
             if p.parts[-2] != "zh" and literal.search(p.read_text(encoding="utf-8"))]
    assert found == []
