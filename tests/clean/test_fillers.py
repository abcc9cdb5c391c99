from tests.clean.conftest import run


def test_tag_at_a_clause_end_is_filler():
    out = run("所以我现在发微博都是写我是驴 对吧，我是母猪")
    assert "对吧" not in out.clean_text
    assert "我是驴，我是母猪" in out.clean_text


def test_tag_after_a_comma_takes_its_comma_along():
    out = run("然后是你既然要用3D渲染，就是高性能高并发，对吧，然后实时渲染，对吧，等等这么一些")
    assert "对吧" not in out.clean_text and "，，" not in out.clean_text
    assert "然后实时渲染，等等这么一些" in out.clean_text
    assert "高并发，然后" in out.clean_text or "高并发。然后" in out.clean_text


def test_dui_meaning_correct_stays():
    assert "你说的对" in run("你说的对，这个方向没问题").clean_text


def test_hesitations_and_content_uses_of_the_same_word():
    out = run("嗯，这个和这个，那个，我们去看那个文件")
    assert "嗯" not in out.clean_text
    assert "那个文件" in out.clean_text
    assert "那个，" not in out.clean_text


def test_phrase_said_twice_is_said_once():
    out = run("但这个我觉得可能还早了一点，还早了一点，然后其中也提到了应用场景")
    assert out.clean_text.count("还早了一点") == 1
    out = run("这个东西有待时间，有待时间，然后是XR终端")
    assert out.clean_text.count("有待时间") == 1


def test_different_clauses_are_not_repeats():
    out = run("我觉得也就是个影子，这就是个影子")
    assert out.clean_text.count("影子") == 2


def test_stutters():
    assert "我觉得" in run("我我我觉得这个方向不错").clean_text
    assert "我我" not in run("我我我觉得这个方向不错").clean_text
    assert "看看" in run("你们可以去看看这个文件").clean_text


def test_keep_fillers_is_verbatim_but_corrected():
    out = run("全部是要负能的，对吧，还早了一点，还早了一点", keep_fillers=True)
    assert "对吧" in out.clean_text and out.clean_text.count("还早了一点") == 2
    assert "赋能" in out.clean_text
    assert not [e for e in out.edits if e.kind in ("filler", "repeat")]


def test_words_that_only_look_like_fillers_stay():
    assert "现在在犹豫" in run("他就说他现在在犹豫要不要把基金卖掉").clean_text
    assert "超额收益" in run("更能获得超额收益的").clean_text
    assert "你刚才问的那个" in run("但是你刚才问的那个，在我做的时候").clean_text


def test_removed_tag_question_leaves_a_statement():
    out = run("大家不会把投资当成一种赌博，对吧？大部分的用户了解")
    assert "当成一种赌博。" in out.clean_text and "？" not in out.clean_text


def test_function_words_said_twice_without_a_pause():
    assert "还有那个王伟老师" in run("还有还有那个王伟老师").clean_text
    assert "研究研究" in run("这个事情我们再研究研究").clean_text


def test_jiushishuo_opening_a_clause_as_a_word_is_filler():
    out = run("他仍然很坚持，就是说我不能突破我的底线，然后就走了")
    assert "坚持，我不能突破我的底线" in out.clean_text
    assert any(e.kind == "filler" and e.before == "就是说" for e in out.edits)
    assert "就是说" not in run("也可能，就是说，我们再看").clean_text  # before a pause, as before


def test_jiushishuo_that_is_part_of_another_word_stays():
    assert "就是说白了验证的是产品" in run("这是增长问题，就是说白了验证的是产品").clean_text
    assert "就是说服大家" in run("我们要做的，就是说服大家一起来").clean_text
    assert "就是说白就是数学题" in run("要做图要几何，就是说白就是数学题").clean_text  # 说白(了) lost its 了
    assert "也就是说" in run("波传播的独立性，也就是说波相遇后仍保持各自的状态").clean_text
