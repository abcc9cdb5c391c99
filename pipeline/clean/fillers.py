"""Filler, stutter and repeat pass, driven by ``data/fillers.toml``.

Why context rules and not a word list alone: most fillers are also content words (那个文件, 就是
这样, 对 meaning "correct"), so each word carries the contexts in which it is a filler — before a
pause, alone between pauses, at a clause end, opening a clause as a word of its own. A pause is
punctuation, an ASR space, a cue break or the end of the text. Repeats: a phrase said twice across
a pause (还早了一点，还早了一点) is kept once; stutters (我我我, 就是就是) are kept once.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.clean.textmap import Change
from pipeline.zh import data
from pipeline.zh.words import frequency, words

PAUSE = "，,。？！?!、；;：: \u3000\t\n…"
_PAUSE_RUN = re.compile(f"[{re.escape(PAUSE)}]+")
_SOFT = "，,、 \u3000\t"  # pauses a filler may take with it when it goes


def _pause(text: str, i: int) -> bool:
    return i <= 0 or i >= len(text) or text[i] in PAUSE


@cache
def _rules() -> tuple[dict, list[tuple[str, str, tuple[str, ...]]]]:
    rules = data.toml(__package__, "fillers.toml")
    entries = [(w, r["where"], tuple(r.get("not_after", ()))) for r in rules["rule"] for w in r["words"]]
    entries.sort(key=lambda x: -len(x[0]))  # longest first: 对不对啊 before 对不对
    return rules, entries


def _opens_clause(text: str, a: int, word: str) -> bool:
    """Whether ``word`` at ``a`` is the first word jieba reads in its clause (就是说白了 is 就是 +
    说白了: taking 就是说 away would leave 白了), and its last character makes no dictionary word
    with the next (就是说白就是…, a 说白了 that lost its 了, reads 就是说 + 白)."""
    run = _PAUSE_RUN.search(text, a)
    end = run.start() if run else len(text)
    clause = text[a:end]
    b = a + len(word)
    return words(clause)[:1] == (word,) and not (b < end and frequency(word[-1] + text[b]) > 0)


def _fits(kind: str, text: str, a: int, word: str, before_pause: bool, after_pause: bool) -> bool:
    """Whether the context of ``word`` at ``a`` is the one ``kind`` names (see fillers.toml)."""
    if kind == "clause_end":
        return after_pause and a > 0
    if kind == "before_pause":
        return after_pause
    if kind == "alone":
        return before_pause and after_pause
    if kind == "clause_start":
        return before_pause and not after_pause and _opens_clause(text, a, word)
    return kind == "anywhere"


def _filler_changes(text: str) -> list[Change]:
    _, words = _rules()
    out: list[Change] = []
    alt = "|".join(dict.fromkeys(re.escape(w) for w, _, _ in words))
    where: dict[str, list[tuple[str, tuple[str, ...]]]] = {}  # a word may be a filler in several contexts
    for w, kind, not_after in words:
        where.setdefault(w, []).append((kind, not_after))
    for m in re.finditer(alt, text):
        a, b = m.start(), m.end()
        before_pause, after_pause = _pause(text, a - 1) or a == 0, _pause(text, b)
        fits = next((k for k, not_after in where[m.group()] if not (a > 0 and text[a - 1] in not_after)
                     and _fits(k, text, a, m.group(), before_pause, after_pause)), None)
        if fits is None:
            continue
        # take the pause before it (a space) or, after punctuation, the one after it, so no
        # doubled comma is left behind and the clause's own pause stays
        lo, hi = a, b
        while lo > 0 and text[lo - 1] in " \u3000\t":
            lo -= 1
        if lo == a and (a == 0 or text[a - 1] in PAUSE) and hi < len(text) and text[hi] in _SOFT:
            hi += 1
        elif lo > 0 and text[lo - 1] in _SOFT and hi < len(text) and text[hi] in PAUSE:
            lo -= 1  # "有点，对吧。" → "有点。"
        after = ""
        if hi < len(text) and text[hi] in "？?" and lo > 0 and text[lo - 1] not in PAUSE:
            hi, after = hi + 1, "。"  # "当成一种赌博，对吧？" asked nothing: → "当成一种赌博。"
        out.append(Change(lo, hi, after, "filler", "rule", 0.9, f"{fits} filler {m.group()}"))
    return out


def _stutter_changes(text: str) -> list[Change]:
    data, _ = _rules()
    st = data["stutter"]
    out: list[Change] = []
    chars = re.escape(st["chars"])
    for m in re.finditer(rf"([{chars}])\1+", text):
        out.append(Change(m.start() + 1, m.end(), "", "repeat", "rule", 0.9, "stutter"))
    words = "|".join(re.escape(w) for w in sorted(st["words"], key=len, reverse=True))
    for m in re.finditer(rf"({words})\1+", text):
        out.append(Change(m.start() + len(m.group(1)), m.end(), "", "repeat", "rule", 0.9, "stutter"))
    return out


def _repeat_changes(text: str) -> list[Change]:
    """A phrase right before a pause said again right after it: the second saying goes.

    The second saying must run up to the next pause (or the end) and the first may not cross one,
    so the only length to try at each pause is the distance to the next: one comparison a pause.
    """
    rep = _rules()[0]["repeat"]
    lo_n, hi_n = rep["min_chars"], rep["max_chars"]
    out: list[Change] = []
    runs = [m.span() for m in _PAUSE_RUN.finditer(text)]
    prev_end = 0
    for k, (a, b) in enumerate(runs):
        nxt = runs[k + 1][0] if k + 1 < len(runs) else len(text)
        n = nxt - b
        if lo_n <= n <= min(hi_n, a - prev_end) and text[a - n:a] == text[b:nxt] \
                and sum(map(str.isalnum, text[a - n:a])) >= lo_n:
            out.append(Change(a, nxt, "", "repeat", "rule", 0.9, f"said twice: {text[a - n:a]}"))
        prev_end = b
    return out


#: Run in this order, each on the text the one before left: stutters, repeats, fillers.
PASSES = (_stutter_changes, _repeat_changes, _filler_changes)
