"""Opening the user's store: the one entry point the CLI and the desktop app share.

Today it opens the plain SQLite store; encryption (SQLCipher with a passphrase) plugs in here, so
callers never care how the file is protected.
"""

from __future__ import annotations

from pathlib import Path

from .store import Store


def open_store(data_dir: Path, *, passphrase: str | None = None, create: bool = True) -> Store:
    return Store.open(data_dir, create=create, key=passphrase)
