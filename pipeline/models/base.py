"""The ground of the data models: shared literals, the strict base model, and what a stage
reports when its model call failed. Imports nothing of the package."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

SCHEMA_VERSION = "1"

Format = Literal["txt", "srt", "vtt", "bilibili-json", "whisper-json", "tingwu-json"]
EditKind = Literal["correction", "number", "filler", "repeat", "script", "punctuation"]
Attribution = Literal["source_document", "speaker"]
ClaimType = Literal["policy_measure", "goal", "fact", "opinion", "prediction", "advice"]
Alignment = Literal["exact", "fuzzy"]
TimeSpan = tuple[float, float]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Degraded(_Model):
    """A stage whose model call failed, so its offline result stands in."""

    stage: str
    reason: str
