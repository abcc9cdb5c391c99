"""Claim cue lists (``data/claim_cues.toml``), compiled once per process: each list of words to
match inside a clause becomes one regex (longest word first), each list tested at a clause's
start or end stays a tuple of words."""

from __future__ import annotations

import re
from functools import cache

from pipeline.zh import data


def _alt(words: list[str]) -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


_PLAIN = ("hedges", "fragment_starts", "fragment_ends", "demonstrative", "continuation",
          "ordinal", "listing", "position", "review_titles", "openers", "measure_verbs", "measure_nouns",
          "speech_nouns", "time_nouns")


@cache
def cues() -> dict:
    raw = data.toml(__package__, "claim_cues.toml")
    out: dict = {k: _alt(v) for k, v in raw.items() if k not in _PLAIN}
    out.update({k: tuple(sorted(raw[k], key=len, reverse=True)) for k in _PLAIN})
    out["verb"] = _alt([*raw["say"], *raw["intend"], *raw["act"]])
    out["continuing"] = _alt(raw["continuation"])  # a continuation marker anywhere in a clause's opening
    out["listing_items"] = tuple(w for w in out["listing"] if w.endswith("是"))  # 一个是…: an item's marker
    out["place_verb"] = _alt([*raw["say"], *raw["intend"]])  # a country acts by saying or wanting
    # what may stand before a clause's subject (Latin letters: OK, 嗯 transcribed as "en")
    out["opening"] = re.compile(rf"^(?:[A-Za-z]+|{_alt(raw['openers']).pattern})*")
    # 做了些动作, 采取了一系列措施: at most a measure word between the verb and its noun
    out["measure_frame"] = re.compile(
        rf"(?:{_alt(raw['measure_verbs']).pattern})[了过]?[^，,。；;]{{0,4}}?(?:{_alt(raw['measure_nouns']).pattern})")
    return out
