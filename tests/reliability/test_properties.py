"""Property tests: any text, any SRT built from random cues → no crash, and every offset is true:
cues are their source span, edits' ``before`` is theirs, sentences/segments lie inside the source,
each sentence's clean span is its text, and every claim's evidence is grounded: inside the source
and its sentences, with a quote that reads like its source span. Random text rarely makes a claim,
so one property draws talks of claim-bearing sentences (a named body reporting a measure, a
speaker's stated view) among random noise, and requires claims: the claim checks are reached."""

from difflib import SequenceMatcher

from hypothesis import event, given
from hypothesis import strategies as st

from pipeline.config import Settings
from pipeline.errors import InputError
from pipeline.ingest import ingest_bytes
from pipeline.run import process

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x4E80)
ANY = st.characters(blacklist_categories=("Cs",))
PIECES = st.lists(st.one_of(st.text(HAN, min_size=1, max_size=8), st.sampled_from(
    ["，", "。", "？", " ", "\n", "\n\n", "嗯", "那个", "就是", "123", "AI", "<i>", "{\\an8}", "\t", "\x07", "😀"]),
    st.text(ANY, max_size=3)), max_size=40)


def check(doc, notes=None):
    for c in doc.cues:
        assert doc.text[c.start:c.end] == c.text
    if notes is None:
        return
    n = len(doc.text)
    for e in notes.edits:
        assert doc.text[e.start:e.end] == e.before
    for s in notes.sentences:
        assert 0 <= s.start <= s.end <= n
        assert notes.clean_text[s.clean_start:s.clean_end] == s.text
    for seg in notes.segments:
        assert 0 <= seg.start <= seg.end <= n
    for claim in notes.claims:
        check_claim(doc.text, notes, claim)


def _content(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def check_claim(source: str, notes, claim) -> None:
    """A claim's evidence is one span of the source, inside the sentences it names, quoting their
    cleaned text: read back from the source it says what the quote says (as score.py checks it)."""
    ev = claim.evidence
    assert 0 <= ev.start < ev.end <= len(source)
    assert ev.quote.strip() and claim.statement.strip()
    assert ev.sentence_ids and all(0 <= i < len(notes.sentences) for i in ev.sentence_ids)
    cited = [notes.sentences[i] for i in ev.sentence_ids]
    assert min(s.start for s in cited) <= ev.start and ev.end <= max(s.end for s in cited)
    said, quoted = _content(source[ev.start:ev.end]), _content(ev.quote)
    assert SequenceMatcher(None, said, quoted, autojunk=False).ratio() >= 0.5


def attempt(raw: bytes, suffix: str):
    try:
        doc = ingest_bytes(raw, "prop" + suffix, suffix=suffix)
    except InputError as exc:
        assert "prop" in str(exc)  # refused, with the file named
        return None
    return doc


@given(PIECES)
def test_any_text_ingests_and_cleans_with_true_offsets(pieces):
    doc = attempt("".join(pieces).encode("utf-8", "surrogatepass"), ".txt")
    if doc is not None:
        check(doc, process(doc, Settings()))


def _clock(ms: int) -> str:
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


CUE = st.tuples(st.integers(0, 10**7), st.integers(0, 10**7), st.lists(st.text(HAN, min_size=1, max_size=10).map(
    lambda t: t) | st.sampled_from(["<i>斜体</i>", "{\\an8}上方", "  空格  ", "嗯，那个"]), min_size=1, max_size=3),
    st.booleans())


@given(st.lists(CUE, min_size=1, max_size=12), st.sampled_from(["\n", "\r\n", "\r"]))
def test_any_srt_of_random_cues(cues, eol):
    blocks = []
    for i, (a, b, lines, numbered) in enumerate(cues):
        head = [str(i)] if numbered else []
        blocks.append("\n".join([*head, f"{_clock(a)} --> {_clock(b)}", *lines]))
    raw = ("\n\n".join(blocks) + "\n").replace("\n", eol).encode("utf-8")
    doc = attempt(raw, ".srt")
    if doc is not None:
        assert all(c.time[0] <= c.time[1] for c in doc.cues)
        check(doc, process(doc, Settings()))


# talks that make claims: reported measures of named bodies and the speaker's own views, general
# sentences of a policy talk, among random Han noise
BODY = st.sampled_from(["国务院", "美联储", "财政部", "国家能源局", "欧盟委员会", "这家公司的董事会"])
FRAME = st.sampled_from(["发布的方案明确提出，要", "宣布，将", "要求", "在文件中提出要", "表示，将"])
MEASURE = st.sampled_from(["加快建设全国统一的电力市场", "把基准利率下调25个基点", "继续实施减税降费政策",
                           "推动新能源汽车下乡", "到2030年培育100家龙头企业"])
VIEW = st.sampled_from(["我认为这个政策对新能源企业是重大利好", "我觉得这个目标到2030年一定能实现",
                        "说实话，我估计明年的电价还会上涨"])
REPORTED = st.builds(lambda b, f, m: f"{b}{f}{m}。", BODY, FRAME, MEASURE)
CLAIMS = st.lists(st.one_of(REPORTED, VIEW.map(lambda v: v + "。")), min_size=2, max_size=6)
NOISE = st.lists(st.text(HAN, min_size=1, max_size=12).map(lambda t: t + "。"), max_size=6)


@given(CLAIMS, NOISE, st.randoms(use_true_random=False), st.sampled_from(["", "\n"]))
def test_claim_bearing_talks_make_grounded_claims(claims, noise, rnd, joint):
    sentences = claims + noise
    rnd.shuffle(sentences)
    doc = attempt(joint.join(sentences).encode("utf-8"), ".txt")
    assert doc is not None
    notes = process(doc, Settings())
    event(f"claims: {min(len(notes.claims), 4)}")
    assert notes.claims, "a talk of reported measures and stated views yields claims"
    check(doc, notes)


def test_a_policy_talk_reaches_the_claims():
    """The fixed case of the property above: both kinds of claim, each grounded."""
    text = "国务院发布的方案明确提出，要加快建设全国统一的电力市场。我认为这个政策对新能源企业是重大利好。"
    doc = attempt(text.encode("utf-8"), ".txt")
    notes = process(doc, Settings())
    assert {c.attributed_to for c in notes.claims} == {"source_document", "speaker"}
    check(doc, notes)


def test_the_claim_check_can_fail():
    """A claim whose evidence points elsewhere, or quotes what its span does not say, is caught."""
    text = "国务院发布的方案明确提出，要加快建设全国统一的电力市场。今天天气很好，我们出去走走吧。"
    doc = attempt(text.encode("utf-8"), ".txt")
    notes = process(doc, Settings())
    claim = notes.claims[0]
    ev = claim.evidence
    for wrong in ({"start": ev.end, "end": len(text)}, {"quote": "全面禁止新能源汽车"}, {"end": len(text) + 5}):
        bad = claim.model_copy(update={"evidence": ev.model_copy(update=wrong)})
        try:
            check_claim(doc.text, notes, bad)
        except AssertionError:
            continue
        raise AssertionError(f"not caught: {wrong}")
