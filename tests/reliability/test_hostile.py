"""Hostile inputs, each generated into tmp_path: every one gets either correct output or one
clear line naming the file (and the position when known) — never a traceback."""

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

SRT = ("1\n00:00:01,000 --> 00:00:03,000\n今天我们讲一下人工智能。\n\n"
       "2\n00:00:03,000 --> 00:00:06,000\n首先是数据的问题。\n")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"

FAILS = {  # name → (bytes, words the one-line message must hold)
    "empty.srt": (b"", "empty"),
    "blank.txt": (b"  \n\t\n \r\n", "empty"),
    "image.srt": (PNG, "binary"),
    "mixed.srt": (SRT.encode() + "第三句话。".encode("gbk"), "encoding"),
    "not-transcript.json": (json.dumps({"name": "x", "items": [1, 2]}).encode(), "not a transcript"),
    "broken.json": (b'{"body": [{"from": 1, ', "invalid JSON"),
    "bad-times.srt": (b"1\n00:00:xx,000 --> 00:00:03,000\n\xe4\xbd\xa0\xe5\xa5\xbd\n", "timing"),
}

GOOD = {  # name → (bytes, cue texts expected)
    "no-index.srt": ("00:00:01,000 --> 00:00:03,000\n今天我们讲一下人工智能。\n\n"
                     "00:00:03,000 --> 00:00:06,000\n首先是数据的问题。\n").encode(),
    "reversed.srt": SRT.replace("00:00:01,000 --> 00:00:03,000", "00:00:03,000 --> 00:00:01,000").encode(),
    "overlap.srt": SRT.replace("00:00:03,000 --> 00:00:06,000", "00:00:02,000 --> 00:00:06,000").encode(),
    "tags.srt": SRT.replace("今天我们", "{\\an8}<i>今天我们</i>")
                   .replace("首先", "<font color=red>首先</font>").encode(),
    "windows.srt": SRT.replace("\n", "\r\n").encode(),
    "old-mac.srt": SRT.replace("\n", "\r").encode(),
    "styled.vtt": ("WEBVTT\n\nSTYLE\n::cue { color: red; }\n\nNOTE 这是注释\n\n"
                   "00:00:01.000 --> 00:00:03.000 align:start\n<v 主持人>今天我们讲一下人工智能。\n\n"
                   "NOTE 第二个注释\n\n00:00:03.000 --> 00:00:06.000\n<c.yellow>首先是数据的问题。</c>\n").encode(),
    "emoji.txt": "今天🎉我们讲一下\u200b人工智能\x07，首先👍是数据\x1b的问题。\n".encode(),
}


def run(*args):
    res = CliRunner().invoke(app, [str(a) for a in args])
    assert "Traceback" not in res.output
    return res


@pytest.mark.parametrize("name", sorted(FAILS))
def test_bad_input_gets_one_clear_line(tmp_path, name):
    raw, words = FAILS[name]
    src = tmp_path / "in"
    src.mkdir()
    (src / name).write_bytes(raw)
    res = run("run", src, "-o", tmp_path / "out", "--no-html")
    assert res.exit_code == 1
    lines = [ln for ln in res.output.splitlines() if name in ln]
    assert len(lines) == 1, res.output
    assert words.lower() in lines[0].lower(), lines[0]
    assert not list((tmp_path / "out").rglob("*.json")) if (tmp_path / "out").exists() else True


@pytest.mark.parametrize("name", sorted(GOOD))
def test_odd_but_valid_input_gets_correct_output(tmp_path, name):
    src = tmp_path / "in"
    src.mkdir()
    (src / name).write_bytes(GOOD[name])
    res = run("run", src, "-o", tmp_path / "out", "--no-html")
    assert res.exit_code == 0, res.output
    notes = json.loads((tmp_path / "out" / (name.rsplit(".", 1)[0] + ".notes.json")).read_text("utf-8"))
    text = notes["clean_text"]
    assert "人工智能" in text and "数据" in text
    assert not re.search(r"<[a-z/]|\{\\|::cue|NOTE|注释", text), text
    assert not re.search(r"[\x00-\x08\x0b-\x1f]", text)


