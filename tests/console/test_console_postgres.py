"""The HQ console on PostgreSQL (issue #12's database layer): the same records pushed to an SQLite
HQ and to a PostgreSQL HQ list, search, scope and print alike. The cluster is started by the test
(tests/sync/pgcluster.py), as for the sync tests."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
from console_helpers import PASSWORD, push, records_by_embassy, sign_in
from fastapi.testclient import TestClient

from sync.server.app import create_app
from sync.server.console import auth
from sync.server.storage import HQStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

pytestmark = pytest.mark.skipif(
    not hasattr(HQStore, "dialect"), reason="this HQ has no PostgreSQL support yet (issue #12)"
)
QUERIES = ["kind=meeting", "q=ministry", "q=%E9%9D%A2%E8%AB%87", 'q="Ministry of"',
           "kind=visit&region=africa", "field=gx&sort=title"]  # fmt: skip


@pytest.fixture(scope="module")
def cluster():
    try:
        from pgcluster import Cluster

        c = Cluster()
    except (ImportError, RuntimeError, OSError) as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL test cluster did not start: {exc}")
        pytest.skip(f"PostgreSQL test cluster did not start: {exc}")
    yield c
    c.stop()


def _app(target, blobs, records):
    store = HQStore(target, blobs)
    for cc, recs in sorted(records.items()):
        if cc in ("KE", "TZ", "GH", "ZA", "EG"):
            push(store, cc, recs)
    store.close()
    app = create_app(target, blobs=blobs)
    db = app.state.console.db
    auth.add_user(db, "admin", "admin", PASSWORD)
    auth.add_user(db, "ke", "officer", PASSWORD, countries="KE")
    return app


def _ids(client, query):
    return re.findall(
        r'/console/records/([0-9a-f-]{36})"',
        client.get(f"/console/records?{query}&per_page=500").text,
    )


def test_postgresql_answers_like_sqlite(cluster, tmp_path):
    url = cluster.create_database()
    records = records_by_embassy()  # the same records (and ids) for both
    pg = _app(url, tmp_path / "pg-blobs", records)
    lite = _app(str(tmp_path / "hq.db"), None, records)
    try:
        assert pg.state.console.db.dialect.value == "postgres"
        clients = {}
        for name, app in (("pg", pg), ("sqlite", lite)):
            c = TestClient(app)
            assert sign_in(c, "admin").status_code == 303
            clients[name] = c
        for query in QUERIES:
            a, b = _ids(clients["pg"], query), _ids(clients["sqlite"], query)
            assert a and a == b, query
        ke = TestClient(pg)
        sign_in(ke, "ke")
        with pg.state.console.db.read() as c:
            tz = c.execute("SELECT id FROM records WHERE embassy = 'TZ' LIMIT 1").fetchone()[0]
            ke_id = c.execute("SELECT id FROM records WHERE embassy = 'KE' AND kind = 'meeting' "
                              "LIMIT 1").fetchone()[0]  # fmt: skip
        assert ke.get(f"/console/records/{tz}").status_code == 404
        assert ke.get(f"/console/records/{ke_id}").status_code == 200
        pdf = ke.get(f"/console/records/{ke_id}/pdf?lang=ja")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        brief = clients["pg"].get("/console/print?report=brief&kind=meeting")
        assert brief.status_code == 200 and brief.content.startswith(b"%PDF")
        assert clients["pg"].get("/console/").status_code == 200
    finally:
        pg.state.store.close()
        lite.state.store.close()
        cluster.drop_database(url)
