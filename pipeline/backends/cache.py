"""The response cache: one SQLite file (WAL mode, safe for parallel worker processes).

A key is the hash of everything that decides an answer — backend, model, base URL, the prompt
file's hash, the call parameters and the filled-in input — and never the API key, so a re-run
with the same inputs makes no calls and an edited prompt or another model misses exactly the
answers it would change.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
import time
from pathlib import Path

FILE_NAME = "responses.sqlite3"
log = logging.getLogger("subnotes.cache")


def default_path(cache_dir: str | None = None) -> Path:
    """Where the cache file lives: ``cache_dir`` if given, else the user cache folder."""
    if cache_dir:
        return Path(cache_dir).expanduser() / FILE_NAME
    from platformdirs import user_cache_dir  # deferred: only when the cache is used

    return Path(user_cache_dir("subnotes")) / FILE_NAME


def make_key(**parts: object) -> str:
    """A stable hash of the parts (callers pass no secrets)."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


class Cache:
    """Get/put of answer texts by key, one connection per thread, opened on first use.

    The cache only saves calls, so it never fails a run: a cache that cannot be opened or
    written (read-only folder, a file locked too long) logs once and is skipped from then on.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._init = threading.Lock()
        self._ready = False
        self._broken = False

    def _conn(self) -> sqlite3.Connection | None:
        if self._broken:
            return None
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        try:
            with self._init:  # creating the file and switching to WAL race between threads otherwise
                if not self._ready:
                    self._setup()
                    self._ready = True
            conn = sqlite3.connect(self.path, timeout=30, check_same_thread=True)
        except (sqlite3.Error, OSError) as exc:
            self._fail(exc)
            return None
        self._local.conn = conn
        return conn

    def _setup(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for attempt in range(20):  # another process may be setting up the same file
            try:
                conn = sqlite3.connect(self.path, timeout=30)
                try:
                    conn.execute("PRAGMA journal_mode=WAL")
                    with conn:
                        conn.execute("CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, task TEXT, "
                                     "answer TEXT NOT NULL, created REAL DEFAULT (unixepoch()))")
                finally:
                    conn.close()
                return
            except sqlite3.OperationalError:
                if attempt == 19:
                    raise
                time.sleep(0.05 * (attempt + 1))

    def _fail(self, exc: Exception) -> None:
        if not self._broken:
            self._broken = True
            log.warning("response cache %s not usable (%s); going on without it", self.path, exc)

    def get(self, key: str) -> str | None:
        conn = self._conn()
        if conn is None:
            return None
        try:
            row = conn.execute("SELECT answer FROM responses WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            self._fail(exc)
            return None
        return row[0] if row else None

    def put(self, key: str, task: str, answer: str) -> None:
        conn = self._conn()
        if conn is None:
            return
        try:
            with conn:
                conn.execute("INSERT OR REPLACE INTO responses (key, task, answer) VALUES (?, ?, ?)",
                             (key, task, answer))
        except sqlite3.Error as exc:
            self._fail(exc)


def clear(cache_dir: str | None = None) -> int:
    """Remove every cached answer; returns how many there were."""
    path = default_path(cache_dir)
    if not path.is_file():
        return 0
    conn = sqlite3.connect(path, timeout=30)
    try:
        with conn:
            n = conn.execute("SELECT count(*) FROM responses").fetchone()[0]
            conn.execute("DELETE FROM responses")
        conn.execute("VACUUM")
    except sqlite3.OperationalError:  # a file without our table: nothing of ours to remove
        n = 0
    finally:
        conn.close()
    return n
