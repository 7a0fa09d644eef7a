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
from .messages import Message


class KeyRejected(StoreError):
    """SQLCipher could not read the file with the key given: wrong key, or not a store at all."""


def connect(path: Path | str, key: str | bytes | None = None, readonly: bool = False):
    """Open ``path`` in WAL mode with autocommit off-by-default semantics handled by ``Transaction``.

    ``isolation_level=None`` leaves transactions to us: every user action is one explicit
    ``BEGIN IMMEDIATE`` ... ``COMMIT``, so a crash leaves either all of it or none.

    ``key`` as bytes is a raw SQLCipher key (32 bytes, or 48 with the salt for a new file), already
    stretched by ``fieldkit.core.security``; a str is handed to SQLCipher's own key derivation.
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
            if isinstance(key, bytes):
                conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            else:
                conn.execute(f"PRAGMA key = '{_quote(key)}'")
            # Sorts and temporary indexes stay in memory: no plaintext spills to temp files.
            conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA busy_timeout = 10000")
        # Reading the schema fails here if the file is not SQLite or the key is wrong.
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except Exception as exc:
            if key is not None and "not a database" in str(exc):
                conn.close()
                raise KeyRejected(Message("store.key_rejected", path=str(path))) from None
            raise
    except (sqlite3.DatabaseError, Exception) as exc:  # sqlcipher3 has its own error classes
        if isinstance(exc, StoreError):
            raise
        name = type(exc).__name__
        if "DatabaseError" in name or "OperationalError" in name:
            raise StoreError(
                Message("store.damaged_or_foreign", path=str(path), why=str(exc))
            ) from None
        raise
    return conn


def prepare_for_writing(conn) -> None:
    """WAL, durable commits, a cache sized for bulk loads.

    Separate from ``connect`` because switching to WAL rewrites the file header: it runs only once
    the file is known to be a FieldKit store of a version we can write.
    """
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed record survives a power cut, not only a crash of the app.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    # Record ids are random UUIDs, so their index is written all over: with SQLite's default
    # 2 MB cache a 100,000-record load spent its time re-reading index pages.
    conn.execute("PRAGMA cache_size = -65536")
    conn.execute("PRAGMA temp_store = MEMORY")


# How SQLite and SQLCipher say that a page is damaged or was altered (its HMAC fails).
_DAMAGE = ("file is not a database", "database disk image is malformed", "hmac")


def damage_error(exc: BaseException) -> StoreError | None:
    """A user-facing StoreError for a damaged or altered store file, else None.

    An encrypted store checks each page as it is read, so damage can surface in any query; it
    gets the same clear message as damage found when the store is opened.
    """
    if "DatabaseError" not in {c.__name__ for c in type(exc).__mro__}:
        return None
    if not any(m in str(exc).lower() for m in _DAMAGE):
        return None
    return StoreError(
        f"the store file is damaged or was altered ({exc}); nothing was changed. "
        "Restore the data folder from a backup, or ask HQ for a fresh enrolment."
    )


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
            except BaseException as exc:
                self._depth = 0
                self.conn.execute("ROLLBACK")
                damaged = damage_error(exc)
                if damaged is not None:
                    raise damaged from None
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
            try:
                yield self.conn
            except Exception as exc:
                damaged = damage_error(exc)
                if damaged is not None:
                    raise damaged from None
                raise
