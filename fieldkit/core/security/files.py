"""What state the store file is in, and the careful file operations conversion and re-key need."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path

from ..atomic import fsync_dir  # noqa: F401 - one home; convert imports it from here
from ..messages import Message
from ..paths import STORE_FILE

SQLITE_HEADER = b"SQLite format 3\x00"
PAGE = 4096  # SQLCipher 4's page size: an intact encrypted store is a whole number of pages
ENCRYPTING = STORE_FILE + ".encrypting"  # the encrypted copy being written during conversion
REKEYING = STORE_FILE + ".rekeying"  # the copy under the new passphrase during a change


class StoreState(Enum):
    MISSING = "missing"  # no store yet (or an empty file): a new one will be made
    PLAIN = "plain"  # an unencrypted SQLite store
    ENCRYPTED = "encrypted"  # anything else: SQLCipher, or not ours at all (the key check tells)


def store_path(data_dir: Path) -> Path:
    return Path(data_dir) / STORE_FILE


def store_state(data_dir: Path) -> StoreState:
    path = store_path(data_dir)
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except (FileNotFoundError, IsADirectoryError):
        return StoreState.MISSING
    except PermissionError:
        return StoreState.ENCRYPTED  # let the open report it with the path
    if not head:
        return StoreState.MISSING
    return StoreState.PLAIN if head == SQLITE_HEADER else StoreState.ENCRYPTED


def truncation_problem(path: Path) -> Message | str:
    """Why an encrypted store file is certainly cut short (a coded message), or "" (cheap: a
    stat, no reading)."""
    size = path.stat().st_size
    if size < PAGE:
        return Message("store.cut_short", size=size)
    if size % PAGE:
        return Message("store.not_whole_pages", size=size, page=PAGE)
    return ""


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def remove_quietly(*paths: Path) -> None:
    for p in paths:
        try:
            p.unlink()
        except FileNotFoundError:
            pass


def sidecars(path: Path) -> list[Path]:
    """SQLite's own files beside a database: they belong to that file and no other."""
    return [path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")]
