"""The prefilter and trie walk find exactly the hits a look-up of every window would."""

import random

from pipeline.clean.lexicon import WILD, Lexicon
from pipeline.clean.pinyin import folded_char
from pipeline.clean.termsearch import hits_from

TERMS = ["赋能", "光伏", "鲁棒性", "智简传输", "红头文件", "区块链技术", "引擎开发", "边缘计算平台"]


def _brute(text: str, lex: Lexicon) -> list[tuple[int, int, list]]:
    """Every window's hits by dictionary look-up, the way the matcher used to search."""
    out = []
    for i in range(len(text)):
        for n in range(2, 8):
            if i + n > len(text):
                break
            key = tuple(folded_char(ch) for ch in text[i:i + n])
            hits = [(t, None) for t in lex.cjk.get(key, ())]
            if n >= 4 and not hits:
                for j in range(n):
                    hits += [(t, j) for t, k in lex.wild.get((*key[:j], WILD, *key[j + 1:]), ()) if k == j]
            if hits:
                out.append((i, n, hits))
    return out


def _walked(text: str, lex: Lexicon) -> list[tuple[int, int, list]]:
    out = []
    for i in lex.starts().positions(text):
        folded = [folded_char(ch) for ch in text[i:i + 7]]
        out += [(i, n, hits) for n, hits in hits_from(folded, lex.trie)]
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
