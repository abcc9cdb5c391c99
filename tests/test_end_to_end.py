"""The sample through the command line: the FORMAT.md contract holds and every span of every kind
is grounded in the decoded input (what a reader clicks must be where it says)."""

import itertools
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def notes(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    res = CliRunner().invoke(app, ["run", str(ROOT / "samples"), "-o", str(out), "--no-html"])
    assert res.exit_code == 0, res.output
    return json.loads((out / "beijing-internet3.notes.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def src():
    return (ROOT / "samples" / "beijing-internet3.txt").read_text(encoding="utf-8")


def _spoken(text: str) -> str:
    return re.sub(r"[\W_]", "", text)


def test_format_contract_fields(notes):
    assert notes["source"]["format"] == "txt" and len(notes["source"]["sha256"]) == 64
    assert {"kind", "start", "end", "before", "after", "origin"} <= notes["edits"][0].keys()
    assert {"start", "end", "title", "time"} <= notes["segments"][0].keys()
    claim = notes["claims"][0]
    assert claim["attributed_to"] in ("source_document", "speaker")
    assert {"quote", "start", "end"} <= claim["evidence"].keys()


def test_every_edit_names_its_source_span(notes, src):
    assert notes["edits"]
    for e in notes["edits"]:
        assert src[e["start"]:e["end"]] == e["before"], e


def _replayed(src: str, edits: list[dict], a: int, b: int) -> str:
    """The source span ``[a, b)`` with the edits inside it applied."""
    out, i = [], a
    for e in sorted(edits, key=lambda e: (e["start"], e["end"])):
        if a <= e["start"] and e["end"] <= b and e["start"] >= i and (e["end"] > e["start"] or e["start"] < b):
            out += [src[i:e["start"]], e["after"]]
            i = e["end"]
    out.append(src[i:b])
    return "".join(out)


def test_sentences_are_their_source_with_the_edits_applied(notes, src):
    for s in notes["sentences"]:
        assert notes["clean_text"][s["clean_start"]:s["clean_end"]] == s["text"]
        assert _spoken(_replayed(src, notes["edits"], s["start"], s["end"])) == _spoken(s["text"]), s["id"]


def test_segments_cover_the_talk_in_order(notes, src):
    segs = notes["segments"]
    assert segs[0]["first_sentence"] == 0 and segs[-1]["last_sentence"] == len(notes["sentences"]) - 1
    for a, b in itertools.pairwise(segs):
        assert a["end"] <= b["start"] and a["last_sentence"] + 1 == b["first_sentence"]
    body = src.index("\n") + 1  # after the title line
    spoken = [i for i in range(body, len(src)) if src[i].isalnum()]
    assert all(any(s["start"] <= i < s["end"] for s in segs) for i in spoken)


def test_key_points_and_claims_lie_inside_their_sections(notes, src):
    segs = {s["index"]: s for s in notes["segments"]}
    for sec in notes["outline"]["sections"]:
        seg = segs[sec["segment"]]
        for p in sec["key_points"]:
            assert seg["start"] <= p["start"] < p["end"] <= seg["end"]
            assert _spoken(p["text"])[-6:] in _spoken(notes["clean_text"])
    for c in notes["claims"]:
        ev = c["evidence"]
        assert 0 <= ev["start"] < ev["end"] <= len(src)
        assert _spoken(src[ev["start"]:ev["end"]])[:2] == _spoken(ev["quote"])[:2] or ev["alignment"] == "fuzzy"
