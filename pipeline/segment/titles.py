"""Section titles, offline: what a section is about, as the talk phrases it.

In order: a short first section that greets is the opening (开场), a short last one that thanks
or says goodbye the sign-off (结尾) — decided from their words, not their place alone; the
subject an explicit turn names (``第二块就是区块链`` → 区块链); else the noun phrase the section
keeps returning to (``phrases``), ranked by how many of its sentences say it, how rare its
rarest word is in general Chinese (jieba's IDF: 告诉, 感觉 name nothing) and how particular it
is to this section; else its two strongest key words. Every title passes
``phrases.acceptable`` and none repeats within a talk.

The key words (``Segment.keywords``) rank single words the same way, for the notes.
"""

from __future__ import annotations

import math
from bisect import insort
from collections import Counter
from collections.abc import Callable
from functools import cache
from typing import Any

from pipeline.models import Cleaned, Segment
from pipeline.segment import cohesion, discourse, phrases
from pipeline.zh.words import idf, idf_many, tags, words

GENERIC = 6.0  # jieba IDF below this: a word of everyday speech, no title material


@cache
def informative(word: str) -> bool:
    """Whether a word can name a section (rare enough in general Chinese, not an ordinal or a
    count); decided once a word, since a long talk asks tens of thousands of times."""
    if any(ch.isdigit() for ch in word) or discourse.rules()["not_key"].match(word):
        return False
    return idf(word) >= GENERIC


def _subject_ok(subject: str) -> bool:
    return any(informative(w) for w in cohesion.terms([subject])[0])


def _particular(df: int, n_sections: int) -> float:
    """How much a word or phrase belongs to one section rather than the whole talk."""
    return math.log((n_sections + 1) / (df + 0.5)) + 1.0


def _top(counted: Counter, ceiling: float, wanted: int,
         key: Callable[[Any], tuple[float, str] | None]) -> list[tuple[float, str]]:
    """The ``wanted`` least keys (minus the score, the name) of ``counted``'s items, leaving out
    those whose key is None.

    A score is a count times factors no greater than ``ceiling``, so items are keyed in order of
    count only while one could still enter the top: in a long talk's section a tenth of them,
    the rest said too seldom to matter."""
    ceiling *= 1 + 1e-9  # a hair above, so that rounding cannot put a score over it
    top: list[tuple[float, str]] = []
    for item, count in counted.most_common():
        if len(top) == wanted and count * ceiling < -top[-1][0]:
            break
        k = key(item)
        if k is not None:
            insort(top, k)
            del top[wanted:]
    return top


def _ranked(bag: Counter, df: Counter, n_sections: int, rarest: float, wanted: int) -> list[str]:
    """The section's ``wanted`` key words; ``rarest``: the highest IDF of a word of the talk."""
    def key(w: str) -> tuple[float, str] | None:
        if not informative(w):
            return None
        return -(bag[w] * idf(w) * _particular(df[w], n_sections) * min(len(w), 4)), w

    return [w for _, w in _top(bag, rarest * _particular(1, n_sections) * 4, wanted, key)]


def _edge(cleaned: Cleaned, seg: Segment, kind: str) -> bool:
    """Whether a short first (last) section greets (signs off) within its first (last) sentences."""
    r = phrases.rules()
    sents = cleaned.sentences
    if (seg.end - seg.start) / max(1, sents[-1].end - sents[0].start) >= r["edges"]["max_share"]:
        return False
    k = r["edges"]["sentences"]
    lo, hi = seg.first_sentence, seg.last_sentence + 1
    near = sents[lo:min(hi, lo + k)] if kind == "opening" else sents[max(lo, hi - k):hi]
    return any(m in s.text for s in near for m in r[kind]["markers"])


def _role(cleaned: Cleaned, segments: list[Segment], k: int) -> str:
    if len(segments) > 1 and k == 0 and _edge(cleaned, segments[0], "opening"):
        return "opening"
    if len(segments) > 1 and k == len(segments) - 1 and _edge(cleaned, segments[-1], "closing"):
        return "closing"
    return "topic"


