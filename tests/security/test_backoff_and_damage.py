"""Absurd back-off counts never lock the owner out; a damaged first page is not a wrong guess;
``status --check`` finds a flipped byte that unlocking does not read."""

from __future__ import annotations

import json

import pytest
from security_helpers import PASS, meeting

from fieldkit.cli.main import main
from fieldkit.core.opening import open_store
from fieldkit.core.security import DamagedStore, WrongPassphrase, unlocking
from fieldkit.core.security.backoff import ATTEMPTS_FILE, MAX_DELAY, Backoff, delay_after


@pytest.mark.parametrize("failures", [0, 3, 4, 12, 1026, 1027, 10**6, 10**30, -1, -(10**30)])
def test_delay_is_between_zero_and_the_cap_for_any_count(failures):
    assert 0.0 <= delay_after(failures) <= MAX_DELAY


@pytest.mark.parametrize(
    "content",
    [
        {"failures": 10**6, "last_failure": 0},
        {"failures": 10**30, "last_failure": 0},
        {"failures": -5, "last_failure": 0},
        {"failures": 1026, "last_failure": 1e308},
        {"failures": 1e400, "last_failure": 0},
        {"failures": "many", "last_failure": "yesterday"},
        [1, 2, 3],
    ],
)
def test_absurd_or_corrupted_attempt_files_still_open_with_the_right_passphrase(data_dir, content):
    open_store(data_dir, passphrase=PASS).close()
    text = json.dumps(content).replace("Infinity", "1e400")
    (data_dir / ATTEMPTS_FILE).write_text(text, encoding="utf-8")
    backoff = Backoff(data_dir, clock=lambda: 10**9)
    assert 0 <= backoff.remaining() <= MAX_DELAY
    # A clock that moves on by the longest delay at each look: the right passphrase then opens.
    ticks = iter(range(10**9, 10**12, int(MAX_DELAY) + 1))
    store = unlocking.open_encrypted(data_dir, PASS, clock=lambda: next(ticks))
    store.close()
    assert not (data_dir / ATTEMPTS_FILE).exists()


def test_a_corrupted_attempts_file_is_one_line_in_the_cli(data_dir, tmp_path, capsys):
    open_store(data_dir, passphrase=PASS).close()
    (data_dir / ATTEMPTS_FILE).write_text('{"failures": 1026, "last_failure": 0}')
    pw = tmp_path / "pw"
    pw.write_text(PASS)
    rc = main(["--data-dir", str(data_dir), "--passphrase-file", str(pw), "status"])
    err = capsys.readouterr().err
    assert rc == 0 and "unexpected error" not in err


def _flip(path, offset):
    raw = bytearray(path.read_bytes())
    raw[offset] ^= 0x5A
    path.write_bytes(bytes(raw))


def test_tampered_first_page_is_damage_not_a_wrong_passphrase(data_dir):
    with open_store(data_dir, passphrase=PASS) as s:
        s.create(meeting())
    path = data_dir / "fieldkit.db"
    _flip(path, 1000)  # inside page 1's ciphertext, after the salt
    with pytest.raises(DamagedStore, match="first page"):
        open_store(data_dir, passphrase=PASS)
    assert Backoff(data_dir).load().failures == 0  # damage is not a wrong attempt
    with pytest.raises(WrongPassphrase):  # a wrong passphrase is still told as such, and counted
        open_store(data_dir, passphrase="not the passphrase at all")
    assert Backoff(data_dir).load().failures == 1


def test_status_check_reads_every_page(data_dir, tmp_path, capsys, monkeypatch):
    with open_store(data_dir, passphrase=PASS) as s:
        for i in range(200):
            s.create(meeting(f"meeting {i}", key_points="words " * 200))
    pw = tmp_path / "pw"
    pw.write_text(PASS)
    argv = ["--data-dir", str(data_dir), "--passphrase-file", str(pw), "status", "--check"]
    assert main(argv) == 0
    assert "integrity: ok (every page's HMAC" in capsys.readouterr().out
    path = data_dir / "fieldkit.db"
    _flip(path, path.stat().st_size // 2 + 100)
    # As for a store over 32 MB: unlocking does not read every page, so it opens ...
    monkeypatch.setattr(unlocking, "FULL_CHECK_MAX", 0)
    assert main(["--data-dir", str(data_dir), "--passphrase-file", str(pw), "status"]) == 0
    capsys.readouterr()
    # ... and --check finds the altered page.
    assert main(argv) == 1
    out = capsys.readouterr().out
    assert "integrity: DAMAGED (1 pages fail their HMAC" in out
