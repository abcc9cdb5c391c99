from tests.clean.conftest import run


def test_traditional_becomes_simplified():
    out = run("你们结束再过两分钟就可以吹我的，(下集再見)")
    assert "再见" in out.clean_text and "再見" not in out.clean_text
    (edit,) = [e for e in out.edits if e.kind == "script"]
    assert (edit.before, edit.after, edit.origin) == ("見", "见", "opencc")


def test_converter_debris_is_mended():
    out = run("这个东西到底是什幺，那幺我们就看一下")
    assert "什么" in out.clean_text and "那么" in out.clean_text
    assert "幺" not in out.clean_text


def test_script_keep_leaves_characters_alone():
    out = run("下集再見", script="keep")
    assert "再見" in out.clean_text
    assert not [e for e in out.edits if e.kind == "script"]


def test_characters_the_reimplementation_missed():
    assert "抬高了数据壁垒" in run("这就是进一步的擡高了数据壁垒").clean_text
