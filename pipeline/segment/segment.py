"""The segment stage: cleaned sentences → topic segments that cover them in order.

Sentences are grouped into short units (a unit never straddles a cue phrase, a speaker change
or a long pause, so no candidate boundary is lost); the segmentation minimising lexical cost
(cohesion.py) plus a price per section, minus a bonus where a discourse cue opens a unit or a
pause precedes it, is found exactly (optimal.py). ``SegmentOptions.segments`` fixes the count
(a number, or minutes per section); ``auto`` lets the price decide, within a length prior
(a 10-minute commentary: a handful to a dozen sections; a 50-minute lecture: about ten).
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass

from pipeline.backends.base import Backend
from pipeline.config import SegmentOptions
from pipeline.errors import ConfigError
from pipeline.models import Cleaned, Segmentation, Sentence
from pipeline.segment import cohesion, discourse, llm, optimal, structure, titles
from pipeline.segment.sections import make_segments


@dataclass(frozen=True)
class Params:
    """Weights and bounds, tuned on the CLVTS dev split (00–09) and the reference sample only."""

    # A section costs price × log(words) × (words / ref_words) ** growth nats. Lexical evidence for
    # a boundary grows with the length of the sections it separates, so a long lecture must show
    # more of it per boundary than a ten-minute commentary, whose turns are carried by its cues.
    price: float = 7.0
    growth: float = 0.75
    ref_words: float = 2000.0
    # Discourse evidence takes cue_nats × log(words) nats off a section starting there, times:
    cue_nats: float = 1.5
    w_named: float = 1.0  # an explicit turn naming its subject (然后第二块就是区块链)
    w_unnamed: float = 0.5  # an explicit turn without one (第二点我觉得…): often a sub-point
    w_weak: float = 0.3  # a weak opener (然后, 那么)
    w_pause: float = 0.3  # a 3-second pause or a change of speaker
    units: int = 200  # sentences are grouped into about this many units …
    max_unit_chars: int = 400  # … of at most this many characters (so long inputs stay linear)
    cap_share: float = 0.5  # no section longer than this share of the talk …
    max_section_chars: int = 20_000  # … or than about 80 minutes of speech
    min_share: float = 1 / 40  # no section shorter than this share of the talk …
    min_chars: int = 40  # … or than this many characters
    chars_per_section: int = 2000  # the length prior for auto: at least one section per this many …
    max_chars_per_section: int = 150  # … and at most one per this many …
    min_seconds_per_section: float = 120.0  # … or per two minutes, where the input has times
    # A conversation (speakers marked: structure.py) pays this share of the price: its chapters
    # are shorter, and its turn starts give them places to begin. Chosen on the six 通义听悟
    # podcasts with their creators' chapters (0.2–0.3 all meet the bar; benchmarks/README.md).
    conversation_price: float = 0.25
    snap_chars: int = 300  # a section start moves to a turn start this near (characters)


PARAMS = Params()


_MINUTES = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(m|min|分钟)\s*$")


def _wanted(spec: str, chars: int, duration: float | None) -> int | None:
    """A fixed number of sections from the option, or None for auto."""
    spec = (spec or "auto").strip().lower()
    if spec == "auto":
        return None
    if spec.isdigit() and int(spec) >= 1:
        return int(spec)
    m = _MINUTES.match(spec)
    if m and float(m.group(1)) > 0:
        minutes = duration / 60 if duration else chars / 250  # about 250 characters a minute of speech
        return max(1, round(minutes / float(m.group(1))))
    raise ConfigError(f"--segments must be auto, a number or minutes like 5m, not {spec!r}")


_NOT_SPOKEN = re.compile(r"[^\w]|_")


def _spoken(text: str) -> int:
    """Letters and digits: what was said, punctuation and spaces left out."""
    return max(1, len(text) - len(_NOT_SPOKEN.findall(text)))


def evidence(sents: list[Sentence], p: Params = PARAMS) -> list[tuple[float, float]]:
    """(cue, pause) before each sentence: cue is the weight of the discourse cue opening it (see
    Params); pause 1 for three seconds or more of silence, 0.5 at least where the speaker changes."""
    out = [(0.0, 0.0)]
    for a, b in itertools.pairwise(sents):
        pause = 0.0
        if a.time and b.time:
            pause = min(1.0, max(0.0, b.time[0] - a.time[1]) / 3.0)
        if a.speaker != b.speaker:
            pause = max(pause, 0.5)
        strength = discourse.cue_strength(b.text)
        if strength >= 1.0:
            cue = p.w_named if discourse.named_subject(b.text) else p.w_unnamed
        else:
            cue = p.w_weak if strength > 0 else 0.0
        out.append((cue, pause))
    return out


def units(lens: list[int], ev: list[tuple[float, float]], p: Params = PARAMS) -> list[int]:
    """First sentence of each unit (``lens``: spoken characters of each sentence): a unit closes
    once it is long enough, and any sentence with more than weak discourse evidence before it
    opens a unit of its own, so boundaries can still fall there."""
    size = max(1, min(p.max_unit_chars, sum(lens) // p.units))
    starts = [0]
    acc = 0
    for i in range(len(lens)):
        if i and (acc >= size or ev[i][0] > p.w_weak or ev[i][1] >= 0.5):
            starts.append(i)
            acc = 0
        acc += lens[i]
    return starts


def boundaries(cleaned: Cleaned, wanted: int | None, p: Params = PARAMS,
               bags: list[cohesion.Terms] | None = None) -> list[int]:
    """Sentence ids where sections start (0 first); ``bags``: each sentence's content words
    (cohesion.terms), when the caller has them already. In a conversation the starts snap to
    turn starts (structure.py)."""
    sents = cleaned.sentences
    if bags is None:
        bags = cohesion.terms([s.text for s in sents])
    starts = _optimal(cleaned, wanted, p, bags)
    return structure.snap(starts, sents, p.snap_chars) if structure.is_conversation(sents) else starts


def _optimal(cleaned: Cleaned, wanted: int | None, p: Params, bags: list[cohesion.Terms]) -> list[int]:
    """Sentence ids where the lexically optimal sections start (0 first)."""
    sents = cleaned.sentences
    ev = evidence(sents, p)
    lens = [_spoken(s.text) for s in sents]
    first = units(lens, ev, p)
    spans = list(itertools.pairwise([*first, len(sents)]))
    unit_bags = [cohesion.pooled(bags[a:b]) for a, b in spans]
    size = [sum(lens[a:b]) for a, b in spans]
    total = sum(size)
    m = len(first)
    cap = max(2, math.ceil(m * p.cap_share)) if m > 8 else m
    if wanted:  # a fixed count lets a section hold twice its fair share (two asked: not forced halves)
        cap = max(cap, min(m, math.ceil(2 * m / wanted)))
    cap = min(cap, max(2, math.ceil(p.max_section_chars * m / max(1, total))))
    cost, tokens = cohesion.span_costs(unit_bags, cap)
    nats = math.log(max(tokens, 2))
    price = p.price * nats * (tokens / p.ref_words) ** p.growth
    if structure.is_conversation(sents):
        price *= p.conversation_price
    bonus = [p.cue_nats * nats * (cue + p.w_pause * pause) for cue, pause in (ev[i] for i in first)]
    min_len = min(max(p.min_chars, int(total * p.min_share)), p.max_section_chars // 5)
    cols = optimal.columns(cost)  # the programme reads the table by section end, maybe several times
    if wanted is not None:
        min_len = min(min_len, max(1, total // (wanted * 2)))
        return [first[u] for u in optimal.near(cost, price, bonus, size, min_len, wanted, cols=cols)]
    picked = optimal.best(cost, price, bonus, size, min_len, cols=cols)
    least = max(1, round(total / p.chars_per_section))
    most = max(1, total // p.max_chars_per_section)
    if sents[0].time and sents[-1].time:  # a chapter is something to jump to: not every minute
        most = min(most, max(1, int((sents[-1].time[1] - sents[0].time[0]) // p.min_seconds_per_section)))
        least = min(least, most)
    if not least <= len(picked) <= most:
        picked = optimal.near(cost, price, bonus, size, min_len, min(most, max(least, len(picked))), cols=cols)
    return [first[u] for u in picked]


def segment(cleaned: Cleaned, options: SegmentOptions | None = None,
            backend: Backend | None = None) -> Segmentation:
    options = options or SegmentOptions()
    sents = cleaned.sentences
    if not sents:
        return Segmentation(segments=[])
    duration = sents[-1].time[1] - sents[0].time[0] if sents[0].time and sents[-1].time else None
    chars = sum(len(s.text) for s in sents)
    wanted = _wanted(options.segments, chars, duration)
    bags = cohesion.terms([s.text for s in sents])
    starts = [0] if len(sents) < 2 else boundaries(cleaned, wanted, bags=bags)
    offline = titles.name(cleaned, make_segments(cleaned, starts, [""] * len(starts)), bags)
    return llm.refine(cleaned, offline, bags, backend)  # the LLM hook: keep it last
