"""The openai backend from the command line: a failing server costs no file, a re-run costs no
calls, the key shows nowhere, and the SDK is not imported until a call needs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app
from tests.backends.fake_openai import FakeOpenAI, Reply, answer, task_of

KEY = "sk-cli-secret-abcdefghijklmnop"
TEXT = ("今天讲一下这个方案。我觉得这个方向不错。大家应该支持。这是第一部分。\n"
        "第二部分是人工智能。文件提出支持大模型发展。目标是培育一批企业。我认为能实现。\n")


def setup(tmp_path: Path, monkeypatch) -> Path:
    src = tmp_path / "in" / "talk.txt"
    src.parent.mkdir()
    src.write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # no stray subnotes.toml
    monkeypatch.setenv("SUBNOTES_API_KEY", KEY)
    monkeypatch.setenv("SUBNOTES_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SUBNOTES_RETRIES", "0")
    return src


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def test_junk_server_file_succeeds_degraded(tmp_path, monkeypatch):
    src = setup(tmp_path, monkeypatch)
    with FakeOpenAI(lambda body: Reply(status=500, raw='{"error": {"message": "' + KEY + '"}}')) as srv:
        res = invoke("run", str(src), "-o", str(tmp_path / "out"), "--no-html", "--backend", "openai",
                     "--model", "m", "--base-url", srv.base_url)
    assert res.exit_code == 0, res.output
    notes = (tmp_path / "out" / "talk.notes.json").read_text(encoding="utf-8")
    assert {d["stage"] for d in json.loads(notes)["degraded"]} == {"clean", "segment", "outline", "claims"}
    assert KEY not in res.output and KEY not in notes


def test_rerun_makes_no_requests_and_cache_clear(tmp_path, monkeypatch):
    src = setup(tmp_path, monkeypatch)

    def good(body):
        return answer({"correct": {"edits": []}, "segment": {"sections": [{"first_sentence": 0, "title": "方案"}]},
                       "outline": {"sections": []}, "claims": {"claims": []}}[task_of(body)])

    with FakeOpenAI(good) as srv:
        args = ["run", str(src), "--no-html", "--backend", "openai", "--model", "m", "--base-url", srv.base_url]
        assert invoke(*args, "-o", str(tmp_path / "a")).exit_code == 0
        first = len(srv.requests)
        res = invoke(*args, "-o", str(tmp_path / "b"))
        assert res.exit_code == 0, res.output
        assert len(srv.requests) == first > 0
        assert "cached" in res.output
        assert invoke(*args, "-o", str(tmp_path / "c"), "--no-cache").exit_code == 0
        assert len(srv.requests) == 2 * first
    path = invoke("cache", "path").output.strip()
    assert path.startswith(str(tmp_path / "cache"))
    assert invoke("cache", "clear").output.startswith(f"removed {first} ")


def test_model_required(tmp_path, monkeypatch):
    src = setup(tmp_path, monkeypatch)
    res = invoke("run", str(src), "-o", str(tmp_path / "out"), "--backend", "openai")
    assert res.exit_code != 0 and "--model" in res.output


def test_sdk_imported_lazily():
    code = ("import sys; from pipeline.backends import registry; "
            "b = registry.create('openai', model='m', base_url='http://127.0.0.1:9/v1'); "
            "print('openai' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
