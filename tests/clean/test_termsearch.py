"""The prefilter and trie walk find exactly the hits a look-up of every window would."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.clean.correct import syllables_of
from pipeline.clean.lexicon import LONG_TERM, Lexicon
from pipeline.clean.termsearch import hits_from
from pipeline.zh import pinyin

TERMS = ["赋能", "光伏", "鲁棒性", "智简传输", "红头文件", "区块链技术", "引擎开发", "边缘计算平台"]


def _key(term: str) -> tuple[str, ...]:
    return tuple(pinyin.fold(s) for s in pinyin.syllables(term))


def _brute(text: str, lex: Lexicon) -> list[tuple[int, int, list]]:
    """Every window's hits by comparing it with every term: the same key, or (a long term) the
    same key but for one syllable, the earliest such slot first."""
    out = []
    for i in range(len(text)):
        for n in range(2, 8):
            if i + n > len(text):
                break
            key = tuple(pinyin.folded(ch) for ch in text[i:i + n])
            hits = [(t, None) for t in TERMS if t in lex.terms and _key(t) == key]
            if n >= LONG_TERM and not hits:
                hits = [(t, j) for j in range(n) for t in TERMS if t in lex.terms and len(_key(t)) == n
                        and all(a == b for k, (a, b) in enumerate(zip(_key(t), key, strict=True)) if k != j)]
            if hits:
                out.append((i, n, hits))
    return out


def _walked(text: str, lex: Lexicon) -> list[tuple[int, int, list]]:
    out = []
    of = syllables_of(text)
    folded = [of.get(ch, "") for ch in text]
    for i in lex.starts().positions(text, of):
        out += [(i, n, hits) for n, hits in hits_from(folded[i:i + 7], lex.trie)]
    return sorted(out, key=lambda x: (x[0], x[1]))


def test_prefilter_and_walk_match_every_window_lookup():
    lex = Lexicon()
    for term in TERMS:
        lex.add(term)
    rng = random.Random(3)
    pool = "".join(TERMS) + "负能广府路邦性质检传书宏的文件隐形开发计算评台我们就是的了"
    for _ in range(200):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(2, 30)))
        assert _walked(text, lex) == _brute(text, lex), text


def test_terms_added_after_a_search_are_found():
    lex = Lexicon()
    lex.add("赋能")
    assert _walked("要负能的光副", lex) == _brute("要负能的光副", lex)
    lex.add("光伏")
    assert [n for _, n, _ in _walked("要负能的光副", lex)] == [2, 2]


#: characters that share folded readings (赋/负, 能/冷, 是/四/十, 传/船 ...), so open slots and
#: folded initials and finals all come into play
POOL = "赋负能冷光广伏府副是四十时数据局举智知简件传船输书红宏头投文闻"


def _one_off(term: str, at: int, ch: str) -> str:
    at %= len(term)
    return term[:at] + ch + term[at + 1:]


@settings(max_examples=300)
@given(st.data())
def test_positions_keep_every_window_with_a_hit(data):
    """The scans may let through windows without a hit, never drop one that has any. The text
    is made of terms, terms with one character changed, and other characters."""
    terms = data.draw(st.lists(st.text(POOL, min_size=2, max_size=6), min_size=1, max_size=12))
    changed = st.builds(_one_off, st.sampled_from(terms), st.integers(0, 5), st.sampled_from(POOL + "，"))
    pieces = st.one_of(st.sampled_from(terms), changed, st.text(POOL + "，a ", max_size=3))
    text = "".join(data.draw(st.lists(pieces, max_size=10)))
    lex = Lexicon()
    for term in terms:
        lex.add(term)
    of = syllables_of(text)
    folded = [of[ch] for ch in text]
    every = [(i, hits) for i in range(len(text)) if (hits := hits_from(folded[i:i + 7], lex.trie))]
    kept = [(i, hits) for i in lex.starts().positions(text, of) if (hits := hits_from(folded[i:i + 7], lex.trie))]
    assert kept == every
