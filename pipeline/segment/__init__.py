"""The segment stage: cleaned sentences → topic sections with titles and times."""

from pipeline.segment.segment import segment

__all__ = ["segment"]
