"""The Backend protocol: what a stage may ask of a model, and what the backend can take.

A stage always computes its offline result first. It then asks the backend for a structured
answer (a pydantic model) to a named task; the offline backend answers ``None`` ("no model here"),
a model backend answers a validated object or raises BackendError when it finally fails. The
stage checks every answer against the source before trusting it, and falls back to its offline
result otherwise. Keeping the checks in the stages means a backend is only transport.

What a backend can take is part of the protocol, with defaults a backend inherits by subclassing
it (the built-in ones do; a plugin may, or set the attributes itself): ``chunk_chars``, the
characters of transcript one request may carry, and ``concurrency``, the requests it serves at
once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel

from pipeline.models import Usage

T = TypeVar("T", bound=BaseModel)


@runtime_checkable
class Backend(Protocol):
    name: ClassVar[str]
    model: str | None
    usage: Usage
    #: characters of transcript one request may carry (fits an 8k-token context with its answer)
    chunk_chars: int = 3000
    #: requests in flight at once
    concurrency: int = 1

    @property
    def is_model(self) -> bool:
        """True when ``ask`` may return answers (a model is behind it)."""
        ...

    def ask(self, task: str, variables: Mapping[str, str], schema: type[T]) -> T | None:
        """Fill prompt ``prompts/{task}.md`` with ``variables`` and return an answer of ``schema``."""
        ...
