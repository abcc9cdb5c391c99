"""What every LLM stage hook shares: cutting long input into overlapping chunks, asking for all of
them concurrently, and recording a stage that fell back to its offline result.

Chunks are measured in characters (Chinese runs close to one token a character), sized by the
backend's ``chunk_chars`` so they fit the model's context; the overlap gives each boundary
context on both sides. A failed chunk does not sink the others: the caller gets the exception in
its place and decides what the stage keeps.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor

from pydantic import BaseModel

from pipeline.errors import BackendError
from pipeline.models import Degraded

log = logging.getLogger("subnotes.llm")

DEFAULT_CHUNK = 3000


def line(sid: int, text: str) -> str:
    """A sentence as the prompts show it: ``#12 text`` (two tokens of id; brackets would cost three)."""
    return f"#{sid} {text}"


def line_id(text: str) -> int:
    return int(text[1:text.index(" ")])


def chunk_size(backend: object) -> int:
    return int(getattr(backend, "chunk_chars", DEFAULT_CHUNK) or DEFAULT_CHUNK)


def windows(lengths: Sequence[int], limit: int, overlap: int = 0) -> list[tuple[int, int]]:
    """Consecutive items (of the given lengths) grouped into ``[i, j)`` windows of at most ``limit``
    characters (at least one item each); each window after the first repeats the last items of the
    previous one worth up to ``overlap`` characters."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(lengths)
    while i < n:
        j, size = i, 0
        while j < n and (j == i or size + lengths[j] <= limit):
            size += lengths[j]
            j += 1
        out.append((i, j))
        if j >= n:
            break
        back, k = 0, j
        while k - 1 > i and back + lengths[k - 1] <= overlap:
            back += lengths[k - 1]
            k -= 1
        i = k
    return out


def ask_each(backend, task: str, calls: Sequence[Mapping[str, str]],
             schema: type[BaseModel]) -> list[BaseModel | Exception | None]:
    """``backend.ask`` for every variable set, at most ``backend.concurrency`` at a time; a call that
    raises BackendError yields the exception in its slot."""
    def one(variables: Mapping[str, str]) -> BaseModel | Exception | None:
        try:
            return backend.ask(task, variables, schema)
        except BackendError as exc:
            return exc

    if len(calls) <= 1:
        return [one(v) for v in calls]
    workers = max(1, min(len(calls), int(getattr(backend, "concurrency", 1) or 1)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="subnotes-llm") as pool:
        return list(pool.map(one, calls))


def degrade(backend, stage: str, reason: str) -> None:
    """Record that ``stage`` kept (all or part of) its offline result, and warn once per stage."""
    record: list | None = getattr(backend, "degraded", None)
    if record is None:
        return
    if any(d.stage == stage for d in record):
        return
    record.append(Degraded(stage=stage, reason=reason))
    log.warning("%s: the model failed (%s); the offline result stands in", stage, reason)


def failures(results: Sequence[object]) -> str | None:
    """A one-line reason when some results are exceptions, else None."""
    bad = [r for r in results if isinstance(r, Exception)]
    if not bad:
        return None
    return f"{len(bad)} of {len(results)} calls failed: {bad[0]}"


def usable(results: Sequence[object], keep: Callable[[object], bool] = lambda r: r is not None) -> list:
    return [r for r in results if not isinstance(r, Exception) and keep(r)]
