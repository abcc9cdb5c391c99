"""Check section summaries and questions in a folder of notes, against their sources (run by hand).

    .venv/bin/python benchmarks/check_notes.py /tmp/n21

For every ``NAME.notes.json`` under the folder, the source named in it is cleaned again (the
clean stage is deterministic) to recover the clean-to-source alignment, and:
- every section has a summary whose source span lies inside its section and inside the sentence
  it cites, whose text is the clean text of that sentence less leading openers and hedges (the
  dropped words are listed) and maps to exactly its ``start``/``end``; NAME.md shows it;
- every question and answer is a clean span mapped to its ``start``/``end``, with times inside
  the input's duration; interview items have two different speakers, rhetorical ones one; no
  question is a back-channel; answers are at most 80 characters.
Prints one line per file and every failure; exits 1 if any check failed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.clean import clean
from pipeline.ingest import ingest
from pipeline.models import Cleaned, Notes
from pipeline.notes.qa import MAX_TEXT, _nod
from pipeline.render.markdown import esc
from pipeline.zh import data
from pipeline.zh.chars import CLAUSE_MARKS


def _dropped() -> set[str]:
    raw = data.toml("pipeline.notes", "keypoints.toml")
    qa = data.toml("pipeline.notes", "qa.toml")
    return {w.rstrip(CLAUSE_MARKS + " ") for w in (*raw["openers"], *raw["hedges"], *qa["acks"])}


def _leading_drops_only(text: str, words: set[str]) -> bool:
    """Whether ``text`` is nothing but dropped words and commas."""
    text = text.strip(CLAUSE_MARKS + " ")
    while text:
        w = next((w for w in sorted(words, key=len, reverse=True) if text.startswith(w)), None)
        if w is None:
            return False
        text = text[len(w):].strip(CLAUSE_MARKS + " ")
    return True


def _span(cleaned: Cleaned, item, where: str, errors: list[str]) -> tuple[int, int] | None:
    """The clean span of ``item`` inside its cited sentences, checked against its source span."""
    cited = [cleaned.sentences[i] for i in item.sentence_ids]
    lo, hi = cited[0].clean_start, cited[-1].clean_end
    at = cleaned.clean_text.find(item.text, lo, hi)
    if at < 0:
        errors.append(f"{where}: text is not the clean text of its sentences: {item.text!r}")
        return None
    whole = (at, at + len(item.text)) == (lo, hi)
    src = (cited[0].start, cited[-1].end) if whole else cleaned.source_span(at, at + len(item.text))
    if src != (item.start, item.end):
        errors.append(f"{where}: source span {item.start, item.end} is not that of its text {src}")
    return at, at + len(item.text)


def check(path: Path) -> tuple[str, list[str]]:
    notes = Notes.model_validate_json(path.read_text(encoding="utf-8"))
    doc = ingest(Path(notes.source.path))
    cleaned = clean(doc)
    errors: list[str] = []
    if cleaned.clean_text != notes.clean_text:
        return f"{path.name}: cleaned text differs from a fresh clean", ["not comparable"]
    md = path.with_name(path.name.removesuffix(".notes.json") + ".md").read_text(encoding="utf-8")
    words = _dropped()
    segs = {s.index: s for s in notes.segments}
    for sec in notes.outline.sections:
        seg, summ, where = segs[sec.segment], sec.summary, f"section {sec.segment + 1}"
        if summ is None:
            errors.append(f"{where}: no summary")
            continue
        if not (seg.start <= summ.start < summ.end <= seg.end):
            errors.append(f"{where}: summary span {summ.start, summ.end} outside {seg.start, seg.end}")
        span = _span(cleaned, summ, where, errors)
        s = cleaned.sentences[summ.sentence_ids[0]]
        if span and not _leading_drops_only(cleaned.clean_text[s.clean_start:span[0]], words):
            errors.append(f"{where}: dropped more than openers and hedges: {s.text!r} -> {summ.text!r}")
        if f"> {esc(summ.text)}" not in md:
            errors.append(f"{where}: summary not in the Markdown")
    duration = notes.meta.duration
    for k, item in enumerate(notes.qa):
        for side in ("question", "answer"):
            said, where = getattr(item, side), f"qa {k + 1} {side}"
            _span(cleaned, said, where, errors)
            if said.time and duration and not (0 <= said.time[0] <= said.time[1] <= duration + 1):
                errors.append(f"{where}: time {said.time} outside the file's {duration} s")
        if (item.kind == "interview") != (item.question.speaker != item.answer.speaker):
            errors.append(f"qa {k + 1}: {item.kind} with speakers {item.question.speaker}, {item.answer.speaker}")
        if _nod(item.question.text) or len(item.answer.text) > MAX_TEXT:
            errors.append(f"qa {k + 1}: back-channel question or long answer")
    kinds = [q.kind for q in notes.qa]
    line = (f"{path.name}: {len(notes.outline.sections)} sections with summary; qa {len(kinds)} "
            f"({kinds.count('interview')} interview, {kinds.count('rhetorical')} rhetorical); "
            f"{'ok' if not errors else f'{len(errors)} FAILED'}")
    return line, errors


def main(folder: str) -> int:
    failed = 0
    for path in sorted(Path(folder).rglob("*.notes.json")):
        line, errors = check(path)
        print(line)
        for e in errors:
            print("   ", e)
        failed += bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]) if len(sys.argv) == 2 else "usage: check_notes.py FOLDER")
