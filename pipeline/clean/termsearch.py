"""Where lexicon terms can stand in a talk: the search's index and its walk down the term trie.

The lexicon is a few hundred terms, the text every character of a talk, and at almost every
position no term can start. So the search is two steps:
- ``Starts``: a window can only hit if its first syllables fit some term's, allowing the one open
  syllable a long term may be misheard in: a term's first two; a long term's first and third,
  when its second is open; its second and third, when its first is open. For each syllable the
  ones that may follow it are a set, so each position costs a few dictionary and set look-ups;
- ``hits_from``: the walk down the trie from the few positions left, which stops at the first
  syllable no term continues with.
The first step lets through a superset; the walk is exact.
"""

from __future__ import annotations

from dataclasses import dataclass

#: the open slot in a trie key: any one syllable (a long term misheard in one place)
WILD = "*"


def _children(node: dict) -> list[tuple[str, dict]]:
    return [(k, v) for k, v in node.items() if k is not None]


@dataclass(frozen=True)
class Starts:
    """For each folded syllable, the syllables that may follow it at a term's start (see the
    module): ``second[a]`` after a term's first syllable; ``third[a]`` two places after it, when
    the second is open; ``after_open[b]`` right after ``b``, when the syllable before ``b`` is."""

    second: dict[str, frozenset[str]]
    third: dict[str, frozenset[str]]
    after_open: dict[str, frozenset[str]]

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
        return cls(*({k: frozenset(v) for k, v in d.items()} for d in (second, third, after_open)))

    def positions(self, syllables: list[str]) -> list[int]:
        """Positions where a walk may find a term (a superset of those where it does);
        ``syllables``: the folded syllable of each character ("" for a non-Han one)."""
        s = [*syllables, "", ""]
        none: frozenset[str] = frozenset()
        second, third, after_open = self.second.get, self.third.get, self.after_open.get
        return [i for i in range(len(syllables))
                if s[i + 1] in second(s[i], none) or s[i + 2] in third(s[i], none)
                or s[i + 2] in after_open(s[i + 1], none)]


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
