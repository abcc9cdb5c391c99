import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.clean import clean as clean_stage
from pipeline.clean import correct, lexicon
from pipeline.config import CleanOptions
from pipeline.ingest import ingest_text
from tests.clean.conftest import FIXTURES, run


def fixes(text: str) -> dict[str, str]:
    found = correct.changes(text, lexicon.load([])).fixes
    return {text[c.start:c.end]: c.after for c in found}


def test_homophone_of_a_domain_term():
    assert fixes("AI区块链，通信，内容，包括芯片，全部是要负能的") == {"负能": "赋能"}


def test_common_word_in_context_stays():
    assert fixes("不要传递负能量") == {}
    assert fixes("工厂的产品质检") == {}


def test_longer_matches_with_pinyin_confusions():
    assert fixes("无线网络质检传输") == {"质检传输": "智简传输"}
    assert fixes("和叫做高鲁邦性的") == {"鲁邦性": "鲁棒性"}
    assert "引擎开发" in fixes("3D隐形开发用的很多地方").values()


def test_latin_term_by_spelling():
    assert fixes("我估计就是macroLED，和") == {"macroLED": "MicroLED"}
    assert fixes("我们用Google搜一下") == {}


def test_near_miss_becomes_a_candidate_not_an_edit():
    out = run("类似于像宏的文件东西")
    assert not [e for e in out.edits if e.kind == "correction"]
    assert [(c.before, c.suggestion) for c in out.candidates] == [("宏的文件", "红头文件")]


def test_ordinary_news_sentence_is_untouched():
    assert fixes("当基金运转趋于稳定时，精神领袖却决定离开，把对我个人的信任变成对公益机制的信任") == {}
    assert fixes("上市公司之间的数次资产腾挪") == {}


def test_user_lexicon_pair_and_term():
    out = run("和叫做高鲁邦性的，Union1追踪系统", lexicons=(str(FIXTURES / "user.lexicon.txt"),))
    assert "Unity追踪系统" in out.clean_text
    pair = [e for e in out.edits if e.before == "Union1"]
    assert pair and pair[0].origin == "lexicon" and pair[0].kind == "correction"


def test_hotwords_next_to_the_input(tmp_path: Path):
    src = tmp_path / "talk.txt"
    src.write_text("然后是Union1追踪系统", encoding="utf-8")
    (tmp_path / "talk.hotwords.txt").write_text("Union1 => Unity\n", encoding="utf-8")
    doc = ingest_text(src.read_text(encoding="utf-8"), str(src))
    assert "Unity" in clean_stage(doc).clean_text
    assert "Union1" in clean_stage(doc, CleanOptions(hotwords=False)).clean_text


def test_function_word_before_a_term_is_not_a_mishearing():
    # 人工智能和聚变: 和 is not 核
    assert fixes("一个硬科技前沿就是人工智能和聚变") == {}


def test_latin_term_split_by_a_space():
    assert fixes("一个是Chart GPT最近推出了它的") == {"Chart GPT": "ChatGPT"}
    assert fixes("我们用Open AI的接口") == {}  # a spacing variant of a term is not a mishearing


#: Latin tokens as first written (the look back first): the spec the faster scan keeps
LATIN_SPEC = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*(?![A-Za-z0-9])")


@settings(max_examples=500)
@given(st.text("aZ09-. 的", max_size=30))
def test_latin_tokens_are_the_ones_the_rule_as_written_finds(text):
    assert [m.span() for m in correct._LATIN_TOKEN.finditer(text)] == [m.span() for m in LATIN_SPEC.finditer(text)]
