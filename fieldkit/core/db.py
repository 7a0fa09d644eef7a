"""Opening the SQLite file: one place that knows pragmas, keys and transactions.

Everything that touches the store goes through ``connect`` so that an encrypted store (SQLCipher,
``sqlcipher3``) is a matter of passing ``key``: the rest of the core sees the same DB-API connection.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import StoreError


def connect(path: Path | str, key: str | None = None, readonly: bool = False):
    """Open ``path`` in WAL mode with autocommit off-by-default semantics handled by ``Transaction``.

    ``isolation_level=None`` leaves transactions to us: every user action is one explicit
    ``BEGIN IMMEDIATE`` ... ``COMMIT``, so a crash leaves either all of it or none.
    """
    path = str(path)
    if key is not None:
        import sqlcipher3.dbapi2 as driver  # only encrypted stores pay for the import
    else:
        driver = sqlite3
    uri = f"file:{path}?mode=ro" if readonly else path
    try:
        conn = driver.connect(
            uri, uri=readonly, isolation_level=None, check_same_thread=False, timeout=10
        )
        if key is not None:
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(f"PRAGMA key = '{_quote(key)}'")
        conn.execute("PRAGMA busy_timeout = 10000")
        # Reading the schema fails here if the file is not SQLite or the key is wrong.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            # FULL: a committed record survives a power cut, not only a crash of the app.
            conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except (sqlite3.DatabaseError, Exception) as exc:  # sqlcipher3 has its own error classes
        if isinstance(exc, StoreError):
            raise
        name = type(exc).__name__
        if "DatabaseError" in name or "OperationalError" in name:
            raise StoreError(f"{path} is not a FieldKit store or is damaged ({exc})") from None
        raise
    return conn


def _quote(text: str) -> str:
    return text.replace("'", "''")


class Transaction:
    """Serialises access to one connection and wraps writes in BEGIN IMMEDIATE.

    Re-entrant: a nested ``write()`` joins the outer transaction, so a store method that calls
    another still commits once.
    """

    def __init__(self, conn) -> None:
        self.conn = conn
        self.lock = threading.RLock()
        self._depth = 0

    @contextmanager
    def write(self) -> Iterator[object]:
        with self.lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self.conn
            except BaseException:
                self._depth = 0
                self.conn.execute("ROLLBACK")
                raise
            self._depth = 0
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise

    @contextmanager
    def read(self) -> Iterator[object]:
        with self.lock:
            yield self.conn
