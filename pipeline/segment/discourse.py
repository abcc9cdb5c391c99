"""Discourse cues: how strongly a sentence's opening says a new topic starts, and which subject
it names. Patterns are in ``data/cues.toml`` so they can grow without code changes."""

from __future__ import annotations

import re
from functools import cache

from pipeline.zh import data


@cache
def rules() -> dict:
    raw = data.toml(__package__, "cues.toml")
    return {
        "strong": re.compile("|".join(f"(?:{p})" for p in raw["strong"])),
        "weak": re.compile("|".join(f"(?:{p})" for p in raw["weak"])),
        "lead": sorted(raw["subject_lead"], key=len, reverse=True),
        "stop": re.compile("|".join(re.escape(w) for w in sorted(raw["subject_stop"], key=len, reverse=True))),
        "stopwords": frozenset(raw["stopwords"]),
        "not_key": re.compile("|".join(f"(?:{p})" for p in raw["not_key"])),
    }


def cue_strength(text: str) -> float:
    """1.0 for an explicit topic turn, 0.3 for a weak opener, else 0."""
    r = rules()
    if r["strong"].match(text):
        return 1.0
    if r["weak"].match(text):
        return 0.3
    return 0.0


_CLAUSE = re.compile(r"[，,。？！?!；;：:]")


def named_subject(text: str) -> str | None:
    """The subject a strong cue names: ``然后第二块就是区块链，…`` → ``区块链``."""
    r = rules()
    m = r["strong"].match(text)
    if not m:
        return None
    rest = text[m.end():]
    for lead in r["lead"]:
        if rest.startswith(lead):
            rest = rest[len(lead):]
            break
    clause = _CLAUSE.split(rest, 1)[0].strip().removeprefix("了")
    stop = r["stop"].search(clause)
    if stop and stop.start() >= 2:
        clause = clause[:stop.start()]
    clause = clause.strip(" 的")
    pronoun = clause.startswith(("这", "那", "你", "我", "他", "她", "它", "咱"))
    if 2 <= len(clause) <= 16 and clause not in r["stopwords"] and not pronoun:
        return clause
    return None
