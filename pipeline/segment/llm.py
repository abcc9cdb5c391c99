"""LLM refinement of segments (filled in by the LLM-backend work); offline: unchanged."""

from __future__ import annotations

from pipeline.backends.base import Backend
from pipeline.models import Cleaned, Segment


def refine(cleaned: Cleaned, segments: list[Segment], backend: Backend | None) -> list[Segment]:
    return segments
