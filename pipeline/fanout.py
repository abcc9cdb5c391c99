"""What every stage's model hook shares: cutting long input into overlapping windows, asking for
all of them concurrently, and saying when the stage kept its offline result.

Windows are measured in characters (Chinese runs close to one token a character), sized by the
backend's ``chunk_chars`` so they fit the model's context; the overlap gives each boundary
context on both sides. A failed call does not sink the others: the caller gets the exception in
its place and decides what the stage keeps. A stage whose calls failed reports it in its result
(``failure``), never by changing the backend.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from pydantic import BaseModel

from pipeline.backends.base import Backend
from pipeline.errors import BackendError
from pipeline.models import Degraded

A = TypeVar("A", bound=BaseModel)


def line(sid: int, text: str) -> str:
    """A sentence as the prompts show it: ``#12 text`` (two tokens of id; brackets would cost three)."""
    return f"#{sid} {text}"


def line_id(text: str) -> int:
    return int(text[1:text.index(" ")])


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


def ask_each(backend: Backend, task: str, calls: Sequence[Mapping[str, str]],
             schema: type[A]) -> list[A | BackendError | None]:
    """``backend.ask`` for every variable set, at most ``backend.concurrency`` at a time; a call
    that fails for good yields its BackendError in its slot."""
    def one(variables: Mapping[str, str]) -> A | BackendError | None:
        try:
            return backend.ask(task, variables, schema)
        except BackendError as exc:
            return exc

    if len(calls) <= 1:
        return [one(v) for v in calls]
    workers = max(1, min(len(calls), backend.concurrency))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="subnotes-llm") as pool:
        return list(pool.map(one, calls))


def failure(stage: str, results: Sequence[object]) -> Degraded | None:
    """What a stage reports when some of its calls failed (it kept its offline result for them)."""
    bad = [r for r in results if isinstance(r, BackendError)]
    if not bad:
        return None
    return Degraded(stage=stage, reason=f"{len(bad)} of {len(results)} calls failed: {bad[0]}")