def test_two_hour_line_without_punctuation(tmp_path):
    """~30 000 characters on one line, no punctuation: sentences come out, offsets hold."""
    words = ["我们", "今天", "讲一下", "这个", "人工智能", "的", "发展", "然后", "数据", "问题", "就是", "说"]
    body = "".join(words[(i * 7 + i // 5) % len(words)] for i in range(12000))
    f = tmp_path / "long.txt"
    f.write_text(body, encoding="utf-8")
    res = run("run", f, "-o", tmp_path / "out", "--no-html")
    assert res.exit_code == 0, res.output
    notes = json.loads((tmp_path / "out" / "long.notes.json").read_text("utf-8"))
    assert len(notes["sentences"]) > 20
    for e in notes["edits"]:
        assert body[e["start"]:e["end"]] == e["before"]


def test_big_file_is_refused_by_size_with_bounded_memory(tmp_path):
    """A 50 MB file over the limit: one line, and it is never read into memory."""
    big = tmp_path / "big.txt"
    line = ("今天我们讲一下人工智能的发展。" * 20 + "\n").encode()
    with big.open("wb") as fh:
        for _ in range(50 * 2**20 // len(line) + 1):
            fh.write(line)
    code = ("import resource, sys\nfrom pipeline.cli import main\nsys.argv=['subnotes','run',sys.argv[1],"
            "'-o',sys.argv[2],'--no-html','--max-input-mb','20']\ntry:\n main()\nexcept SystemExit as e:\n"
            " print('RSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, 'EXIT', e.code, file=sys.stderr)\n")
    out = subprocess.run([sys.executable, "-c", code, str(big), str(tmp_path / "out")],
                         capture_output=True, text=True)
    assert "Traceback" not in out.stderr
    assert "big.txt" in out.stderr and "over the limit" in out.stderr and "--max-input-mb" in out.stderr
    rss_kb = int(re.search(r"RSS (\d+)", out.stderr).group(1))
    assert rss_kb < 400 * 1024, rss_kb  # far below the 50 MB file plus its decoded copy
    assert "EXIT 1" in out.stderr


def test_default_limit_refuses_50_mb(tmp_path):
    from pipeline.config import Settings

    assert 1 <= Settings().max_input_mb < 50


def test_srt_block_without_timing_names_the_line(tmp_path):
    f = tmp_path / "gap.srt"
    f.write_text("1\n00:00:00,500 --> 00:00:07,000\n第一句。\n\n2\n第二句没有时间。\n\n"
                 "3\n00:00:11,890 --> 00:00:16,320\n第三句。\n", encoding="utf-8")
    res = run("run", f, "-o", tmp_path / "out", "--no-html")
    assert res.exit_code == 1
    line = next(ln for ln in res.output.splitlines() if "gap.srt" in ln)
    assert "line 5" in line and "no timing line" in line


MARKUP = ('今天讲一下网页里的<script>alert("x")</script>这种写法为什么危险？'
          '因为浏览器会把<script>当成代码执行，& 符号、"双引号"和\'单引号\'也都要转义。'
          'XML 里面 ]]> 这个结尾标记也不能直接出现，否则 CDATA 会提前结束。'
          '所以转写文本必须当成纯文本来处理，绝不能直接拼进页面或者大纲文件里。')
SPEAKER = '发言人<b>1</b>&"'


class _Text(HTMLParser):
    """The page's text as a browser shows it (outside <script> and <style>), and its script tags."""

    def __init__(self):
        super().__init__()
        self.text, self.scripts, self._skip = [], 0, 0

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script"
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def _outlines(path):
    return [(o.get("text"), o.get("_note") or "") for o in ET.parse(path).iter("outline")]


@pytest.mark.parametrize("name", ["markup.txt", "markup.transcript.json"])
def test_markup_in_the_transcript_stays_text_in_html_and_opml(tmp_path, name):
    src = tmp_path / "in"
    src.mkdir()
    if name.endswith(".json"):
        turns = [{"time": "00:00:01", "text": "这一期我们聊网页安全，你觉得最常见的漏洞是什么？", "speaker": "主持人"},
                 {"time": "00:00:06", "text": MARKUP, "speaker": SPEAKER}]
        (src / name).write_text(json.dumps({"transcription": turns}, ensure_ascii=False), encoding="utf-8")
    else:
        (src / name).write_text(MARKUP, encoding="utf-8")
    res = run("run", src, "-o", tmp_path / "out")
    assert res.exit_code == 0, res.output
    out = tmp_path / "out"
    stem = name.rsplit(".", 1)[0]
    page = _Text()
    page.feed((out / f"{stem}.html").read_text("utf-8"))
    shown = "".join(page.text)
    assert page.scripts == 1  # the page's own
    # (in a JSON input the clean stage reads the escaped quotes of alert("x") as pauses)
    assert "<script>alert(" in shown and ")</script>这种" in shown and "]]>" in shown and "&" in shown
    outlines = _outlines(out / f"{stem}.opml")  # parses: valid XML whatever the transcript held
    texts = " ".join(t for t, _ in outlines)
    assert "<script>alert(" in texts and ")</script>这种" in texts and "]]>" in texts and "&" in texts
    assert '"双引号"' in texts or name.endswith(".json")
    notes = json.loads((out / f"{stem}.notes.json").read_text("utf-8"))
    assert notes["qa"], "a question item carries the markup into every rendering"
    if name.endswith(".json"):
        assert any(SPEAKER in note for _, note in outlines)
        assert SPEAKER in shown
    body = (out / f"{stem}.md").read_text("utf-8").split("\n---\n", 1)[1]  # the YAML front matter quotes it
    assert "<script>" not in body and "<b>" not in body
