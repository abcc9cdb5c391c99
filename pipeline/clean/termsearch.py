"""Where lexicon terms can start, and the walk that finds them: the matcher's hot loop.

Why this shape: the lexicon is a few hundred terms but the text is every character of a talk,
and at almost every position no term can start. So the search is two steps:
- a prefilter over the whole text in C-level loops (``map`` over dict and set lookups, no Python
  code per character): a window can only hit if its first three folded syllables fit some term's
  first three, with at most one of them open (a long term may be misheard in one syllable);
- a walk down the lexicon trie from the few positions left, which stops at the first syllable no
  term continues with.
The prefilter lets through a superset (an open slot may fall past the end of a run of Chinese
characters); the walk is exact.
"""

from __future__ import annotations

from itertools import compress
from operator import contains, getitem

from pipeline.clean.lexicon import WILD
from pipeline.clean.pinyin import folded_char


class _CharIds(dict):
    """Character → id of its folded syllable among the lexicon's; 0 for any other character."""

    def __init__(self, vocab: dict[str, int]) -> None:
        super().__init__()
        self.vocab = vocab

    def __missing__(self, ch: str) -> int:
        cid = self.vocab.get(folded_char(ch), 0) if "\u3400" <= ch <= "\u9fff" else 0
        self[ch] = cid
        return cid


def _children(node: dict):
    return ((k, v) for k, v in node.items() if k is not None)


class Starts:
    """The prefilter: for each pair of syllable ids, the third syllables that keep a walk alive.

    Built from the lexicon trie in a tenth of a second; stored across runs (pipeline.tablecache)
    under a hash of the trie's keys, since every process would build the same one."""

    def __init__(self, vocab: dict[str, int], table: dict[int, frozenset[int]]) -> None:
        k = len(vocab) + 1
        self.ids = _CharIds(vocab)
        none: frozenset[int] = frozenset()
        # the table as rows[first][second]: two list lookups a position, no pair number to make
        self.rows = [[none] * k for _ in range(k)]
        for pair, thirds in table.items():
            self.rows[pair // k][pair % k] = thirds

    @classmethod
    def of(cls, trie: dict) -> Starts:
        import hashlib

        from pipeline.tablecache import file_key, stored

        keys = sorted(_keys(trie))
        digest = hashlib.sha256(repr(keys).encode()).hexdigest()
        vocab, table = stored("term-starts", f"{file_key(__file__)}:{digest}", lambda: _build(trie),
                              lambda v: isinstance(v, tuple) and len(v) == 2 and isinstance(v[1], dict))
        return cls(vocab, table)

    def positions(self, text: str) -> list[int]:
        """Positions of ``text`` where a walk may find a term (a superset of those where it does)."""
        ids = list(map(self.ids.__getitem__, text))
        ids += (0, 0)
        thirds = map(getitem, map(self.rows.__getitem__, ids), ids[1:])
        return list(compress(range(len(text)), map(contains, thirds, ids[2:])))



def _keys(node: dict, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every key path in the trie that ends at a term (its ``None`` entry)."""
    out = [prefix] if None in node else []
    for syl, child in _children(node):
        out += _keys(child, (*prefix, syl))
    return out


def _build(trie: dict) -> tuple[dict[str, int], dict[int, frozenset[int]]]:
    """The syllable vocabulary and the table of ``Starts``, from the lexicon trie."""
    vocab: dict[str, int] = {}

    def sid(syl: str) -> int:
        return vocab.setdefault(syl, len(vocab) + 1)

    whole: set[tuple[int, int]] = set()  # pairs that are a term, or go on with an open slot
    third: dict[tuple[int, int], set[int]] = {}  # exact three-syllable prefixes
    around: dict[int, set[int]] = {}  # first and third around an open second
    after: dict[int, set[int]] = {}  # second and third after an open first
    for a, n1 in _children(trie):
        for b, n2 in _children(n1):
            if a != WILD and n2.get(None):
                whole.add((sid(a), sid(b)))
            for c, _ in _children(n2):
                if WILD not in (a, b, c):
                    third.setdefault((sid(a), sid(b)), set()).add(sid(c))
                elif c == WILD:
                    whole.add((sid(a), sid(b)))
                elif b == WILD:
                    around.setdefault(sid(a), set()).add(sid(c))
                else:
                    after.setdefault(sid(b), set()).add(sid(c))
    k = len(vocab) + 1
    every = frozenset(range(k))
    pairs = set(whole) | set(third)
    pairs |= {(a, b) for a in around for b in range(k)} | {(a, b) for b in after for a in range(k)}
    shared: dict[frozenset[int], frozenset[int]] = {}
    table: dict[int, frozenset[int]] = {}
    for a, b in pairs:
        if (a, b) in whole:
            thirds = every
        else:
            thirds = frozenset(third.get((a, b), set()) | around.get(a, set()) | after.get(b, set()))
        table[a * k + b] = shared.setdefault(thirds, thirds)
    return vocab, table


def hits_from(folded: list[str], trie: dict) -> list[tuple[int, list[tuple[str, int | None]]]]:
    """Term hits of every length for windows at the start of ``folded``: (length, [(term, open slot)]).

    A walk down the lexicon trie that may take the open slot (``WILD``) once: a length's exact
    hits win; only without one do long terms with one syllable open count, by slot order.
    """
    out = []
    states = []  # (trie node, open slot taken at, or -1)
    node = trie.get(folded[0])
    if node is not None:
        states.append((node, -1))
    node = trie.get(WILD)
    if node is not None:
        states.append((node, 0))
    depth = 1
    while states and depth < len(folded):
        syl = folded[depth]
        nxt = []
        for node, slot in states:
            child = node.get(syl)
            if child is not None:
                nxt.append((child, slot))
            if slot < 0:
                child = node.get(WILD)
                if child is not None:
                    nxt.append((child, depth))
        depth += 1
        states = nxt
        exact, wild = None, []
        for node, slot in states:
            found = node.get(None)
            if found:
                if slot < 0:
                    exact = found
                else:
                    wild.append((slot, found))
        if exact:
            out.append((depth, [(t, None) for t in exact]))
        elif wild and depth >= 4:
            wild.sort(key=lambda x: x[0])
            out.append((depth, [(t, j) for j, found in wild for t, k in found if k == j]))
    return out
