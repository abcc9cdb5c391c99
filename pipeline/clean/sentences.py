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


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def build(draft: Draft, edits: list[Edit], candidates: list | None = None) -> Cleaned:
    text = draft.text
    stream = draft.stream
    # where sentences end: punctuation, and speaker changes at cue starts
    cuts = [m.end() for m in _END.finditer(text)]
    plo, slo, shi = draft.char_spans()
    if any(stream.speakers):
        prev = None
        for i in range(len(text)):
            lo = plo[i]
            sp = stream.speaker_at(lo) if lo < len(stream) else prev
            if prev is not None and sp != prev:
                cuts.append(i)
            prev = sp
    cuts = sorted(set([*cuts, len(text)]))
    out_text: list[str] = []
    lo_arr, hi_arr = array("l"), array("l")
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
        if b <= a or not any(ch.isalnum() for ch in text[a:b]):
            continue
        chars: list[str] = []
        los, his = [], []
        i = a
        while i < b:
            m = _SPACE.match(text, i)
            if m:
                j = m.end()
                left, right = text[i - 1], text[j] if j < b else ""
                if (_latin(left) and _latin(right)) or (" " in m.group() and "\n" not in m.group()
                                                       and (_latin(left) or _latin(right))):
                    chars.append(" ")
                    los.append(slo[i])
                    his.append(max(slo[i], shi[j - 1]))
                i = j
                continue
            chars.append(text[i])
            los.append(slo[i])
            his.append(shi[i])
            i += 1
        sent = "".join(chars)
        s_lo, s_hi = slo[a], shi[b - 1]
        st_lo, st_hi = draft.stream_span(a, b)
        speaker = stream.speaker_at(st_lo)
        if sentences and speaker != prev_speaker:
            out_text.append("\n")
            lo_arr.append(s_lo)
            hi_arr.append(s_lo)
            clean_len += 1
        prev_speaker = speaker
        sentences.append(Sentence(id=len(sentences), text=sent, start=s_lo, end=max(s_lo, s_hi),
                                  clean_start=clean_len, clean_end=clean_len + len(sent),
                                  time=stream.time_span(st_lo, max(st_lo + 1, st_hi)), speaker=speaker))
        out_text.append(sent)
        lo_arr.extend(los)
        hi_arr.extend(his)
        clean_len += len(sent)
    cleaned = Cleaned(clean_text="".join(out_text), sentences=sentences, edits=edits,
                      candidates=candidates or [])
    cleaned.set_alignment(lo_arr, hi_arr)
    return cleaned
