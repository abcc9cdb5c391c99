"""Section titles, offline: the subject a cue phrase names (``第二块就是区块链`` → 区块链), else
the section's strongest key phrases. Never a raw sentence fragment: fillers and stop words are
not key phrases, and a title stays short."""

from __future__ import annotations

from collections import Counter

from pipeline.models import Cleaned, Segment
from pipeline.segment import cohesion, cues

MAX_TITLE = 16


def name(cleaned: Cleaned, segments: list[Segment]) -> list[Segment]:
    sents = cleaned.sentences
    bags = cohesion.terms([s.text for s in sents])
    df: Counter = Counter()
    seg_bags = []
    for seg in segments:
        bag: Counter = Counter()
        for b in bags[seg.first_sentence:seg.last_sentence + 1]:
            bag.update(b)
        seg_bags.append(bag)
        df.update(bag.keys())
    out = []
    for seg, bag in zip(segments, seg_bags, strict=True):
        # rank words by how much more this section uses them than the others (TF-IDF over sections)
        ranked = sorted(bag, key=lambda w: (-bag[w] * (1 + len(segments)) / (df[w] + 0.5) * min(len(w), 4), w))
        keywords = [w for w in ranked if bag[w] >= 1][:6]
        subject = None
        for s in sents[seg.first_sentence:min(seg.last_sentence + 1, seg.first_sentence + 2)]:
            subject = cues.named_subject(s.text)
            if subject:
                break
        if subject is None:
            subject = " ".join(keywords[:2]) if keywords else (sents[seg.first_sentence].text[:8] or "…")
            if len(subject) > MAX_TITLE:
                subject = keywords[0][:MAX_TITLE] if keywords else subject[:MAX_TITLE]
        out.append(seg.model_copy(update={"title": subject, "keywords": keywords}))
    return out
