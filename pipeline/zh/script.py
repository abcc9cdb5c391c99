"""Traditional and simplified characters, through OpenCC.

The only module that imports opencc. The official binding (PyPI ``opencc``) is used, not the
pure-Python reimplementation: the latter's tables miss characters real transcripts have (擡高
stayed traditional in a podcast). Old GBK/Big5 converters also left debris no OpenCC table knows
(什幺 for 什么: 麼 mapped to 幺); ``debris`` lists it (``data/script_debris.txt``).
"""

from __future__ import annotations

from functools import cache
from typing import Any, Literal

from pipeline.zh import data

Script = Literal["simplified", "traditional"]
_CONFIG: dict[str, str] = {"simplified": "t2s", "traditional": "s2t"}


def config(to: Script) -> str:
    """The OpenCC configuration that converts into ``to`` (t2s, s2t)."""
    return _CONFIG[to]


@cache
def _converter(name: str) -> Any:
    import opencc  # deferred: loads its dictionaries (the OpenCC C++ library's)

    return opencc.OpenCC(name + ".json")


def convert(text: str, to: Script) -> str:
    """``text`` in the script ``to``, phrase by phrase as OpenCC converts."""
    return str(_converter(config(to)).convert(text))


def debris() -> tuple[tuple[str, str], ...]:
    """Converter debris and its repair (什幺 => 什么)."""
    return data.pairs(__package__, "script_debris.txt")
