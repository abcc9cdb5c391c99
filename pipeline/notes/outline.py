"""The notes stage, offline: a summary, and per section a one-line summary and key points, all
extractive.

A key point is a whole cleaned sentence, chosen for centrality: the cosine of its TF-IDF vector
(jieba content words) to its section's centroid, so the sentences that carry the section's
vocabulary win over asides. Sentences too short to stand alone, questions, ones that open with a
pronoun pointing elsewhere, and near-duplicates are passed over. The most central sentence is the
section's summary line (without openers and hedges), the next ones its key points. The talk's
summary takes the most central of those, at most one per section, in talk order.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import cache
from itertools import chain

from pipeline.backends.base import Backend
from pipeline.models import Cleaned, KeyPoint, Outline, Section, Segment
from pipeline.notes import llm, spans
from pipeline.zh import chars, data
from pipeline.zh.words import is_content_word, words

MIN_CHARS, MAX_CHARS = 12, 90
POINTS_MIN, POINTS_MAX = 2, 6
SUMMARY_MAX = 5
_TAGS = re.compile(r"对吧|是吧|好吧")
_NAMED, _NAMED_MAX = 0.15, 3  # a summary line's credit per key term it names, and the most it counts
_STANDS_BEST = 1 + _NAMED * _NAMED_MAX
_WEAK_START = ("这个", "那个", "它", "这", "那", "但", "所以", "因为", "然后", "就是")


@cache
def _cues() -> dict[str, tuple[str, ...]]:
    """Openers and audience asides (``data/keypoints.toml``), longest first."""
    raw = data.toml(__package__, "keypoints.toml")
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in raw.items()}


@cache
def _summary_drops() -> tuple[str, ...]:
    return tuple(sorted((*_cues()["openers"], *_cues()["hedges"]), key=len, reverse=True))


def _bags(texts: list[str]) -> list[dict[str, int]]:
    """Each sentence's content words and how often it says each, in the order first said."""
    bags = []
    for t in texts:
        bag: dict[str, int] = {}
        for w in words(t):
            if is_content_word(w):
                bag[w] = bag.get(w, 0) + 1
        bags.append(bag)
    return bags


def _vectors(bags: list[dict[str, int]]) -> list[dict[str, float]]:
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
    """Cosine of two vectors of known norms (a sentence's norm is computed once); the dot
    product runs over the smaller, so comparing with a big centroid costs what the sentence has."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(x * b.get(w, 0.0) for w, x in a.items())
    return dot / (na * nb) if na and nb else 0.0


def _usable(text: str) -> bool:
    n = chars.alnum_count(text)
    return MIN_CHARS <= n <= MAX_CHARS and not _TAGS.search(text) and not text.endswith(("？", "?"))


def _point(cleaned: Cleaned, sid: int) -> KeyPoint:
    """A sentence as a key point: without leading discourse openers."""
    s = cleaned.sentences[sid]
    a = spans.lead_trimmed(cleaned.clean_text, s.clean_start, s.clean_end, _cues()["openers"], MIN_CHARS)
    return spans.grounded(cleaned, a, s.clean_end, KeyPoint)


def _summary(cleaned: Cleaned, sid: int) -> KeyPoint:
    """A sentence as a section's one-line summary: without openers, nor the hedges a line that
    stands for the whole section does not need (我觉得, 说实话)."""
    s = cleaned.sentences[sid]
    a = spans.lead_trimmed(cleaned.clean_text, s.clean_start, s.clean_end, _summary_drops(), MIN_CHARS)
    return spans.grounded(cleaned, a, s.clean_end, KeyPoint)


@cache
def _asides() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, _cues()["asides"])) or "(?!)")


def _weight(text: str) -> float:
    """Centrality discount: openers that lean on context, and asides to the audience."""
    w = 0.6 if text.startswith(_WEAK_START) else 1.0
    return w * (0.3 if _asides().search(text) else 1.0)


def _standalone(cleaned: Cleaned, sid: int, terms: list[str]) -> float:
    """How well a sentence stands for its section on its own line: not when it leans on what came
    before (因为…, 第二…, 也是…), better when it names the section's key terms."""
    s = cleaned.sentences[sid]
    a = spans.lead_trimmed(cleaned.clean_text, s.clean_start, s.clean_end, _summary_drops(), MIN_CHARS)
    leans = cleaned.clean_text.startswith(_cues()["leaning"], a)
    named = sum(t in s.text for t in terms[:6])
    return (0.5 if leans else 1.0) * (1 + _NAMED * min(_NAMED_MAX, named))


def _summary_sentence(cleaned: Cleaned, ids: list[int], score: dict[int, float], terms: list[str]) -> int:
    """The sentence that best covers its section as a line of its own: the best score times how
    well it stands alone. Taken in order of score, so the search stops as soon as no later sentence
    could win even if it stood best of all."""
    top, best = ids[0], -1.0
    for i in sorted(ids, key=lambda i: -score[i]):
        if score[i] * _STANDS_BEST < best:
            break
        value = score[i] * _standalone(cleaned, i, terms)
        if value > best:
            top, best = i, value
    return top


def _pick(ids: list[int], score: dict[int, float], vecs: list[dict[str, float]], norms: dict[int, float],
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
    doc_centroid = _centroid(vecs)
    doc_norm = _norm(doc_centroid)
    sections: list[Section] = []
    best: list[tuple[float, int, int]] = []  # (score, section, sentence)
    for seg in segments:
        ids = list(range(seg.first_sentence, seg.last_sentence + 1))
        centroid = _centroid(vecs[seg.first_sentence:seg.last_sentence + 1])
        cnorm = _norm(centroid)
        usable = [i for i in ids if _usable(sents[i].text)] or [max(ids, key=lambda i: len(sents[i].text))]
        norms = {i: _norm(vecs[i]) for i in usable}  # only a usable sentence is compared
        score = {i: _cos(vecs[i], centroid, norms[i], cnorm) * _weight(sents[i].text) for i in usable}
        # the sentence that best covers the section is its summary, and the points are the next
        # best, so the line under the heading is not repeated as the first bullet
        top = _summary_sentence(cleaned, usable, score, seg.keywords)
        rest = [i for i in usable if i != top] or [top]
        k = max(POINTS_MIN, min(POINTS_MAX, round(len(ids) / 5)))
        picked = _pick(rest, score, vecs, norms, k)
        speakers = list(dict.fromkeys(sents[i].speaker for i in ids if sents[i].speaker))
        sections.append(Section(segment=seg.index, title=seg.title, key_points=[_point(cleaned, i) for i in picked],
                                terms=list(seg.keywords[:6]), speakers=speakers, summary=_summary(cleaned, top)))
        if seg.role == "topic" or not any(x.role == "topic" for x in segments):
            central = {i: _cos(vecs[i], doc_centroid, norms[i], doc_norm) + score[i] for i in [top, *picked]}
            best_id = max(central, key=central.__getitem__)
            best.append((central[best_id], seg.index, best_id))
    best.sort(reverse=True)
    summary_ids = sorted(i for _, _, i in best[:SUMMARY_MAX])
    summary = [_point(cleaned, i) for i in summary_ids]
    return llm.refine_outline(cleaned, segments, Outline(summary=summary, sections=sections), backend)
