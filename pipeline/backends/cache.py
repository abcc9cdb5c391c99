"""The response cache: one SQLite file (WAL mode, safe for parallel worker processes).

A key is the hash of everything that decides an answer — backend, model, base URL, the prompt
file's hash, the call parameters and the filled-in input — and never the API key, so a re-run
with the same inputs makes no calls and an edited prompt or another model misses exactly the
answers it would change.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from pathlib import Path

FILE_NAME = "responses.sqlite3"


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
    """Get/put of answer texts by key. Opened lazily, one connection per thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=30)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, task TEXT, "
                         "answer TEXT NOT NULL, created REAL DEFAULT (unixepoch()))")
            self._local.conn = conn
        return conn

    def get(self, key: str) -> str | None:
        row = self._conn().execute("SELECT answer FROM responses WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def put(self, key: str, task: str, answer: str) -> None:
        conn = self._conn()
        with conn:
            conn.execute("INSERT OR REPLACE INTO responses (key, task, answer) VALUES (?, ?, ?)",
                         (key, task, answer))


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
