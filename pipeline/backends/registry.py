"""Backends come from the entry-point group ``subnotes.backends``; the built-in ones register there
exactly as a plugin would (see pyproject.toml), so there is one path for all of them."""

from __future__ import annotations

from functools import cache
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from pipeline.backends.base import Backend
from pipeline.errors import BackendError, UnknownBackend

GROUP = "subnotes.backends"


@cache
def _registered() -> dict[str, EntryPoint]:
    """The group's entry points, read once a process: reading them opens every installed
    package's metadata, and a batch creates a backend for every file."""
    return {ep.name: ep for ep in entry_points(group=GROUP)}


def available() -> dict[str, str]:
    """Backend name → the object path it loads from, without importing any of them."""
    return {name: ep.value for name, ep in _registered().items()}


def create(name: str, **settings: Any) -> Backend:
    """Instantiate backend ``name`` with its settings (model, base_url, api_key, timeout, …); an
    unknown name fails with the list of known ones, an object that is not a Backend with what
    it lacks."""
    eps = _registered()
    if name not in eps:
        known = ", ".join(sorted(eps)) or "none installed"
        raise UnknownBackend(f"unknown backend {name!r}; known backends: {known}")
    try:
        cls = eps[name].load()
    except Exception as exc:  # a broken plugin must not take the CLI down with a traceback
        raise BackendError(f"backend {name!r} failed to load: {exc}") from exc
    backend = cls(**settings)
    if not isinstance(backend, Backend):
        wanted = ("name", "model", "usage", "chunk_chars", "concurrency", "is_model", "ask")
        lacking = [a for a in wanted if not hasattr(backend, a)]
        raise BackendError(f"backend {name!r} is not a subnotes backend (it lacks {', '.join(lacking)})")
    return backend
