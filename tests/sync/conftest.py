from __future__ import annotations

import os

import pytest
from hqserver import HQServer, Laptop

# Laptop-side UI tests talk to HQ like any client: one database is enough for them.
SQLITE_ONLY = ("test_sync_ui", "test_sync_ui_japanese", "test_sync_schema",
               "test_local_staff", "test_ceiling", "test_refused")  # fmt: skip


def pytest_generate_tests(metafunc):
    """Every test using ``hq`` (or ``hq_db``) runs on SQLite and on PostgreSQL."""
    if "hq_backend" in metafunc.fixturenames:
        module = metafunc.module.__name__.rsplit(".", 1)[-1]
        backends = ["sqlite"] if module in SQLITE_ONLY else ["sqlite", "postgresql"]
        metafunc.parametrize("hq_backend", backends, indirect=True)


@pytest.fixture(scope="session")
def pg_cluster():
    from pgcluster import Cluster

    try:
        cluster = Cluster()
    except (RuntimeError, OSError) as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL test cluster did not start: {exc}")
        pytest.skip(f"PostgreSQL test cluster did not start: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture
def hq_backend(request):
    return request.param


@pytest.fixture
def hq_db(hq_backend, tmp_path, request):
    """(database, blobs folder): an SQLite file, or a fresh PostgreSQL database."""
    if hq_backend == "sqlite":
        yield str(tmp_path / "hq" / "hq.db"), None
        return
    cluster = request.getfixturevalue("pg_cluster")
    url = cluster.create_database()
    yield url, tmp_path / "hq" / "blobs"
    cluster.drop_database(url)


@pytest.fixture
def hq(hq_db):
    db, blobs = hq_db
    server = HQServer(db, blobs=blobs).start()
    yield server
    server.stop()


@pytest.fixture
def laptops(hq, tmp_path):
    """Factory: laptops(n, embassy="KE") -> list of enrolled Laptop objects."""
    made: list[Laptop] = []

    def make(n: int = 1, embassy: str = "KE") -> list[Laptop]:
        out = []
        for _ in range(n):
            i = len(made) + 1
            lap = Laptop(hq, tmp_path / f"laptop{i}", embassy, f"laptop {i}")
            made.append(lap)
            out.append(lap)
        return out

    yield make
    for lap in made:
        lap.close()
