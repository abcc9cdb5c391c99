"""Offline outline: key points are grounded, filler-free sentences; openers are trimmed without
breaking the source mapping, and audience asides lose to content sentences."""

from pipeline.clean import clean
from pipeline.ingest import ingest_text
from pipeline.notes.outline import _point, outline
from pipeline.segment import segment
from pipeline.zh import data

TALK = (
    "然后其实区块链这边主要是构建可信的数据共享系统和数字身份体系。"
    "我跟你们说你们可以去看一下，这是第一点。"
    "区块链技术用来保护数据安全，推动数据在不同机构之间互联互通。"
    "然后是通信网络，通信网络这边重点发展无线网络和云化虚拟化技术。"
    "数字身份和数据共享也需要区块链的可信系统来支撑。"
)


# the same talk with edits inside its key points (fillers, traditional characters), so the clean
# text and the source differ and offsets can only come out right through the source map
EDITED = (TALK.replace("区块链这边", "嗯嗯区塊鏈这边").replace("共享也需要", "共享呃也需要")
          .replace("无线网络", "無線網絡"))


def _run():
    doc = ingest_text(TALK, "talk.txt")
    cleaned = clean(doc)
    return doc, outline(cleaned, segment(cleaned).segments)


def _only_openers(lead: str) -> bool:
    """Whether a dropped lead is nothing but the openers ``data/keypoints.toml`` lists, and commas."""
    openers = sorted(data.toml("pipeline.notes", "keypoints.toml")["openers"], key=len, reverse=True)
    while lead := lead.lstrip("，, "):
        w = next((w for w in openers if lead.startswith(w)), None)
        if w is None:
            return False
        lead = lead[len(w):]
    return True


def _replayed(doc, cleaned, a: int, b: int) -> str:
    """The source ``doc.text[a:b]`` with the clean stage's edits inside it applied."""
    out, at = [], a
    for e in sorted(cleaned.edits, key=lambda e: e.start):
        if a <= e.start and e.end <= b:
            out += [doc.text[at:e.start], e.after]
            at = e.end
    return "".join([*out, doc.text[at:b]])


def test_key_points_grounded_and_trimmed():
    for text in (TALK, EDITED):
        doc = ingest_text(text, "talk.txt")
        cleaned = clean(doc)
        segments = segment(cleaned).segments
        out = outline(cleaned, segments)
        assert cleaned.edits if text is EDITED else not cleaned.edits
        for seg, sec in zip(segments, out.sections, strict=True):
            assert sec.key_points
            for p in sec.key_points:
                assert "对吧" not in p.text and "是吧" not in p.text
                ids = p.sentence_ids
                assert ids == list(range(ids[0], ids[-1] + 1))
                assert seg.first_sentence <= ids[0] and ids[-1] <= seg.last_sentence
                first, last = cleaned.sentences[ids[0]], cleaned.sentences[ids[-1]]
                # the cleaned text of its sentences, less leading openers only
                whole = cleaned.clean_text[first.clean_start:last.clean_end]
                assert whole.endswith(p.text) and p.text
                a = last.clean_end - len(p.text)
                assert _only_openers(whole[:len(whole) - len(p.text)]), (whole, p.text)
                # its source span is exactly where that clean text comes from
                span = (first.start, last.end) if a == first.clean_start else cleaned.source_span(a, last.clean_end)
                assert (p.start, p.end) == span
                assert _replayed(doc, cleaned, p.start, p.end) == p.text
                assert p.time == (None if first.time is None else (first.time[0], last.time[1]))


def test_openers_trimmed_with_source_span():
    doc = ingest_text(TALK, "talk.txt")
    cleaned = clean(doc)
    points = [_point(cleaned, s.id) for s in cleaned.sentences]
    first = next(p for p in points if "可信的数据共享" in p.text)
    assert first.text.startswith("区块链这边")  # 然后其实 trimmed
    assert doc.text[first.start:first.end].startswith("区块链这边")
    assert any(p.text.startswith("然后是通信网络") for p in points)  # 然后是 kept whole


def test_asides_are_not_key_points():
    _, out = _run()
    assert not any("你们可以去看一下" in p.text for s in out.sections for p in s.key_points)


HEDGED = (
    "今天我们聊一下新能源汽车的电池技术。"
    "我觉得固态电池是新能源汽车电池技术下一步最重要的方向，能量密度和安全性都更好。"
    "然后固态电池的成本现在还是太高，量产还需要几年时间。"
    "电池技术的进步会决定新能源汽车能跑多远，充电要多久。"
)


def _summaries(text):
    doc = ingest_text(text, "talk.txt")
    cleaned = clean(doc)
    segments = segment(cleaned).segments
    return doc, cleaned, segments, outline(cleaned, segments)


def test_every_section_has_a_grounded_summary_line():
    for text in (TALK, HEDGED):
        doc, cleaned, segments, out = _summaries(text)
        for seg, sec in zip(segments, out.sections, strict=True):
            line = sec.summary
            assert line is not None and seg.start <= line.start < line.end <= seg.end
            s = cleaned.sentences[line.sentence_ids[0]]
            assert s.text.endswith(line.text)  # the sentence's clean text, less what leads it
            src = doc.text[line.start:line.end]
            assert src.startswith(line.text[:4]) and src.rstrip("。").endswith(line.text.rstrip("。")[-3:])
            assert line.text not in [p.text for p in sec.key_points]  # not repeated as a bullet


def test_summary_line_drops_the_leading_hedge():
    doc, _, _, out = _summaries(HEDGED)
    lines = [sec.summary.text for sec in out.sections]
    assert any(t.startswith("固态电池是新能源汽车") for t in lines), lines
    line = next(sec.summary for sec in out.sections if sec.summary.text.startswith("固态电池"))
    assert doc.text[line.start:line.end].startswith("固态电池")  # 我觉得 is outside the span


class _Model:
    """A backend that answers the outline task with a fixed answer."""

    name = "scripted"
    model = "m"
    chunk_chars = 3000
    concurrency = 1
    is_model = True

    def __init__(self, answer):
        from pipeline.models import Usage

        self.usage = Usage()
        self.answer = answer

    def ask(self, task, variables, schema):
        return schema.model_validate(self.answer(variables["transcript"]))


def test_model_summary_line_kept_only_when_the_cited_sentences_support_it():
    from pipeline.notes.llm import refine_outline

    _, cleaned, segments, offline = _summaries(HEDGED)
    sid = next(s.id for s in cleaned.sentences if "固态电池是" in s.text)
    seg = next(g for g in segments if g.first_sentence <= sid <= g.last_sentence)

    def answer(line):
        return lambda _: {"sections": [{"segment": seg.index, "summary": {"text": line, "sentence_ids": [sid]}}]}

    good = refine_outline(cleaned, segments, offline, _Model(answer("固态电池能量密度高、更安全，是下一步方向")))
    line = good.sections[seg.index].summary
    assert line.text == "固态电池能量密度高、更安全，是下一步方向" and line.sentence_ids == [sid]
    assert (line.start, line.end) == (cleaned.sentences[sid].start, cleaned.sentences[sid].end)
    bad = refine_outline(cleaned, segments, offline, _Model(answer("火星上有大量石油资源和外星人")))
    assert bad.sections[seg.index].summary == offline.sections[seg.index].summary
