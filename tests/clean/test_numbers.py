import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.clean import numbers
from tests.clean.conftest import run


def test_full_stop_inside_a_version():
    out = run("叫做北京的互联网3。0产业创新发展的一个什么")
    assert "互联网3.0产业" in out.clean_text


def test_range_and_across_a_paragraph_break():
    out = run("就怎么说0~0。5，对吧，然后0。\n\n5~1，然后1~99，对吧")
    assert "0~0.5" in out.clean_text
    assert "0.5~1" in out.clean_text
    assert "。5" not in out.clean_text


def test_across_a_break_with_a_word_after():
    out = run("咱们要说互联网3。0了，当然了，这3。\n\n0是啥，咱也不知道")
    assert "3.0是啥" in out.clean_text


def test_number_edits_name_their_source():
    out = run("然后0。\n\n5~1")
    (edit,) = [e for e in out.edits if e.kind == "number"]
    assert edit.before == "。\n\n" and edit.after == "."


def test_chinese_numerals_and_real_sentence_ends_stay():
    assert numbers.changes("第三。五个人来了") == []
    # a year ending a sentence, another starting the next paragraph: not a decimal
    assert numbers.changes("那是2019。\n\n2020年又变了") == []


#: the rules as first written (each opens with its look back): the spec the faster scans keep
SPEC = (re.compile(r"(?<![.。\d])(\d+)。(\d)"), re.compile(r"(?<![.。\d])(\d{1,2})。(\s+)(\d{1,2})(?!\d)"),
        re.compile(r"(?<=\d)，(?=\d{3}(?!\d))"))


@settings(max_examples=500)
@given(st.text("0123456789３。.，, \n年", max_size=40))
def test_scans_find_what_the_rules_as_written_find(text):
    for spec, scan in zip(SPEC, (numbers._INLINE, numbers._ACROSS, numbers._THOUSANDS), strict=True):
        assert [m.span(0) for m in scan.finditer(text)] == [m.span(0) for m in spec.finditer(text)]
        assert [m.groups() for m in scan.finditer(text)] == [m.groups() for m in spec.finditer(text)]
