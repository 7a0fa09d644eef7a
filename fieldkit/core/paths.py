"""Where a user's data lives: a per-user folder, or the one named by --data-dir / FIELDKIT_DATA_DIR."""

from __future__ import annotations

import os
from pathlib import Path

STORE_FILE = "fieldkit.db"
# The sync device token where no keyring exists: this file beside an unencrypted store; inside an
# encrypted store, the ``meta`` row TOKEN_META (as "<device id>\n<token>"), never beside it.
TOKEN_FILE = "sync-token"
TOKEN_META = "sync_token"


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("FieldKit", appauthor=False))


def resolve_data_dir(explicit: str | os.PathLike | None = None) -> Path:
    """--data-dir wins, then FIELDKIT_DATA_DIR, then the platform's per-user data folder."""
    chosen = explicit or os.environ.get("FIELDKIT_DATA_DIR")
    return Path(chosen).expanduser().resolve() if chosen else default_data_dir()
