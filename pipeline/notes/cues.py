"""Claim cue lists (``data/claim_cues.toml``), compiled once per process."""

from __future__ import annotations

import re
from functools import cache

from pipeline.zh import data


def _alt(words: list[str]) -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


_PLAIN = ("hedges", "document_words", "fragment_starts", "fragment_ends")  # kept as word tuples


@cache
def cues() -> dict:
    raw = data.toml(__package__, "claim_cues.toml")
    out: dict = {k: _alt(v) for k, v in raw.items() if k not in _PLAIN}
    out["hedges"] = tuple(sorted(raw["hedges"], key=len, reverse=True))
    out["document_words"] = tuple(raw["document_words"])
    out["fragment_starts"] = tuple(raw["fragment_starts"])
    out["fragment_ends"] = tuple(raw["fragment_ends"])
    return out