def _cue_subject(cleaned: Cleaned, seg: Segment) -> str | None:
    for s in cleaned.sentences[seg.first_sentence:min(seg.last_sentence + 1, seg.first_sentence + 2)]:
        subject = discourse.named_subject(s.text)
        if subject and _subject_ok(subject) and phrases.acceptable(subject) \
                and phrases.is_noun_phrase(subject, tags(words(subject))):
            return subject
    return None


def _phrase_counts(cleaned: Cleaned, segments: list[Segment], seg_bags: list[Counter],
                   tagged: dict[str, str]) -> list[Counter]:
    """For each section, its noun phrases and how many of its sentences hold each.

    ``seg_bags``: each section's content words, counted (``cohesion.pooled``); ``tagged``: their
    parts of speech. Every word a phrase can hold, or a name can be, is such a word (``phrases``
    keeps only content words that are not stop words), so neither the tags of every word of the
    talk nor a second count of every word is needed."""
    sents = cleaned.sentences
    roles = phrases.word_roles(tagged)
    unlisted = {w for w, t in tagged.items() if t == ""}  # the only words that can be names
    out = []
    for seg, bag in zip(segments, seg_bags, strict=True):
        section = sents[seg.first_sentence:seg.last_sentence + 1]
        counts: Counter = Counter(p for s in section for p in set(phrases.noun_phrases(s.text, roles)))
        counts.update({(w,): 0 for w, n in bag.items() if w in unlisted and phrases.name_like(w, tagged, n)})
        for (w,) in [p for p, n in counts.items() if n == 0]:
            counts[(w,)] = bag[w]
        out.append(counts)
    return out


def _best_phrase(counts: Counter, df: Counter, n: int, taken: set[str], rarest: float) -> str | None:
    """The section's most telling noun phrase that is a good title and not taken; ``rarest``: the
    highest IDF of a phrase word of the talk."""
    def key(p: phrases.Phrase) -> tuple[float, str] | None:
        title = phrases.join(p)
        if not phrases.acceptable(title) or title in taken:
            return None
        rare = max(idf(w) for w in p if w != "的")
        longer = 1.0 + 0.25 * (len([w for w in p if w != "的"]) - 1)
        return -(counts[p] * rare * _particular(df[p], n) ** 0.5 * longer), title

    longest = 1.0 + 0.25 * (phrases.rules()["max_words"] - 1)
    best = _top(counts, rarest * _particular(1, n) ** 0.5 * longest, 1, key)
    return best[0][1] if best else None


def _fallback(keywords: list[str], seg: Segment, cleaned: Cleaned, taken: set[str]) -> str:
    """Two key words, one, or the section's first words: the best the text allows."""
    for t in ("、".join(keywords[:2]), *keywords, *(f"{w}（{seg.index + 1}）" for w in keywords[:1])):
        if phrases.acceptable(t) and t not in taken:
            return t
    return f"第{seg.index + 1}节"


def name(cleaned: Cleaned, segments: list[Segment], bags: list[cohesion.Terms]) -> list[Segment]:
    """Title, key words and role of each segment; ``bags``: each sentence's content words."""
    seg_bags = [cohesion.pooled(bags[seg.first_sentence:seg.last_sentence + 1]) for seg in segments]
    df: Counter = Counter()
    for bag in seg_bags:
        df.update(bag.keys())
    rarest = max(idf_many(df).values(), default=0.0)  # every word's IDF in one look-up, not one a word
    counts = _phrase_counts(cleaned, segments, seg_bags, tags(df))
    phrase_df: Counter = Counter(p for c in counts for p in c)
    rarest_in_phrase = max(idf_many({w for c in counts for p in c for w in p}).values(), default=0.0)
    taken: set[str] = set()
    out = []
    for k, (seg, bag) in enumerate(zip(segments, seg_bags, strict=True)):
        keywords = _ranked(bag, df, len(segments), rarest, 6)
        role = _role(cleaned, segments, k)
        title = phrases.rules()[role]["title"] if role != "topic" else (
            _cue_subject(cleaned, seg) or _best_phrase(counts[k], phrase_df, len(segments), taken, rarest_in_phrase)
            or _fallback(keywords, seg, cleaned, taken))
        taken.add(title)
        out.append(seg.model_copy(update={"title": title, "keywords": keywords, "role": role}))
    return out
