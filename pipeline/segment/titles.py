"""Section titles, offline: the subject a cue phrase names (``第二块就是区块链`` → 区块链), else
the section's strongest key phrases. Never a raw sentence fragment: fillers and stop words are
not key phrases, and a title stays short.

Key phrases are ranked by how often the section uses a word, how rare the word is in general
Chinese (jieba's IDF table: 告诉, 感觉, 开始 are frequent everywhere and name nothing) and how
particular it is to this section among the talk's sections. A cue's subject must itself hold
such a word, so ``下面又来了`` or ``是2分之3`` never become titles. A short opening of greetings
and a short sign-off are titled as what they are (开场, 结尾), not by their small talk.
"""

from __future__ import annotations

import math
from collections import Counter
from functools import cache

from pipeline.models import Cleaned, Segment
from pipeline.segment import cohesion, cues
from pipeline.zh.words import idf, idf_many

MAX_TITLE = 16
GENERIC = 6.0  # jieba IDF below this: a word of everyday speech, no title material
SHORT = 1 / 6  # an opening or sign-off section shorter than this share of the talk is only that


@cache
def informative(word: str) -> bool:
    """Whether a word can name a section (rare enough in general Chinese, not an ordinal or a
    count); decided once a word, since a long talk asks tens of thousands of times."""
    if any(ch.isdigit() for ch in word) or cues.rules()["not_key"].match(word):
        return False
    return idf(word) >= GENERIC


def _subject_ok(subject: str) -> bool:
    return any(informative(w) for w in cohesion.terms([subject])[0])


def _ranked(bag: Counter, df: Counter, n_segments: int) -> list[str]:
    def score(w: str) -> float:
        particular = math.log((n_segments + 1) / (df[w] + 0.5)) + 1.0
        return bag[w] * idf(w) * particular * min(len(w), 4)

    good = [w for w in bag if informative(w)]
    return sorted(good, key=lambda w: (-score(w), w))


def _marker(cleaned: Cleaned, seg: Segment, kind: str) -> bool:
    """Whether a short section is the talk's opening (greetings first) or its sign-off."""
    sents = cleaned.sentences
    share = (seg.end - seg.start) / max(1, sents[-1].end - sents[0].start)
    if share >= SHORT:
        return False
    if kind == "opening":
        near = sents[seg.first_sentence:seg.first_sentence + 2]
    else:
        near = sents[max(seg.first_sentence, seg.last_sentence - 2):seg.last_sentence + 1]
    return any(m in s.text for s in near for m in cues.rules()[kind])


def name(cleaned: Cleaned, segments: list[Segment], bags: list[Counter]) -> list[Segment]:
    """Title, key words and role of each segment; ``bags``: each sentence's content words."""
    sents = cleaned.sentences
    seg_bags = [cohesion.pooled(bags[seg.first_sentence:seg.last_sentence + 1]) for seg in segments]
    df: Counter = Counter()
    for bag in seg_bags:
        df.update(bag.keys())
    idf_many(df)  # every word's IDF in one look-up, not one query a word
    out = []
    for k, (seg, bag) in enumerate(zip(segments, seg_bags, strict=True)):
        keywords = _ranked(bag, df, len(segments))[:6]
        subject = None
        role = "topic"
        for s in sents[seg.first_sentence:min(seg.last_sentence + 1, seg.first_sentence + 2)]:
            subject = cues.named_subject(s.text)
            if subject and _subject_ok(subject):
                break
            subject = None
        if subject is None and len(segments) > 1 and k == 0 and _marker(cleaned, seg, "opening"):
            subject, role = "开场", "opening"
        if subject is None and len(segments) > 1 and k == len(segments) - 1 and _marker(cleaned, seg, "closing"):
            subject, role = "结尾", "closing"
        if subject is None:
            subject = "、".join(keywords[:2]) if keywords else (sents[seg.first_sentence].text[:8] or "…")
            if len(subject) > MAX_TITLE:
                subject = keywords[0][:MAX_TITLE] if keywords else subject[:MAX_TITLE]
        out.append(seg.model_copy(update={"title": subject, "keywords": keywords, "role": role}))
    return out
