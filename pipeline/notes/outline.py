"""The notes stage, offline: a summary and key points per section, all extractive.

A key point is a whole cleaned sentence, chosen for centrality: the cosine of its TF-IDF vector
(jieba content words) to its section's centroid, so the sentences that carry the section's
vocabulary win over asides. Sentences too short to stand alone, questions, ones that open with a
pronoun pointing elsewhere, and near-duplicates are passed over. The summary takes the most
central key points of the whole talk, at most one per section, in talk order.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache
from itertools import chain

from pipeline.backends.base import Backend
from pipeline.models import Cleaned, KeyPoint, Outline, Section, Segment
from pipeline.notes import llm
from pipeline.zh import data
from pipeline.zh.words import is_content_word, words

MIN_CHARS, MAX_CHARS = 12, 90
POINTS_MIN, POINTS_MAX = 2, 6
SUMMARY_MAX = 5
_TAGS = re.compile(r"对吧|是吧|好吧")
_WEAK_START = ("这个", "那个", "它", "这", "那", "但", "所以", "因为", "然后", "就是")
_BOUND = "是的了过着得地"  # 然后是X: the opener is part of the verb phrase, not a detachable word


@cache
def _cues() -> dict[str, tuple[str, ...]]:
    """Openers and audience asides (``data/keypoints.toml``), longest first."""
    raw = data.toml(__package__, "keypoints.toml")
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in raw.items()}


def _trimmed(cleaned: Cleaned, sid: int) -> tuple[int, int]:
    """The sentence's clean span without leading discourse openers: 然后其实X reads as X."""
    s = cleaned.sentences[sid]
    a, b = s.clean_start, s.clean_end
    text = cleaned.clean_text
    changed = True
    while changed:
        changed = False
        for o in _cues()["openers"]:
            if text.startswith(o, a) and b - a - len(o) >= MIN_CHARS and text[a + len(o)] not in _BOUND:
                a += len(o)
                while a < b and text[a] in "，, ":
                    a += 1
                changed = True
    return a, b


def _bags(texts: list[str]) -> list[Counter]:
    return [Counter(w for w in words(t) if is_content_word(w)) for t in texts]


def _vectors(bags: list[Counter]) -> list[dict[str, float]]:
    n = len(bags) or 1
    df = Counter(chain.from_iterable(bags))  # a bag's keys, each once: document frequency, in C
    idf = {w: math.log((n + 1) / (d + 0.5)) for w, d in df.items()}  # once a word, not once a use
    most = max((max(b.values()) for b in bags if b), default=1)
    tf = [0.0, *(1 + math.log(c) for c in range(1, most + 1))]
    return [{w: tf[c] * idf[w] for w, c in b.items()} for b in bags]  # (1 + log c) · idf, no call a word


def _centroid(vecs: list[dict[str, float]]) -> dict[str, float]:
    out: dict[str, float] = {}
    for v in vecs:
        for w, x in v.items():
            out[w] = out.get(w, 0.0) + x
    return out


def _norm(v: dict[str, float]) -> float:
    return math.sqrt(sum(x * x for x in v.values()))


def _cos(a: dict[str, float], b: dict[str, float], na: float, nb: float) -> float:
    """Cosine of two vectors of known norms (a talk's sentence norms are computed once); the dot
    product runs over the smaller, so comparing with a big centroid costs what the sentence has."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(x * b.get(w, 0.0) for w, x in a.items())
    return dot / (na * nb) if na and nb else 0.0


def _usable(text: str) -> bool:
    n = sum(ch.isalnum() for ch in text)
    return MIN_CHARS <= n <= MAX_CHARS and not _TAGS.search(text) and not text.endswith(("？", "?"))


def _point(cleaned: Cleaned, sid: int) -> KeyPoint:
    s = cleaned.sentences[sid]
    a, b = _trimmed(cleaned, sid)
    if (a, b) == (s.clean_start, s.clean_end):
        return KeyPoint(text=s.text, sentence_ids=[sid], start=s.start, end=s.end, time=s.time, speaker=s.speaker)
    start, end = cleaned.source_span(a, b)
    return KeyPoint(text=cleaned.clean_text[a:b], sentence_ids=[sid], start=start, end=end, time=s.time,
                    speaker=s.speaker)


@cache
def _asides() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, _cues()["asides"])) or "(?!)")


def _weight(text: str) -> float:
    """Centrality discount: openers that lean on context, and asides to the audience."""
    w = 0.6 if text.startswith(_WEAK_START) else 1.0
    return w * (0.3 if _asides().search(text) else 1.0)


def _pick(ids: list[int], score: dict[int, float], vecs: list[dict[str, float]], norms: list[float],
          k: int) -> list[int]:
    chosen: list[int] = []
    for i in sorted(ids, key=lambda i: -score[i]):
        if len(chosen) >= k:
            break
        if any(_cos(vecs[i], vecs[j], norms[i], norms[j]) > 0.6 for j in chosen):
            continue  # a near-duplicate of a point already taken
        chosen.append(i)
    return sorted(chosen)


def outline(cleaned: Cleaned, segments: list[Segment], backend: Backend | None = None) -> Outline:
    sents = cleaned.sentences
    vecs = _vectors(_bags([s.text for s in sents]))
    norms = [_norm(v) for v in vecs]
    doc_centroid = _centroid(vecs)
    doc_norm = _norm(doc_centroid)
    sections: list[Section] = []
    best: list[tuple[float, int, int]] = []  # (score, section, sentence)
    for seg in segments:
        ids = list(range(seg.first_sentence, seg.last_sentence + 1))
        centroid = _centroid(vecs[seg.first_sentence:seg.last_sentence + 1])
        cnorm = _norm(centroid)
        usable = [i for i in ids if _usable(sents[i].text)] or [max(ids, key=lambda i: len(sents[i].text))]
        score = {i: _cos(vecs[i], centroid, norms[i], cnorm) * _weight(sents[i].text) for i in usable}
        k = max(POINTS_MIN, min(POINTS_MAX, round(len(ids) / 5)))
        picked = _pick(usable, score, vecs, norms, k)
        speakers = list(dict.fromkeys(sents[i].speaker for i in ids if sents[i].speaker))
        sections.append(Section(segment=seg.index, title=seg.title, key_points=[_point(cleaned, i) for i in picked],
                                terms=list(seg.keywords[:6]), speakers=speakers))
        if picked and (seg.role == "topic" or not any(x.role == "topic" for x in segments)):
            central = {i: _cos(vecs[i], doc_centroid, norms[i], doc_norm) + score[i] for i in picked}
            top = max(central, key=central.__getitem__)
            best.append((central[top], seg.index, top))
    best.sort(reverse=True)
    summary_ids = sorted(i for _, _, i in best[:SUMMARY_MAX])
    summary = [_point(cleaned, i) for i in summary_ids]
    return llm.refine_outline(cleaned, segments, Outline(summary=summary, sections=sections), backend)
