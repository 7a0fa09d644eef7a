"""Opening the store when the desktop app starts.

The security work (issue: encrypted store and app lock) replaces this with a passphrase prompt and
an idle lock; until then the store opens as the CLI does (FIELDKIT_PASSPHRASE for a keyed store).
"""

from __future__ import annotations

import os
from pathlib import Path

from fieldkit.core.opening import open_store
from fieldkit.core.store import Store


def open_store_interactively(data_dir: Path, parent=None) -> Store | None:
    """The store for the app, or None if the user gave up (the app then exits quietly)."""
    return open_store(data_dir, passphrase=os.environ.get("FIELDKIT_PASSPHRASE") or None)


def install_lock(window, store: Store) -> None:
    """Hook for the app lock (idle timeout, lock on demand): the main window calls it once."""
