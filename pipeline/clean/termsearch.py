"""Where lexicon terms can stand in a talk: the search's index and its walk down the term trie.

The lexicon is a few hundred terms, the text every character of a talk, and at almost every
position no term can start. So the search is two steps:
- ``Starts``: a window can only hit if its first syllables fit some term's, allowing the one open
  syllable a long term may be misheard in: a term's first two; a long term's first and third,
  when its second is open; its second and third, when its first is open. The text is spelled
  once in codes, a character per syllable the index knows, and for each syllable a term can
  start with one regular expression finds where it stands with a syllable that may follow: a
  scan in C per syllable, not Python tests at every character (one in thirty passes);
- ``hits_from``: the walk down the trie from the few positions left, which stops at the first
  syllable no term continues with.
The first step lets through a superset; the walk is exact.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

#: the open slot in a trie key: any one syllable (a long term misheard in one place)
WILD = "*"
#: the code of a syllable the index does not know, and of a character that is not Han; the
#: known syllables get the code points after it (the Private Use Area: no text's own characters
#: are left in a coded text, so none can be mistaken for a code)
_OTHER = 0xE000


def _children(node: dict) -> list[tuple[str, dict]]:
    return [(k, v) for k, v in node.items() if k is not None]


@dataclass(frozen=True)
class Starts:
    """For each folded syllable, the syllables that may follow it at a term's start (see the
    module): ``second[a]`` after a term's first syllable; ``third[a]`` two places after it, when
    the second is open; ``after_open[b]`` right after ``b``, when the syllable before ``b`` is.
    ``code``: the character each of these syllables is spelled by in a coded text; ``scans``:
    (pattern, shift) over a coded text, a match at j being a possible start at j + shift."""

    second: dict[str, frozenset[str]]
    third: dict[str, frozenset[str]]
    after_open: dict[str, frozenset[str]]
    code: dict[str, str]
    scans: tuple[tuple[re.Pattern[str], int], ...]

    @classmethod
    def of(cls, trie: dict) -> Starts:
        second: dict[str, set[str]] = {}
        third: dict[str, set[str]] = {}
        after_open: dict[str, set[str]] = {}
        for a, n1 in _children(trie):
            for b, n2 in _children(n1):
                if a != WILD and b != WILD:
                    second.setdefault(a, set()).add(b)
                for c, _ in _children(n2):
                    if a != WILD and b == WILD:
                        third.setdefault(a, set()).add(c)
                    elif a == WILD:
                        after_open.setdefault(b, set()).add(c)
        sets = [{k: frozenset(v) for k, v in d.items()} for d in (second, third, after_open)]
        known = sorted({x for d in sets for k, v in d.items() for x in (k, *v)})
        code = {syl: chr(_OTHER + 1 + k) for k, syl in enumerate(known)}
        return cls(*sets, code, _scans(*sets, code))

    def positions(self, text: str, syllable_of: Mapping[str, str]) -> list[int]:
        """Positions where a walk may find a term (a superset of those where it does);
        ``syllable_of``: the folded syllable of each Han character of ``text``."""
        other = chr(_OTHER)
        coded = text.translate({ord(ch): self.code.get(syllable_of.get(ch, ""), other) for ch in set(text)})
        found = {m.start() + shift for pattern, shift in self.scans for m in pattern.finditer(coded)}
        found.discard(-1)
        return sorted(found)


def _scans(second: dict[str, frozenset[str]], third: dict[str, frozenset[str]],
           after_open: dict[str, frozenset[str]], code: dict[str, str]) -> tuple[tuple[re.Pattern[str], int], ...]:
    """A term's first syllable followed by one of its seconds, or by any syllable and one of its
    thirds (the start is the match); a long term's second syllable followed by one of its thirds,
    when its first is open (the start is one before the match)."""
    def one_of(syllables: frozenset[str]) -> str:
        return "[" + "".join(sorted(code[x] for x in syllables)) + "]"

    out = []
    for a in sorted({*second, *third}):
        follows = [one_of(second[a])] if a in second else []
        follows += ["." + one_of(third[a])] if a in third else []
        out.append((re.compile(f"{code[a]}(?={'|'.join(follows)})", re.S), 0))
    out += [(re.compile(f"{code[b]}(?={one_of(cs)})", re.S), -1) for b, cs in sorted(after_open.items())]
    return tuple(out)


def hits_from(folded: list[str], trie: dict) -> list[tuple[int, list[tuple[str, int | None]]]]:
    """Term hits of every length for windows at the start of ``folded``: (length, [(term, open slot)]).

    A walk down the lexicon trie that may take the open slot (``WILD``) once: a length's exact
    hits win; only without one do long terms with one syllable open count, by slot order.
    """
    out: list[tuple[int, list[tuple[str, int | None]]]] = []
    states = []  # (trie node, open slot taken at, or -1)
    node = trie.get(folded[0])
    if node is not None:
        states.append((node, -1))
    node = trie.get(WILD)
    if node is not None:
        states.append((node, 0))
    depth = 1
    while states and depth < len(folded):
        states = _step(states, folded[depth], depth)
        depth += 1
        exact, wild = _found(states)
        if exact:
            out.append((depth, list(exact)))
        elif wild and depth >= 4:
            wild.sort(key=lambda x: x[0])
            out.append((depth, [(t, k) for j, found in wild for t, k in found if k == j]))
    return out


def _step(states: list[tuple[dict, int]], syllable: str, depth: int) -> list[tuple[dict, int]]:
    """The walks that go on with ``syllable``, and those that take the open slot for it."""
    nxt = []
    for node, slot in states:
        child = node.get(syllable)
        if child is not None:
            nxt.append((child, slot))
        if slot < 0:
            child = node.get(WILD)
            if child is not None:
                nxt.append((child, depth))
    return nxt


def _found(states: list[tuple[dict, int]]) -> tuple[list[tuple[str, int | None]] | None,
                                                   list[tuple[int, list[tuple[str, int | None]]]]]:
    """Terms ending where the walks stand: the exact ones, and (slot, terms) of the open ones."""
    exact, wild = None, []
    for node, slot in states:
        found = node.get(None)
        if found:
            if slot < 0:
                exact = found
            else:
                wild.append((slot, found))
    return exact, wild
