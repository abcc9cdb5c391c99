"""The sample through every stage: outputs exist and every span is grounded."""

import json
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app

ROOT = Path(__file__).resolve().parent.parent


def test_sample_end_to_end(tmp_path):
    res = CliRunner().invoke(app, ["run", str(ROOT / "samples"), "-o", str(tmp_path), "--no-html"])
    assert res.exit_code == 0, res.output
    notes = json.loads((tmp_path / "beijing-internet3.notes.json").read_text(encoding="utf-8"))
    src = (ROOT / "samples" / "beijing-internet3.txt").read_text(encoding="utf-8")
    for e in notes["edits"]:
        assert src[e["start"]:e["end"]] == e["before"]
    assert notes["segments"] and notes["clean_text"]
