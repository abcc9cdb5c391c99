"""Lexicon correction: misheard domain terms found by sound (pinyin) or spelling (Latin).

Why so many guards: a homophone matcher fires on correct text far more often than on errors, and
the issue's rule is to never make correct text worse. A span is replaced only when
- its toneless pinyin equals a term's (ASR confusions folded: z/zh, c/ch, s/sh, n/l, en/eng,
  in/ing, an/ang), or for terms of four syllables or more differs in one syllable that shares
  its initial or final;
- the span is not itself a dictionary word (质检 alone stays; 负能量 keeps 负能 because the cut
  would split 能量), and it fits jieba's segmentation (no dictionary word straddles its edges);
- the score clears ``APPLY``. Longer matches win. Plausible matches that fail a bar become
  ``Candidate`` hints for a model instead of guesses.
Latin tokens are compared with Latin terms by edit distance (macroLED → MicroLED).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from pipeline.clean.lexicon import Lexicon, latin_key
from pipeline.clean.termsearch import hits_from
from pipeline.clean.textmap import Change
from pipeline.zh import chars, pinyin
from pipeline.zh.words import frequency, words

APPLY = 0.9
APPLY_LATIN = 0.85  # one letter off in a token of eight or more
#: a word at least this frequent in jieba's dictionary is what the speaker said, not a mishearing
COMMON = 500
#: a two-character term is only restored if it is rare in general text (a recogniser's language
#: model knows 直播 well; it is 赋能 or 光伏 that it misses)
RARE_TERM = 200
CANDIDATE = 0.8
#: a Latin token: a letter with no letter or digit before it (looked back at after the letter, so
#: a scan skips in C to letters), then letters, digits and inner hyphens or points
_LATIN_TOKEN = re.compile(r"[A-Za-z](?<![A-Za-z0-9][A-Za-z])[A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*(?![A-Za-z0-9])")


@dataclass(slots=True)
class Match:
    start: int
    end: int
    term: str
    score: float
    reason: str


def _score(span_py: list[str], term_py: list[str], wild_at: int | None) -> tuple[float, str]:
    if span_py == term_py:
        return 1.0, "same pinyin"
    if wild_at is None:
        return (0.93 if len(term_py) >= 3 else 0.88), "pinyin with an ASR confusion"
    a, b = span_py[wild_at], term_py[wild_at]
    same_part = pinyin.near(a, b)
    others_exact = all(x == y for i, (x, y) in enumerate(zip(span_py, term_py, strict=True)) if i != wild_at)
    score = 0.85 + (0.06 if same_part else 0.0) + (0.0 if others_exact else -0.03)
    return score, f"pinyin, one syllable off ({a}/{b})"


def syllables_of(text: str) -> dict[str, str]:
    """The folded syllable of each distinct character of ``text`` ('' if it is not Han): the
    search codes the text by it and reads its windows from it."""
    return {ch: pinyin.folded(ch) if chars.is_han(ch) else "" for ch in set(text)}


def _cjk_matches(text: str, lex: Lexicon) -> list[Match]:
    """Windows whose folded pinyin is a term's (or a long term's with one syllable open).

    The search keys come from each character's own reading. A window that hits and is not a
    dictionary word (a word is what was said: it is never corrected) is read again in context
    (``pinyin.syllables``: 银行 is yin hang) for the score, and must still hit with that reading.
    """
    longest = max(lex.lengths, default=0)
    syllable_of = syllables_of(text)
    found: list[tuple[int, int, Match]] = []
    readings: dict[str, list[str]] = {}  # a talk says its terms (and their homophones) again and again
    for i in lex.starts().positions(text, syllable_of):
        run = chars.HAN_RUN.match(text, i)  # a window stays inside its run of Han characters
        if run is None:
            continue
        window = [syllable_of[ch] for ch in text[i:min(run.end(), i + longest)]]
        for n, hits in hits_from(window, lex.trie):
            span = text[i:i + n]
            if span in lex.terms or frequency(span) > 0:
                continue  # a term said right, or a word: what the speaker said
            if span not in readings:
                readings[span] = pinyin.syllables(span)
            py = readings[span]
            if [pinyin.fold(x) for x in py] != window[:n]:
                continue  # the phrase reading differs from the per-character one: no match
            for term, wild_at in hits:
                score, why = _score(py, list(lex.readings[term]), wild_at)
                found.append((run.end(), n, Match(i, i + n, term, score, why)))
    # run by run (runs do not overlap: their ends order them), longest terms first, as the resolver expects
    found.sort(key=lambda x: (x[0], -x[1], x[2].start))
    return [m for _, _, m in found]


def _levenshtein(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _latin_spans(text: str) -> list[tuple[int, int]]:
    """Latin tokens, and pairs of them one space apart (Chart GPT is one misheard term)."""
    toks = [(m.start(), m.end()) for m in _LATIN_TOKEN.finditer(text)]
    pairs = [(a[0], b[1]) for a, b in pairwise(toks) if text[a[1]:b[0]] == " "]
    return pairs + toks


def _nearest_latin(key: str, lex: Lexicon, most: int) -> tuple[int, str] | None:
    """(edit distance, term) of the closest Latin term with the same first letter among those
    whose length differs by at most ``most``: the distance is at least the difference, so a
    term further off in length could not be nearer than ``most``."""
    best: tuple[int, str] | None = None
    for tkey, term in lex.latin.items():
        if abs(len(tkey) - len(key)) > most or tkey[0] != key[0]:
            continue
        d = _levenshtein(key, tkey)
        if best is None or d < best[0]:
            best = (d, term)
    return best


def _latin_fix(key: str, lex: Lexicon) -> tuple[str, float, str] | None:
    """(term, score, reason) when a Latin token (by its key) is a misspelt term, else None: one
    letter off in a token of seven letters or more, two from nine. A shorter token is too
    likely a word of its own (and a term it spells exactly is no misspelling)."""
    if len(key) < 7 or key in lex.latin:
        return None
    most = 1 if len(key) < 9 else 2
    best = _nearest_latin(key, lex, most)
    if best is None:
        return None
    d, term = best
    if d <= most:
        return term, 1.0 - d / max(len(key), 8), f"spelling, {d} letter(s) off"
    return None


def _latin_matches(text: str, lex: Lexicon) -> list[Match]:
    out: list[Match] = []
    fixes: dict[str, tuple[str, float, str] | None] = {}  # a talk repeats its Latin words
    for start, end in _latin_spans(text):
        token = text[start:end]
        if token not in fixes:
            fixes[token] = _latin_fix(latin_key(token), lex)
        fix = fixes[token]
        if fix is not None:
            out.append(Match(start, end, *fix))
    return out


def _guard(text: str, m: Match, tokens: dict[int, list[tuple[int, int, str]]]) -> str | None:
    """Why a CJK match must not be applied, or None."""
    span = text[m.start:m.end]
    if frequency(span) > 0:
        return f"{span} is a word itself"
    toks = _tokens_around(text, m, tokens)
    if len(span) == 2 and (m.start, m.end, span) not in toks:
        return "a two-character match must be one word of jieba's segmentation"
    if len(span) == 2 and frequency(m.term) >= RARE_TERM:
        return f"{m.term} is a common word a recogniser knows"
    for a, b, tok in toks:
        if m.start <= a and b <= m.end and frequency(tok) >= COMMON:
            term_part = m.term[a - m.start:b - m.start]
            if tok != term_part:
                return f"{tok} is a common word"
        crosses = (a < m.start < b) or (a < m.end < b)
        if crosses and frequency(tok) > 0:
            return f"cuts the word {tok}"
    return None


def _tokens_around(text: str, m: Match, cache_: dict) -> list[tuple[int, int, str]]:
    """jieba tokens of the CJK run holding the match (cached per run)."""
    for run in chars.HAN_RUN.finditer(text, max(0, m.start - 64)):
        if run.start() <= m.start and m.end <= run.end():
            if run.start() not in cache_:
                toks, at = [], run.start()
                for tok in words(run.group()):
                    toks.append((at, at + len(tok), tok))
                    at += len(tok)
                cache_[run.start()] = toks
            return cache_[run.start()]
        if run.start() > m.start:
            break
    return []


@dataclass(slots=True)
class Corrections:
    """What the lexicon pass found: fixes to apply, and near misses held back (hints for a model)."""

    fixes: list[Change]
    near: list[Match]


def changes(text: str, lex: Lexicon) -> Corrections:
    """Corrections to apply, and the near misses, in the coordinates of ``text``."""
    out: list[Change] = []
    near: list[Match] = []
    taken: list[tuple[int, int]] = []
    for wrong, right in lex.pairs:
        for hit in re.finditer(re.escape(wrong), text):
            out.append(Change(hit.start(), hit.end(), right, "correction", "lexicon", 1.0, "fixed pair"))
            taken.append((hit.start(), hit.end()))
    matches = _cjk_matches(text, lex) + _latin_matches(text, lex)
    matches.sort(key=lambda m: (-(m.end - m.start), -m.score, m.start))
    tokens: dict = {}
    for m in matches:
        if any(a < m.end and m.start < b for a, b in taken):
            continue
        latin = text[m.start].isascii()
        why = None if latin else _guard(text, m, tokens)
        bar = APPLY_LATIN if latin else APPLY if m.end - m.start >= 3 else 0.999
        if why is None and m.score >= bar:
            out.append(Change(m.start, m.end, m.term, "correction", "lexicon", round(m.score, 3), m.reason))
            taken.append((m.start, m.end))
        elif m.score >= CANDIDATE and not (why and why.endswith("is a word itself")):
            held = m.reason + (f"; held back: {why}" if why else "")
            near.append(Match(m.start, m.end, m.term, round(m.score, 3), held))
    return Corrections(out, near)
