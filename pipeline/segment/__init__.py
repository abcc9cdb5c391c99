"""The segment stage."""

from pipeline.segment.segment import segment

__all__ = ["segment"]
