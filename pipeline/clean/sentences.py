"""Cut the cleaned draft into sentences and build clean_text with its source alignment.

Sentences end at 。？！… (and their closing quotes), at a change of speaker, and nowhere else:
cue breaks left in the draft are joins, not stops (the punctuation pass has already turned the
ones that are stops into 。). White space and cue breaks at a sentence's edges are dropped; inside
a sentence a break between two Chinese characters disappears and one between Latin words becomes a
space.
"""

from __future__ import annotations

import re
from array import array

from pipeline.clean.textmap import Draft
from pipeline.models import Cleaned, Edit, Sentence

_END = re.compile(r"[。？！?!…]+[”’」』）)]*")
_SPACE = re.compile(r"\s+")
_ALNUM = re.compile(r"[^\W_]")  # what str.isalnum accepts


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def build(draft: Draft, edits: list[Edit], candidates: list | None = None) -> Cleaned:
    text = draft.text
    stream = draft.stream
    # where sentences end: punctuation, and speaker changes at cue starts
    cuts = [m.end() for m in _END.finditer(text)]
    plo, slo, shi = draft.char_spans()
    if any(stream.speakers):
        n, nc, cue_of, speakers = len(stream), len(stream.cue_of), stream.cue_of, stream.speakers
        prev = None
        for i, lo in enumerate(plo):  # stream.speaker_at, inlined: this runs once a character
            sp = (speakers[cue_of[lo]] if lo < nc else None) if lo < n else prev
            if prev is not None and sp != prev:
                cuts.append(i)
            prev = sp
    cuts = sorted(set([*cuts, len(text)]))
    out_text: list[str] = []
    lo_all: list[int] = []  # clean character → source span, made arrays at the end
    hi_all: list[int] = []
    sentences: list[Sentence] = []
    clean_len = 0
    start = 0
    prev_speaker = None
    for cut in cuts:
        a, b = start, cut
        start = cut
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b <= a or not _ALNUM.search(text, a, b):
            continue
        s_lo, s_hi = slo[a], shi[b - 1]
        st_lo, st_hi = draft.stream_span(a, b)
        speaker = stream.speaker_at(st_lo)
        if sentences and speaker != prev_speaker:
            out_text.append("\n")
            lo_all.append(s_lo)
            hi_all.append(s_lo)
            clean_len += 1
        prev_speaker = speaker
        # verbatim stretches are copied whole; only the white space between them is looked at
        chars: list[str] = []
        i = a
        for m in _SPACE.finditer(text, a, b):
            k, j = m.span()
            chars.append(text[i:k])
            lo_all.extend(slo[i:k])
            hi_all.extend(shi[i:k])
            left, right = text[k - 1], text[j]
            if (_latin(left) and _latin(right)) or (" " in m.group() and "\n" not in m.group()
                                                   and (_latin(left) or _latin(right))):
                chars.append(" ")
                lo_all.append(slo[k])
                hi_all.append(max(slo[k], shi[j - 1]))
            i = j
        chars.append(text[i:b])
        lo_all.extend(slo[i:b])
        hi_all.extend(shi[i:b])
        sent = "".join(chars)
        sentences.append(Sentence(id=len(sentences), text=sent, start=s_lo, end=max(s_lo, s_hi),
                                  clean_start=clean_len, clean_end=clean_len + len(sent),
                                  time=stream.time_span(st_lo, max(st_lo + 1, st_hi)), speaker=speaker))
        out_text.append(sent)
        clean_len += len(sent)
    cleaned = Cleaned(clean_text="".join(out_text), sentences=sentences, edits=edits,
                      candidates=candidates or [])
    cleaned.set_alignment(array("l", lo_all), array("l", hi_all))
    return cleaned
