"""Who a talk reports: the parties it names, and where one of them stands as the subject of a clause.

A reported claim needs someone to report: a person, a body, a country acting, a document. The talk's
own words say who they are: jieba's dictionary tags people (nr), organisations (nt) and abbreviated
bodies (j, 央行); a word ending in 部, 委员会, 政府, 总统 … is a body or an office; a name the
dictionary lacks (a new minister) counts when the talk says it more than once; 《…》 is a title;
a quantified class (很多国家, 有些跨国公司) is some real ones of its kind. A party counts only at a
subject's place: 在美国 and 对中国 make it a place or an object. A third-person pronoun (他说…)
stands for the last party named, as a listener reads it.
The lists are general knowledge in ``data/actors.toml``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import accumulate, chain
from typing import Any, Literal

from pipeline.zh import chars, data, words

Kind = Literal["name", "place", "document", "pronoun", "group"]
TITLE = re.compile(r"《([^《》]{2,40})》")  # a work or document named by its title
_LOOKED_UP = ("not_actors", "bodies", "org_tags", "person_tags", "place_tags", "prepositions")


@cache
def _lists() -> dict[str, Any]:
    """The lists of ``data/actors.toml``; the ones each distinct word of a talk is looked up in
    are sets."""
    raw = data.toml(__package__, "actors.toml")
    return {k: frozenset(v) if k in _LOOKED_UP else v for k, v in raw.items()}


@dataclass(frozen=True, slots=True)
class Party:
    """A party named in a sentence: its name, its place in the sentence text and what it is."""

    name: str
    start: int
    end: int
    kind: Kind


class Sentence:
    """A sentence cut into words, with the offset where each word starts. The offsets are
    worked out when first asked for: most sentences name no party, and nothing asks."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def words(self) -> tuple[str, ...]:
        return words.words(self.text)

    @cached_property
    def starts(self) -> tuple[int, ...]:  # in order, for bisection
        ws = self.words
        return tuple(accumulate((len(w) for w in ws[:-1]), initial=0)) if ws else ()

    def word_before(self, pos: int) -> str:
        """The word, or the part of a word, just before ``pos`` (jieba's HMM glues 在川普)."""
        i = bisect_left(self.starts, pos)
        return self.text[self.starts[i - 1]:pos] if i else ""

    def word_at(self, pos: int) -> str:
        """The word that starts at ``pos`` ("" when none does)."""
        i = bisect_left(self.starts, pos)
        return self.words[i] if i < len(self.starts) and self.starts[i] == pos else ""

    def starts_word(self, pos: int) -> bool:
        i = bisect_left(self.starts, pos)
        return i < len(self.starts) and self.starts[i] == pos


