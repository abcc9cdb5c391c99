"""Cleaned.source_map: every clean character's source span, as runs that survive JSON."""

import random

from hypothesis import given
from hypothesis import strategies as st

from pipeline.models import Cleaned, SourceMap


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2), st.booleans()), max_size=40))
def test_runs_give_back_every_span(steps):
    lo, hi, at = [], [], 0
    for gap, width, copied in steps:  # copied text, or an edited character naming a wider span
        at += gap
        lo.append(at)
        hi.append(at + 1 if copied else at + width)
        at += 1 if copied else 0
    m = SourceMap.of(lo, hi)
    assert [m.span(i) for i in range(len(lo))] == list(zip(lo, hi, strict=True))
    assert len(m.starts) <= len(lo)


def test_copied_text_is_one_run():
    assert SourceMap.of(list(range(5, 105)), list(range(6, 106))).starts == [0]


def test_a_json_round_trip_keeps_the_grounding(talk):
    doc, cleaned = talk
    again = Cleaned.model_validate_json(cleaned.model_dump_json())
    rng = random.Random(5)
    n = len(cleaned.clean_text)
    for _ in range(300):
        a = rng.randrange(n)
        b = min(n, a + rng.randint(1, 40))
        assert again.source_span(a, b) == cleaned.source_span(a, b)
    for s in cleaned.sentences:
        assert cleaned.source_span(s.clean_start, s.clean_end) == (s.start, s.end)
        assert doc.text[s.start:s.end].strip()
