"""Checks on what a model writes about the talk, made against the transcript alone.

A model's key point or claim is kept only if the transcript bears it out: most of its wording occurs
in the sentences it cites (``support``), a quote stands in them verbatim or — for a model quoting
the text before our corrections — as a stretch at least FUZZY alike (``fuzzy``). A claim's
statement must also say something: at least MIN_STATEMENT Han characters or Latin letters
(``too_short``: a bare term such as 云化虚拟化 is no claim), and more than the words of a reporting
frame (``frame_only``: 通信网络这边也提了 says that something was said, not what; the frame words are
``data/llm_claim_frames.toml``). A name the model gives as the claim's source is kept only if most
of it is written near the claim (``named_near``), since a name the text does not give is a guess.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache

from pipeline.zh import chars, data

FUZZY = 0.75  # how alike a misquoted stretch must read to our text to stand as the evidence
MIN_SUPPORT = 0.5  # share of a text's Han characters and Latin letters that the cited sentences contain
MIN_STATEMENT = 6  # Han characters and Latin letters a claim statement needs
MIN_CONTENT = 4  # words' worth (Han characters, Latin words, digit runs) left once frame words are gone
MOST = 0.7  # share of a name's characters that must stand, in pairs, in the text near the claim

_UNIT = re.compile(f"[{chars.HAN}]|[A-Za-z]+|[0-9]+")
_CLAUSE = re.compile(r"[，,；;。！？!?：:、\s]+")


def support(text: str, source: str) -> float:
    """Share of ``text``'s content characters that occur in ``source``: a paraphrase keeps most of
    its words; an invented statement does not."""
    found = chars.CONTENT_CHAR.findall(text)
    if not found:
        return 0.0
    have = set(source)
    return sum(ch in have for ch in found) / len(found)


def fuzzy(text: str, lo: int, hi: int, quote: str) -> tuple[int, str]:
    """The stretch of ``text[lo:hi]`` as long as ``quote`` that reads most like it, if at least
    FUZZY alike; the evidence then quotes our text, never the model's wording."""
    n = len(quote)
    best, at = 0.0, -1
    for i in range(lo, max(lo, hi - n) + 1):
        r = SequenceMatcher(None, text[i:i + n], quote, autojunk=False).ratio()
        if r > best:
            best, at = r, i
    return (at, text[at:at + n]) if at >= 0 and best >= FUZZY else (-1, quote)


def too_short(statement: str) -> bool:
    """Under MIN_STATEMENT Han characters or Latin letters: a term or a fragment, not a claim a
    reader can take away."""
    return chars.letters(statement) < MIN_STATEMENT


@cache
def _frames() -> tuple[re.Pattern, re.Pattern]:
    """The reporting verbs, and every frame word (verbs included), longest first."""
    raw = data.toml(__package__, "llm_claim_frames.toml")

    def alt(words: list[str]) -> re.Pattern:
        return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))
    return alt(raw["verbs"]), alt(raw["verbs"] + raw["empty"])


def _content(text: str) -> int:
    """Words' worth of ``text`` once the frame words are gone."""
    return len(_UNIT.findall(_frames()[1].sub("", text)))


def _frame_clause(clause: str) -> bool:
    """A clause whose first reporting verb is followed by frame words only: 这边也提了,
    文件里写得很清楚, 美联储宣布. What comes before the verb is who said it, or where."""
    verb = _frames()[0].search(clause)
    return verb is not None and _content(clause[verb.end():]) == 0


def frame_only(statement: str) -> bool:
    """Whether, with its frame clauses and frame words taken out, a statement says less than
    MIN_CONTENT words' worth: then it reports that something was said, not what."""
    kept = [c for c in _CLAUSE.split(statement) if c and not _frame_clause(c)]
    return _content("".join(kept)) < MIN_CONTENT


def named_near(name: str, near: str) -> bool:
    """Whether most of ``name`` (at least MOST of its characters, each in a pair that ``near``
    also holds) is written in ``near``: 拜登政府 near 拜登 … 政府 is, 国务院 in a talk that never
    says it is not. A one-character name must stand as it is."""
    want = "".join(chars.CONTENT_CHAR.findall(name)).lower()
    have = "".join(chars.CONTENT_CHAR.findall(near)).lower()
    if len(want) < 2:
        return bool(want) and want in have
    covered = [False] * len(want)
    for i in range(len(want) - 1):
        if want[i:i + 2] in have:
            covered[i] = covered[i + 1] = True
    return sum(covered) / len(want) >= MOST
