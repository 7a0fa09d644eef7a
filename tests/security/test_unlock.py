"""Unlocking: wrong passphrases, back-off, damaged files, and what the command line shows."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest
from security_helpers import PASS, meeting, photo_file

from fieldkit.core.attachments import add_attachment
from fieldkit.core.errors import FieldKitError
from fieldkit.core.opening import open_store
from fieldkit.core.security import (
    Backoff,
    DamagedStore,
    NotEncrypted,
    PassphraseRequired,
    UnlockDelayed,
    WrongPassphrase,
)
from fieldkit.core.security.unlocking import open_encrypted


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def closed_keyed(data_dir):
    with open_store(data_dir, passphrase=PASS) as s:
        s.create(meeting("Geothermal steering committee"))
    return data_dir


def test_right_passphrase_opens_and_wrong_one_is_refused_untouched(closed_keyed):
    path = closed_keyed / "fieldkit.db"
    before = digest(path)
    with pytest.raises(WrongPassphrase, match="wrong passphrase.*cannot be recovered"):
        open_store(closed_keyed, passphrase="correct horse battery stapler")
    assert digest(path) == before
    with open_store(closed_keyed, passphrase=PASS) as s:
        assert [r["title"] for r in s.search("steering")] == ["Geothermal steering committee"]


def test_passphrase_is_normalised_so_another_keyboard_still_opens_it(data_dir):
    composed = "café au lait près du marché"  # NFC
    decomposed = "cafe\u0301 au lait pre\u0300s du marche\u0301"  # NFD, as some IMEs type it
    open_store(data_dir, passphrase=composed).close()
    open_store(data_dir, passphrase=decomposed).close()


def test_missing_or_surplus_passphrase_says_what_to_do(closed_keyed, tmp_path):
    with pytest.raises(PassphraseRequired, match="FIELDKIT_PASSPHRASE"):
        open_store(closed_keyed)
    plain = tmp_path / "plain"
    open_store(plain).close()
    with pytest.raises(NotEncrypted, match="fieldkit encrypt"):
        open_store(plain, passphrase=PASS)


def test_wrong_attempts_slow_down_and_are_audited(closed_keyed):
    now = [1_000_000.0]
    clock = lambda: now[0]  # noqa: E731
    for _ in range(3):  # typos are free
        with pytest.raises(WrongPassphrase):
            open_encrypted(closed_keyed, "not it at all", clock=clock)
    # Now even the right passphrase must wait; the wait survives a restart (it is on disk).
    with pytest.raises(UnlockDelayed, match="wait 2 s") as exc:
        open_encrypted(closed_keyed, PASS, clock=clock)
    assert exc.value.wait == pytest.approx(2.0)
    now[0] += 2.5
    with pytest.raises(WrongPassphrase, match="4 wrong in a row"):
        open_encrypted(closed_keyed, "guess four", clock=clock)
    assert Backoff(closed_keyed, clock).remaining() == pytest.approx(4.0)
    now[0] += 4.5
    with open_encrypted(closed_keyed, PASS, clock=clock) as s:
        events = s.audit_events()
        assert events[0]["event"] == "unlock_failed"
        assert events[0]["detail"]["count"] == 4
        assert len(events[0]["detail"]["times"]) == 4
    assert Backoff(closed_keyed, clock).load().failures == 0


def test_a_clock_set_back_cannot_lock_the_owner_out_for_long(closed_keyed):
    now = [2_000_000.0]
    backoff = Backoff(closed_keyed, lambda: now[0])
    for _ in range(30):
        backoff.failed()
    now[0] -= 10 * 24 * 3600
    assert backoff.remaining() <= 300


def test_tampered_page_is_refused_and_file_left_untouched(closed_keyed):
    path = closed_keyed / "fieldkit.db"
    data = bytearray(path.read_bytes())
    assert len(data) >= 3 * 4096
    data[2 * 4096 + 100] ^= 0x01
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(DamagedStore, match="damaged or was altered.*left untouched"):
        open_store(closed_keyed, passphrase=PASS)
    assert digest(path) == before
    assert Backoff(closed_keyed).load().failures == 0  # not counted as a wrong passphrase


@pytest.mark.parametrize("cut", [1000, 4096])
def test_truncated_file_is_refused_and_left_untouched(closed_keyed, cut):
    path = closed_keyed / "fieldkit.db"
    data = path.read_bytes()
    path.write_bytes(data[:-cut])
    before = digest(path)
    with pytest.raises((DamagedStore, WrongPassphrase)) as exc:
        open_store(closed_keyed, passphrase=PASS)
    assert "damaged" in str(exc.value)
    assert digest(path) == before


def test_altered_attachment_is_reported_not_returned(keyed, tmp_path):
    m = keyed.create(meeting())
    att = add_attachment(keyed, m.id, photo_file(tmp_path / "p.jpg"))
    path = keyed.blobs.path(att.sha256)
    raw = bytearray(path.read_bytes())
    raw[-5] ^= 0x80
    path.write_bytes(bytes(raw))
    with pytest.raises(FieldKitError, match="damaged or was altered"):
        keyed.blobs.get(att.sha256)


def run_cli(*args, env_extra=None, data_dir=None):
    import os

    env = dict(os.environ, FIELDKIT_DATA_DIR=str(data_dir), **(env_extra or {}))
    return subprocess.run(
        [sys.executable, "-m", "fieldkit", *args], capture_output=True, text=True, env=env
    )


def test_cli_wrong_passphrase_and_damage_are_one_line_errors(closed_keyed, tmp_path):
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("definitely not the passphrase\n")
    r = run_cli("--passphrase-file", str(wrong), "status", data_dir=closed_keyed)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "wrong passphrase" in r.stderr
    assert "Traceback" not in r.stderr
    r = run_cli("status", data_dir=closed_keyed)
    assert r.returncode == 2 and "is encrypted" in r.stderr
    path = closed_keyed / "fieldkit.db"
    path.write_bytes(path.read_bytes()[:-100])
    r = run_cli("status", env_extra={"FIELDKIT_PASSPHRASE": PASS}, data_dir=closed_keyed)
    assert r.returncode == 2 and "damaged" in r.stderr and "Traceback" not in r.stderr
    assert r.stderr.count("\n") == 1
    r = run_cli("lock-status", "--json", data_dir=closed_keyed)
    assert r.returncode == 0 and '"state": "encrypted"' in r.stdout


def test_damage_found_while_reading_a_large_store_is_a_clear_error(closed_keyed, monkeypatch):
    # Above FULL_CHECK_MAX the unlock does not read every page; the damaged page is caught when
    # a query reads it, with the same kind of message and no change made.
    from fieldkit.core.errors import StoreError
    from fieldkit.core.security import unlocking

    with open_store(closed_keyed, passphrase=PASS) as s:
        s.create_many(meeting(f"Meeting {i}", key_points="y" * 3000) for i in range(200))
    path = closed_keyed / "fieldkit.db"
    data = bytearray(path.read_bytes())
    pages = len(data) // 4096
    for page in range(pages // 2, pages):  # the second half: record bodies and search text
        data[page * 4096 + 77] ^= 0x04
    path.write_bytes(bytes(data))
    before = digest(path)
    monkeypatch.setattr(unlocking, "FULL_CHECK_MAX", 0)
    with (
        open_store(closed_keyed, passphrase=PASS) as s,  # the schema pages are intact
        pytest.raises(StoreError, match="damaged or was altered"),
    ):
        list(s.iter_records())
        s.search("Meeting")
    assert digest(path) == before
