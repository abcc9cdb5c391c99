"""Acceptance run of the openai backend against the scripted fake server (no real model).

usage: python benchmarks/llm_scripted.py [SAMPLE] [GOLD]
       python benchmarks/llm_scripted.py GOLD      (a *.gold.json: its ``source`` names the input,
                                                    e.g. ../shared/gold/huzuohuyou_379.claims.gold.json)

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
import re
import subprocess
import sys
import tempfile
from difflib import SequenceMatcher
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

SHARED = Path("/work/shared")
SCORE = SHARED / "eval/score.py"


def _inputs(argv: list[str]) -> tuple[Path, Path]:
    """(input, gold): both given, the gold alone (its ``source`` is relative to the shared folder),
    or neither (the reference sample)."""
    if len(argv) == 1 and argv[0].endswith(".gold.json"):
        gold = Path(argv[0])
        return SHARED / json.loads(gold.read_text(encoding="utf-8"))["source"], gold
    sample = Path(argv[0]) if argv else ROOT / "samples/beijing-internet3.txt"
    return sample, Path(argv[1]) if len(argv) > 1 else SHARED / "gold/beijing-internet3.gold.json"


SAMPLE, GOLD = _inputs(sys.argv[1:])


def as_cleaned(raw: str, gold: dict) -> str:
    """Gold evidence as it reads after cleaning: the gold's corrections and number repairs made,
    tag fillers gone."""
    for c in gold.get("corrections", []):
        raw = raw.replace(c["wrong"], c["right"][0])
    for c in gold.get("numbers", []):
        raw = raw.replace(c["wrong"], c["right"])
    for f in gold.get("fillers", []):
        raw = raw.replace(f"，{f}，", "，").replace(f"{f}，", "").replace(f"，{f}", "")
    return raw


def quoted(said: str, lines: dict[int, str]) -> tuple[int, str] | None:
    """Where a model would quote the gold evidence from: the shown line holding it, or (evidence
    running over two sentences) holding its longest clause; else the stretch of a shown line most
    like it (our cleaning drops fillers the gold keeps), quoted as shown; None if no line reads at
    least 0.6 alike."""
    for part in [said, *sorted(re.split(r"[，。？！、]", said), key=len, reverse=True)]:
        hit = next((i for i, t in lines.items() if len(part) >= 6 and part in t), None)
        if hit is not None:
            return hit, part
    best = (0.6, None, "")
    for i, t in lines.items():
        if sum(ch in t for ch in said) < 0.6 * len(said):
            continue  # most of the evidence's characters are not in this line
        for a in range(0, max(1, len(t) - len(said) + 1)):
            for n in (len(said) - 2, len(said), len(said) + 2):
                stretch = t[a:a + n]
                r = SequenceMatcher(None, stretch, said, autojunk=False).ratio()
                if r > best[0]:
                    best = (r, i, stretch)
    return (best[1], best[2]) if best[1] is not None else None


def claimed(c: dict, gold: dict, lines: dict[int, str]) -> dict | None:
    """A gold claim as an ideal model answers it: the gold statement and source name (the sample's
    gold has no statement: then the quote, said to be the document's where reported), a quote of
    the shown text."""
    hit = quoted(as_cleaned(c["evidence"], gold), lines)
    if hit is None:
        return None
    sid, quote = hit
    reported = c["attributed_to"] == "source_document"
    statement = c.get("statement") or (f"文件提出{quote}" if reported else quote)
    return {"statement": statement, "attributed_to": c["attributed_to"],
            "attributed_name": c.get("attributed_name") if reported else None,
            "claim_type": "policy_measure" if reported else "opinion", "topic": c["topic"],
            "sentence_ids": [sid], "quote": quote, "confidence": 0.9}


def oracle(gold: dict, offline: dict, claims_said: list[dict]):
    """A model that answers every task the way the gold says a perfect model would; where the gold
    has no sections (the podcasts' claim gold), it proposes the offline sections, so that stage
    neither fails nor changes. The claims it answers are added to ``claims_said``."""
    def play(body: dict) -> Reply:
        task, text = task_of(body), transcript_of(body)
        if task == "correct":
            edits = []
            for c in gold.get("corrections", []):
                at = text.find(c["wrong"]) if c["tier"] == "llm" else -1
                if at >= 0:
                    edits.append({"wrong": c["wrong"], "right": c["right"][0], "reason": "读音相近",
                                  "context": text[max(0, at - 4): at + len(c["wrong"]) + 4]})
            return answer({"edits": edits})
        lines = numbered(body)
        if task == "segment" and "segments" not in gold:
            return answer({"sections": [{"first_sentence": seg["first_sentence"], "title": seg["title"]}
                                        for seg in offline["segments"] if seg["first_sentence"] in lines]})
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
            said = [a for c in gold["claims"] if (a := claimed(c, gold, lines))]
            claims_said.extend(said)
            return answer({"claims": said})
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


def names(notes: dict, gold: dict, src: str) -> str:
    """How the found reported claims carry ``attributed_name``: of the gold's named reported claims
    that some claim matches (evidence overlap, as score.py counts it), how many matches name a
    source, and how many name the gold's."""
    found = named = same = 0
    for g in gold["claims"]:
        if g["attributed_to"] != "source_document" or not g.get("attributed_name"):
            continue
        at = -1
        for _ in range(g.get("nth", 0) + 1):
            at = src.find(g["evidence"], at + 1)
        need = max(2, min(6, len(g["evidence"]) // 3))
        match = [c for c in notes["claims"] if c["attributed_to"] == "source_document" and
                 min(c["evidence"]["end"], at + len(g["evidence"])) - max(c["evidence"]["start"], at) >= need]
        found += bool(match)
        named += any(c.get("attributed_name") for c in match)
        same += any(c.get("attributed_name") == g["attributed_name"] for c in match)
    return f"named reported claims found {found}, with attributed_name {named}, the gold's name {same}"


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
    offline_notes = json.loads((tmp / "offline" / (SAMPLE.stem + ".notes.json")).read_text(encoding="utf-8"))

    claims_said: list[dict] = []
    with FakeOpenAI(oracle(gold, offline_notes, claims_said)) as server:
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
    src = SAMPLE.read_text(encoding="utf-8")
    print(f"attributed names, llm: {names(notes, gold, src)}; junk: {names(junk_notes, gold, src)}")
    kept = {c["statement"] for c in notes["claims"]}
    dropped = [a["statement"] for a in claims_said if a["statement"] not in kept]
    print(f"scripted claims answered {len(claims_said)}, kept {len(claims_said) - len(dropped)}; dropped {dropped}")
    print(f"claims_wrong_source_document (llm): {llm.get('claims_wrong_source_document')}")
    print(f"{'metric':<32}{'offline':>10}{'llm':>10}{'junk':>10}")
    for k in dict.fromkeys([*offline, *llm]):
        row = (offline.get(k), llm.get(k), junk_score.get(k))
        if any(isinstance(x, (int, float)) and not isinstance(x, bool) for x in row):
            print(f"{k:<32}" + "".join(f"{_fmt(x):>10}" for x in row))
    assert "sk-test-secret" not in broken.stderr + first.stderr + json.dumps(notes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
