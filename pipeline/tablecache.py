"""Tables that are slow to build and the same in every run, kept in the user cache folder.

Every process needs jieba's prefix dictionary (half a million entries), its IDF table and the
pinyin of the lexicon's terms and of every Chinese character. Building them — even letting jieba
read its own cache, which it does with ``marshal.load`` on a file object, one small read per
object (1.2 s here, against 0.3 s for ``marshal.loads`` of the same bytes) — costs seconds per
process: most of a short file's time, and what caps the speed-up of ``--jobs``.

Each table is one marshal blob named for what it is and a hash of what it was built from
(library version, data file size, data hash). A file that is missing, stale, truncated or of the
wrong shape is rebuilt and replaced atomically; all but the latest few versions of a table go,
and so does any table unused for a month. A folder that cannot be written costs only the speed.
marshal, not pickle: loading it runs no code.

A table far larger than what one run asks of it (jieba's IDF: 270k words, of which a talk looks
up a few thousand) is an SQLite file instead (``lookup``): opening it costs nothing, and a batch
of keys is one query.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
FORMAT = 1  # bump when a table's layout changes
SUBFOLDER = "tables"
KEEP = 8  # versions of one table kept
UNUSED_DAYS = 30  # a table no process has read for this long goes (one an upgrade renamed, say)
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
    path = _path(name, key, ".marshal")
    try:
        value = marshal.loads(path.read_bytes())
        if valid(value):
            _used(path)
            return value  # type: ignore[no-any-return]
        log.debug("table %s has the wrong shape; rebuilding", path)
    except FileNotFoundError:
        pass
    except (OSError, ValueError, EOFError, TypeError) as exc:
        log.debug("table %s unreadable (%s); rebuilding", path, exc)
    value = build()
    _write(path, name, value)
    return value


def _path(name: str, key: str, suffix: str) -> Path:
    digest = hashlib.sha256(f"{FORMAT}\0{key}".encode()).hexdigest()[:16]
    return folder() / f"{name}-{digest}{suffix}"


def _write(path: Path, name: str, value: Any) -> None:
    _publish(path, name, lambda tmp: Path(tmp).write_bytes(marshal.dumps(value)))


def _publish(path: Path, name: str, fill: Callable[[str], object]) -> None:
    """Make ``path`` by ``fill``ing a temporary file beside it and renaming that into place, so
    no reader ever sees half a table; then drop all but the newest few versions of ``name``."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        os.close(fd)
        fill(tmp)
        os.replace(tmp, path)
        tmp = None
        # a few versions of a table may be in use (a lexicon with and without a talk's hotwords);
        # older ones go, so the folder does not grow with every edit or upgrade
        others = sorted((f for f in path.parent.glob(f"{name}-*{path.suffix}") if f != path),
                        key=lambda f: f.stat().st_mtime, reverse=True)
        for old in others[KEEP - 1:]:
            old.unlink(missing_ok=True)
        _drop_unused(path.parent)
    except (OSError, ValueError, sqlite3.Error) as exc:  # read-only folder, full disk, a value marshal refuses
        log.debug("cannot store table %s: %s", path, exc)
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _used(path: Path) -> None:
    """Mark a table as in use (its modification time, refreshed at most once a day: reading
    leaves no trace, and access times are not kept on many systems)."""
    try:
        if time.time() - path.stat().st_mtime > 86_400:
            os.utime(path)
    except OSError:
        pass  # a read-only folder: the table may look unused and go, and is built again then


def _drop_unused(where: Path) -> None:
    """Remove tables no process has used for ``UNUSED_DAYS``. Versions of a name are bounded by
    ``KEEP``; this catches the names a newer subnotes no longer asks for, which nothing else
    would remove. Runs only when a table is written (a new version, an upgrade)."""
    cutoff = time.time() - UNUSED_DAYS * 86_400
    for f in [*where.glob("*.marshal"), *where.glob("*.sqlite")]:
        try:
            if f.stat().st_mtime < cutoff:
                f.unlink()
        except OSError:
            continue


class Lookup:
    """A read-only str → value table in SQLite: ``get_many`` answers a batch of keys in one query."""

    BATCH = 500  # keys per query (SQLite allows 32,766 parameters; a smaller IN list plans faster)

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        """The stored value of each of ``keys`` that the table has."""
        wanted = list(dict.fromkeys(keys))
        out: dict[str, Any] = {}
        for i in range(0, len(wanted), self.BATCH):
            part = wanted[i:i + self.BATCH]
            out.update(self._db.execute(f"SELECT k, v FROM t WHERE k IN ({','.join('?' * len(part))})", part))
        return out


def lookup(name: str, key: str, build: Callable[[], Iterable[tuple[str, Any]]]) -> Lookup:
    """The key → value table ``name`` built from ``key``, as for ``stored``; a file that is missing
    or damaged is built again with ``build()`` (its rows), and one that cannot be written is
    built in memory."""
    path = _path(name, key, ".sqlite")
    db = _open(path)
    if db is not None:
        _used(path)
    else:
        _publish(path, name, lambda tmp: _fill(sqlite3.connect(tmp), build()))
        db = _open(path)
    if db is None:
        db = sqlite3.connect(":memory:", check_same_thread=False)
        _fill(db, build(), close=False)
    return Lookup(db)


def _open(path: Path) -> sqlite3.Connection | None:
    if not path.is_file():
        return None
    db = None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        n = db.execute("SELECT n FROM meta").fetchone()[0]  # written last: a complete table has it
        if isinstance(n, int):
            return db
    except (sqlite3.Error, TypeError) as exc:
        log.debug("table %s unreadable (%s); rebuilding", path, exc)
    if db is not None:
        db.close()
    return None


def _fill(db: sqlite3.Connection, rows: Iterable[tuple[str, Any]], close: bool = True) -> None:
    try:
        with db:
            db.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v) WITHOUT ROWID")
            db.executemany("INSERT OR REPLACE INTO t VALUES (?, ?)", rows)
            db.execute("CREATE TABLE meta (n INTEGER)")
            db.execute("INSERT INTO meta SELECT count(*) FROM t")
    finally:
        if close:
            db.close()


def clear(cache_dir: str | None = None) -> int:
    """Remove every stored table (``subnotes cache clear``); how many files went."""
    old = _place["dir"]
    place(cache_dir or old)
    try:
        where = folder()
    finally:
        place(old)
    n = 0
    for f in [*where.glob("*.marshal"), *where.glob("*.sqlite")] if where.is_dir() else ():
        f.unlink(missing_ok=True)
        n += 1
    return n


def file_key(path: str) -> str:
    """A data file's identity for a key: its path, size and modification time."""
    st = os.stat(path)
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"
