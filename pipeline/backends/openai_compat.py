"""The ``openai`` backend: any server that speaks the OpenAI chat-completions protocol.

OpenAI, DeepSeek, Qwen (DashScope), Moonshot, Zhipu, Ollama, vLLM and llama.cpp all do, so one
backend with a ``base_url`` covers them. It is transport only: fill the prompt, check the cache,
call with retries under a concurrency limit, read a validated answer (re-asking once with the
validator's errors), sum the token usage. The SDK is imported on the first call, so choosing the
backend costs nothing until a stage asks. The API key never leaves the client: it is not in cache
keys, logs or error messages (``_sanitize``).
"""

from __future__ import annotations

import random
import re
import threading
import time
from collections.abc import Mapping
from email.utils import parsedate_to_datetime
from typing import Any

from pydantic import BaseModel, SecretStr, ValidationError

from pipeline import prompts
from pipeline.backends import structured
from pipeline.backends.base import Backend, T
from pipeline.backends.cache import Cache, default_path, make_key
from pipeline.errors import BackendError, ConfigError
from pipeline.models import Usage

_KEYLIKE = re.compile(r"\b(sk|key|Bearer)[-_ ]?[A-Za-z0-9_\-.]{12,}")
RETRY_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504})
TEMPERATURE = 0.0


