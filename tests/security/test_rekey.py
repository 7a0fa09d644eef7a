"""Changing the passphrase keeps every record and attachment; refusals change nothing."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest
from security_helpers import NEW, PASS, meeting, photo_file

from fieldkit.core.attachments import add_attachment
from fieldkit.core.opening import open_store
from fieldkit.core.security import (
    StoreInUse,
    WeakPassphrase,
    WrongPassphrase,
    change_passphrase,
    encrypt_store,
)


def snapshot(store) -> dict:
    records = {r.id: r.model_dump(mode="json") for r in store.iter_records()}
    return {
        "records": records,
        "history": {rid: [h.changes for h in store.history(rid)] for rid in records},
        "drafts": store.drafts(),
        "outbox": len(store.outbox()),
        "device": store.device_id,
    }


def fill(store, tmp_path, n: int = 40) -> list[str]:
    made = [store.create(meeting(f"Meeting {i} on grid stability")) for i in range(n)]
    for m in made[:5]:
        store.update(m.id, {"place": "Ministry of Energy"})
    store.save_draft("d1", "meeting", {"subject": "unsaved"})
    return [add_attachment(store, made[0].id, photo_file(tmp_path / "a.jpg")).sha256]


def test_rekey_keeps_every_record_and_attachment(keyed, data_dir, tmp_path):
    shas = fill(keyed, tmp_path)
    before = snapshot(keyed)
    salt = (data_dir / "fieldkit.db").read_bytes()[:16]
    change_passphrase(keyed, PASS, NEW)
    assert (data_dir / "fieldkit.db").read_bytes()[:16] != salt  # a new salt, a new key
    # The open store keeps working on the re-keyed file.
    keyed.create(meeting("after the change"))
    assert snapshot(keyed)["records"].keys() > before["records"].keys()
    keyed.close()
    with pytest.raises(WrongPassphrase):
        open_store(data_dir, passphrase=PASS)
    with open_store(data_dir, passphrase=NEW) as s:
        after = snapshot(s)
        assert {k: v for k, v in after["records"].items() if k in before["records"]} == before[
            "records"
        ]
        assert after["history"].items() >= before["history"].items()
        assert after["drafts"] == before["drafts"]
        assert after["device"] == before["device"]
        photo = s.blobs.get(shas[0])
        assert hashlib.sha256(photo).hexdigest() == shas[0]
        assert [e["event"] for e in s.audit_events()][:2] == ["unlock_failed", "passphrase_changed"]


def test_wrong_current_passphrase_changes_nothing(keyed, data_dir):
    keyed.create(meeting())
    path = data_dir / "fieldkit.db"
    salt = path.read_bytes()[:16]
    with pytest.raises(WrongPassphrase, match="current passphrase is wrong"):
        change_passphrase(keyed, "not the passphrase at all", NEW)
    assert path.read_bytes()[:16] == salt
    assert keyed.audit_events()[0]["event"] == "passphrase_change_refused"
    keyed.close()
    open_store(data_dir, passphrase=PASS).close()


def test_weak_new_passphrase_is_refused(keyed):
    with pytest.raises(WeakPassphrase, match="shorter than 10"):
        change_passphrase(keyed, PASS, "kenya26")
    with pytest.raises(WeakPassphrase, match="too easy to guess"):
        change_passphrase(keyed, PASS, "password1234")


def test_rekey_refused_while_another_connection_has_the_store(keyed, data_dir):
    other = open_store(data_dir, passphrase=PASS)  # e.g. the app still open
    try:
        with pytest.raises(StoreInUse, match="open in another FieldKit"):
            change_passphrase(keyed, PASS, NEW)
        other.create(meeting("written meanwhile"))
    finally:
        other.close()
    assert keyed.count() == 1  # the refusing store still works
    change_passphrase(keyed, PASS, NEW)


def test_encrypt_refused_while_the_store_is_open(data_dir):
    store = open_store(data_dir)
    store.create(meeting())
    with pytest.raises(StoreInUse):
        encrypt_store(data_dir, PASS)
    store.close()
    del store  # the app drops its store when it closes the window
    encrypt_store(data_dir, PASS)
    with open_store(data_dir, passphrase=PASS) as s:
        assert s.count() == 1


def test_encrypt_refused_while_another_process_has_the_store_open(data_dir):
    open_store(data_dir).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from fieldkit.core.opening import open_store; "
            f"s = open_store({str(data_dir)!r}); print('open', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreInUse, match="close it and try again"):
            encrypt_store(data_dir, PASS)
    finally:
        holder.kill()
        holder.wait()
    encrypt_store(data_dir, PASS)
