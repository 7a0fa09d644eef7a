"""Where the laptop keeps its device token: the OS keyring, or a private file where there is none.

Windows Credential Manager, the macOS Keychain and the Secret Service on Linux desktops all come
through ``keyring``. A headless Linux machine has no keyring backend; there the token goes to
``<data dir>/sync-token`` readable only by the user (0600), and enrolment says so.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

SERVICE = "FieldKit sync"
TOKEN_FILE = "sync-token"


@dataclass(frozen=True)
class Saved:
    where: str  # "keyring" or "file"
    detail: str  # backend name or file path

    def describe(self) -> str:
        if self.where == "keyring":
            return f"device credential kept in the system keyring ({self.detail})"
        return (
            f"no system keyring on this machine: device credential kept in {self.detail}, "
            "readable only by you"
        )


def _keyring():
    """The keyring module if a real backend exists, else None."""
    try:
        import keyring
        from keyring.backends import fail
    except Exception:  # noqa: BLE001 - no keyring at all is a normal case
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return None
    chained = getattr(backend, "backends", None)
    if chained is not None and not chained:
        return None
    return keyring


def save_token(data_dir: Path, account: str, token: str) -> Saved:
    kr = _keyring()
    if kr is not None:
        try:
            kr.set_password(SERVICE, account, token)
            _remove_file(data_dir)
            return Saved("keyring", type(kr.get_keyring()).__name__)
        except Exception:  # noqa: BLE001 - a locked or broken keyring: fall back to the file
            pass
    path = Path(data_dir) / TOKEN_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, f"{account}\n{token}\n".encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return Saved("file", str(path))


def load_token(data_dir: Path, account: str) -> str | None:
    kr = _keyring()
    if kr is not None:
        try:
            token = kr.get_password(SERVICE, account)
        except Exception:  # noqa: BLE001
            token = None
        if token:
            return token
    path = Path(data_dir) / TOKEN_FILE
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    if len(lines) >= 2 and lines[0] == account:
        return lines[1].strip() or None
    return None


def delete_token(data_dir: Path, account: str) -> None:
    kr = _keyring()
    if kr is not None:
        try:
            kr.delete_password(SERVICE, account)
        except Exception:  # noqa: BLE001
            pass
    _remove_file(data_dir)


def _remove_file(data_dir: Path) -> None:
    try:
        (Path(data_dir) / TOKEN_FILE).unlink()
    except OSError:
        pass
