"""The one store of tables that are slow to build and the same in every run.

Every process needs jieba's prefix dictionary (half a million words), its IDF table and the
pinyin of every character and of the lexicon's terms. jieba reads its own cache a few bytes at a
time (about a second a process here), and building the pinyin tables imports pypinyin (a quarter
of a second): most of a short file's time, and what would cap the speed-up of ``--jobs``. So each
table is built once and kept in the user cache folder, named for what it is and a hash of what it
was built from: the content of the data files (``content_key``), never their paths or times.

Two shapes: a value read whole (``stored``: a marshal blob; loading it runs no code) and a large
key → value table of which a run reads a few rows (``lookup``: an SQLite file, opened read-only,
one query a batch). A file that is missing, truncated or of the wrong shape is built again and
replaced atomically; a name keeps its latest few versions. A folder that cannot be written costs
only the speed: the table is then built in memory.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
FORMAT = 2  # bump when a table's layout changes
SUBFOLDER = "tables"
KEEP = 8  # versions of one table kept (a lexicon with and without a talk's hotwords, say)
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


@cache
def content_key(path: str) -> str:
    """A data file's identity: a hash of its bytes (read once a process)."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "blake2b").hexdigest()[:32]


def text_key(*parts: str) -> str:
    """A hash of texts a table is built from (a list of terms, say)."""
    h = hashlib.blake2b()
    for part in parts:
        h.update(part.encode())
        h.update(b"\0")
    return h.hexdigest()[:32]


def stored(name: str, key: str, build: Callable[[], T], valid: Callable[[Any], bool]) -> T:
    """The table ``name`` built from ``key``: read back if it is there and passes ``valid``, else
    built with ``build()`` and written for the next run."""
    path = _path(name, key, ".marshal")
    try:
        value = marshal.loads(path.read_bytes())
        if valid(value):
            return value
        log.debug("table %s has the wrong shape; rebuilding", path)
    except FileNotFoundError:
        pass
    except (OSError, ValueError, EOFError, TypeError) as exc:
        log.debug("table %s unreadable (%s); rebuilding", path, exc)
    built = build()
    _publish(path, name, lambda tmp: Path(tmp).write_bytes(marshal.dumps(built)))  # type: ignore[arg-type]
    return built


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
            marks = ",".join("?" * len(part))
            out.update(self._db.execute(f"SELECT k, v FROM t WHERE k IN ({marks})", part))
        return out


def lookup(name: str, key: str, build: Callable[[], Iterable[tuple[str, Any]]]) -> Lookup:
    """The key → value table ``name`` built from ``key``, as for ``stored``: built again with
    ``build()`` (its rows) when missing or damaged, in memory when it cannot be written."""
    path = _path(name, key, ".sqlite")
    db = _open(path)
    if db is None:
        _publish(path, name, lambda tmp: _fill(sqlite3.connect(tmp), build()))
        db = _open(path)
    if db is None:
        db = sqlite3.connect(":memory:", check_same_thread=False)
        _fill(db, build(), close=False)
    return Lookup(db)


def clear(cache_dir: str | None = None) -> int:
    """Remove every stored table (``subnotes cache clear``); how many files went."""
    old = _place["dir"]
    place(cache_dir or old)
    try:
        where = folder()
    finally:
        place(old)
    found = [*where.glob("*.marshal"), *where.glob("*.sqlite")] if where.is_dir() else []
    for f in found:
        f.unlink(missing_ok=True)
    return len(found)


def _path(name: str, key: str, suffix: str) -> Path:
    digest = hashlib.blake2b(f"{FORMAT}\0{key}".encode()).hexdigest()[:16]
    return folder() / f"{name}-{digest}{suffix}"


def _publish(path: Path, name: str, fill: Callable[[str], object]) -> None:
    """Make ``path`` by filling a temporary file beside it and renaming that into place, so no
    reader ever sees half a table; then drop all but the newest few versions of ``name``."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        os.close(fd)
        fill(tmp)
        os.replace(tmp, path)
        tmp = None
        others = sorted((f for f in path.parent.glob(f"{name}-*{path.suffix}") if f != path),
                        key=lambda f: f.stat().st_mtime, reverse=True)
        for old in others[KEEP - 1:]:
            old.unlink(missing_ok=True)
    except (OSError, ValueError, sqlite3.Error) as exc:  # read-only folder, full disk, a value marshal refuses
        log.debug("cannot store table %s: %s", path, exc)
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


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
