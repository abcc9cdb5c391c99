"""A real HTTP server on 127.0.0.1 that speaks enough of ``/v1/chat/completions`` for the openai SDK.

Tests (and benchmarks/llm_scripted.py) start it in a thread and script it with a function
``body -> Reply``: the function plays the model. The server counts requests and prompt tokens
(one per Han character, Latin word, digit run or punctuation mark, the same count ``tokens``
gives for the transcript), so tests can assert on calls and budgets without patching the SDK.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_TOKEN = re.compile(r"[\u3400-\u9fff]|[A-Za-z]+|[0-9]+|[^\sA-Za-z0-9\u3400-\u9fff]")
OPEN, CLOSE = "<<<转写数据开始>>>", "<<<转写数据结束>>>"
TASKS = {"纠正语音识别错误": "correct", "按话题分段": "segment", "为每段写要点": "outline", "提取论断": "claims"}


def tokens(text: str) -> int:
    return len(_TOKEN.findall(text))


@dataclass
class Reply:
    status: int = 200
    content: str | None = None  # the assistant message; None with status 200 means an empty answer
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    raw: str | None = None  # a body sent as is (not a completion)


def task_of(body: dict) -> str:
    user = next(m["content"] for m in body["messages"] if m["role"] == "user")
    head = next((line for line in user.splitlines() if line.startswith("# 任务：")), "")
    return next((t for k, t in TASKS.items() if k in head), "unknown")


def transcript_of(body: dict) -> str:
    user = next(m["content"] for m in body["messages"] if m["role"] == "user")
    block = user.split(OPEN, 1)[1].split(CLOSE, 1)[0] if OPEN in user else ""
    return block.split("【转写】\n", 1)[-1].strip("\n")  # the correct task puts hints before it


def numbered(body: dict) -> dict[int, str]:
    """The ``#id text`` lines of a request's transcript."""
    out = {}
    for line in transcript_of(body).splitlines():
        m = re.match(r"#(\d+) (.*)", line)
        if m:
            out[int(m.group(1))] = m.group(2)
    return out


class FakeOpenAI:
    def __init__(self, script: Callable[[dict], Reply]) -> None:
        self.script = script
        self.requests: list[dict] = []
        self.prompt_tokens = 0
        self.auth: list[str] = []
        self.in_flight = 0
        self.max_in_flight = 0  # the most requests open at once: the client's concurrency
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> FakeOpenAI:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                prompt = sum(tokens(m.get("content") or "") for m in body.get("messages", []))
                with fake._lock:
                    fake.requests.append(body)
                    fake.prompt_tokens += prompt
                    fake.auth.append(self.headers.get("authorization", ""))
                if not self.path.endswith("/chat/completions"):
                    return self._send(404, json.dumps({"error": {"message": "not found"}}), {})
                with fake._lock:
                    fake.in_flight += 1
                    fake.max_in_flight = max(fake.max_in_flight, fake.in_flight)
                try:
                    reply = fake.script(body)
                    if reply.delay:
                        time.sleep(reply.delay)
                finally:
                    with fake._lock:
                        fake.in_flight -= 1
                if reply.raw is not None or reply.status != 200:
                    err = reply.raw if reply.raw is not None else json.dumps({"error": {"message": "scripted"}})
                    return self._send(reply.status, err, reply.headers)
                done = {"id": "x", "object": "chat.completion", "created": 0, "model": body.get("model", ""),
                        "choices": [{"index": 0, "finish_reason": "stop",
                                     "message": {"role": "assistant", "content": reply.content}}],
                        "usage": {"prompt_tokens": prompt, "completion_tokens": tokens(reply.content or ""),
                                  "total_tokens": prompt + tokens(reply.content or "")}}
                self._send(200, json.dumps(done, ensure_ascii=False), reply.headers)

            def _send(self, status: int, text: str, headers: dict[str, str]) -> None:
                data = text.encode()
                try:
                    self.send_response(status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()

    def tasks(self) -> list[str]:
        return [task_of(b) for b in self.requests]


def answer(obj: object) -> Reply:
    return Reply(content=json.dumps(obj, ensure_ascii=False))
