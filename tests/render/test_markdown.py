"""The Markdown notes: valid front matter, every part present, CommonMark-clean, escaped text."""

from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from pipeline.config import load_settings
from pipeline.ingest import ingest, ingest_text
from pipeline.render.markdown import esc, render
from pipeline.run import process

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sample_md():
    notes = process(ingest(ROOT / "samples" / "beijing-internet3.txt"), load_settings(config_path=None))
    return notes, render(notes)


def test_front_matter_is_yaml_first(sample_md):
    notes, md = sample_md
    assert md.startswith("---\n")
    meta = yaml.safe_load(md.split("---\n")[1])
    assert meta["title"] == notes.meta.title and meta["bvid"] == "BV1wx4y1N7VW"
    assert meta["generator"] == "subnotes" and meta["backend"] == "offline"


def test_parts_and_key_points(sample_md):
    notes, md = sample_md
    for heading in ("## 摘要", "## 目录", "## 观点与主张", "## 更正", "## 全文", "<details>"):
        assert heading in md
    assert "| 鲁邦性 | 鲁棒性 | 纠错 | 1 |" in md  # the corrections table names what changed
    for sec in notes.outline.sections:
        assert 1 <= len(sec.key_points) <= 6
        for p in sec.key_points:
            assert "对吧" not in p.text and "是吧" not in p.text


def test_renders_in_commonmark(sample_md):
    _, md = sample_md
    html = MarkdownIt("commonmark").enable("table").render(md.split("---\n", 2)[2])
    assert "<table>" in html and "<h2>" in html


def test_transcript_text_cannot_inject_markup():
    text = "# 标题 - P1 - 某人\n\n<script>alert(1)</script> 然后是第一部分，*重点* 在这里。\n"
    doc = ingest_text(text, "x.txt", suffix=".txt")
    md = render(process(doc, load_settings(config_path=None)))
    assert "<script>" not in md and "\\<script\\>" in md
    assert esc("1. 不是列表") == "\\1. 不是列表"


def test_each_section_opens_with_its_summary_line(sample_md):
    notes, md = sample_md
    for i, sec in enumerate(notes.outline.sections):
        after_heading = md.split(f"\n## {i + 1}. ", 1)[1].split("\n")
        assert after_heading[2] == f"> {esc(sec.summary.text)}"


def test_questions_and_answers_section():
    notes = process(ingest(ROOT / "tests" / "fixtures" / "notes" / "interview.transcript.json"),
                    load_settings(config_path=None))
    md = render(notes)
    qa = md.split("## 问答\n", 1)[1].split("\n## ", 1)[0]
    assert "1. **问**（发言人1，00:09）：你们公司现在主要做哪一类储能产品？" in qa
    assert "   **答**（发言人2）：我们主要做工商业的储能柜" in qa
    assert "**答**（自问自答）：因为新能源装机太多" in qa
    assert qa.count("**问**") == len(notes.qa) == 2
