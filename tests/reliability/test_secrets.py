"""A sentinel API key must appear nowhere a run with ``--debug`` writes: stdout, stderr, outputs,
cache — whatever the server answers (errors echoing the key and the Authorization header, garbage,
a key planted in the model's answer) and also when the server cannot be reached."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from itertools import count
from pathlib import Path

import pytest

from tests.backends.fake_openai import FakeOpenAI, Reply

KEY = "sk-SENTINEL-7f3a9c2e51d84b06a1e9"
EXE = str(Path(sys.executable).parent / "subnotes")
TEXT = ("今天讲一下这个方案。我觉得这个方向不错。大家应该支持。这是第一部分。\n"
        "第二部分是人工智能。文件提出支持大模型发展。目标是培育一批企业。我认为能实现。\n")


def hostile_server(planted: bool):
    """Errors that echo the key; with ``planted``, also answers whose content holds it."""
    n = count()

    def script(body: dict) -> Reply:
        k = next(n) % 5
        if not planted and k in (2, 4):
            k = 1
        if k == 0:
            return Reply(status=401, raw=json.dumps({"error": {"message": f"Incorrect API key provided: {KEY}"}}))
        if k == 1:
            return Reply(status=500, raw=f"internal error, auth header was Bearer {KEY}")
        if k == 2:
            return Reply(content=json.dumps({"edits": [{"before": "方案", "after": KEY}], "sections": [
                {"first_sentence": 0, "title": KEY}], "claims": [{"text": KEY, "quote": KEY}]}))
        if k == 3:
            return Reply(status=429, raw=json.dumps({"error": {"message": KEY}}), headers={"retry-after": "0"})
        return Reply(content=f"not json at all {KEY}")
    return script


def run_with_key(tmp_path: Path, base_url: str) -> tuple[subprocess.CompletedProcess, Path]:
    src = tmp_path / "in"
    src.mkdir()
    (src / "talk.txt").write_text(TEXT, encoding="utf-8")
    home = tmp_path / "home"
    env = {**os.environ, "SUBNOTES_API_KEY": KEY, "HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache"),
           "XDG_CONFIG_HOME": str(home / ".config"), "SUBNOTES_CACHE_DIR": str(tmp_path / "cache"),
           "SUBNOTES_RETRIES": "1"}
    proc = subprocess.run([EXE, "--debug", "run", "in", "-o", "out", "--no-html", "--backend", "openai",
                           "--model", "m", "--base-url", base_url], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=300)
    return proc, tmp_path


def assert_no_key(proc: subprocess.CompletedProcess, root: Path, skip: str = "in") -> None:
    secret = KEY.removeprefix("sk-")
    assert secret not in proc.stdout and secret not in proc.stderr
    written = [p for p in root.rglob("*") if p.is_file() and p.parent.name not in ("in", skip)]
    assert written, "the run wrote nothing to search"
    for p in written:
        assert secret.encode() not in p.read_bytes(), p


@pytest.mark.parametrize("planted", [False, True])
def test_sentinel_key_never_written_against_a_hostile_server(tmp_path, planted):
    """With ``planted`` the server's *answers* hold the key: the response cache keeps answers as
    given (so it is not searched then), but nothing the user reads or gets as output may hold it."""
    with FakeOpenAI(hostile_server(planted)) as srv:
        proc, root = run_with_key(tmp_path, srv.base_url)
        assert srv.requests and all(a.endswith(KEY) for a in srv.auth)  # the key was really in use
    assert "Traceback" not in proc.stderr or KEY not in proc.stderr
    assert proc.returncode in (0, 1), proc.stderr
    assert (root / "out" / "talk.notes.json").is_file() or "talk.txt" in proc.stderr
    assert_no_key(proc, root, skip="cache" if planted else "in")


def test_sentinel_key_never_written_when_the_server_is_down(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc, root = run_with_key(tmp_path, f"http://127.0.0.1:{port}/v1")
    assert proc.returncode in (0, 1), proc.stderr
    assert_no_key(proc, root)


@pytest.mark.parametrize("flag", ["--base-url", "--model"])
def test_key_in_a_bad_option_is_not_echoed(tmp_path, flag):
    """A key pasted into the wrong option: whatever the error says, it does not repeat the key."""
    (tmp_path / "t.txt").write_text(TEXT, encoding="utf-8")
    value = KEY if flag == "--model" else f"http://{KEY}@127.0.0.1:1/v1"
    env = {**os.environ, "SUBNOTES_CACHE_DIR": str(tmp_path / "cache"), "SUBNOTES_RETRIES": "0",
           "SUBNOTES_API_KEY": KEY, "SUBNOTES_TIMEOUT": "2"}
    model = [] if flag == "--model" else ["--model", "m"]
    proc = subprocess.run([EXE, "--debug", "run", "t.txt", "-o", "out", "--no-html", "--backend", "openai",
                           *model, flag, value], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert proc.returncode in (0, 1, 2)
    assert (tmp_path / "out" / "t.notes.json").is_file() or "t.txt" in proc.stderr
    assert_no_key(proc, tmp_path)
