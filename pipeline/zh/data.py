"""How word lists and rule files are found, read and kept: the one way for every package.

A package keeps its data in its own ``data/`` folder (shipped in the wheel). Plain lists hold one
entry a line, ``#`` starting a comment; ``wrong => right`` lines are pairs; rules are TOML. Each
file is read once a process: the stages ask for the same lists for every sentence of every file.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def text(package: str, name: str) -> str:
    """The text of ``<package>/data/<name>``."""
    return files(package).joinpath("data", name).read_text(encoding="utf-8")


def parse_lines(content: str) -> list[str]:
    """Entries of a plain list: non-empty lines with their comments taken off."""
    out = []
    for raw in content.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


@cache
def lines(package: str, name: str) -> tuple[str, ...]:
    """Entries of the plain list ``<package>/data/<name>``."""
    return tuple(parse_lines(text(package, name)))


def parse_pair(line: str) -> tuple[str, str] | None:
    """``(wrong, right)`` of a ``wrong => right`` entry with both sides filled, else None."""
    wrong, arrow, right = line.partition("=>")
    return (wrong.strip(), right.strip()) if arrow and wrong.strip() and right.strip() else None


@cache
def pairs(package: str, name: str) -> tuple[tuple[str, str], ...]:
    """The ``wrong => right`` entries of ``<package>/data/<name>``."""
    return tuple(p for p in map(parse_pair, lines(package, name)) if p is not None)


@cache
def toml(package: str, name: str) -> dict[str, Any]:
    """The rules file ``<package>/data/<name>`` (TOML)."""
    return tomllib.loads(text(package, name))
