"""The review page without a browser: self-contained, every piece of the transcript carries its
offsets, and transcript text can never become markup."""

import itertools
import re
from pathlib import Path

import pytest

from pipeline.config import load_settings
from pipeline.ingest import ingest, ingest_text
from pipeline.render import html
from pipeline.run import process

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def page():
    doc = ingest(ROOT / "samples" / "beijing-internet3.txt")
    notes = process(doc, load_settings(config_path=None))
    return doc, notes, html.render(notes, doc)


def test_self_contained(page):
    _, _, text = page
    assert "<style>" in text and "<script>" in text
    assert not re.search(r"""(src|href)=["'](https?:)?//(?!www\.bilibili\.com)""", text)
    assert not re.search(r"<link\b", text)


def test_pieces_tile_the_source_exactly(page):
    doc, _, text = page
    spans = [(int(a), int(b)) for a, b in re.findall(r'class="t" data-s="(\d+)" data-e="(\d+)"', text)]
    assert spans[0][0] == 0 and spans[-1][1] == len(doc.text)
    assert all(b1 == a2 for (_, b1), (a2, _) in itertools.pairwise(spans))


def test_every_claim_span_is_a_union_of_pieces(page):
    _, notes, text = page
    starts = {int(a) for a in re.findall(r'class="t" data-s="(\d+)"', text)}
    ends = {int(b) for b in re.findall(r'class="t" data-s="\d+" data-e="(\d+)"', text)}
    for c in notes.claims:
        assert c.evidence.start in starts and c.evidence.end in ends


def test_edits_shown_struck_and_inserted(page):
    _, notes, text = page
    fix = next(e for e in notes.edits if e.kind == "correction")
    assert f">{fix.after}</ins>" in text
    assert text.count('<del class="edit') == sum(1 for e in notes.edits if e.end > e.start)


def test_transcript_markup_is_escaped():
    text = "# t\n\n<script>alert('x')</script> 然后是第一部分，</script><!-- 这里。\n"
    doc = ingest_text(text, "x.txt", suffix=".txt")
    text = html.render(process(doc, load_settings(config_path=None)), doc)
    assert "alert('x')</script>" not in text and "&lt;script&gt;" in text
    assert text.count("<script>") == 1  # only the page's own


INTERVIEW = ROOT / "tests" / "fixtures" / "notes" / "interview.transcript.json"


@pytest.fixture(scope="module")
def interview():
    doc = ingest(INTERVIEW)
    notes = process(doc, load_settings(config_path=None))
    return doc, notes, html.render(notes, doc)


def _pieces(text):
    starts = {int(a) for a in re.findall(r'class="t" data-s="(\d+)"', text)}
    ends = {int(b) for b in re.findall(r'class="t" data-s="\d+" data-e="(\d+)"', text)}
    return starts, ends


def test_summary_lines_and_questions_are_unions_of_pieces(page, interview):
    for _, notes, text in (page, interview):
        starts, ends = _pieces(text)
        spans = [(s.summary.start, s.summary.end) for s in notes.outline.sections]
        spans += [(x.start, x.end) for q in notes.qa for x in (q.question, q.answer)]
        assert spans
        for a, b in spans:
            assert a in starts and b in ends
            assert f'data-s="{a}" data-e="{b}"' in text  # an item on the left carries it
    _, notes, text = interview
    assert notes.qa and text.count('<dt class="item question') == len(notes.qa)


def test_mind_map_tab_has_a_node_per_section_in_order(page):
    _, notes, text = page
    tab = text[text.index('<div id="mindmap"'):text.index('<section id="transcript"')]
    sections = re.findall(r'<span class="mm-node mm-section item" data-s="(\d+)" data-e="(\d+)"[^>]*>([^<]*)<', tab)
    segs = {s.index: s for s in notes.segments}
    expected = [(str(segs[s.segment].start), str(segs[s.segment].end), f"{i + 1}. {s.title}")
                for i, s in enumerate(notes.outline.sections)]
    assert sections == expected
    assert tab.count("mm-summary") == len(notes.outline.sections)
    assert tab.count("mm-claim ") == len(notes.claims)
