"""NAME.opml: valid OPML 2.0 as the standard library parses it, the talk's title at the root, one
outline per section in order, each with its summary line, key points and claims beneath it."""

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from pipeline.config import load_settings
from pipeline.ingest import ingest
from pipeline.outputs import is_ours
from pipeline.render import opml
from pipeline.run import process

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def parsed():
    notes = process(ingest(ROOT / "samples" / "beijing-internet3.txt"), load_settings(config_path=None))
    text = opml.render(notes)
    return notes, text, ET.fromstring(text.encode("utf-8"))


def test_is_opml_2_with_head_and_one_root(parsed):
    notes, text, root = parsed
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert root.find("head/title").text == notes.meta.title
    assert root.find("head/dateCreated").text.endswith("+0000")
    tops = root.findall("body/outline")
    assert len(tops) == 1 and tops[0].get("text") == notes.meta.title


def test_one_outline_per_section_in_order_with_its_parts(parsed):
    notes, _, root = parsed
    sections = root.findall("body/outline/outline")
    assert [o.get("text") for o in sections] == [f"{i + 1}. {s.title}" for i, s in enumerate(notes.outline.sections)]
    segs = {s.index: s for s in notes.segments}
    claimed = 0
    for sec, node in zip(notes.outline.sections, sections, strict=True):
        kids = node.findall("outline")
        assert kids[0].get("text") == sec.summary.text
        parts = {k.get("text"): [c.get("text") for c in k.findall("outline")] for k in kids[1:]}
        assert parts["要点"] == [p.text for p in sec.key_points]
        assert parts["关键词"] == sec.terms
        seg = segs[sec.segment]
        mine = [c.statement for c in notes.claims if seg.start <= c.evidence.start < seg.end]
        assert parts.get("主张", []) == mine
        claimed += len(mine)
    assert claimed == len(notes.claims)


def test_written_by_run_and_skipped_with_no_mindmap(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    src = ROOT / "samples" / "beijing-internet3.txt"
    res = CliRunner().invoke(app, ["run", str(src), "-o", str(tmp_path / "a"), "--no-html"])
    assert res.exit_code == 0, res.output
    out = tmp_path / "a" / "beijing-internet3.opml"
    assert out.is_file() and is_ours(out)  # a later run may replace it
    ET.parse(out)
    res = CliRunner().invoke(app, ["run", str(src), "-o", str(tmp_path / "b"), "--no-html", "--no-mindmap"])
    assert res.exit_code == 0 and (tmp_path / "b" / "beijing-internet3.md").is_file()
    assert not (tmp_path / "b" / "beijing-internet3.opml").exists()
    out.unlink()  # the opml gone: the set is no longer up to date, so the run redoes it
    res = CliRunner().invoke(app, ["run", str(src), "-o", str(tmp_path / "a"), "--no-html"])
    assert "1 done" in res.output and out.is_file()


def test_characters_xml_cannot_hold_are_dropped(parsed):
    notes, _, _ = parsed
    odd = notes.model_copy(update={"meta": notes.meta.model_copy(update={"title": "标题\x07\x1b<&>\"]]>"})})
    root = ET.fromstring(opml.render(odd).encode("utf-8"))
    assert root.find("head/title").text == "标题<&>\"]]>"
    assert root.find("body/outline").get("text") == "标题<&>\"]]>"
