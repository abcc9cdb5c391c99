"""The default backend: no network, no key. Every stage's offline result stands as it is."""

from __future__ import annotations

from collections.abc import Mapping

from pipeline.backends.base import Backend, T
from pipeline.models import Usage


class OfflineBackend(Backend):
    name = "offline"

    def __init__(self, model: str | None = None, **_: object) -> None:
        self.model = None
        self.usage = Usage()

    @property
    def is_model(self) -> bool:
        return False

    def ask(self, task: str, variables: Mapping[str, str], schema: type[T]) -> T | None:
        return None
