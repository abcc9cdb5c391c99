"""Property tests: any text, any SRT built from random cues → no crash, and every offset is true:
cues are their source span, edits' ``before`` is theirs, sentences/segments/evidence lie inside the
source and each sentence's clean span is its text."""

from hypothesis import given
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
        ev = claim.evidence
        assert 0 <= ev.start < ev.end <= n and ev.quote
        assert set(ev.sentence_ids) <= {s.id for s in notes.sentences}
        assert sum(ch.isalnum() for ch in claim.statement) >= 6


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


CLAIMING = st.sampled_from([
    "国务院发布的方案明确提出，要加快建设全国统一的电力市场。",
    "美联储宣布继续加息，财政部长表示要压低财政赤字。",
    "拜登说美国和加拿大有特殊关系。拜登还要求盟友多买天然气。",
    "我认为这个政策对新能源企业是重大利好。",
    "我觉得储能行业未来几年会有很大的增长空间。",
])


@given(st.lists(st.one_of(CLAIMING, st.text(HAN, min_size=1, max_size=8), st.sampled_from(["，", "。", "嗯", "\n"])),
                min_size=1, max_size=12).filter(lambda parts: any(p.endswith("。") and len(p) > 10 for p in parts)))
def test_claim_bearing_text_yields_grounded_claims(pieces):
    """Inputs that hold reported speech or a stated view reach the claims code: claims are made,
    and every one is grounded in the source."""
    doc = attempt("".join(pieces).encode("utf-8"), ".txt")
    assert doc is not None
    notes = process(doc, Settings())
    assert notes.claims, "".join(pieces)
    check(doc, notes)
