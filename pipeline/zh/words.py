"""Words: jieba's dictionary, the domain terms it must know, and cutting text into words.

The only module that imports jieba. Several stages look at the same sentences (clean's guards,
segmentation, the notes), so ``words`` caches by sentence text: each sentence is cut once a
process however many stages ask. jieba's dictionary loads on first use, from a table kept across
runs (``tables``), because jieba's own cache costs a second a process to read. The shipped
lexicon's Chinese terms (``data/lexicon.txt``: 区块链, 云计算, 东数西算) are added as words, since
jieba's general dictionary cuts them apart (区块 + 链) and would hide them from titles, key words
and the cohesion of a section.
"""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

from pipeline.zh import chars, data, tables

_MEDIAN = ""  # the IDF table's row holding its median (no word is empty)
_idf_known: dict[str, float] = {}  # what this process has looked up
_tags_known: dict[str, str] = {}


def lexicon_lines() -> tuple[str, ...]:
    """The entries of the shipped lexicon of domain terms (``data/lexicon.txt``)."""
    return data.lines(__package__, "lexicon.txt")


def domain_terms() -> list[str]:
    """The shipped lexicon's Chinese terms (no fixed pairs)."""
    return [t for t in lexicon_lines() if chars.HAN_WORD.fullmatch(t) and "=>" not in t]


@cache
def _jieba() -> Any:
    with warnings.catch_warnings():  # newer setuptools warns that jieba still imports pkg_resources
        warnings.filterwarnings("ignore", message=".*pkg_resources", category=UserWarning)
        warnings.filterwarnings("ignore", message=".*pkg_resources", category=DeprecationWarning)
        import jieba
    jieba.setLogLevel(logging.ERROR)
    dt = jieba.dt
    if not dt.initialized and dt.dictionary == jieba.DEFAULT_DICT:  # not a caller's own dictionary
        _load_dictionary(jieba)
    dt.check_initialized()
    for term in domain_terms():
        if not dt.FREQ.get(term):
            dt.add_word(term)  # jieba's own suggested frequency: just enough to be cut out whole
    return jieba


def _load_dictionary(jieba: Any) -> None:
    """jieba's prefix dictionary from the stored table: its words joined by newlines and their
    counts, turned back into jieba's dict (a third faster than a marshalled dict of 500k keys)."""
    dt = jieba.dt
    path = os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)

    def build() -> tuple[str, list[int], int]:
        freq, total = dt.gen_pfdict(dt.get_dict_file())
        return "\n".join(freq), list(freq.values()), total

    def valid(value: object) -> bool:
        return (isinstance(value, tuple) and len(value) == 3 and isinstance(value[0], str)
                and isinstance(value[1], list) and len(value[1]) == value[0].count("\n") + 1 > 1000)

    key = f"{jieba.__version__}:{tables.content_key(path)}"
    joined, counts, dt.total = tables.stored("jieba-dict", key, build, valid)
    dt.FREQ = dict(zip(joined.split("\n"), counts, strict=True))
    dt.initialized = True


@lru_cache(maxsize=262_144)
def words(text: str) -> tuple[str, ...]:
    """jieba's words of one sentence, cached."""
    return tuple(_jieba().lcut(text))


def frequency(word: str) -> int:
    """How often jieba's dictionary has seen ``word`` (0: not a dictionary word)."""
    return _jieba().dt.FREQ.get(word, 0) or 0


@cache
def is_content_word(word: str) -> bool:
    """A word that can carry a topic: two or more Han characters, or a Latin word (not 的, 了,
    single characters or punctuation). Stop words are the stages' own lists."""
    return chars.HAN_WORD.fullmatch(word) is not None or chars.LATIN_WORD.fullmatch(word) is not None


@cache
def _idf_table() -> tuple[tables.Lookup, float]:
    """jieba's IDF table and its median (which stands in for unknown words, as in jieba), read
    from the file jieba ships: importing ``jieba.analyse`` would also load the part-of-speech
    dictionary (over a second a process). Kept as an SQLite table: a talk asks for a few thousand
    of its 270k words, and loading it whole costs 0.15 s a process."""
    jieba = _jieba()
    path = os.path.join(os.path.dirname(jieba.__file__), "analyse", "idf.txt")

    def build() -> list[tuple[str, float]]:
        with open(path, encoding="utf-8") as f:
            items = iter(f.read().split())
        table = {w: float(v) for w, v in zip(items, items, strict=False)}
        values = sorted(table.values())
        return [*table.items(), (_MEDIAN, values[len(values) // 2] if values else 10.0)]

    table = tables.lookup("jieba-idf", f"{jieba.__version__}:{tables.content_key(path)}", build)
    return table, float(table.get_many([_MEDIAN]).get(_MEDIAN, 10.0))


def idf_many(words: Iterable[str]) -> dict[str, float]:
    """``idf`` of each word, the ones not asked before in one batched look-up."""
    table, median = _idf_table()
    wanted = list(words)
    new = [w for w in wanted if w not in _idf_known]
    if new:
        found = table.get_many(w for w in new if w != _MEDIAN)
        _idf_known.update((w, found.get(w, median)) for w in new)
    return {w: _idf_known[w] for w in wanted}


def idf(word: str) -> float:
    """How rare a word is in general Chinese (jieba's IDF table); unknown words — new terms,
    names, Latin words — count as rare, which is what they usually are in a talk."""
    known = _idf_known.get(word)
    return known if known is not None else idf_many((word,))[word]


@cache
def _tag_table() -> tables.Lookup:
    """The part of speech jieba's dictionary gives each word (its third column: n, v, nr, ns …),
    kept as an SQLite table: a talk asks for a few thousand of its 350k words, and jieba's own
    tagger (``jieba.posseg``) would load a second dictionary for it."""
    jieba = _jieba()
    path = os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)

    def build() -> list[tuple[str, str]]:
        with open(path, encoding="utf-8") as f:
            rows = (line.split() for line in f)
            return [(r[0], r[2]) for r in rows if len(r) >= 3]

    return tables.lookup("jieba-tags", f"{jieba.__version__}:{tables.content_key(path)}", build)


def tags(found: Iterable[str]) -> dict[str, str]:
    """The dictionary part of speech of each word (jieba's tag set: n noun, nr person, ns place,
    nt organisation, nz other proper noun, v verb, vn verbal noun, a adjective, d adverb, r
    pronoun …); a domain term is a noun, a Latin word ``eng``, a word jieba does not list ""."""
    wanted = list(found)
    new = [w for w in wanted if w not in _tags_known]
    if new:
        listed = _tag_table().get_many(new)
        terms = set(domain_terms())
        for w in new:
            latin = chars.LATIN_WORD.fullmatch(w) is not None
            _tags_known[w] = "n" if w in terms else listed.get(w) or ("eng" if latin else "")
    return {w: _tags_known[w] for w in wanted}
