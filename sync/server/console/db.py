"""How the console reaches HQ's database: through the sync store's own transactions.

``Handle`` is the one place that knows which store API and which SQL dialect are in use. Today HQ
is SQLite (``HQStore.read()``/``write()``, connections with ``?`` parameters). The console's SQL is
written with ``?`` placeholders; a PostgreSQL store gets them rewritten to ``%s`` here.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class Dialect(enum.Enum):
    SQLITE = "sqlite"
    POSTGRES = "postgres"


class _PgCursor:
    """A psycopg connection that takes the console's ``?`` placeholders."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Any = ()):
        return self._conn.execute(sql.replace("%", "%%").replace("?", "%s"), params)


class Handle:
    def __init__(self, store: Any) -> None:
        self.store = store
        name = type(store).__module__ + "." + type(store).__name__
        dialect = getattr(store, "dialect", None)
        self.dialect = (
            Dialect.POSTGRES
            if (str(dialect).lower().startswith("post") or "postgres" in name.lower())
            else Dialect.SQLITE
        )

    @contextmanager
    def read(self) -> Iterator[Any]:
        with self.store.read() as c:
            yield c if self.dialect is Dialect.SQLITE else _PgCursor(c)

    @contextmanager
    def write(self) -> Iterator[Any]:
        with self.store.write() as c:
            yield c if self.dialect is Dialect.SQLITE else _PgCursor(c)

    def blob_path(self, sha: str):
        return self.store.blob_path(sha)
