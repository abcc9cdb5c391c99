"""The notes stages: the outline (summary, summary lines, key points), claims, and questions and
answers (``pipeline.notes.qa``)."""

from pipeline.notes.claims import extract_claims
from pipeline.notes.outline import outline

__all__ = ["extract_claims", "outline"]
