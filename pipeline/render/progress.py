"""Batch progress: a rich bar on a terminal, one plain line per file otherwise."""

from __future__ import annotations

import sys
from typing import Any


class Reporter:
    def __init__(self, total: int) -> None:
        self.total = total
        self.tty = sys.stderr.isatty()
        self._progress: Any = None
        self._task: Any = None

    def __enter__(self) -> Reporter:
        if self.tty:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                      TimeElapsedColumn(), transient=True)
            self._progress.__enter__()
            self._task = self._progress.add_task("subnotes", total=self.total)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.__exit__(None, None, None)

    def result(self, res: Any) -> None:
        if res.status == "failed":
            line = f"failed  {res.error}"
        else:
            extra = f" (degraded: {', '.join(res.degraded)})" if res.degraded else ""
            line = f"{res.status:<7} {res.job.path} ({res.seconds:.1f}s){extra}"
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False)
            self._progress.advance(self._task)
        else:
            print(line, file=sys.stderr, flush=True)
