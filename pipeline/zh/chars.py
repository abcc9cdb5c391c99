"""What a character is: Han, CJK punctuation, a content character.

One definition for every stage, so a rare character counts the same in cleaning, segmentation and
the notes. Han means the CJK Unified Ideographs with Extension A, the compatibility ideographs and
the supplementary-plane extensions (B and later): recognisers emit rare characters for names and
places, and such a character is as much content as 的. ``HAN`` is a character-class body for
regular expressions; the compiled patterns below are what the stages use.
"""

from __future__ import annotations

import re

#: Han characters, as the body of a regular-expression character class
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

#: marks that end a sentence (full-width and ASCII)
STOPS = "。？！?!…"
#: marks that end a clause inside a sentence
CLAUSE_MARKS = "，,；;、：:"
#: closing quotes and brackets that stay with the stop before them
CLOSERS = "”’」』）)"

HAN_CHAR = re.compile(f"[{HAN}]")
HAN_RUN = re.compile(f"[{HAN}]+")
#: a character that carries speech: Han, a Latin letter or a digit (not punctuation, not space)
CONTENT_CHAR = re.compile(f"[{HAN}A-Za-z0-9]")
#: a Han character or a Latin letter: what a statement's length is counted in
LETTER = re.compile(f"[{HAN}A-Za-z]")
#: a run of two or more Han characters: the shape of a Chinese content word
HAN_WORD = re.compile(f"[{HAN}]{{2,}}")
#: a Latin word as talks use them (AIGC, MicroLED, 3D, GPT-4, Web3.0)
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9.+-]*[A-Za-z0-9]|[A-Za-z]{2,}")
#: a character that is no letter or digit of any script: what ``str.isalnum`` refuses
NOT_ALNUM = re.compile(r"[\W_]")


def is_han(ch: str) -> bool:
    """Whether one character is a Han character."""
    return HAN_CHAR.fullmatch(ch) is not None


def content_chars(text: str) -> int:
    """How many characters of ``text`` carry speech (Han, Latin letters, digits)."""
    return len(CONTENT_CHAR.findall(text))


def alnum_count(text: str) -> int:
    """How many characters of ``text`` are letters or digits of any script (``str.isalnum``): its
    length less its marks and spaces, which are few, so only those are visited, by one scan in C."""
    return len(text) - len(NOT_ALNUM.findall(text))


def letters(text: str) -> int:
    """How many Han characters and Latin letters ``text`` holds (digits and marks aside)."""
    return len(LETTER.findall(text))


def is_latin(ch: str) -> bool:
    """An ASCII letter or digit: where two meet across a break, a space belongs between them."""
    return ch.isascii() and ch.isalnum()
