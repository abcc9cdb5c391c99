"""Where lexicon terms can stand in a talk: the search's index and its walk down the term trie.

The lexicon is a few hundred terms, the text every character of a talk, and at almost every
position no term can start. So the search is two steps:
- ``Starts``: a window can only hit if its first syllables fit some term's, allowing the one open
  syllable a long term may be misheard in. Three sets of syllable pairs say which fit (a term's
  first two; a long term's first and third, when its second is open; its second and third, when
  its first is open), so each position costs three set look-ups;
- ``hits_from``: the walk down the trie from the few positions left, which stops at the first
  syllable no term continues with.
The first step lets through a superset; the walk is exact.
"""

from __future__ import annotations

from dataclasses import dataclass

#: the open slot in a trie key: any one syllable (a long term misheard in one place)
WILD = "*"
Pair = tuple[str, str]


def _children(node: dict) -> list[tuple[str, dict]]:
    return [(k, v) for k, v in node.items() if k is not None]


@dataclass(frozen=True)
class Starts:
    """The pairs of folded syllables with which a term's window may begin (see the module)."""

    first: frozenset[Pair]
    skip: frozenset[Pair]
    late: frozenset[Pair]
    #: syllables a pair of ``first`` or ``skip`` begins with, and those a pair of ``late`` does:
    #: at most positions the syllable there begins none, and one set look-up settles it
    leads: frozenset[str] = frozenset()
    late_leads: frozenset[str] = frozenset()

    @classmethod
    def of(cls, trie: dict) -> Starts:
        first: set[Pair] = set()
        skip: set[Pair] = set()
        late: set[Pair] = set()
        for a, n1 in _children(trie):
            for b, n2 in _children(n1):
                if a != WILD and b != WILD:
                    first.add((a, b))
                for c, _ in _children(n2):
                    if a != WILD and b == WILD:
                        skip.add((a, c))
                    elif a == WILD:
                        late.add((b, c))
        return cls(frozenset(first), frozenset(skip), frozenset(late),
                   frozenset(a for a, _ in first | skip), frozenset(b for b, _ in late))

    def positions(self, syllables: list[str]) -> list[int]:
        """Positions where a walk may find a term (a superset of those where it does);
        ``syllables``: the folded syllable of each character ("" for a non-Han one)."""
        s = [*syllables, "", ""]
        first, skip, late, leads, late_leads = self.first, self.skip, self.late, self.leads, self.late_leads
        return [i for i in range(len(syllables))
                if (s[i] in leads and ((s[i], s[i + 1]) in first or (s[i], s[i + 2]) in skip))
                or (s[i + 1] in late_leads and (s[i + 1], s[i + 2]) in late)]


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
