"""Acceptance run of the openai backend against the scripted fake server (no real model).

usage: python benchmarks/llm_scripted.py [SAMPLE] [GOLD]

1. offline run → score.py figures;
2. a "good model" (scripted here from the gold annotation: it plays an ideal model) → figures,
   requests and prompt tokens counted on the server, against the transcript's tokens;
3. the same run again (--force) → must make zero requests (cache);
4. a junk server (invalid JSON, 500s, schema violations) → exit 0, every stage marked degraded.
The scripted answers live only here: the product code never sees the gold.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from itertools import cycle
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import prompts  # noqa: E402
from pipeline.backends import structured  # noqa: E402
from tests.backends.fake_openai import (  # noqa: E402
    FakeOpenAI,
    Reply,
    answer,
    numbered,
    task_of,
    tokens,
    transcript_of,
)

SAMPLE = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "samples/beijing-internet3.txt"
GOLD = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/work/shared/gold/beijing-internet3.gold.json")
SCORE = Path("/work/shared/eval/score.py")


def as_cleaned(raw: str, gold: dict) -> str:
    """Gold evidence as it reads after cleaning: the gold's corrections made, tag fillers gone."""
    for c in gold["corrections"]:
        raw = raw.replace(c["wrong"], c["right"][0])
    for f in gold["fillers"]:
        raw = raw.replace(f"，{f}，", "，").replace(f"{f}，", "").replace(f"，{f}", "")
    return raw


def oracle(gold: dict):
    """A model that answers every task the way the gold says a perfect model would."""
    def play(body: dict) -> Reply:
        task, text = task_of(body), transcript_of(body)
        if task == "correct":
            edits = []
            for c in gold["corrections"]:
                at = text.find(c["wrong"]) if c["tier"] == "llm" else -1
                if at >= 0:
                    edits.append({"wrong": c["wrong"], "right": c["right"][0], "reason": "读音相近",
                                  "context": text[max(0, at - 4): at + len(c["wrong"]) + 4]})
            return answer({"edits": edits})
        lines = numbered(body)
        if task == "segment":
            out = []
            for seg in gold["segments"]:
                # the gold anchor is source text; the sentence shown is cleaned, and may have lost a
                # leading filler (就是说这个东西… is shown as 这个东西…): it may start a few characters in
                anchors = [seg["starts_at"][k:] for k in range(4)]
                hit = next((i for a in anchors for i, t in lines.items() if a[:6] in t
                            or t.rstrip("…").startswith(a[:len(t.rstrip("…"))])), None)
                if hit is not None:
                    out.append({"first_sentence": hit, "title": seg["topic"].split("：")[0][:16]})
            return answer({"sections": out})
        if task == "outline":
            sections: dict[int, list[int]] = {}
            seg = None
            for line in text.splitlines():
                if line.startswith("## 段 "):
                    seg = int(line[5:].split("：")[0])
                elif seg is not None and line.startswith("#"):
                    sections.setdefault(seg, []).append(int(line[1:line.index(" ")]))
            return answer({"summary": [{"text": lines[i][:40], "sentence_ids": [i]} for i in list(lines)[:1]],
                           "sections": [{"segment": s, "key_points": [{"text": lines[i][:40], "sentence_ids": [i]}
                                                                      for i in ids[:2]]}
                                        for s, ids in sections.items()]})
        if task == "claims":
            out = []
            for c in gold["claims"]:
                said = as_cleaned(c["evidence"], gold)  # a model quotes the cleaned text it is shown
                hit = next((i for i, t in lines.items() if said in t), None)
                if hit is not None:
                    out.append({"statement": said, "attributed_to": c["attributed_to"],
                                "claim_type": "policy_measure" if c["attributed_to"] == "source_document"
                                else "opinion", "topic": c["topic"], "sentence_ids": [hit],
                                "quote": said, "confidence": 0.9})
            return answer({"claims": out})
        return Reply(status=400)
    return play


def junk():
    replies = cycle([Reply(content="这不是 JSON"), Reply(status=500), Reply(content='{"edits": "no", "sections": 3}'),
                     Reply(content="{")])
    return lambda body: next(replies)


