"""HQ's database access: one interface over SQLite (the zero-setup default) and PostgreSQL.

How to use it (HQ's own modules and the web console alike)::

    db = Database.open("hq.db")                      # or "postgresql://fieldkit@dbhost/hq"
    with db.read() as c:                             # one consistent snapshot
        row = c.execute("SELECT id, name FROM devices WHERE embassy = ?", ("KE",)).fetchone()
        row["name"], row[0]                          # rows are tuples readable by column name
    with db.write() as c:                            # one transaction: all or nothing
        c.execute("UPDATE devices SET name = ? WHERE id = ?", (name, device_id))
    db.dialect                                       # "sqlite" or "postgresql"

* Placeholders are ``?`` for both databases (turned into ``%s`` for psycopg here; a literal ``%``
  in SQL that also has ``?`` parameters is escaped for you). SQL that differs between the two
  databases goes through :data:`SQL` (``db.sql("upsert_ignore")``) or a branch on ``db.dialect``
  in the module that owns the query, never a third copy.
* ``write()`` transactions are serialised on SQLite (one writer) and run concurrently on
  PostgreSQL; anything that must be serialised there takes a row lock (see ``push.py``: the
  version sequence row is locked until commit, which keeps pull cursors gap-free).
* ``read()`` on PostgreSQL is REPEATABLE READ, so a multi-query read sees one snapshot, as SQLite's
  read transaction does.
* ``c.executemany(sql, rows)`` and ``c.execute(...).rowcount`` work on both.

Connections are pooled (psycopg_pool) on PostgreSQL; on SQLite each thread has its own reader and
one writer connection is shared under a lock. Passwords never appear on a command line: libpq
reads ``PGPASSWORD``/``~/.pgpass``, or ``password_file`` is read here.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SQLITE = "sqlite"
POSTGRESQL = "postgresql"


class DatabaseError(Exception):
    """The database cannot be opened or used: a sentence for the operator."""


class Row(tuple):
    """A result row: a tuple (equal to a plain tuple) that is also readable by column name."""

    __slots__ = ()
    _names: dict[str, int] = {}

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _row_class(names: Sequence[str]) -> type[Row]:
    return type("Row", (Row,), {"__slots__": (), "_names": {n: i for i, n in enumerate(names)}})


def _sqlite_rows(cursor: sqlite3.Cursor, values: tuple) -> Row:
    cls = _sqlite_row_classes.get(cursor.description)
    if cls is None:
        cls = _sqlite_row_classes.setdefault(
            cursor.description, _row_class([d[0] for d in cursor.description])
        )
    return cls(values)


_sqlite_row_classes: dict[Any, type[Row]] = {}


def is_postgres(url: str | Path) -> bool:
    return str(url).startswith(("postgresql://", "postgres://"))


class Database:
    """Base: see the module docstring. ``Database.open(target)`` picks the implementation."""

    dialect: str = SQLITE
    label: str = ""

    @staticmethod
    def open(target: str | Path, password_file: str | Path | None = None) -> Database:
        if is_postgres(target):
            return PostgresDatabase(str(target), password_file=password_file)
        return SQLiteDatabase(Path(target))

    def sql(self, name: str) -> str:
        return SQL[name][self.dialect]

    def in_list(self, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """``column`` + this, with these params: membership in a list of values."""
        return f"IN ({','.join('?' * len(values))})", list(values)

    def insert_many(
        self, c: Any, table: str, columns: Sequence[str], rows: list[tuple], ignore: bool = False
    ) -> None:
        """Insert rows in bulk (``ignore``: skip rows whose key exists)."""
        if rows:
            verb = "INSERT OR IGNORE" if ignore else "INSERT"
            c.executemany(
                f"{verb} INTO {table} ({', '.join(columns)}) VALUES "
                f"({', '.join('?' * len(columns))})",
                rows,
            )

    @contextmanager
    def read(self) -> Iterator[Any]:  # pragma: no cover - abstract
        raise NotImplementedError
        yield

    @contextmanager
    def write(self) -> Iterator[Any]:  # pragma: no cover - abstract
        raise NotImplementedError
        yield

    def close(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


class SQLiteDatabase(Database):
    dialect = SQLITE

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.label = str(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._w = self._connect()
        # Checkpoints (copying the WAL back into the database) run on a thread of their own
        # instead of inside whichever push's COMMIT crossed SQLite's threshold: they were 15% of
        # a bulk push's time there. A PASSIVE checkpoint never blocks writers or readers.
        self._w.execute("PRAGMA wal_autocheckpoint = 0")
        self._changed_at_checkpoint = 0
        self._checkpointing = threading.Event()
        try:
            self._w.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            self._w.close()
            raise DatabaseError(f"{self.path} is not a FieldKit HQ database ({exc})") from None

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
        conn.row_factory = _sqlite_rows
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise DatabaseError(f"{self.path} is not a FieldKit HQ database ({exc})") from None
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA busy_timeout = 30000")
        self._all.append(conn)
        return conn

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._w.execute("BEGIN IMMEDIATE")
            try:
                yield self._w
            except BaseException:
                self._w.execute("ROLLBACK")
                raise
            self._w.execute("COMMIT")
        self._checkpoint_soon()

    # Rows written between checkpoints: about SQLite's own threshold (1,000 pages of 4 kB) for
    # records of a kilobyte or two, written with their version row.
    CHECKPOINT_ROWS = 2000

    def _checkpoint_soon(self) -> None:
        changed = self._w.total_changes
        if changed - self._changed_at_checkpoint < self.CHECKPOINT_ROWS:
            return
        if self._checkpointing.is_set():
            return
        self._changed_at_checkpoint = changed
        self._checkpointing.set()
        threading.Thread(target=self._checkpoint, name="hq-wal-checkpoint", daemon=True).start()

    def _checkpoint(self) -> None:
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            try:
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            finally:
                conn.close()
        except sqlite3.Error:
            pass  # the next commit over the threshold tries again
        finally:
            self._checkpointing.clear()

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect()
        conn.execute("BEGIN")  # one snapshot for the whole read
        try:
            yield conn
        finally:
            conn.execute("COMMIT")

    def backup(self, target: Path) -> None:
        """SQLite's online backup: a consistent copy, safe while HQ serves."""
        dest = sqlite3.connect(target)
        try:
            with self._lock:
                self._w.backup(dest)
        finally:
            dest.close()

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                try:
                    conn.close()
                except sqlite3.Error:
                    pass
            self._all.clear()


