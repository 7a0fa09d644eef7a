"""The ``Store`` facade: opening and closing, settings, metadata, change notification.

Its jobs live in their own modules (after calibre's ``db/``: backend, cache, write layer):
``reads`` (records, lists, search, history), ``writes`` (create, update, delete, imports) over the
one ``writer``, ``drafts``, ``audit`` and ``outbox``. Callers see one object:

    store = Store.open(Path("~/fk").expanduser())
    meeting = store.create(Meeting(subject="GX dialogue", date=date(2026, 3, 2), country="KE"))
    store.update(meeting.id, {"place": "Ministry of Energy"})
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import schema
from ..blobs import BlobStore
from ..db import Transaction, connect, prepare_for_writing
from ..envelope import new_id
from ..errors import StoreError
from ..messages import Message
from ..paths import STORE_FILE
from ..reference import use_store
from .audit import Audit
from .common import Changes, check_header
from .drafts import Drafts
from .outbox import Outbox
from .reads import Reads
from .writer import Writer
from .writes import Writes

if TYPE_CHECKING:  # settings are pydantic: imported where used, not for `status`
    from ..settings import Settings


class Store(Reads, Writes, Drafts, Audit, Outbox):
    """One open FieldKit store. Thread-safe: all access to the connection is serialised.

    ``lock`` is what holds the store open against encrypting or re-keying elsewhere
    (``security.inuse.StoreLock``); the store keeps it and releases it when it closes.
    """

    def __init__(
        self,
        conn,
        path: Path,
        data_dir: Path,
        settings: Settings | None = None,
        blobs: BlobStore | None = None,
        lock: Any | None = None,
    ) -> None:
        self.conn = conn
        self.path = path
        self.data_dir = data_dir
        self._settings = settings
        self.tx = Transaction(conn)
        self.blobs = blobs or BlobStore(data_dir / "attachments")
        self.open_lock = lock
        self.writer = Writer(self)
        self._listeners: list[Callable[[Changes], None]] = []

    # ---- opening -------------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        key: str | bytes | None = None,
        create: bool = True,
        settings: Settings | None = None,
        lock: Callable[[Path], Any] | None = None,
    ) -> Store:
        """Open (and create or upgrade) the store in ``data_dir``.

        ``key`` opens an encrypted (SQLCipher) store: a passphrase, or the raw key derived from it
        (``fieldkit.core.opening.open_store`` adds conversion, back-off and auditing). ``lock``,
        called with the folder once it is known to hold a store, returns the lock the store keeps
        until it closes. Raises StoreError for a file that is not a FieldKit store and
        NewerStoreError for one from a newer FieldKit; neither is modified.
        """
        data_dir = Path(data_dir)
        path = data_dir / STORE_FILE
        if not path.exists():
            if not create:
                raise StoreError(Message("store.none_in", folder=str(data_dir)))
            data_dir.mkdir(parents=True, exist_ok=True)
        elif path.is_dir():
            raise StoreError(Message("store.is_folder", path=str(path)))
        if path.exists():
            check_header(path, encrypted=key is not None)
        if isinstance(key, str):  # a passphrase: stretch it as every keyed store is (Argon2id)
            from ..security.kdf import key_for_file

            key = key_for_file(path, key).raw
        conn = connect(path, key=key)
        blobs = None
        held = None
        try:
            schema.check_openable(conn, str(path))
            prepare_for_writing(conn)
            schema.upgrade(conn, str(path))
            if conn.execute("SELECT count(*) FROM meta WHERE key='device_id'").fetchone()[0] == 0:
                conn.execute("INSERT INTO meta VALUES ('device_id', ?)", (new_id(),))
            if key is not None:  # a keyed store keeps its attachments encrypted too
                from ..security.blobs import encrypted_blobs

                blobs = encrypted_blobs(conn, data_dir)
            held = lock(data_dir) if lock is not None else None
        except BaseException:
            conn.close()
            raise
        use_store(conn, data_dir)  # the lists HQ published, kept in the store
        return cls(conn, path, data_dir, settings, blobs=blobs, lock=held)

    @property
    def closed(self) -> bool:
        """True once ``close`` ran: a read started later (a timer firing after the window closed)
        has nothing to read."""
        return getattr(self, "_closed", False)

    def close(self) -> None:
        try:
            with self.tx.lock:
                self.conn.close()
        finally:
            self._closed = True
            lock, self.open_lock = self.open_lock, None
            if lock is not None:
                lock.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @cached_property
    def db(self):
        """sqlite-utils over the store's own connection (SQLCipher's too), for table-level writes.

        Made on first use: reads and ``fieldkit status`` never import sqlite-utils. Its writes
        run in a SAVEPOINT inside the caller's ``tx.write()``, so they commit with it or not at all.
        """
        import sqlite_utils

        return sqlite_utils.Database(self.conn, recursive_triggers=False, execute_plugins=False)

    @property
    def settings(self) -> Settings:
        """The user's settings, read on first use (status and other reads never need them)."""
        if self._settings is None:
            from ..settings import load_settings

            self._settings = load_settings(self.data_dir)
        return self._settings

    @settings.setter
    def settings(self, value: Settings) -> None:
        self._settings = value

    @property
    def author(self) -> str:
        return self.settings.author()

    @property
    def device_id(self) -> str:
        return self.meta("device_id") or ""

    def meta(self, key: str) -> str | None:
        with self.tx.read() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.tx.write():
            self.db["meta"].upsert({"key": key, "value": value}, pk="key")

    # ---- change notification -------------------------------------------------------------------
    def subscribe(self, listener: Callable[[Changes], None]) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[Changes], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)
