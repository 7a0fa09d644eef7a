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


# Qt platforms that need no screen: set QT_QPA_PLATFORM to one of them to run without a display.
SCREENLESS = ("offscreen", "minimal", "vnc", "linuxfb", "eglfs", "vkkhrdisplay")


def require_display(environ=os.environ, platform: str = sys.platform) -> None:
    """One line and exit 2 where Qt would abort (exit 134) for want of a display.

    Only Linux and the BSDs need one named in the environment; Windows and macOS always have one.
    """
    if platform.startswith(("win", "darwin", "cygwin")):
        return
    qpa = environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip().lower()
    if qpa in SCREENLESS:
        return
    x11, wayland = environ.get("DISPLAY", "").strip(), environ.get("WAYLAND_DISPLAY", "").strip()
    if (qpa == "xcb" and x11) or (qpa.startswith("wayland") and wayland):
        return
    if not qpa and (x11 or wayland):
        return
    if qpa == "xcb":
        wanted = "DISPLAY is not set"
    elif qpa.startswith("wayland"):
        wanted = "WAYLAND_DISPLAY is not set"
    else:
        wanted = "neither DISPLAY nor WAYLAND_DISPLAY is set"
    raise CommandError(
        f"no display: {wanted}, and the desktop window needs one (log in to a desktop "
        "session, or set QT_QPA_PLATFORM=offscreen to run without a screen)"
    )


class Context:
    def __init__(self, args) -> None:
        self.args = args
        self._store = None
        self._new_store: tuple[Path, bool] | None = None  # (folder, whether the folder was new)
        self.status: int | None = None  # the command's exit status once it returned

    @property
    def data_dir(self) -> Path:
        from fieldkit.core.paths import resolve_data_dir

        explicit = getattr(self.args, "data_dir", None)
        if explicit is not None and not explicit.strip():
            raise CommandError("--data-dir is empty: give the folder the store is in")
        return resolve_data_dir(explicit)

    def passphrase(self) -> str | None:
        path = getattr(self.args, "passphrase_file", None)
        if path:
            try:
                return Path(path).read_text(encoding="utf-8").rstrip("\r\n")
            except OSError as exc:
                raise CommandError(f"cannot read passphrase file {path}: {exc.strerror}") from None
        return os.environ.get("FIELDKIT_PASSPHRASE") or None

    def store(self, create: bool = False):
        """The store, opened on first use. Only commands meant to start a store (``demo-data``,
        ``import``, ``enroll``) pass ``create``: a mistyped --data-dir must not silently become a
        new, empty, unencrypted store; they say so when they create one."""
        if self._store is None:
            from fieldkit.core.opening import open_store
            from fieldkit.core.paths import STORE_FILE

            data_dir = self.data_dir
            if not (data_dir / STORE_FILE).exists():
                if not create:
                    raise CommandError(
                        f"no FieldKit store in {data_dir} (check --data-dir or "
                        "FIELDKIT_DATA_DIR; the app's first start, 'fieldkit demo-data' or "
                        "'fieldkit import FILE' create one)"
                    )
                self._new_store = (data_dir, not data_dir.exists())
            self._store = open_store(data_dir, passphrase=self.passphrase(), create=create)
        return self._store

    def settle_new_store(self, ok: bool) -> None:
        """A store this command created: said so if the command succeeded, removed if it failed
        (a refused import leaves no empty store behind). Call after ``close``."""
        if self._new_store is None:
            return
        data_dir, folder_was_new = self._new_store
        self._new_store = None
        if ok:
            sys.stderr.write(f"fieldkit: created a new store in {data_dir}\n")
            return
        from fieldkit.core.paths import STORE_FILE
        from fieldkit.core.security.inuse import LOCK_FILE

        for name in (STORE_FILE, *(STORE_FILE + s for s in ("-wal", "-shm", "-journal")),
                     LOCK_FILE):  # fmt: skip
            try:
                (data_dir / name).unlink()
            except OSError:
                pass
        for sub in ("attachments", "attachments-encrypted", ""):
            if sub or folder_was_new:
                try:
                    (data_dir / sub).rmdir()  # only if empty: nothing else is ever removed
                except OSError:
                    pass

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
