"""Where lexicon terms can stand in a talk: the search's index and its walk down the term trie.

The lexicon is a few hundred terms, the text every character of a talk, and at almost every
position no term can start. So the search is two steps:
- ``Starts``: a window can only hit if its first syllables (up to ``PREFIX``) follow a path of
  the term trie, open slots included. The text is spelled once in codes, a character per
  syllable the trie's first levels know, and for each syllable a term can start with one
  regular expression finds where it stands followed by a path of the trie: a scan in C per
  syllable, not Python tests at every character (in a talk about one position in three
  hundred passes);
- ``hits_from``: the walk down the trie from the few positions left, which stops at the first
  syllable no term continues with.
The first step lets through a superset (a path of ``PREFIX`` syllables may go on into no term
the window holds); the walk is exact.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

#: the open slot in a trie key: any one syllable (a long term misheard in one place)
WILD = "*"
#: how many syllables of a window the scans check against the trie (past that, the walk does)
PREFIX = 4
#: the code of a syllable the index does not know, and of a character that is not Han; the
#: known syllables get the code points after it (the Private Use Area: no text's own characters
#: are left in a coded text, so none can be mistaken for a code)
_OTHER = 0xE000


def _children(node: dict) -> list[tuple[str, dict]]:
    return sorted((k, v) for k, v in node.items() if k is not None)


def _known(node: dict, depth: int = 0) -> set[str]:
    """The syllables on the trie's paths down to ``PREFIX`` levels."""
    if depth == PREFIX:
        return set()
    return {x for k, child in _children(node) for x in (k, *_known(child, depth + 1)) if x != WILD}


@dataclass(frozen=True)
class Starts:
    """Where a window may start a term. ``code``: the character each syllable of the trie's
    first levels is spelled by in a coded text; ``scans``: (pattern, shift) over a coded text, a
    match at j being a possible start at j + shift."""

    code: dict[str, str]
    scans: tuple[tuple[re.Pattern[str], int], ...]

    @classmethod
    def of(cls, trie: dict) -> Starts:
        """A scan per syllable a term can start with, and (shift -1) per syllable a term can
        have second when its first is open: that syllable, then any path on from it."""
        code = {syl: chr(_OTHER + 1 + k) for k, syl in enumerate(sorted(_known(trie)))}
        heads = [(a, node, 1, 0) for a, node in _children(trie) if a != WILD]
        heads += [(b, node, 2, -1) for b, node in _children(trie.get(WILD, {}))]
        scans = [(re.compile(code[a] + "(?=" + _follows(node, depth, code) + ")", re.S), shift)
                 for a, node, depth, shift in heads]
        return cls(code, tuple(scans))

    def positions(self, text: str, syllable_of: Mapping[str, str]) -> list[int]:
        """Positions where a walk may find a term (a superset of those where it does);
        ``syllable_of``: the folded syllable of each character of ``text`` ('' if it has none)."""
        other = chr(_OTHER)
        coded = text.translate({ord(ch): self.code.get(syl, other) for ch, syl in syllable_of.items()})
        found = {m.start() + shift for pattern, shift in self.scans for m in pattern.finditer(coded)}
        found.discard(-1)
        return sorted(found)


def _follows(node: dict, depth: int, code: dict[str, str]) -> str:
    """A pattern for the codes of the paths on from ``node`` (``depth`` syllables down) to
    ``PREFIX`` levels: empty where a term of two syllables or more may end; ``.`` an open slot."""
    if depth >= PREFIX or (depth >= 2 and None in node):
        return ""
    paths = [("." if k == WILD else code[k]) + _follows(child, depth + 1, code) for k, child in _children(node)]
    return "(?:" + "|".join(paths) + ")"


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
