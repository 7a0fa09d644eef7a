"""How the console reaches HQ's database: through the sync store's own transactions.

``Handle`` is the one place that knows which store API and which SQL dialect are in use. Today HQ
is SQLite (``HQStore.read()``/``write()``, connections with ``?`` parameters). The console's SQL is
written with ``?`` placeholders; HQ's database layer (``sync/server/db.py``) turns them into
psycopg's on PostgreSQL, so connections are used as the store gives them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class Dialect(enum.Enum):
    SQLITE = "sqlite"
    POSTGRES = "postgres"


class Handle:
    def __init__(self, store: Any) -> None:
        self.store = store
        # The store says which database it is on ("sqlite", "postgresql"); a store that does not
        # say is the SQLite-only HQStore.
        name = str(getattr(store, "dialect", "sqlite")).lower()
        self.dialect = Dialect.POSTGRES if name.startswith("postgres") else Dialect.SQLITE

    @contextmanager
    def read(self) -> Iterator[Any]:
        with self.store.read() as c:
            yield c

    @contextmanager
    def write(self) -> Iterator[Any]:
        with self.store.write() as c:
            yield c

    def blob_path(self, sha: str):
        return self.store.blob_path(sha)
