"""The prefilter and trie walk find exactly the hits a look-up of every window would."""

import random

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
