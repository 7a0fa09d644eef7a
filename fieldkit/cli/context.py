"""What every subcommand handler gets: the parsed options, the store opened on demand, output."""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


class CommandError(Exception):
    """A problem with the command line itself; printed as one line, exit status 2."""


def qt_missing(exc: ModuleNotFoundError) -> CommandError:
    """The one-line answer when the desktop window is asked for where Qt is not installed."""
    if not (exc.name or "").startswith("PySide6"):
        raise exc
    return CommandError(
        "the desktop window needs Qt, which this installation lacks: install "
        "'fieldkit[desktop]' (every command-line tool works without it)"
    )


class Context:
    def __init__(self, args) -> None:
        self.args = args
        self._store = None

    @property
    def data_dir(self) -> Path:
        from fieldkit.core.paths import resolve_data_dir

        return resolve_data_dir(getattr(self.args, "data_dir", None))

    def passphrase(self) -> str | None:
        path = getattr(self.args, "passphrase_file", None)
        if path:
            try:
                return Path(path).read_text(encoding="utf-8").rstrip("\r\n")
            except OSError as exc:
                raise CommandError(f"cannot read passphrase file {path}: {exc.strerror}") from None
        return os.environ.get("FIELDKIT_PASSPHRASE") or None

    def store(self, create: bool = True):
        if self._store is None:
            from fieldkit.core.opening import open_store

            self._store = open_store(self.data_dir, passphrase=self.passphrase(), create=create)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    # ---- output --------------------------------------------------------------------------------
    def print(self, text: str = "") -> None:
        sys.stdout.write(text + "\n")

    def print_json(self, value: Any) -> None:
        sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")

    def fail(self, message: str) -> int:
        sys.stderr.write(f"fieldkit: error: {message}\n")
        return 2

    def log_crash(self, text: str) -> Path | None:
        """Keep the traceback for support without showing it to the user."""
        try:
            log_dir = self.data_dir / "logs"
            log_dir.mkdir(parents=True, exist_ok=True)
            path = log_dir / "fieldkit.log"
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(f"--- {datetime.now(UTC).isoformat()}\n{text}\n")
            return path
        except OSError:
            return None
