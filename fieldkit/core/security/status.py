"""What can be said about a store's protection without unlocking it (``fieldkit lock-status``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..settings import load_settings
from .backoff import Backoff
from .blobs import ENCRYPTED_DIR, PLAIN_DIR
from .files import ENCRYPTING, REKEYING, StoreState, store_path, store_state
from .kdf import KDF


def _count_files(folder: Path) -> int:
    if not folder.is_dir():
        return 0
    return sum(1 for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def lock_status(data_dir: Path) -> dict[str, Any]:
    data_dir = Path(data_dir)
    state = store_state(data_dir)
    backoff = Backoff(data_dir)
    attempts = backoff.load()
    try:
        lock_minutes = load_settings(data_dir).lock_minutes
    except Exception:  # a broken settings file is reported by the commands that use it
        lock_minutes = None
    return {
        "store": str(store_path(data_dir)),
        "state": state.value,
        "kdf": KDF.describe() if state is not StoreState.PLAIN else "none (not encrypted)",
        "attachments_encrypted": _count_files(data_dir / ENCRYPTED_DIR),
        "attachments_plain": _count_files(data_dir / PLAIN_DIR),
        "failed_attempts": attempts.failures,
        "wait_seconds": int(backoff.remaining() + 0.999),
        "lock_minutes": lock_minutes,
        "leftovers": [n for n in (ENCRYPTING, REKEYING) if (data_dir / n).exists()],
    }