class OpenAIBackend(Backend):
    name = "openai"
    #: Seconds: the first backoff step (doubled per retry) and the longest wait honoured.
    backoff = 1.0
    max_wait = 60.0
    #: Calls in a row that failed for good on transport (after all retries) before the backend
    #: stops trying for this file: a dead server then costs seconds, not minutes per chunk.
    give_up_after = 2

    def __init__(self, model: str | None = None, base_url: str | None = None,
                 api_key: SecretStr | str | None = None, timeout: float = 60.0, retries: int = 4,
                 concurrency: int = 4, cache_dir: str | None = None, use_cache: bool = True, **_: object) -> None:
        if not model:
            raise ConfigError("the openai backend needs a model: --model NAME (or SUBNOTES_MODEL, "
                              "or model = \"…\" in subnotes.toml)")
        if isinstance(api_key, str):
            api_key = SecretStr(api_key)
        if api_key is None and not base_url:
            raise ConfigError("the openai backend needs an API key (SUBNOTES_API_KEY or OPENAI_API_KEY, or "
                              "api_key in subnotes.toml), or --base-url of a local server")
        self.model = model
        self.base_url = base_url
        self._key = api_key
        self.timeout = float(timeout)
        self.retries = max(0, int(retries))
        self.concurrency = max(1, int(concurrency))
        self.usage = Usage()
        self._cache = Cache(default_path(cache_dir)) if use_cache else None
        self._slots = threading.BoundedSemaphore(self.concurrency)
        self._lock = threading.Lock()
        self._client: Any = None
        self._mode = 0  # index into structured.MODES: the richest format the server accepted
        self._down = 0  # calls in a row that failed for good on transport

    @property
    def is_model(self) -> bool:
        return True

    # --- the one public call ------------------------------------------------------------------

    def ask(self, task: str, variables: Mapping[str, str], schema: type[T]) -> T | None:
        prompt = prompts.load(task)
        text = prompt.render({k: structured.fence(str(v)) for k, v in variables.items()})
        key = make_key(backend=self.name, model=self.model, base_url=self.base_url, prompt=prompt.sha256,
                       schema=schema.model_json_schema(), temperature=TEMPERATURE, system=structured.SYSTEM,
                       input=text)
        if self._cache is not None:
            hit = self._cache.get(key)
            if hit is not None:
                try:
                    cached = schema.model_validate_json(hit)
                except ValidationError:
                    pass  # a stale row: ask again and overwrite it
                else:
                    with self._lock:
                        self.usage.cached += 1
                    return cached
        messages = [{"role": "system", "content": structured.SYSTEM}, {"role": "user", "content": text}]
        reply = self._complete(task, messages, schema)
        try:
            answer = structured.parse(reply, schema)
        except (ValueError, ValidationError) as exc:
            messages += [{"role": "assistant", "content": reply or ""},
                         {"role": "user", "content": structured.feedback(exc)}]
            reply = self._complete(task, messages, schema)
            try:
                answer = structured.parse(reply, schema)
            except (ValueError, ValidationError) as exc2:
                raise BackendError(f"{task}: the model's answer does not fit the schema, also when re-asked: "
                                   f"{self._sanitize(_first_line(exc2))}") from None
        if self._cache is not None:
            self._cache.put(key, task, answer.model_dump_json())
        return answer

    # --- transport ----------------------------------------------------------------------------

    def _client_(self) -> Any:
        with self._lock:
            if self._client is None:
                import openai  # deferred: the SDK is heavy and only needed on a real call

                key = self._key.get_secret_value() if self._key is not None else "no-key"
                self._client = openai.OpenAI(api_key=key, base_url=self.base_url, timeout=self.timeout,
                                             max_retries=0)
            return self._client

    def _complete(self, task: str, messages: list[dict], schema: type[BaseModel]) -> str | None:
        """One answer text, stepping down the response formats the server refuses."""
        import openai

        while True:
            mode = self._mode
            fmt = structured.response_format(structured.MODES[mode], schema)
            try:
                return self._call(task, messages, fmt)
            except openai.BadRequestError as exc:
                if mode + 1 < len(structured.MODES):
                    with self._lock:
                        self._mode = max(self._mode, mode + 1)
                    continue
                raise BackendError(f"{task}: the server refused the request: {self._describe(exc)}") from None

    def _call(self, task: str, messages: list[dict], fmt: dict | None) -> str | None:
        """One completion (see ``_attempts``), unless the server has already failed for good."""
        if self._down >= self.give_up_after:
            raise BackendError(f"{task}: not sent: the server failed {self._down} calls in a row")
        try:
            text = self._attempts(task, messages, fmt)
        except BackendError:
            with self._lock:
                self._down += 1
            raise
        with self._lock:
            self._down = 0
        return text

    def _attempts(self, task: str, messages: list[dict], fmt: dict | None) -> str | None:
        """One completion with retries on 429, 5xx, timeouts and lost connections."""
        import openai

        client = self._client_()
        extra = {"response_format": fmt} if fmt else {}
        for attempt in range(self.retries + 1):
            wait = None
            try:
                with self._slots:
                    resp = client.chat.completions.create(model=self.model, messages=messages,
                                                          temperature=TEMPERATURE, **extra)
            except openai.BadRequestError:
                raise
            except openai.APIStatusError as exc:
                if exc.status_code not in RETRY_STATUS or attempt == self.retries:
                    raise BackendError(f"{task}: {self._describe(exc)}") from None
                wait = _retry_after(exc.response.headers)
            except (openai.APITimeoutError, openai.APIConnectionError) as exc:
                if attempt == self.retries:
                    raise BackendError(f"{task}: {self._describe(exc)}") from None
            else:
                self._count(resp)
                choices = getattr(resp, "choices", None) or []
                return choices[0].message.content if choices and choices[0].message else None
            if wait is None:
                wait = self.backoff * 2 ** attempt * (0.75 + random.random() / 2)
            time.sleep(min(wait, self.max_wait))
        raise BackendError(f"{task}: no answer")  # not reached: the last attempt raises above

    def _count(self, resp: Any) -> None:
        u = getattr(resp, "usage", None)
        with self._lock:
            self.usage.calls += 1
            if u is not None:
                self.usage.prompt_tokens += int(getattr(u, "prompt_tokens", 0) or 0)
                self.usage.completion_tokens += int(getattr(u, "completion_tokens", 0) or 0)

    # --- keeping the key out of messages -------------------------------------------------------

    def _describe(self, exc: Exception) -> str:
        status = getattr(exc, "status_code", None)
        head = f"HTTP {status}" if status else type(exc).__name__
        return f"{head}: {self._sanitize(_first_line(exc))}"

    def _sanitize(self, text: str) -> str:
        if self._key is not None:
            secret = self._key.get_secret_value()
            if secret:
                text = text.replace(secret, "***")
        return _KEYLIKE.sub("***", text)[:300]


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds a 429/503 asks us to wait (``Retry-After``: seconds or an HTTP date; or ``retry-after-ms``)."""
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return max(0.0, float(ms) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None
