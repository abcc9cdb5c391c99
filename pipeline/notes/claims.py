"""The claims stage: statements the talk makes, who makes them, grounded in the source."""

from __future__ import annotations

import re

from pipeline.backends.base import Backend
from pipeline.models import Claim, Cleaned, Evidence, Segment
from pipeline.notes import llm

_STANCE = re.compile(r"我觉得|我认为|我估计|说实话")


def extract_claims(cleaned: Cleaned, segments: list[Segment], backend: Backend | None = None) -> list[Claim]:
    claims = []
    for seg in segments:
        for sid in range(seg.first_sentence, seg.last_sentence + 1):
            s = cleaned.sentences[sid]
            if _STANCE.search(s.text) and len(s.text) >= 6:
                claims.append(Claim(statement=s.text, attributed_to="speaker", claim_type="opinion",
                                    topic=seg.title, speaker=s.speaker, confidence=0.5,
                                    evidence=Evidence(quote=s.text, start=s.start, end=s.end, time=s.time,
                                                      sentence_ids=[sid])))
    return llm.refine_claims(cleaned, segments, claims, backend)  # the LLM hook: keep it last
