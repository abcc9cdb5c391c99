"""Prompt files: ``prompts/*.md`` at the top of the project, shipped in the wheel as
``pipeline.prompt_files``. A prompt's hash is part of every cache key, so editing a prompt
invalidates exactly the answers it produced."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from pipeline.errors import ConfigError

_VAR = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def _prompt_dir() -> Traversable:
    """The checkout's prompts/ when running from one, else the copy inside the installed wheel."""
    checkout = Path(__file__).resolve().parent.parent / "prompts"
    if checkout.is_dir():
        return checkout
    return resources.files("pipeline.prompt_files")


@dataclass(frozen=True)
class Prompt:
    name: str
    text: str
    sha256: str
    variables: frozenset[str]

    def render(self, values: dict[str, str]) -> str:
        missing = self.variables - values.keys()
        if missing:
            raise ConfigError(f"prompt {self.name!r} needs {', '.join(sorted(missing))}")
        return _VAR.sub(lambda m: values[m.group(1)], self.text)


@cache
def load(name: str) -> Prompt:
    path = _prompt_dir() / f"{name}.md"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"prompt file {path} cannot be read: {exc}") from exc
    return Prompt(name, text, hashlib.sha256(text.encode()).hexdigest(), frozenset(_VAR.findall(text)))

