"""Protecting a lost laptop's data: the encrypted store, attachments, passphrases, unlock back-off.

    from fieldkit.core.opening import open_store
    store = open_store(data_dir, passphrase="...")        # the one entry point for CLI and app

    from fieldkit.core.security import encrypt_store, change_passphrase, check_strength

The store file is SQLCipher 4 (AES-256, HMAC-SHA512 per page) keyed with Argon2id(passphrase,
file salt) (see ``kdf``); attachments are AES-256-GCM with per-file keys (see ``blobs``).
Submodules are imported on use: ``fieldkit status`` on an unencrypted store pays for none of it.
"""

from __future__ import annotations

from typing import Any

_EXPORTS = {
    "KDF": "kdf",
    "derive_key": "kdf",
    "check_strength": "strength",
    "Strength": "strength",
    "Backoff": "backoff",
    "UnlockDelayed": "backoff",
    "EncryptedBlobStore": "blobs",
    "encrypt_store": "convert",
    "change_passphrase": "convert",
    "open_encrypted": "unlocking",
    "StoreState": "files",
    "store_state": "files",
    "FORGOTTEN": "errors",
    "WrongPassphrase": "errors",
    "PassphraseRequired": "errors",
    "NotEncrypted": "errors",
    "DamagedStore": "errors",
    "StoreInUse": "errors",
    "WeakPassphrase": "errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(name)
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
