"""Number pass: full stops and commas a recogniser put inside numbers, versions and ranges.

ASR engines that punctuate by pause write ``3。0`` for 3.0 and even end a cue on ``0。`` with
``5~1`` on the next line. A full stop between two digits is almost never a real sentence end, so
it becomes a decimal point; across a line or cue break only short digit runs are joined, because
a real sentence can end on a number and the next begin with one. Chinese numerals are spoken
forms and are left alone. A full-width comma before exactly three digits is a thousands
separator.
"""

from __future__ import annotations

import re

from pipeline.clean.textmap import Change

#: a number's first digit: no digit, point or full stop before it. The look back comes after the
#: digit so that a scan can skip straight to digits (a pattern that opens with one is tried at
#: every position)
_FIRST_DIGIT = r"\d(?<![.。\d]\d)"
_INLINE = re.compile(rf"({_FIRST_DIGIT}\d*)。(\d)")
_ACROSS = re.compile(rf"({_FIRST_DIGIT}\d?)。(\s+)(\d{{1,2}})(?!\d)")
_THOUSANDS = re.compile(r"，(?<=\d，)(?=\d{3}(?!\d))")  # a full-width comma after a digit


def changes(text: str) -> list[Change]:
    out: list[Change] = []
    for m in _INLINE.finditer(text):
        out.append(Change(m.start() + len(m.group(1)), m.start() + len(m.group(1)) + 1, ".",
                          "number", "rule", 1.0, "full stop inside a number"))
    for m in _ACROSS.finditer(text):
        a = m.start() + len(m.group(1))
        out.append(Change(a, a + 1 + len(m.group(2)), ".", "number", "rule", 0.9,
                          "full stop inside a number across a break"))
    for m in _THOUSANDS.finditer(text):
        out.append(Change(m.start(), m.end(), ",", "number", "rule", 0.9, "thousands separator"))
    return out
