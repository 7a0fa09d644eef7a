"""Attachments encrypted at rest: AES-256-GCM, one random key per file.

Each file's key is wrapped (AES key wrap, RFC 3394) with the store's attachment key, a random
256-bit key kept inside the encrypted SQLite file (``meta.attachment_key``). So the passphrase
protects the attachment key through SQLCipher, and changing the passphrase re-encrypts only the
SQLite file: the photos need not be rewritten, and a re-key stays one atomic file swap.

File names are an HMAC of the content hash, not the hash itself: a plain SHA-256 name would let
anyone holding the laptop check whether a known photo or document is among the attachments.

    file = b"FKE1" | wrapped file key (40) | nonce (12) | ciphertext + GCM tag (16)
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

from ..blobs import BlobStore
from ..errors import FieldKitError

ENCRYPTED_DIR = "attachments-encrypted"
PLAIN_DIR = "attachments"
MAGIC = b"FKE1"
META_KEY = "attachment_key"
_WRAPPED = 40
_NONCE = 12
_HEADER = len(MAGIC) + _WRAPPED + _NONCE


class EncryptedBlobStore(BlobStore):
    encrypts_at_rest = True

    def __init__(self, root: Path, attachment_key: bytes) -> None:
        super().__init__(root)
        if len(attachment_key) != 32:
            raise ValueError("the attachment key must be 32 bytes")
        self._kek = attachment_key
        self._names = hmac.new(
            attachment_key, b"fieldkit attachment names", hashlib.sha256
        ).digest()

    def name(self, sha256: str) -> str:
        return hmac.new(self._names, sha256.encode("ascii"), hashlib.sha256).hexdigest()

    def path(self, sha256: str) -> Path:
        name = self.name(sha256)
        return self.root / name[:2] / name

    def _encode(self, content: bytes, sha256: str) -> bytes:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM
        from cryptography.hazmat.primitives.keywrap import aes_key_wrap

        file_key = AESGCM.generate_key(bit_length=256)
        nonce = os.urandom(_NONCE)
        wrapped = aes_key_wrap(self._kek, file_key)
        header = MAGIC + wrapped + nonce
        # The header and the content hash are authenticated too: a file swapped for another
        # attachment, or with its wrapped key edited, fails to decrypt.
        return header + AESGCM(file_key).encrypt(nonce, content, header + sha256.encode("ascii"))

    def _decode(self, raw: bytes, sha256: str) -> bytes:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM
        from cryptography.hazmat.primitives.keywrap import InvalidUnwrap, aes_key_unwrap

        damaged = FieldKitError(
            f"attachment file {self.path(sha256).name[:12]}... is damaged or was altered "
            "(it cannot be decrypted)"
        )
        if len(raw) < _HEADER + 16 or not raw.startswith(MAGIC):
            raise damaged
        header = raw[:_HEADER]
        wrapped = raw[len(MAGIC) : len(MAGIC) + _WRAPPED]
        nonce = raw[len(MAGIC) + _WRAPPED : _HEADER]
        try:
            file_key = aes_key_unwrap(self._kek, wrapped)
            return AESGCM(file_key).decrypt(nonce, raw[_HEADER:], header + sha256.encode("ascii"))
        except (InvalidTag, InvalidUnwrap):
            raise damaged from None


def attachment_key(conn) -> bytes:
    """The store's attachment key, made on first use (inside the encrypted file, never outside)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
    if row:
        return bytes.fromhex(row[0])
    key = os.urandom(32)
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
        if row:  # another process made it meanwhile
            conn.execute("ROLLBACK")
            return bytes.fromhex(row[0])
        conn.execute("INSERT INTO meta VALUES (?, ?)", (META_KEY, key.hex()))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return key


def encrypted_blobs(conn, data_dir: Path) -> EncryptedBlobStore:
    """What ``Store.open`` uses for a keyed store."""
    return EncryptedBlobStore(Path(data_dir) / ENCRYPTED_DIR, attachment_key(conn))
