"""Killing the process (SIGKILL) during conversion or re-key loses nothing.

The command reports each step on stderr; the test kills it right after a given step was reported,
so every stage of the work gets interrupted, not only whatever a timer happens to hit.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys

import pytest
from security_helpers import NEW, PASS, meeting, photo_file, plaintext_found

from fieldkit.core.attachments import add_attachment
from fieldkit.core.opening import open_store
from fieldkit.core.security import WrongPassphrase
from fieldkit.core.security.files import StoreState, store_state

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")


def fill(data_dir, tmp_path, passphrase=None) -> tuple[dict, list[str]]:
    with open_store(data_dir, passphrase=passphrase) as s:
        made = s.create_many(
            meeting(f"Meeting {i} MARKER-7f3a-SUBJECT", key_points="x" * 500) for i in range(300)
        )
        assert made == 300
        parent = s.query()[0]
        shas = []
        for i in range(4):
            photo = photo_file(tmp_path / f"p{i}.jpg", size=(200 + i, 150))
            shas.append(add_attachment(s, parent.id, photo).sha256)
        records = {r.id: r.model_dump(mode="json") for r in s.iter_records()}
    return records, shas


def run_and_kill(args, data_dir, env_extra, kill_after: str) -> list[str]:
    env = dict(os.environ, FIELDKIT_DATA_DIR=str(data_dir), **env_extra)
    proc = subprocess.Popen(
        [sys.executable, "-m", "fieldkit", *args],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    seen = []
    for line in proc.stderr:
        seen.append(line.strip())
        if kill_after in line:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait()
    return seen


def check_intact(data_dir, passphrases, records, shas) -> str:
    """Open with whichever passphrase works; every record and photo must be there."""
    for p in passphrases:
        try:
            store = open_store(data_dir, passphrase=p)
        except WrongPassphrase:
            continue
        with store:
            got = {r.id: r.model_dump(mode="json") for r in store.iter_records()}
            assert got == records
            for sha in shas:
                assert hashlib.sha256(store.blobs.get(sha)).hexdigest() == sha
        return "none" if p is None else p
    raise AssertionError("no passphrase opens the store")


ENCRYPT_STEPS = [
    "checking the store",
    "encrypting the records",
    "encrypting attachments 2/4",
    "checking the encrypted copy",
    "replacing the unencrypted store",
    "removing unencrypted attachments",
]


@pytest.mark.parametrize("step", ENCRYPT_STEPS)
def test_kill_during_encryption_loses_nothing(data_dir, tmp_path, step):
    records, shas = fill(data_dir, tmp_path)
    seen = run_and_kill(["encrypt"], data_dir, {"FIELDKIT_PASSPHRASE": PASS}, step)
    assert any(step in s for s in seen), seen
    state = store_state(data_dir)
    opened_with = check_intact(
        data_dir, [None] if state is StoreState.PLAIN else [PASS], records, shas
    )
    if opened_with == PASS:
        # The next unlock finished the interrupted removal of unencrypted attachments.
        assert plaintext_found(data_dir) == []
    else:
        from fieldkit.core.security import encrypt_store

        encrypt_store(data_dir, PASS)  # leftovers of the killed run do not get in the way
        check_intact(data_dir, [PASS], records, shas)
        assert plaintext_found(data_dir) == []


REKEY_STEPS = ["re-encrypting the records", "checking the re-encrypted copy", "replacing the store"]


@pytest.mark.parametrize("step", REKEY_STEPS)
def test_kill_during_rekey_loses_nothing(data_dir, tmp_path, step):
    records, shas = fill(data_dir, tmp_path, passphrase=PASS)
    seen = run_and_kill(
        ["passphrase", "change"],
        data_dir,
        {"FIELDKIT_PASSPHRASE": PASS, "FIELDKIT_NEW_PASSPHRASE": NEW},
        step,
    )
    assert any(step in s for s in seen), seen
    check_intact(data_dir, [PASS, NEW], records, shas)
    assert plaintext_found(data_dir) == []
