"""The source map is written from stretches, not characters: random documents and random edits
give the same spans as the character by character definitions they replace."""

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.clean import sentences
from pipeline.clean.stream import Stream
from pipeline.clean.textmap import Change, Draft
from pipeline.models import Cue, Document, Source, SourceMap

GAPS = ["", " ", "\n", "\n\n", "|", "12\n", " x "]


@st.composite
def documents(draw):
    """Cues with whitespace, timing-line or no gaps between them, now and then overlapping."""
    text, cues = draw(st.sampled_from(["", "hdr\n"])), []
    for k in range(draw(st.integers(0, 6))):
        if k:
            text += draw(st.sampled_from(GAPS))
        body = draw(st.text(alphabet="ab 中文。？！”\n x1，", max_size=12))
        start = max(0, len(text) - 2) if cues and draw(st.integers(0, 9)) == 0 else len(text)
        text = text[:start] + body + text[start + len(body):]
        speaker = draw(st.sampled_from([None, "A", "B"]))
        cues.append(Cue(index=k, start=start, end=start + len(body), text=body, time=(k, k + 1.0), speaker=speaker))
    source = Source(path="x", format="txt", sha256="0", encoding="utf-8", chars=len(text))
    return Document(source=source, text=text, cues=cues)


EDITS = st.lists(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 4), st.text("。，中ab ", max_size=3)),
                          max_size=5), max_size=4)


def edited(doc, batches):
    draft = Draft(Stream(doc))
    for batch in batches:
        n = len(draft.text)
        draft.apply([Change(min(s, n), min(s + w, n), after, "filler", "test") for s, w, after in batch])
    return draft


def per_character(doc):
    """Each stream character's source span, built the plain way: a cue's text and the whitespace
    kept after it map to themselves, a break to a zero-width position."""
    lo, hi, prev_end = [], [], None
    for cue in doc.cues:
        if prev_end is not None:
            gap = doc.text[prev_end:cue.start]
            kept = gap and not gap.strip()
            lo += range(prev_end, cue.start) if kept else [prev_end]
            hi += range(prev_end + 1, cue.start + 1) if kept else [prev_end]
        lo += range(cue.start, cue.end)
        hi += range(cue.start + 1, cue.end + 1)
        prev_end = cue.end
    return lo, hi


@settings(max_examples=300)
@given(documents())
def test_stream_spans_are_the_characters_spans(doc):
    stream = Stream(doc)
    lo, hi = per_character(doc)
    assert len(lo) == len(stream)
    for a in range(len(stream)):
        for b in range(a + 1, len(stream) + 1):
            assert stream.source_span(a, b) == (lo[a], hi[b - 1])
            one = all(hi[k] == lo[k] + 1 and lo[k] == lo[a] + k - a for k in range(a, b))
            assert stream.one_to_one(a, b) == (lo[a] if one else None)


@settings(max_examples=300)
@given(documents(), EDITS)
def test_source_runs_give_every_characters_span(doc, batches):
    draft = edited(doc, batches)
    n = len(draft.text)
    for a, b in [(0, n), (n // 3, n - n // 4), (n // 2, min(n, n // 2 + 1))]:
        runs = draft.source_runs(a, b)
        ends = [start for start, _, _ in runs[1:]] + [b] if runs else []
        spans = [(lo + k, hi + k) for (start, lo, hi), end in zip(runs, ends, strict=True) for k in range(end - start)]
        assert spans == [draft.char_source(i) for i in range(a, b)]


@settings(max_examples=300)
@given(documents(), EDITS)
def test_source_map_runs_are_as_long_as_they_can_be(doc, batches):
    cleaned = sentences.build(edited(doc, batches), [])
    m = cleaned.source_map
    spans = [m.span(i) for i in range(len(cleaned.clean_text))]
    assert m == SourceMap.of([s for s, _ in spans], [e for _, e in spans])


@settings(max_examples=300)
@given(documents(), EDITS)
def test_speaker_changes_are_found_at_cue_starts(doc, batches):
    draft = edited(doc, batches)
    stream, expected, prev = draft.stream, [], None
    for i in range(len(draft.text)):  # the plain way: every character's speaker
        pos = draft.stream_pos(i)
        speaker = stream.speaker_at(pos) if pos < len(stream) else prev
        if prev is not None and speaker != prev:
            expected.append(i)
        prev = speaker
    assert sorted(set(sentences._speaker_changes(draft))) == expected
