"""Checks on model answers in the notes stage."""


def test_misquoted_evidence_is_aligned_to_our_text_or_refused():
    from pipeline.notes.llm import _fuzzy

    text = "然后是通信网络，无线网络智简传输，云化虚拟化。"
    at, quote = _fuzzy(text, 0, len(text), "无线网络质检传输")  # the model quoted the raw ASR
    assert quote == "无线网络智简传输" and text[at:at + len(quote)] == quote
    assert _fuzzy(text, 0, len(text), "区块链数字身份监管") == (-1, "区块链数字身份监管")
