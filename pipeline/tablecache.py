"""Tables that are slow to build and the same in every run, kept in the user cache folder.

Every process needs jieba's prefix dictionary (half a million entries), its IDF table and the
pinyin of the lexicon's terms and of every Chinese character. Building them — even letting jieba
read its own cache, which it does with ``marshal.load`` on a file object, one small read per
object (1.2 s here, against 0.3 s for ``marshal.loads`` of the same bytes) — costs seconds per
process: most of a short file's time, and what caps the speed-up of ``--jobs``.

Each table is one marshal blob named for what it is and a hash of what it was built from
(library version, data file size, data hash). A file that is missing, stale, truncated or of the
wrong shape is rebuilt and replaced atomically; all but the latest few versions of a table go. A
folder that cannot be written costs only the speed. marshal, not pickle: loading it runs no code.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
FORMAT = 1  # bump when a table's layout changes
SUBFOLDER = "tables"
KEEP = 8  # versions of one table kept
log = logging.getLogger("subnotes.tables")
_place: dict[str, str | None] = {"dir": None}


def place(cache_dir: str | None) -> None:
    """Keep tables under ``cache_dir`` (the ``cache_dir`` setting); ``None``: the default."""
    _place["dir"] = cache_dir


def folder() -> Path:
    """``cache_dir`` setting, else ``$SUBNOTES_CACHE_DIR``, else the user cache folder; /tables."""
    base = _place["dir"] or os.environ.get("SUBNOTES_CACHE_DIR")
    if not base:
        from platformdirs import user_cache_dir  # deferred: only when a table is first needed

        base = user_cache_dir("subnotes")
    return Path(base).expanduser() / SUBFOLDER


def stored(name: str, key: str, build: Callable[[], T], valid: Callable[[Any], bool]) -> T:
    """The table ``name`` built from ``key``: read from the cache folder if it is there and passes
    ``valid``, else built with ``build()`` and written for the next run."""
    digest = hashlib.sha256(f"{FORMAT}\0{key}".encode()).hexdigest()[:16]
    path = folder() / f"{name}-{digest}.marshal"
    try:
        value = marshal.loads(path.read_bytes())
        if valid(value):
            return value  # type: ignore[no-any-return]
        log.debug("table %s has the wrong shape; rebuilding", path)
    except FileNotFoundError:
        pass
    except (OSError, ValueError, EOFError, TypeError) as exc:
        log.debug("table %s unreadable (%s); rebuilding", path, exc)
    value = build()
    _write(path, name, value)
    return value


def _write(path: Path, name: str, value: Any) -> None:
    tmp = None
    try:
        blob = marshal.dumps(value)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(blob)
        os.replace(tmp, path)
        tmp = None
        # a few versions of a table may be in use (a lexicon with and without a talk's hotwords);
        # older ones go, so the folder does not grow with every edit or upgrade
        others = sorted((f for f in path.parent.glob(f"{name}-*.marshal") if f != path),
                        key=lambda f: f.stat().st_mtime, reverse=True)
        for old in others[KEEP - 1:]:
            old.unlink(missing_ok=True)
    except (OSError, ValueError) as exc:  # read-only folder, full disk, a value marshal refuses
        log.debug("cannot store table %s: %s", path, exc)
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def clear(cache_dir: str | None = None) -> int:
    """Remove every stored table (``subnotes cache clear``); how many files went."""
    old = _place["dir"]
    place(cache_dir or old)
    try:
        where = folder()
    finally:
        place(old)
    n = 0
    for f in where.glob("*.marshal") if where.is_dir() else ():
        f.unlink(missing_ok=True)
        n += 1
    return n


def file_key(path: str) -> str:
    """A data file's identity for a key: its path, size and modification time."""
    st = os.stat(path)
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"
