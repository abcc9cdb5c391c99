"""Word lists and rules of the clean stage, read once per process.

Plain text: one entry a line, ``#`` starts a comment; ``wrong => right`` lines are pairs.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files


def lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a data file."""
    text = files(__package__).joinpath(name).read_text(encoding="utf-8")
    return parse_lines(text)


def parse_lines(text: str) -> list[str]:
    out = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return out


def pairs(name: str) -> list[tuple[str, str]]:
    out = []
    for line in lines(name):
        wrong, _, right = line.partition("=>")
        out.append((wrong.strip(), right.strip()))
    return out


@cache
def toml(name: str) -> dict:
    return tomllib.loads(files(__package__).joinpath(name).read_text(encoding="utf-8"))
