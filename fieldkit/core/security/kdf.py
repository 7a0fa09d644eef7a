"""From a passphrase to the store's key: Argon2id, with parameters chosen on purpose.

The parameters are RFC 9106's second recommended option (Argon2id, 3 passes over 64 MiB, 4 lanes).
On the development machine (2 cores) one derivation takes about 0.1-0.2 s, so unlocking stays well
under a second on an older laptop while every guess costs an attacker 64 MiB of memory and the same
time. The salt is the 16 bytes SQLCipher keeps in plaintext at the start of the store file, so the
store file alone, without any side file, is all that is needed to open it.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

SALT_BYTES = 16  # SQLCipher's file salt: the first 16 bytes of an encrypted store
KEY_BYTES = 32


@dataclass(frozen=True)
class KdfParams:
    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 4

    def describe(self) -> str:
        return (
            f"Argon2id, time cost {self.time_cost}, memory {self.memory_kib // 1024} MiB, "
            f"parallelism {self.parallelism}, {KEY_BYTES * 8}-bit key, {SALT_BYTES * 8}-bit salt"
        )


KDF = KdfParams()


def normalise(passphrase: str) -> bytes:
    """NFC, so the same passphrase typed on another keyboard or OS (e.g. Japanese IME) matches."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_key(passphrase: str, salt: bytes, params: KdfParams = KDF) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        normalise(passphrase),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


@dataclass(frozen=True)
class StoreKey:
    """A derived key and the salt it was derived with; ``raw`` is what ``db.connect`` takes."""

    key: bytes
    salt: bytes

    @property
    def raw(self) -> bytes:
        # Key and salt together: SQLCipher then writes exactly this salt into a new file's header.
        return self.key + self.salt

    def sql_literal(self) -> str:
        """For ATTACH ... KEY, where a raw key is written as a blob literal in a string."""
        return f"\"x'{self.raw.hex()}'\""


def new_key(passphrase: str) -> StoreKey:
    salt = os.urandom(SALT_BYTES)
    return StoreKey(derive_key(passphrase, salt), salt)


def file_salt(path: Path) -> bytes | None:
    """The salt of an existing encrypted store, or None if the file is missing, empty or short."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(SALT_BYTES)
    except FileNotFoundError:
        return None
    return head if len(head) == SALT_BYTES else None


def key_for_file(path: Path, passphrase: str) -> StoreKey:
    """The key for the store at ``path``: its own salt if it exists, a fresh one for a new store."""
    salt = file_salt(path)
    if salt is None:
        return new_key(passphrase)
    return StoreKey(derive_key(passphrase, salt), salt)
