"""Claim cue lists (``data/claim_cues.toml``), compiled once per process."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources


def _alt(words: list[str]) -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


_PLAIN = ("hedges", "document_words", "fragment_starts", "fragment_ends")  # kept as word tuples


@cache
def cues() -> dict:
    raw = tomllib.loads(resources.files("pipeline.notes").joinpath("data/claim_cues.toml").read_text("utf-8"))
    out: dict = {k: _alt(v) for k, v in raw.items() if k not in _PLAIN}
    out["hedges"] = tuple(sorted(raw["hedges"], key=len, reverse=True))
    out["document_words"] = tuple(raw["document_words"])
    out["fragment_starts"] = tuple(raw["fragment_starts"])
    out["fragment_ends"] = tuple(raw["fragment_ends"])
    return out
