"""The issue's test: nothing readable under the data folder once the store is encrypted."""

from __future__ import annotations

from security_helpers import PASS, meeting, photo_file, plaintext_found

from fieldkit.core.attachments import add_attachment
from fieldkit.core.opening import open_store
from fieldkit.core.security import encrypt_store


def write_sensitive(store, tmp_path) -> list[str]:
    m = store.create(
        meeting("MARKER-7f3a-SUBJECT", key_points="MARKER-7f3a-KEYPOINT 機密マーカー地熱")
    )
    store.update(m.id, {"place": "MARKER-7f3a-OLDPLACE"})
    store.update(m.id, {"place": "Nairobi"})  # the old value lives on in the history
    gone = store.create(meeting("MARKER-7f3a-TRASH"))
    store.delete(gone.id)
    store.save_draft("draft-1", "meeting", {"subject": "MARKER-7f3a-DRAFT"})
    shas = []
    for fmt, name in (("JPEG", "site.jpg"), ("PNG", "chart.png")):
        att = add_attachment(store, m.id, photo_file(tmp_path / name, fmt))
        shas.append(att.sha256)
    return shas


def test_the_scan_finds_plaintext_in_an_unencrypted_store(store, data_dir, tmp_path):
    # Guard against a scan that cannot fail: the same writes without a passphrase are visible.
    write_sensitive(store, tmp_path)
    found = plaintext_found(data_dir)
    assert any("MARKER-7f3a-SUBJECT" in f for f in found)
    assert any("image header" in f for f in found)


def test_encrypted_store_writes_no_record_text_or_photo_in_plaintext(keyed, data_dir, tmp_path):
    shas = write_sensitive(keyed, tmp_path)
    # Scanned while the store is open: the WAL holds the latest pages.
    if keyed.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
        assert list(data_dir.glob("*-wal")), "expected a WAL file to scan"
    assert plaintext_found(data_dir) == []
    # ... and everything is still there and readable.
    assert [r["title"] for r in keyed.search("MARKER-7f3a-SUBJECT")] == ["MARKER-7f3a-SUBJECT"]
    assert keyed.drafts()[0]["data"]["subject"] == "MARKER-7f3a-DRAFT"
    assert keyed.blobs.get(shas[0])[:3] == b"\xff\xd8\xff"
    assert keyed.blobs.get(shas[1])[:8] == b"\x89PNG\r\n\x1a\n"
    keyed.close()
    assert plaintext_found(data_dir) == []


def test_converted_store_leaves_no_plaintext(store, data_dir, tmp_path):
    shas = write_sensitive(store, tmp_path)
    store.close()
    assert plaintext_found(data_dir)  # before: all visible
    counts = encrypt_store(data_dir, PASS)
    assert counts == {"records": 4, "attachments": 2}  # 2 meetings (1 in the trash), 2 photos
    assert plaintext_found(data_dir) == []
    with open_store(data_dir, passphrase=PASS) as s:
        assert s.count() == 3  # the live meeting and its two attachments
        assert s.blobs.get(shas[0])[:3] == b"\xff\xd8\xff"
        assert s.drafts()[0]["data"]["subject"] == "MARKER-7f3a-DRAFT"
        assert len(s.history(s.search("MARKER-7f3a-SUBJECT")[0]["id"])) == 3
        assert plaintext_found(data_dir) == []


TOKEN = "fkdev_MARKER-7f3a-TOKEN-e1b2c3d4e5f6"


def _files_containing(data_dir, needle: bytes) -> list[str]:
    return [
        str(p.relative_to(data_dir))
        for p in data_dir.rglob("*")
        if p.is_file() and needle in p.read_bytes()
    ]


def test_encrypt_moves_the_device_token_inside_the_store(store, data_dir, monkeypatch):
    # No keyring (a headless laptop): enrolment kept the token in a file beside the store.
    from sync import credentials

    monkeypatch.setattr(credentials, "_keyring", lambda: None)
    saved = credentials.save_token(data_dir, "device-1", TOKEN, store=store)
    assert saved.where == "file"
    store.close()
    assert _files_containing(data_dir, TOKEN.encode()) == [credentials.TOKEN_FILE]  # guard
    encrypt_store(data_dir, PASS)
    # The scan of the whole data folder: the token is nowhere in plain text, nor the file.
    assert _files_containing(data_dir, TOKEN.encode()) == []
    assert not (data_dir / credentials.TOKEN_FILE).exists()
    assert plaintext_found(data_dir) == []
    with open_store(data_dir, passphrase=PASS) as s:
        assert credentials.load_token(data_dir, "device-1", store=s, keyring=False) == TOKEN
        # Re-enrolling an encrypted laptop keeps the token inside too.
        again = credentials.save_token(data_dir, "device-2", TOKEN + "2", store=s)
        assert again.where == "store" and not (data_dir / credentials.TOKEN_FILE).exists()
    assert _files_containing(data_dir, TOKEN.encode()) == []


def test_a_token_file_left_beside_an_encrypted_store_is_taken_in_at_unlock(keyed, data_dir):
    from sync import credentials

    keyed.close()
    (data_dir / credentials.TOKEN_FILE).write_text(f"device-1\n{TOKEN}\n", encoding="utf-8")
    with open_store(data_dir, passphrase=PASS) as s:
        assert not (data_dir / credentials.TOKEN_FILE).exists()
        assert credentials.load_token(data_dir, "device-1", store=s, keyring=False) == TOKEN
    assert _files_containing(data_dir, TOKEN.encode()) == []
