"""The whole stage on a cut of the reference talk: every edit grounded, content kept."""


def test_every_edit_names_its_source_span(talk):
    doc, out = talk
    assert out.edits
    for e in out.edits:
        assert doc.text[e.start:e.end] == e.before


def test_fixes_on_the_talk(talk):
    _, out = talk
    text = out.clean_text
    for wrong in ("负能", "隐形开发", "鲁邦", "质检传输", "macroLED", "再見", "3。0", "对吧", "是吧"):
        assert wrong not in text, wrong
    for right in ("赋能", "引擎开发", "鲁棒", "智简传输", "MicroLED", "再见", "互联网3.0", "0~0.5", "0.5~1"):
        assert right in text, right


def test_content_survives(talk):
    _, out = talk
    for term in ("人工智能", "AIGC", "区块链", "云化虚拟化", "元宇宙", "内容制作",
                 "XR终端", "3D重建", "低代码", "应用场景", "基础设施", "温水煮青蛙", "数字经济的闭环"):
        assert term in out.clean_text, term


def test_correction_edits_are_recorded_with_confidence(talk):
    _, out = talk
    corr = [e for e in out.edits if e.kind == "correction"]
    assert corr and all(e.origin == "lexicon" and e.confidence and e.confidence >= 0.85 for e in corr)
