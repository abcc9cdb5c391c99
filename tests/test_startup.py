"""`subnotes --version` and `--help` answer without importing what only the pipeline needs
(jieba, openai, pypinyin, opencc, pydantic models, subtitle parsers): start-up stays fast."""

import json
import subprocess
import sys

import pytest

# pydantic itself is not listed: typer's help rendering imports it; our models must not load
HEAVY = ("jieba", "openai", "pypinyin", "opencc", "pipeline.models", "pipeline.config", "pysrt", "webvtt",
         "charset_normalizer")

PROBE = """
import json, sys
sys.argv = ["subnotes", *sys.argv[1:]]
from pipeline import cli
try:
    cli.main()
except SystemExit:
    pass
print(json.dumps([m for m in %r if m in sys.modules]))
"""


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["run", "--help"]])
def test_light_start(args):
    out = subprocess.run([sys.executable, "-c", PROBE % (HEAVY,), *args], capture_output=True, text=True, check=True)
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert loaded == [], f"{args} imported {loaded}"
