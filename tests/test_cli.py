"""The CLI contract: exit codes, schema, one bad file among good ones, and where outputs may go."""

import json
import shutil
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

from pipeline.cli import app

FIX = Path(__file__).resolve().parent / "fixtures" / "ingest"


def run(*args):
    res = CliRunner().invoke(app, [str(a) for a in args])
    assert "Traceback" not in res.output
    return res


def folder(tmp_path, *names):
    src = tmp_path / "in"
    src.mkdir(exist_ok=True)
    for n in names:
        shutil.copy(FIX / n, src / n)
    return src


def test_one_unreadable_file_fails_alone(tmp_path):
    src = folder(tmp_path, "clvts-00-cut.srt", "bilibili-cut.json")
    bad = src / "bad.srt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    res = run("run", src, "-o", tmp_path / "out", "--no-html")
    assert res.exit_code == 1
    assert [ln for ln in res.output.splitlines() if "bad.srt" in ln and "binary" in ln]
    assert (tmp_path / "out" / "clvts-00-cut.notes.json").is_file()
    assert (tmp_path / "out" / "bilibili-cut.md").is_file()
    assert "2 done" in res.output and "1 failed" in res.output


def test_usage_errors_exit_2(tmp_path):
    assert run("run").exit_code == 2
    assert run("run", tmp_path, "--jobs", "0").exit_code == 2
    assert run("nonsense-command").exit_code == 2
    res = run("run", folder(tmp_path, "clvts-00-cut.srt"), "-o", tmp_path / "o", "--backend", "nope")
    assert res.exit_code == 2 and "offline" in res.output


def test_missing_input_is_named_and_fails_as_an_input(tmp_path):
    res = run("run", tmp_path / "does-not-exist.srt", "-o", tmp_path / "o")
    assert res.exit_code == 1
    assert [ln for ln in res.output.splitlines() if "does-not-exist.srt" in ln and "no such file" in ln]
    src = folder(tmp_path, "clvts-00-cut.srt")
    res = run("run", src, tmp_path / "gone.srt", "-o", tmp_path / "o2", "--no-html")
    assert res.exit_code == 1 and "gone.srt" in res.output and "1 done" in res.output


def test_a_folder_without_transcripts_is_a_usage_error(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.pdf").write_bytes(b"%PDF-1.4")
    res = run("run", tmp_path / "empty", "-o", tmp_path / "o")
    assert res.exit_code == 2 and "no input files found" in res.output


def test_notes_json_validates_against_the_schema(tmp_path):
    res = run("schema")
    assert res.exit_code == 0
    schema = json.loads(res.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    src = folder(tmp_path, "sample-cut.txt", "tingwu-cut.transcript.json")
    assert run("run", src, "-o", tmp_path / "out", "--no-html").exit_code == 0
    for f in (tmp_path / "out").glob("*.notes.json"):
        jsonschema.validate(json.loads(f.read_text("utf-8")), schema)


def test_output_into_the_input_folder_never_overwrites_an_input(tmp_path):
    src = folder(tmp_path, "clvts-00-cut.srt")
    clash = src / "talk.md"  # an input whose name is what the output of talk.srt would be
    clash.write_text("# 我的笔记\n今天我们讲一下人工智能。\n", encoding="utf-8")
    shutil.copy(FIX / "clvts-00-cut.srt", src / "talk.srt")
    before = {p.name: p.read_bytes() for p in src.iterdir()}
    res = run("run", src, "-o", src, "--no-html")
    for name, data in before.items():
        assert (src / name).read_bytes() == data, name
    assert (src / "clvts-00-cut.notes.json").is_file()
    assert "talk.md" in res.output and res.exit_code == 1


def test_a_users_file_at_an_output_path_is_kept(tmp_path):
    src = folder(tmp_path, "clvts-00-cut.srt")
    out = tmp_path / "out"
    out.mkdir()
    mine = out / "clvts-00-cut.md"
    mine.write_text("my own notes\n", encoding="utf-8")
    res = run("run", src, "-o", out, "--no-html")
    assert res.exit_code == 1 and "not written by subnotes" in res.output
    assert mine.read_text(encoding="utf-8") == "my own notes\n"


def test_outputs_stay_under_out_with_cleaned_names(tmp_path):
    src = folder(tmp_path)
    sub = src / "..a" / "b:c"
    sub.mkdir(parents=True)
    shutil.copy(FIX / "clvts-00-cut.srt", sub / "x?.srt")
    shutil.copy(FIX / "clvts-00-cut.srt", src / "x.srt")
    shutil.copy(FIX / "bilibili-cut.json", src / "x.json")  # same stem: must not collide
    out = tmp_path / "out"
    assert run("run", src, "-o", out, "--no-html").exit_code == 0
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.name.endswith((".md", ".notes.json"))]
    assert written and all(out in p.parents for p in written)
    assert len(list(out.rglob("*.notes.json"))) == 3
    assert not [p for p in out.rglob("*") if ":" in p.name or "?" in p.name]


def test_rerun_skips_and_force_redoes(tmp_path):
    src = folder(tmp_path, "clvts-00-cut.srt")
    assert "1 done" in run("run", src, "-o", tmp_path / "o", "--no-html").output
    assert "1 skipped" in run("run", src, "-o", tmp_path / "o", "--no-html").output
    assert "1 done" in run("run", src, "-o", tmp_path / "o", "--no-html", "--force").output


def test_segment_command_lists_the_sections(tmp_path):
    res = run("segment", FIX / "clvts-00-cut.srt", "--segments", "2")
    assert res.exit_code == 0, res.output
    lines = [ln for ln in res.stdout.splitlines() if ln.strip()]
    assert len(lines) == 2 and lines[0].split()[0] == "1" and lines[1].split()[0] == "2"
    assert "|" in lines[0] and "00:00" in lines[0]


def test_clean_command_prints_sentences_or_writes_srt(tmp_path):
    res = run("clean", FIX / "sample-cut.txt")
    assert res.exit_code == 0 and "3.0" in res.stdout and "3。0" not in res.stdout
    out = tmp_path / "clean.srt"
    assert run("clean", FIX / "clvts-00-cut.srt", "--to", "srt", "-o", out).exit_code == 0
    assert "-->" in out.read_text(encoding="utf-8")
    assert run("clean", FIX / "sample-cut.txt", "--to", "srt").exit_code == 1  # no times to keep