class _PgConnection:
    """A psycopg connection that takes ``?`` placeholders and gives :class:`Row` rows."""

    __slots__ = ("raw",)

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s") if "?" in sql else sql

    def execute(self, sql: str, params: Sequence[Any] | None = None):
        return self.raw.execute(self._sql(sql), params if params else None)

    def executemany(self, sql: str, rows):
        rows = list(rows)
        cur = self.raw.cursor()
        if rows:
            cur.executemany(self._sql(sql), rows)
        return cur


class PostgresDatabase(Database):
    dialect = POSTGRESQL

    def __init__(self, url: str, password_file: str | Path | None = None, size: int = 8) -> None:
        import psycopg
        from psycopg_pool import ConnectionPool

        self.url = url
        self.label = _redact(url)
        kwargs: dict[str, Any] = {"autocommit": False}
        if password_file:
            try:
                kwargs["password"] = Path(password_file).read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError) as exc:
                raise DatabaseError(
                    f"cannot read the password file {password_file}: {exc}"
                ) from None

        def configure(conn) -> None:
            conn.row_factory = lambda cur: _pg_factory(cur)

        try:
            probe = psycopg.connect(url, connect_timeout=10, **kwargs)
            probe.close()
        except psycopg.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise DatabaseError(f"cannot connect to {self.label}: {first}") from None
        self._pool = ConnectionPool(
            url, min_size=1, max_size=size, kwargs=kwargs, configure=configure, open=True,
            timeout=30,
        )  # fmt: skip

    @contextmanager
    def _tx(self, isolation) -> Iterator[_PgConnection]:
        with self._pool.connection() as raw:
            raw.isolation_level = isolation
            with raw.transaction():
                yield _PgConnection(raw)

    @contextmanager
    def write(self) -> Iterator[_PgConnection]:
        from psycopg import IsolationLevel

        with self._tx(IsolationLevel.READ_COMMITTED) as c:
            yield c

    @contextmanager
    def read(self) -> Iterator[_PgConnection]:
        from psycopg import IsolationLevel

        with self._tx(IsolationLevel.REPEATABLE_READ) as c:
            yield c

    def close(self) -> None:
        self._pool.close()

    def in_list(self, values: Sequence[Any]) -> tuple[str, list[Any]]:
        # One array parameter: a statement with hundreds of placeholders costs psycopg more to
        # parse than the server to run.
        return "= ANY(?)", [list(values)]

    def insert_many(
        self, c: Any, table: str, columns: Sequence[str], rows: list[tuple], ignore: bool = False
    ) -> None:
        if not rows:
            return
        cols = ", ".join(columns)
        cur = c.raw.cursor()
        if not ignore:  # COPY: one stream instead of a round trip per row
            with cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        cur.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS _bulk_{table} (LIKE {table}) ON COMMIT DELETE ROWS"
        )
        with cur.copy(f"COPY _bulk_{table} ({cols}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cur.execute(
            f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _bulk_{table} ON CONFLICT DO NOTHING"
        )


def _pg_factory(cursor):
    cls = _row_class([d.name for d in cursor.description or ()])
    return cls


def _redact(url: str) -> str:
    """The URL without a password, for messages and logs."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        host = parts.hostname or ""
        user = parts.username or ""
        netloc = f"{user}:***@{host}" + (f":{parts.port}" if parts.port else "")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


# SQL that differs between the two databases: the one place that spells both.
SQL: dict[str, dict[str, str]] = {
    # Insert unless a row with the same key exists.
    "insert_ignore": {SQLITE: "INSERT OR IGNORE INTO", POSTGRESQL: "INSERT INTO"},
    "on_conflict_ignore": {SQLITE: "", POSTGRESQL: " ON CONFLICT DO NOTHING"},
    # Lock the sequence row until commit (SQLite's BEGIN IMMEDIATE already holds the write lock).
    "lock_seq": {
        SQLITE: "SELECT value FROM meta WHERE key = 'seq'",
        POSTGRESQL: "SELECT value FROM meta WHERE key = 'seq' FOR UPDATE",
    },
    "sum": {SQLITE: "total", POSTGRESQL: "sum"},
}
