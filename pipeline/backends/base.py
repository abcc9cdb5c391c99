"""The Backend protocol: what a stage may ask of a model.

A stage always computes its offline result first. It then asks the backend for a structured
answer (a pydantic model) to a named task; the offline backend answers ``None`` ("no model here"),
a model backend answers a validated object or raises BackendError when it finally fails. The
stage checks every answer against the source before trusting it, and falls back to its offline
result otherwise. Keeping the checks in the stages means a backend is only transport.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel

from pipeline.models import Usage

T = TypeVar("T", bound=BaseModel)


@runtime_checkable
class Backend(Protocol):
    name: str
    model: str | None
    usage: Usage

    @property
    def is_model(self) -> bool:
        """True when ``ask`` may return answers (a model is behind it)."""
        ...

    def ask(self, task: str, variables: Mapping[str, str], schema: type[T]) -> T | None:
        """Fill prompt ``prompts/{task}.md`` with ``variables`` and return an answer of ``schema``."""
        ...
