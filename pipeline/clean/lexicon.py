"""Lexicons: the shipped domain terms plus user files, and the index the term search walks.

A lexicon file holds one term a line and, for things no sound rule can reach (names, house
jargon), fixed ``wrong => right`` pairs. The index is a trie over the terms' folded syllables
(``pipeline.zh.pinyin``), with a second key for each long term per syllable left open (a long
term may be misheard in one place); it is built once a process for each set of files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pipeline.clean.termsearch import WILD, Starts
from pipeline.errors import ConfigError
from pipeline.zh import chars, data, pinyin, words

_LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9 .+-]*$")
#: terms of this many syllables or more may match with one syllable open
LONG_TERM = 4


def latin_key(term: str) -> str:
    return re.sub(r"[\s.+-]", "", term).lower()


def _terms_of(line: str) -> list[str]:
    """The terms a lexicon line adds: the line, or the right side of a ``wrong => right`` pair."""
    pair = data.parse_pair(line)
    return [pair[1]] if pair else [] if "=>" in line else [line.strip()]


@dataclass
class Lexicon:
    """Terms and fixed pairs with the indexes the matcher uses."""

    latin: dict[str, str] = field(default_factory=dict)  # latin key → term
    pairs: list[tuple[str, str]] = field(default_factory=list)
    terms: set[str] = field(default_factory=set)
    lengths: set[int] = field(default_factory=set)
    # the terms' folded syllables as one trie (``WILD`` for an open slot); a node's ``None``
    # entry lists the (term, open slot or None) that end there
    trie: dict = field(default_factory=dict)
    readings: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a term's syllables
    _starts: Starts | None = field(default=None, repr=False)

    def add(self, term: str) -> None:
        term = term.strip()
        if not term or term in self.terms:
            return
        self.terms.add(term)
        if chars.HAN_WORD.fullmatch(term):
            if term not in self.readings:
                self.readings[term] = tuple(pinyin.syllables(term))
            key = tuple(pinyin.fold(s) for s in self.readings[term])
            self._index(key, term, None)
            self.lengths.add(len(key))
            if len(key) >= LONG_TERM:
                for i in range(len(key)):
                    self._index((*key[:i], WILD, *key[i + 1:]), term, i)
        elif _LATIN.match(term) and len(latin_key(term)) >= 5:
            self.latin[latin_key(term)] = term

    def _index(self, key: tuple[str, ...], term: str, slot: int | None) -> None:
        node = self.trie
        for syl in key:
            node = node.setdefault(syl, {})
        node.setdefault(None, []).append((term, slot))
        self._starts = None

    def starts(self) -> Starts:
        """The search's index of where terms may start, built on first use after the last add."""
        if self._starts is None:
            self._starts = Starts.of(self.trie)
        return self._starts

    def add_text(self, text: str) -> None:
        lines = data.parse_lines(text)
        han = [t for line in lines for t in _terms_of(line) if chars.HAN_WORD.fullmatch(t)]
        self.readings.update(pinyin.readings(t for t in han if t not in self.readings))
        for line in lines:
            pair = data.parse_pair(line)
            if pair:
                self.pairs.append(pair)
            for term in _terms_of(line):
                self.add(term)


@cache
def _load(files: tuple[tuple[str, float], ...]) -> Lexicon:
    lex = Lexicon()
    lex.add_text("\n".join(words.lexicon_lines()))
    for path, _mtime in files:
        try:
            lex.add_text(Path(path).read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read lexicon: {exc}", path=path) from exc
    return lex


def load(paths: list[str] | tuple[str, ...]) -> Lexicon:
    """The default lexicon plus the given files (cached per set of files and their mtimes)."""
    key = []
    for p in paths:
        try:
            key.append((str(Path(p).resolve()), Path(p).stat().st_mtime))
        except OSError as exc:
            raise ConfigError(f"cannot read lexicon: {exc}", path=str(p)) from exc
    return _load(tuple(key))


def hotwords_for(source_path: str) -> str | None:
    """``NAME.hotwords.txt`` next to the input, if there is one."""
    p = Path(source_path)
    hot = p.with_name(p.stem + ".hotwords.txt")
    return str(hot) if hot.is_file() else None
