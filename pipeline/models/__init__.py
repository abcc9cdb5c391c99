"""The data that flows between stages, as pydantic models: the bottom layer, importing nothing
else of the package.

``transcript`` holds what ingest and clean make (the input, cues, edits, sentences), ``notes``
what segmentation and the notes stages make and the notes document itself, ``base`` the shared
literals. Every item that comes from the transcript carries ``start``/``end`` character offsets
into the decoded input file, and times where the input has them.
"""

from pipeline.models.base import (
    SCHEMA_VERSION,
    Alignment,
    Attribution,
    ClaimType,
    Degraded,
    EditKind,
    Format,
    TimeSpan,
)
from pipeline.models.notes import (
    QA,
    Claim,
    ClaimSet,
    Evidence,
    KeyPoint,
    Notes,
    Outline,
    RunInfo,
    Said,
    Section,
    Segment,
    Segmentation,
    Usage,
)
from pipeline.models.transcript import (
    Candidate,
    Cleaned,
    Cue,
    Document,
    Edit,
    Meta,
    Sentence,
    Source,
    SourceMap,
    time_of,
)

__all__ = [
    "QA", "SCHEMA_VERSION", "Alignment", "Attribution", "Candidate", "Claim", "ClaimSet", "ClaimType",
    "Cleaned", "Cue", "Degraded", "Document", "Edit", "EditKind", "Evidence", "Format", "KeyPoint", "Meta",
    "Notes", "Outline", "RunInfo", "Said", "Section", "Segment", "Segmentation", "Sentence", "Source",
    "SourceMap", "TimeSpan", "Usage", "time_of",
]
