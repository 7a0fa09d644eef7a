"""``fieldkit smoke``: the real window on a real data folder, as IT runs it after installing."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from fieldkit.core.demo import generate
from fieldkit.core.store import Store


def run(data_dir, *args, env_extra=None):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FIELDKIT_DATA_DIR=str(data_dir))
    env.pop("FIELDKIT_PASSPHRASE", None)
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "fieldkit", "smoke", *args],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip


def test_smoke_lists_the_meetings_of_this_data_folder(tmp_path):
    data = tmp_path / "data"
    store = Store.open(data)
    generate(store, meetings=30, visits=0, projects=0, seed=3)
    store.close()
    result = run(data, "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["ok"] is True
    assert figures["rows"] == 30
    assert 0 < figures["window_ms"] <= figures["rows_ms"] <= figures["total_ms"]


def test_smoke_on_a_folder_without_a_store_says_so_and_creates_nothing(tmp_path):
    result = run(tmp_path / "new")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no FieldKit store" in lines[0], result.stderr
    assert not (tmp_path / "new").exists()


def test_smoke_on_an_empty_store_starts_with_an_empty_list(tmp_path):
    from fieldkit.core.store import Store

    Store.open(tmp_path / "empty").close()
    result = run(tmp_path / "empty")
    assert result.returncode == 0, result.stderr
    assert "meetings listed after" in result.stdout and "(0 rows on screen" in result.stdout


def test_smoke_on_an_encrypted_store_without_its_passphrase_is_refused_in_one_line(tmp_path):
    from fieldkit.core.opening import open_store

    data = tmp_path / "locked"
    open_store(data, passphrase="correct horse battery staple", create=True).close()
    result = run(data)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fieldkit: error:"), result.stderr
    assert "passphrase" in lines[0]
    ok = run(data, env_extra={"FIELDKIT_PASSPHRASE": "correct horse battery staple"})
    assert ok.returncode == 0, ok.stderr


@pytest.mark.runs_app_exec
def test_a_list_that_fails_to_load_ends_the_smoke_at_once_with_the_reason(store, qapp, monkeypatch):
    from fieldkit.ui import ops, smoke
    from fieldkit.ui.lists import model

    def broken(*_args, **_kwargs):
        raise RuntimeError("the list index is damaged")

    monkeypatch.setattr(model, "load_first_rows", broken)
    monkeypatch.setattr(model, "load_page", broken)
    try:
        result = smoke.run_smoke(store, timeout_s=30)
    finally:
        ops.configure(lambda: store, lambda *_: None)
    assert result.rows_ms is None
    assert result.error == "RuntimeError: the list index is damaged"
    assert result.total_ms < 20_000  # it did not wait for the timeout
