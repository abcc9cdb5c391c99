"""The segment stage: cleaned sentences → topic segments that cover them in order.

A topic boundary is scored at every sentence start from three kinds of evidence — a dip in
lexical cohesion (cohesion.py), a discourse cue opening the sentence (cues.py), and a pause
before it where the input has times — and boundaries are taken best first, never closer to each
other than a minimum length. The number taken follows ``SegmentOptions.segments``: a fixed
count, minutes per section, or ``auto``, where a score threshold decides and a length prior
bounds the count (a 10-minute commentary: a handful to a dozen; a 50-minute lecture: about ten).
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from pipeline.backends.base import Backend
from pipeline.config import SegmentOptions
from pipeline.errors import ConfigError
from pipeline.models import Cleaned, Segment
from pipeline.segment import cohesion, cues, llm, titles


@dataclass(frozen=True)
class Params:
    """Weights and bounds, tuned on the CLVTS dev split (00–09) and the reference sample only."""

    w_depth: float = 1.0
    w_cue: float = 1.0  # an explicit topic turn alone clears the threshold
    w_pause: float = 0.2
    threshold: float = 1.0
    window_chars: int = 250  # cohesion blocks at least this long …
    window_share: float = 1 / 80  # … or this share of the talk, whichever is longer
    min_share: float = 1 / 25  # no section shorter than this share of the talk …
    min_chars: int = 30  # … or than this many characters
    chars_per_section: int = 1500  # the length prior for auto: at least this many sections
    max_chars_per_section: int = 150  # and never more than this allows


PARAMS = Params()
MAX_WINDOW = 12  # sentences: bounds the cost per gap, so long inputs stay linear


def make_segments(cleaned: Cleaned, starts: list[int], titles: list[str], origin: str = "offline") -> list[Segment]:
    """Segments from boundary sentence ids (the first must be 0); spans run to the next start."""
    sents = cleaned.sentences
    out: list[Segment] = []
    bounds = [*starts, len(sents)]
    for k, (a, b) in enumerate(itertools.pairwise(bounds)):
        first, last = sents[a], sents[b - 1]
        end = sents[b].start if b < len(sents) else last.end
        time = (first.time[0], last.time[1]) if first.time and last.time else None
        out.append(Segment(index=k, start=first.start, end=max(end, last.end), first_sentence=a,
                           last_sentence=b - 1, title=titles[k], time=time, origin=origin))
    return out


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


def scores(cleaned: Cleaned, p: Params = PARAMS) -> list[float]:
    """Boundary score before each sentence (index 0 unused)."""
    sents = cleaned.sentences
    n = len(sents)
    texts = [s.text for s in sents]
    lens = [max(1, sum(ch.isalnum() for ch in t)) for t in texts]
    span = max(p.window_chars, sum(lens) * p.window_share)
    window = max(2, min(MAX_WINDOW, round(span / (sum(lens) / n))))
    vecs = cohesion.tfidf(cohesion.terms(texts))
    depth = cohesion.depth_scores(cohesion.gap_similarity(vecs, window))
    nonzero = sorted(d for d in depth[1:] if d > 0)
    scale = nonzero[int(len(nonzero) * 0.9)] if nonzero else 1.0
    out = [0.0] * n
    for i in range(1, n):
        pause = 0.0
        a, b = sents[i - 1].time, sents[i].time
        if a and b:
            pause = min(1.0, max(0.0, b[0] - a[1]) / 3.0)
        if sents[i].speaker != sents[i - 1].speaker:
            pause = max(pause, 0.5)
        out[i] = (p.w_depth * min(1.5, depth[i] / (scale or 1.0)) + p.w_cue * cues.cue_strength(texts[i])
                  + p.w_pause * pause)
    return out


def choose(cleaned: Cleaned, score: list[float], wanted: int | None, p: Params = PARAMS) -> list[int]:
    """Boundary sentence ids, best first, at least a minimum length apart; always starts with 0."""
    sents = cleaned.sentences
    n = len(sents)
    pos = list(itertools.accumulate((max(1, sum(ch.isalnum() for ch in s.text)) for s in sents), initial=0))
    total = pos[-1]
    gap = max(p.min_chars, int(total * p.min_share))
    if wanted is None:
        most = max(1, total // p.max_chars_per_section)
        least = max(1, round(total / p.chars_per_section))
    else:
        most = least = wanted
        gap = min(gap, max(1, total // (wanted * 2)))
    taken: list[int] = []
    at: list[int] = []  # positions of the boundaries taken, sorted
    for i in sorted(range(1, n), key=lambda k: -score[k]):
        if len(taken) + 1 >= most:
            break
        if wanted is None and score[i] < p.threshold and len(taken) + 1 >= least:
            break
        if pos[i] < gap or total - pos[i] < gap:
            continue
        k = bisect.bisect_left(at, pos[i])
        if (k < len(at) and at[k] - pos[i] < gap) or (k and pos[i] - at[k - 1] < gap):
            continue
        at.insert(k, pos[i])
        taken.append(i)
    return [0, *sorted(taken)]


def segment(cleaned: Cleaned, options: SegmentOptions | None = None, backend: Backend | None = None) -> list[Segment]:
    options = options or SegmentOptions()
    sents = cleaned.sentences
    if not sents:
        return []
    duration = sents[-1].time[1] - sents[0].time[0] if sents[0].time and sents[-1].time else None
    chars = sum(len(s.text) for s in sents)
    wanted = _wanted(options.segments, chars, duration)
    starts = [0] if len(sents) < 2 else choose(cleaned, scores(cleaned), wanted)
    offline = make_segments(cleaned, starts, [""] * len(starts))
    offline = titles.name(cleaned, offline)
    return llm.refine(cleaned, offline, backend)  # the LLM hook: keep it last
