"""Settings: command-line flags > environment > ``subnotes.toml`` > defaults.

The config file is looked up in the current folder, then the user config folder
(platformdirs). The API key is a SecretStr: it prints as ``**********`` everywhere, and it is never
part of a cache key or of the options recorded in the notes JSON.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from pipeline.errors import ConfigError

ENV_PREFIX = "SUBNOTES_"


class CleanOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    keep_fillers: bool = Field(False, description="verbatim transcript: only corrections, numbers, script")
    script: Literal["simplified", "traditional", "keep"] = "simplified"
    lexicons: tuple[str, ...] = Field((), description="user lexicon files (terms, and wrong => right pairs)")
    hotwords: bool = Field(True, description="read NAME.hotwords.txt next to an input if present")


class SegmentOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    segments: str = Field("auto", description="'auto', a number of sections, or e.g. '5m' for minutes per section")


class Settings(BaseModel):
    """Everything a run needs to know, merged from all sources."""

    model_config = ConfigDict(extra="forbid")
    backend: str = "offline"
    model: str | None = None
    base_url: str | None = None
    api_key: SecretStr | None = None
    timeout: float = 60.0
    retries: int = 4
    concurrency: int = 4
    jobs: int = 1
    force: bool = False
    no_cache: bool = False
    cache_dir: str | None = None
    max_input_mb: float = 16.0
    html: bool = True
    mindmap: bool = Field(True, description="also write NAME.opml, the notes as a mind map")
    clean: CleanOptions = Field(default_factory=CleanOptions)
    segment: SegmentOptions = Field(default_factory=SegmentOptions)

    def fingerprint(self) -> dict[str, Any]:
        """The options that change a file's output (no key, no paths of caches, no job counts)."""
        return {"backend": self.backend, "model": self.model, "base_url": self.base_url,
                "clean": self.clean.model_dump(mode="json"), "segment": self.segment.model_dump(mode="json")}


def _config_file() -> Path | None:
    here = Path("subnotes.toml")
    if here.is_file():
        return here
    from platformdirs import user_config_dir  # deferred: only when no local file

    user = Path(user_config_dir("subnotes")) / "subnotes.toml"
    return user if user.is_file() else None


def _from_env() -> dict[str, Any]:
    env: dict[str, Any] = {}
    for key in ("backend", "model", "base_url", "timeout", "retries", "concurrency", "cache_dir"):
        value = os.environ.get(ENV_PREFIX + key.upper())
        if value:
            env[key] = value
    secret = os.environ.get(ENV_PREFIX + "API_KEY") or os.environ.get("OPENAI_API_KEY")
    if secret:
        env["api_key"] = secret
    if not env.get("base_url") and os.environ.get("OPENAI_BASE_URL"):
        env["base_url"] = os.environ["OPENAI_BASE_URL"]
    return env


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        if v is None:
            continue
        out[k] = _merge(out.get(k) or {}, v) if isinstance(v, dict) else v
    return out


def load_settings(flags: dict[str, Any] | None = None, config_path: Path | None = None) -> Settings:
    """Merge the layers; a bad value fails with ConfigError naming the setting."""
    layers: dict[str, Any] = {}
    path = config_path or _config_file()
    if path is not None:
        try:
            layers = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read config file: {exc}", path=str(path)) from exc
        layers = layers.get("subnotes", layers)
    layers = _merge(layers, _from_env())
    layers = _merge(layers, flags or {})
    try:
        return Settings.model_validate(layers)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"setting {where}: {first['msg']}", path=str(path) if path else None) from exc
