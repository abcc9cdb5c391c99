"""LLM refinement of the outline and claims (filled in by the LLM-backend work); offline: unchanged."""

from __future__ import annotations

from pipeline.backends.base import Backend
from pipeline.models import Claim, Cleaned, Outline, Segment


def refine_outline(cleaned: Cleaned, segments: list[Segment], outline: Outline, backend: Backend | None) -> Outline:
    return outline


def refine_claims(cleaned: Cleaned, segments: list[Segment], claims: list[Claim],
                  backend: Backend | None) -> list[Claim]:
    return claims
