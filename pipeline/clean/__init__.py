"""The clean stage."""

from pipeline.clean.clean import clean

__all__ = ["clean"]
