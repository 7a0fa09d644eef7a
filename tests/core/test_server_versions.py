"""HQ's version of each record a laptop holds, in a table of its own (store step 10)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from fieldkit.core.store import Store

SCHEMA3 = Path(__file__).parent.parent / "data" / "stores" / "schema3" / "fieldkit.db"


def test_an_older_store_keeps_hqs_versions_in_their_own_table(tmp_path):
    """Step 10 moves HQ's version of each record out of the records' rows (setting it rewrote
    each whole row): the stamps an older store holds carry over, an edit is queued on its
    stamp, and a record's stamp goes with it."""
    from sync.state import SyncState

    shutil.copy(SCHEMA3, tmp_path / "fieldkit.db")
    conn = sqlite3.connect(tmp_path / "fieldkit.db")
    ids = [r[0] for r in conn.execute("SELECT id FROM records WHERE kind = 'followup' LIMIT 3")]
    conn.executemany("UPDATE records SET server_version = ? WHERE id = ?",
                     [(7 + n, rid) for n, rid in enumerate(ids)])  # fmt: skip
    conn.commit()
    conn.close()
    store = Store.open(tmp_path)
    try:
        stamps = dict(store.conn.execute("SELECT id, version FROM server_versions"))
        assert stamps == {rid: 7 + n for n, rid in enumerate(ids)}
        assert SyncState(store).summary()["followup"][0] == 3
        store.update(ids[0], {"text": "Edited after the upgrade"})
        (base,) = store.conn.execute(
            "SELECT base_version FROM outbox WHERE record_id = ? ORDER BY seq DESC LIMIT 1",
            (ids[0],),
        ).fetchone()
        assert base == 7
        with store.tx.write() as c:
            c.execute("DELETE FROM records WHERE id = ?", (ids[1],))
        assert store.conn.execute(
            "SELECT count(*) FROM server_versions WHERE id = ?", (ids[1],)
        ).fetchone() == (0,)
    finally:
        store.close()
