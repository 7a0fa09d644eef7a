"""A background read that outlives its store (the window closed meanwhile) is not an error to
show; any other failure still is."""

from __future__ import annotations

import sqlite3

from fieldkit.core.store import Store
from fieldkit.ui import ops


def test_a_read_after_the_store_closed_is_not_reported(tmp_path, qapp):
    store = Store.open(tmp_path)
    before = (ops._store_provider, ops._error_reporter)
    reported: list = []
    ops.configure(lambda: store, lambda parent, exc, details: reported.append(exc))
    try:
        ops.report(None, ValueError("disk full"))
        assert len(reported) == 1  # a real failure is shown

        # A read of another window's store that closed: the driver's error, whatever store is open.
        other = sqlite3.connect(":memory:")
        other.close()
        try:
            other.execute("SELECT 1")
        except sqlite3.ProgrammingError as exc:
            ops.report(None, exc)
        assert len(reported) == 1

        store.close()  # this window's own store closed: anything failing now is dropped
        ops.report(None, ValueError("cursor gone"))
        assert len(reported) == 1
    finally:
        ops._store_provider, ops._error_reporter = before
        if not store.closed:
            store.close()
