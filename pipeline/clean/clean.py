"""The clean stage: a Document → Cleaned (clean text, sentences, edits), offline first.

Passes run in a fixed order on one Draft, so every change is recorded against the source:
script conversion, number repair, lexicon correction, filler and repeat removal, punctuation.
Each pass reads the text the pass before left, which is why numbers are mended before fillers
and punctuation look for pauses (``0。`` is not a sentence end).
"""

from __future__ import annotations

from pipeline.backends.base import Backend
from pipeline.clean import conversion, correct, fillers, llm, numbers, punctuation, sentences
from pipeline.clean.lexicon import hotwords_for
from pipeline.clean.lexicon import load as load_lexicon
from pipeline.clean.stream import Stream
from pipeline.clean.textmap import Draft
from pipeline.config import CleanOptions
from pipeline.models import Candidate, Cleaned, Document


def _lexicon_files(doc: Document, options: CleanOptions) -> list[str]:
    files = list(options.lexicons)
    if options.hotwords:
        hot = hotwords_for(doc.source.path)
        if hot:
            files.append(hot)
    return files


def clean(doc: Document, options: CleanOptions | None = None, backend: Backend | None = None) -> Cleaned:
    options = options or CleanOptions()
    draft = Draft(Stream(doc))
    if options.script != "keep":
        draft.apply(conversion.changes(draft.text, options.script))
    draft.apply(numbers.changes(draft.text))
    lex = load_lexicon(_lexicon_files(doc, options))
    found = correct.changes(draft.text, lex)
    candidates: list[Candidate] = []
    for m in found.near:
        s, e = draft.source_span(m.start, m.end)
        if e > s:
            candidates.append(Candidate(start=s, end=e, before=doc.text[s:e], suggestion=m.term,
                                        score=m.score, reason=m.reason))
    draft.apply(found.fixes)
    if not options.keep_fillers:
        for find in fillers.PASSES:
            draft.apply(find(draft.text))
    draft.apply(punctuation.changes(draft))
    failed = llm.correct(draft, candidates, backend)  # the LLM hook: keep it after the offline passes
    cleaned = sentences.build(draft, draft.edits(), candidates)
    if failed is not None:
        cleaned.degraded.append(failed)
    return cleaned
