"""The clean stage: a Document → Cleaned (clean text, sentences, edits), offline first.

Passes run in a fixed order on one Draft, so every change is recorded against the source:
script conversion, number repair, lexicon correction, filler and repeat removal, punctuation.
"""

from __future__ import annotations

from pipeline.backends.base import Backend
from pipeline.clean import llm, sentences
from pipeline.clean.textmap import Draft, Stream
from pipeline.config import CleanOptions
from pipeline.models import Cleaned, Document


def clean(doc: Document, options: CleanOptions | None = None, backend: Backend | None = None) -> Cleaned:
    options = options or CleanOptions()
    draft = Draft(Stream(doc))
    candidates: list = []
    llm.correct(draft, candidates, backend)  # the LLM hook: keep it after the offline passes
    return sentences.build(draft, draft.edits(), candidates)
