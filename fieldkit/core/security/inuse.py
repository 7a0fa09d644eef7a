"""Who else has the store open: conversion and re-key replace the file, so they must be alone.

Every store opened through ``open_store`` (the app, every command) holds a shared lock on
``fieldkit.db.lock``; encrypting and re-keying need it exclusively. SQLite's own locks cannot tell:
an idle connection in another process holds none, and would go on writing to the replaced file.

POSIX uses ``flock`` (per open file, so two stores in one process see each other too). Windows
refuses to replace a file another process has open, which ``_swap`` reports as in use.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..paths import STORE_FILE
from .errors import StoreInUse

LOCK_FILE = STORE_FILE + ".lock"


def in_use_error(data_dir: Path) -> StoreInUse:
    return StoreInUse(
        f"{Path(data_dir) / STORE_FILE} is open in another FieldKit window or command; "
        "close it and try again"
    )


class StoreLock:
    """A lock on the store folder, released when closed or when the process ends."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self._fd: int | None = None
        if os.name != "nt":
            self._fd = os.open(self.data_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)

    @classmethod
    def shared(cls, data_dir: Path) -> StoreLock:
        lock = cls(data_dir)
        lock._flock(exclusive=False, wait=True)
        return lock

    @classmethod
    def exclusive(cls, data_dir: Path) -> StoreLock:
        lock = cls(data_dir)
        try:
            lock._flock(exclusive=True, wait=False)
        except StoreInUse:
            lock.close()
            raise
        return lock

    def upgrade(self) -> None:
        """Shared to exclusive, or StoreInUse if anyone else holds it."""
        self._flock(exclusive=True, wait=False)

    def downgrade(self) -> None:
        self._flock(exclusive=False, wait=True)

    def _flock(self, exclusive: bool, wait: bool) -> None:
        if self._fd is None:
            return
        import fcntl

        flags = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        if not wait:
            flags |= fcntl.LOCK_NB
        try:
            fcntl.flock(self._fd, flags)
        except BlockingIOError:
            raise in_use_error(self.data_dir) from None

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __del__(self) -> None:
        self.close()

    def __enter__(self) -> StoreLock:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
