"""The shape of the code, checked: the layers import downward only, the stages never reach into
each other, Chinese-text knowledge lives in pipeline/zh, and modules and functions stay small.
(A rule a reviewer enforces by hand is a rule that erodes; these fail the build instead.)"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "pipeline"
MODULES = sorted(ROOT.rglob("*.py"))

#: what each top-level part of the package may import, besides itself and what sits below it
LAYERS = [
    {"zh"},
    {"errors", "models", "config"},
    {"prompts", "ingest", "render", "outputs", "workers"},
    {"backends"},
    {"fanout", "clean", "segment", "notes"},
    {"run"},
    {"cli"},
]
STAGES = {"clean", "segment", "notes"}  # stages never import one another
ONLY_IN_ZH = ("jieba", "pypinyin", "opencc")


def _part(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    return rel.parts[0] if rel.parts[0] != "__init__" else ""


def _name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = [p for p in rel.parts if p != "__init__"]
    return ".".join(["pipeline", *parts])


def _imports(path: Path) -> list[str]:
    """Every module an import statement in ``path`` names, deferred imports included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append(node.module)
            out += [f"{node.module}.{a.name}" for a in node.names]
    return out


def _layer(part: str) -> int:
    return next((i for i, names in enumerate(LAYERS) if part in names), len(LAYERS))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_go_down_only(path):
    mine = _part(path)
    for name in _imports(path):
        if not name.startswith("pipeline.") or name == "pipeline.__version__":
            continue
        theirs = name.split(".")[1]
        if theirs in ("", mine) or (not (ROOT / theirs).exists() and not (ROOT / f"{theirs}.py").exists()):
            continue
        assert _layer(theirs) <= _layer(mine), f"{mine} imports upward: {name}"
        assert not (mine in STAGES and theirs in STAGES), f"stage {mine} reaches into stage {theirs}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_chinese_text_libraries_only_in_zh(path):
    if _part(path) == "zh":
        return
    for name in _imports(path):
        assert name.split(".")[0] not in ONLY_IN_ZH, f"{path.name} imports {name}"


def _depends(path: Path, known: set[str]) -> set[str]:
    """The modules of the package that ``path`` needs: ``from pipeline.clean import correct``
    needs pipeline.clean.correct (a submodule), ``from pipeline.models import Cleaned`` needs
    pipeline.models."""
    out = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name in known}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            subs = {f"{node.module}.{a.name}" for a in node.names} & known
            out |= subs or ({node.module} & known)
    return out - {_name(path)}


def test_no_import_circle():
    known = {_name(p) for p in MODULES}
    graph = {_name(p): _depends(p, known) for p in MODULES}
    state: dict[str, int] = {}

    def visit(m: str, trail: list[str]) -> None:
        state[m] = 1
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                raise AssertionError("import circle: " + " -> ".join([*trail[trail.index(n):], n]))
            if n not in state:
                visit(n, [*trail, n])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_tricks_in_the_logic(path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"sys\.modules\[[^\]]*\]\s*=", text)
    assert "gc.disable" not in text and "gc.freeze" not in text


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_and_functions_stay_small(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 300, f"{path.name}: over 300 lines"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            assert length <= 50, f"{path.name}: {node.name} is {length} lines"


def test_every_module_says_what_it_is_for():
    missing = [str(p.relative_to(ROOT)) for p in MODULES
               if p.stat().st_size and not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))]
    assert missing == []
