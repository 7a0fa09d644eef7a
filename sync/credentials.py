"""Where the laptop keeps its device token: the OS keyring, else inside the encrypted store, else a
private file.

Windows Credential Manager, the macOS Keychain and the Secret Service on Linux desktops all come
through ``keyring``. A headless Linux machine has no keyring backend; there the token goes inside
the store when the store is encrypted (a ``meta`` row, under the store's key: nothing readable
beside it), else to ``<data dir>/sync-token`` readable only by the user (0600). ``fieldkit
encrypt`` moves that file inside. Enrolment says where it went.

Looking for a keyring backend costs 0.4-1.2 s on a machine without one (keyring imports and
probes every backend), so sync records at enrolment where the token went: a laptop whose token is
not in the keyring never looks for one again (``load_token(..., keyring=False)``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from fieldkit.core.messages import Message
from fieldkit.core.paths import TOKEN_FILE, TOKEN_META

SERVICE = "FieldKit sync"


@dataclass(frozen=True)
class Saved:
    where: str  # "keyring", "store" or "file"
    detail: str  # backend name or file path

    def describe(self) -> Message:
        # A Message is its English text (the CLI prints it); the sync page shows it in Japanese.
        code = {"keyring": "sync.credential_in_keyring", "store": "sync.credential_in_store"}
        return Message(code.get(self.where, "sync.credential_in_file"), where=self.detail)


def _keyring():
    """The keyring module if a real backend exists, else None. keyring keeps the backend it found
    for the rest of the process; the first look is the 0.4-1.2 s this module helps avoid."""
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


def _encrypted(store) -> bool:
    return store is not None and getattr(store.blobs, "encrypts_at_rest", False)


def save_token(data_dir: Path, account: str, token: str, *, store=None) -> Saved:
    kr = _keyring()
    if kr is not None:
        try:
            kr.set_password(SERVICE, account, token)
            _remove_file(data_dir)
            if store is not None:
                _remove_meta(store)
            return Saved("keyring", type(kr.get_keyring()).__name__)
        except Exception:  # noqa: BLE001 - a locked or broken keyring: fall back
            pass
    if _encrypted(store):
        store.set_meta(TOKEN_META, f"{account}\n{token}")
        _remove_file(data_dir)
        return Saved("store", str(store.path))
    from fieldkit.core.atomic import write_text

    path = Path(data_dir) / TOKEN_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, f"{account}\n{token}\n", private=True)
    os.chmod(path, 0o600)
    return Saved("file", str(path))


def load_token(data_dir: Path, account: str, *, store=None, keyring: bool = True) -> str | None:
    """The token for ``account``; ``keyring=False`` skips the keyring (known not to hold it)."""
    if _encrypted(store):
        token = _from_lines((store.meta(TOKEN_META) or "").splitlines(), account)
        if token:
            return token
    kr = _keyring() if keyring else None
    if kr is not None:
        try:
            token = kr.get_password(SERVICE, account)
        except Exception:  # noqa: BLE001
            token = None
        if token:
            return token
    try:
        lines = (Path(data_dir) / TOKEN_FILE).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return _from_lines(lines, account)


def _from_lines(lines: list[str], account: str) -> str | None:
    if len(lines) >= 2 and lines[0] == account:
        return lines[1].strip() or None
    return None


def delete_token(data_dir: Path, account: str, *, store=None) -> None:
    kr = _keyring()
    if kr is not None:
        try:
            kr.delete_password(SERVICE, account)
        except Exception:  # noqa: BLE001
            pass
    _remove_file(data_dir)
    if store is not None:
        _remove_meta(store)


def _remove_meta(store) -> None:
    if store.meta(TOKEN_META) is not None:
        store.set_meta(TOKEN_META, "")


def _remove_file(data_dir: Path) -> None:
    try:
        (Path(data_dir) / TOKEN_FILE).unlink()
    except OSError:
        pass