def run(out: Path, env: dict, *extra: str) -> subprocess.CompletedProcess:
    cmd = [str(ROOT / ".venv/bin/subnotes"), "run", str(SAMPLE), "-o", str(out), "--no-html", "--force", *extra]
    return subprocess.run(cmd, env=env, capture_output=True, text=True)


def score(out: Path) -> dict:
    notes = out / (SAMPLE.stem + ".notes.json")
    res = subprocess.run([sys.executable, str(SCORE), str(notes), str(GOLD), "--json"], capture_output=True,
                         text=True, check=True)
    return json.loads(res.stdout)


def _fmt(x: object) -> str:
    return f"{x:.3f}" if isinstance(x, float) else str(x)


def main() -> int:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    tmp = Path(tempfile.mkdtemp(prefix="subnotes-llm-"))
    env = {**os.environ, "SUBNOTES_API_KEY": "sk-test-secret-never-shown-123456",
           "SUBNOTES_CACHE_DIR": str(tmp / "cache")}
    env.pop("OPENAI_API_KEY", None)
    base = run(tmp / "offline", env)
    assert base.returncode == 0, base.stderr
    offline = score(tmp / "offline")

    with FakeOpenAI(oracle(gold)) as server:
        args = ("--backend", "openai", "--model", "scripted", "--base-url", server.base_url)
        first = run(tmp / "llm", env, *args)
        assert first.returncode == 0, first.stderr
        calls, prompt_tokens = len(server.requests), server.prompt_tokens
        per_task: dict[str, list[int]] = {}
        for body in server.requests:
            row = per_task.setdefault(task_of(body), [0, 0])
            row[0] += 1
            row[1] += tokens(transcript_of(body))
        # fixed overhead: the system message and each prompt file with its variables empty, per call
        overhead = sum(tokens(structured.SYSTEM) + tokens(prompts.load(task_of(b)).render(
            dict.fromkeys(prompts.load(task_of(b)).variables, ""))) for b in server.requests)
        second = run(tmp / "llm2", env, *args)
        assert second.returncode == 0, second.stderr
        again = len(server.requests) - calls
        again_tasks = [task_of(b) for b in server.requests[calls:]]
    llm = score(tmp / "llm")
    notes = json.loads((tmp / "llm" / (SAMPLE.stem + ".notes.json")).read_text(encoding="utf-8"))

    with FakeOpenAI(junk()) as bad:
        env_junk = {**env, "SUBNOTES_CACHE_DIR": str(tmp / "cache-junk"), "SUBNOTES_RETRIES": "1"}
        broken = run(tmp / "junk", env_junk, "--backend", "openai", "--model", "scripted", "--base-url", bad.base_url)
    junk_notes = json.loads((tmp / "junk" / (SAMPLE.stem + ".notes.json")).read_text(encoding="utf-8"))
    junk_score = score(tmp / "junk")

    transcript = tokens(SAMPLE.read_text(encoding="utf-8"))
    llm_fixed = sum(1 for e in notes["edits"] if "llm" in e["origin"])
    print(f"transcript tokens {transcript}; requests {calls} (task: [calls, data tokens]) {per_task}; "
          f"prompt tokens {prompt_tokens} "
          f"= {prompt_tokens / transcript:.2f}x transcript; fixed prompt text {overhead}, data (transcript "
          f"pieces, ids, hints, headings, re-asks) {prompt_tokens - overhead} = "
          f"{(prompt_tokens - overhead) / transcript:.2f}x; budget 3x+fixed = {3 * transcript + overhead}")
    print(f"second run requests: {again} {again_tasks}; usage in notes: {notes['usage']}")
    print(f"llm edits applied: {llm_fixed}; degraded (good server): {notes['degraded']}")
    print(f"junk server: exit {broken.returncode}; degraded {[d['stage'] for d in junk_notes['degraded']]}")
    print(f"{'metric':<32}{'offline':>10}{'llm':>10}{'junk':>10}")
    for k, v in offline.items():
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            print(f"{k:<32}" + "".join(f"{_fmt(x):>10}" for x in (v, llm.get(k), junk_score.get(k))))
    assert "sk-test-secret" not in broken.stderr + first.stderr + json.dumps(notes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
