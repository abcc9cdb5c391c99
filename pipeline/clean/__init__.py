"""The clean stage: a Document → Cleaned (clean text, sentences, every edit, the source map)."""

from pipeline.clean.clean import clean

__all__ = ["clean"]
