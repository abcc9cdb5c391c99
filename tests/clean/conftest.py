"""Fixtures of the clean tests: real phrases cut from the reference talk (tests/fixtures/clean)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.clean import clean
from pipeline.config import CleanOptions
from pipeline.ingest import ingest, ingest_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "clean"


def run(text: str, **options):
    """Clean a snippet given as a plain-text transcript."""
    return clean(ingest_text(text, "snippet.txt"), CleanOptions(**options))


@pytest.fixture(scope="session")
def talk():
    doc = ingest(FIXTURES / "talk-excerpt.txt")
    return doc, clean(doc)


@pytest.fixture(scope="session")
def cues():
    doc = ingest(FIXTURES / "cues.srt")
    return doc, clean(doc)
