"""Fixtures for the HQ console: a real HQ database filled through the sync push API with the demo
records of several embassies, console users of each role, and signed-in HTTP clients."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from console_helpers import PASSWORD, photos_for, push, records_by_embassy, sign_in
from fastapi.testclient import TestClient

from sync.server.app import create_app
from sync.server.console import auth
from sync.server.storage import HQStore


@pytest.fixture(scope="session")
def hq_template(tmp_path_factory) -> Path:
    """An HQ database with demo records of every demo embassy, made once per test run."""
    db = tmp_path_factory.mktemp("hq-template") / "hq.db"
    store = HQStore(db)
    by_embassy = records_by_embassy()
    for cc, recs in sorted(by_embassy.items()):
        push(store, cc, recs + photos_for(store, by_embassy[cc]))
    store.close()
    app = create_app(db)  # the console's tables and index, and its users, once
    console_db = app.state.console.db
    auth.add_user(console_db, "admin", "admin", PASSWORD)
    auth.add_user(console_db, "ke_officer", "officer", PASSWORD, countries="KE")
    auth.add_user(console_db, "tz_officer", "officer", PASSWORD, countries="TZ", lang="ja")
    auth.add_user(console_db, "viewer", "viewer", PASSWORD, countries="KE")
    app.state.store.close()
    return db


@pytest.fixture
def hq_db(hq_template, tmp_path) -> Path:
    target = tmp_path / "hq.db"
    shutil.copy(hq_template, target)
    shutil.copytree(hq_template.with_name("hq.db.blobs"), tmp_path / "hq.db.blobs")
    for suffix in ("-wal", "-shm"):
        src = hq_template.with_name(hq_template.name + suffix)
        if src.exists():
            shutil.copy(src, target.with_name(target.name + suffix))
    return target


@pytest.fixture
def app(hq_db):
    app = create_app(hq_db)
    yield app
    app.state.store.close()


@pytest.fixture
def client_for(app):
    clients = []

    def make(name: str | None) -> TestClient:
        c = TestClient(app, base_url="http://testserver")
        clients.append(c)
        if name:
            r = sign_in(c, name)
            assert r.status_code == 303, r.text
        return c

    yield make
    for c in clients:
        c.close()
