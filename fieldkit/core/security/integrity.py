"""Checking every page of the store on request (``fieldkit status --check``).

Unlocking checks every page's HMAC only for stores up to ``unlocking.FULL_CHECK_MAX`` (32 MB);
above that a page altered on disk is caught only when it is read. This check reads every page:
SQLCipher's ``cipher_integrity_check`` (each page's HMAC: altered, swapped or damaged pages) for an
encrypted store, then SQLite's ``quick_check`` (the b-trees hold together) for any store.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ..db import connect
from .files import StoreState, store_path, store_state
from .kdf import key_for_file


@dataclass
class IntegrityReport:
    path: str
    encrypted: bool
    bytes: int
    seconds: float
    bad_pages: list[str] = field(default_factory=list)  # cipher_integrity_check's findings
    structure: str = "ok"  # quick_check's first finding, "ok" if none

    @property
    def ok(self) -> bool:
        return not self.bad_pages and self.structure == "ok"

    def as_dict(self) -> dict:
        return {**self.__dict__, "ok": self.ok}


def check_integrity(data_dir: Path, passphrase: str | None) -> IntegrityReport:
    """Read every page of the store in ``data_dir``; the caller has already unlocked it once."""
    path = store_path(data_dir)
    encrypted = store_state(data_dir) is StoreState.ENCRYPTED
    started = time.perf_counter()
    key = key_for_file(path, passphrase).raw if encrypted and passphrase else None
    conn = connect(path, key=key, readonly=True)
    bad: list[str] = []
    try:
        if encrypted:
            bad = [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check")]
        rows = conn.execute("PRAGMA quick_check").fetchall()
        structure = str(rows[0][0]) if rows else "ok"
    except Exception as exc:  # noqa: BLE001 - sqlcipher3's own error classes: damage, said plainly
        structure = f"unreadable ({exc})"
    finally:
        conn.close()
    return IntegrityReport(
        str(path), encrypted, path.stat().st_size, time.perf_counter() - started, bad, structure
    )
