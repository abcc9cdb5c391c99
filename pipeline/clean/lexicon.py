"""Lexicons: the shipped default list of domain terms plus user files, and their match indexes.

A lexicon file holds one term a line and, for things no sound rule can reach (names, house
jargon), fixed ``wrong => right`` pairs. Indexes are built once per process for each set of
files, because pinyin for a few hundred terms and jieba's dictionary take a moment to load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pipeline.clean.data import lines, parse_lines
from pipeline.clean.pinyin import fold, syllables, table_key
from pipeline.errors import ConfigError

_CJK = re.compile(r"^[\u3400-\u9fff]+$")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9 .+-]*$")


@cache
def term_syllables(term: str) -> tuple[str, ...]:
    """Pinyin of a lexicon term, computed once per process (the shipped terms' once per install)."""
    known = _term_readings().get(term)
    return known if known is not None else tuple(syllables(term))


@cache
def _term_readings() -> dict[str, tuple[str, ...]]:
    """Pinyin of the shipped lexicon's Chinese terms, as ``syllables``."""
    import hashlib

    from pipeline.tablecache import stored

    terms = sorted({t for line in lines("lexicon.txt") for t in _terms_of(line) if _CJK.match(t)})
    digest = hashlib.sha256("\n".join(terms).encode()).hexdigest()
    return stored("pinyin-terms", f"{table_key()}:{digest}",
                  lambda: {t: tuple(syllables(t)) for t in terms},
                  lambda v: isinstance(v, dict) and len(v) == len(terms))


def _pair(line: str) -> tuple[str, str] | None:
    """``(wrong, right)`` of a ``wrong => right`` line with both sides filled, else None."""
    wrong, arrow, right = line.partition("=>")
    return (wrong.strip(), right.strip()) if arrow and wrong.strip() and right.strip() else None


def _terms_of(line: str) -> list[str]:
    """The terms a lexicon line adds: the line, or the right side of a ``wrong => right`` pair."""
    pair = _pair(line)
    return [pair[1]] if pair else [] if "=>" in line else [line.strip()]


#: the open slot of a ``Lexicon.wild`` key
WILD = "*"


def latin_key(term: str) -> str:
    return re.sub(r"[\s.+-]", "", term).lower()


@dataclass
class Lexicon:
    """Terms and fixed pairs with the indexes the matcher uses."""

    cjk: dict[tuple[str, ...], list[str]] = field(default_factory=dict)  # folded pinyin → terms
    wild: dict[tuple[str, ...], list[tuple[str, int]]] = field(default_factory=dict)  # one slot open
    latin: dict[str, str] = field(default_factory=dict)  # latin key → term
    pairs: list[tuple[str, str]] = field(default_factory=list)
    terms: set[str] = field(default_factory=set)
    lengths: set[int] = field(default_factory=set)
    # the keys of ``cjk`` and ``wild`` as one trie over folded syllables (``WILD`` for the open
    # slot): the matcher walks it from each position and stops at the first syllable no term
    # continues with, instead of looking up every term length. A node's ``None`` entry is the
    # list stored under its key in ``cjk`` or ``wild``.
    trie: dict = field(default_factory=dict)
    _starts: object | None = field(default=None, repr=False)  # termsearch.Starts, built lazily

    def add(self, term: str) -> None:
        term = term.strip()
        if not term or term in self.terms:
            return
        self.terms.add(term)
        if _CJK.match(term) and len(term) >= 2:
            key = tuple(fold(s) for s in term_syllables(term))
            self.cjk.setdefault(key, []).append(term)
            self._index(key, self.cjk[key])
            self.lengths.add(len(key))
            if len(key) >= 4:  # long terms may match with one syllable misheard
                for i in range(len(key)):
                    wkey = (*key[:i], WILD, *key[i + 1:])
                    self.wild.setdefault(wkey, []).append((term, i))
                    self._index(wkey, self.wild[wkey])
        elif _LATIN.match(term) and len(latin_key(term)) >= 5:
            self.latin[latin_key(term)] = term

    def _index(self, key: tuple[str, ...], hits: list) -> None:
        node = self.trie
        for syl in key:
            node = node.setdefault(syl, {})
        node[None] = hits
        self._starts = None

    def starts(self):
        """The prefilter over the trie (``termsearch.Starts``), built on first use after the last add."""
        if self._starts is None:
            from pipeline.clean.termsearch import Starts  # it reads this module's WILD

            self._starts = Starts.of(self.trie)
        return self._starts

    def add_text(self, text: str) -> None:
        for line in parse_lines(text):
            pair = _pair(line)
            if pair:
                self.pairs.append(pair)
            for term in _terms_of(line):
                self.add(term)


@cache
def _load(files: tuple[tuple[str, float], ...]) -> Lexicon:
    lex = Lexicon()
    for line in lines("lexicon.txt"):
        lex.add_text(line)
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
