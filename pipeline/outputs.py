"""Where outputs go and how they are written.

Outputs only ever land under the output folder, at names derived from the input's path relative
to what the user named (parts cleaned of anything that could climb out, hide, or collide).
Writing is atomic: a temporary file in the same folder, flushed and renamed. A file subnotes did
not write is never replaced, and neither is an input.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

from pipeline.errors import InputError

MARK = "generator: subnotes"
_BAD = re.compile(r'[\x00-\x1f<>:"|?*\\]')


def safe_part(part: str) -> str:
    part = _BAD.sub("_", part).strip().strip(".")
    return part or "_"


def output_stem(out_dir: Path, rel: Path) -> Path:
    """``OUT/sub/dir/NAME`` for an input at relative path ``sub/dir/NAME.ext``."""
    parts = [safe_part(p) for p in rel.parts if p not in ("", ".", "..", "/")]
    if not parts:
        parts = ["input"]
    last = parts[-1]
    stem = last.rsplit(".", 1)[0] if "." in last else last
    parts[-1] = safe_part(stem)
    return out_dir.joinpath(*parts)


def is_ours(path: Path) -> bool:
    """True when ``path`` is missing or was written by subnotes (so it may be replaced)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096).decode("utf-8", "replace")
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if path.name.endswith(".json"):
        return '"schema_version"' in head and '"run"' in head
    return MARK in head


def marked(path: Path, data: str) -> str:
    """Notes text with an invisible ``generator: subnotes`` comment near the top, so a later run
    can tell its own file from one the user put there (which is never replaced)."""
    if MARK in data[:4000]:
        return data
    comment = f"<!-- {MARK} -->"
    if path.suffix == ".html" and data.lstrip().lower().startswith("<!doctype"):
        head, _, rest = data.partition(">")
        return f"{head}>\n{comment}{rest}"
    return f"{comment}\n{data}"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


STALE_SECONDS = 3600


def sweep_stale(path: Path, now: float | None = None) -> int:
    """Remove our own temporary files for ``path`` left by a killed run.

    Only ``.NAME.*.tmp`` files older than an hour go: a younger one may belong to a run that is
    writing right now, and removing it would make that run fail.
    """
    import time

    now = time.time() if now is None else now
    removed = 0
    for tmp in path.parent.glob(f".{glob_escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - tmp.stat().st_mtime > STALE_SECONDS:
                tmp.unlink()
                removed += 1
    return removed


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def write_atomic(path: Path, data: str, protected: set[Path]) -> None:
    if path.resolve() in protected:
        raise InputError("output would overwrite an input file; choose another -o", path=str(path))
    if not is_ours(path):
        raise InputError("exists and was not written by subnotes; refusing to overwrite it", path=str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    sweep_stale(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
