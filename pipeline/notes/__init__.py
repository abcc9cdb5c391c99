"""The notes and claims stages."""

from pipeline.notes.claims import extract_claims
from pipeline.notes.outline import outline

__all__ = ["extract_claims", "outline"]
