"""LLM corrections for the clean stage (filled in by the LLM-backend work).

``correct`` may add changes to the draft with origin ``llm`` after every check; with the
offline backend it does nothing."""

from __future__ import annotations

from pipeline.backends.base import Backend
from pipeline.clean.textmap import Draft
from pipeline.models import Candidate


def correct(draft: Draft, candidates: list[Candidate], backend: Backend | None) -> None:
    if backend is None or not backend.is_model:
        return
