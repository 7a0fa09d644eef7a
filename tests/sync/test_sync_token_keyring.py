"""A laptop without a keyring backend looks for one once, at enrolment, not at every sync."""

from __future__ import annotations

from fieldkit.cli.main import main as fieldkit
from fieldkit.core.store import Store
from sync import credentials
from sync.client import enroll


def test_sync_commands_do_not_look_for_a_keyring_enrolment_found_missing(
    hq, tmp_path, capsys, monkeypatch
):
    probes = []
    monkeypatch.setattr(credentials, "_keyring", lambda: probes.append(1))  # returns None
    d = tmp_path / "lap"
    with Store.open(d) as store:
        info = enroll(store, hq.url, hq.enrol_code("KE", "lap"), device_name="lap")
    assert "no system keyring" in info["credential"] and len(probes) == 1
    probes.clear()
    assert fieldkit(["--data-dir", str(d), "sync"]) == 0, capsys.readouterr().err
    assert probes == []  # the token is known to be in its file: no 0.4-1.2 s keyring lookup