class Cast:
    """The parties one talk names, found once from all its sentences' words."""

    def __init__(self, sentences: Sequence[str]) -> None:
        lists = _lists()
        counts = Counter(chain.from_iterable(words.words(s) for s in sentences))
        tags = words.tags(counts)
        names: dict[str, Kind] = {}
        for w, n in counts.items():
            kind = self._kind(w, tags[w], n, lists)
            if kind:
                names[w] = kind
        self.kinds = names
        alts = [re.escape(w) for w in sorted(names, key=len, reverse=True)]
        self._pattern = re.compile("|".join(alts)) if alts else None
        self._pronoun = re.compile("|".join(lists["pronouns"]))
        self._prepositions = lists["prepositions"]
        self._document_words = frozenset(lists["documents"])
        self._document = re.compile("|".join(lists["documents"]))
        nouns = sorted(lists["group_nouns"], key=len, reverse=True)
        self._group = re.compile(f"(?:{'|'.join(lists['group_quantifiers'])})个?(?:{'|'.join(nouns)})")
        # what every party starts with: one search tells that a clause names none (most do)
        opening = [*alts, *lists["pronouns"], *lists["group_quantifiers"], "《", *lists["documents"]]
        self._opening = re.compile("|".join(opening))

    @staticmethod
    def _kind(w: str, tag: str, n: int, lists: dict[str, Any]) -> Kind | None:
        if len(w) < 2 or w in lists["not_actors"]:
            return None
        if w in lists["bodies"] or tag in lists["org_tags"] or _institution(w):
            return "name"
        if tag in lists["person_tags"] and (_foreign_name(w, lists, 1) or _chinese_name(w, lists)):
            return "name"
        if tag in lists["place_tags"]:
            return "place"
        return "name" if tag == "" and n >= lists["min_unknown_count"] and _foreign_name(w, lists, 0) else None

    def parties(self, s: Sentence, lo: int, hi: int) -> list[Party]:
        """The parties standing at a subject's place in ``s.text[lo:hi]``, in order; adjacent
        names merge (美国 + 财政部 → 美国财政部)."""
        found: list[Party] = []
        if not self._opening.search(s.text, lo, hi):
            return found
        if self._pattern:
            for m in self._pattern.finditer(s.text, lo, hi):
                found.append(Party(m.group(), m.start(), m.end(), self.kinds[m.group()]))
        for m in self._pronoun.finditer(s.text, lo, hi):
            if s.starts_word(m.start()):
                found.append(Party(m.group(), m.start(), m.end(), "pronoun"))
        for m in self._group.finditer(s.text, lo, hi):
            found.append(Party(m.group(), m.start(), m.end(), "group"))
        for m in TITLE.finditer(s.text, lo, hi):
            found.append(Party(m.group(1), m.start(), m.end(), "document"))
        found.extend(self._documents(s, lo, hi))
        found.sort(key=lambda p: p.start)
        return [p for p in _merged(found) if s.word_before(p.start) not in self._prepositions]

    def _documents(self, s: Sentence, lo: int, hi: int) -> list[Party]:
        """Documents named by their kind (这个规划文件, 这份方案): the document word, with the one
        before it when that is a document word too (规划文件)."""
        out: list[Party] = []
        kinds = self._document_words
        if not self._document.search(s.text, lo, hi):  # most clauses name no document
            return out
        for i, w in enumerate(s.words):
            at = s.starts[i]
            if lo <= at < hi and w in kinds:
                first = i - 1 if i and s.words[i - 1] in kinds else i
                out.append(Party("".join(s.words[first:i + 1]), s.starts[first], at + len(w), "document"))
        return out


def _institution(w: str) -> bool:
    """A body or an office by its last characters (财政部, 美国政府); the bare suffix (政府, 公司)
    is a common noun, and a one-character suffix needs a word of three (全部, 格局 are not)."""
    long, short = _suffixes()
    return (w.endswith(long) and w not in long) or (len(w) >= 3 and w.endswith(short))


@cache
def _suffixes() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The institution suffixes of two or more characters, and of one."""
    suffixes = _lists()["institution_suffixes"]
    return tuple(x for x in suffixes if len(x) >= 2), tuple(x for x in suffixes if len(x) == 1)


def _foreign_name(w: str, lists: dict[str, Any], odd: int) -> bool:
    """A word written as a foreign name is (贝森特, 川普), with at most ``odd`` other characters
    in a name of three or more (小布什)."""
    if chars.HAN_WORD.fullmatch(w) is None or not 2 <= len(w) <= 5:
        return False
    others = sum(c not in lists["transliteration_chars"] for c in w)
    return others == 0 or (others <= odd and len(w) >= 3)


def _chinese_name(w: str, lists: dict[str, Any]) -> bool:
    """A full Chinese name: a common surname and a given name of two characters (a two-character
    word the dictionary tags as a name is as often a word: 胡同, 顾客)."""
    return len(w) == 3 and w[0] in lists["surnames"]


def _merged(found: list[Party]) -> list[Party]:
    out: list[Party] = []
    for p in found:
        last = out[-1] if out else None
        if last and p.start < last.end:  # overlapping matches: keep the first
            continue
        if last and p.start == last.end and "pronoun" not in (p.kind, last.kind) and last.kind != "document":
            out[-1] = Party(last.name + p.name, last.start, p.end, "name")
        else:
            out.append(p)
    return out
