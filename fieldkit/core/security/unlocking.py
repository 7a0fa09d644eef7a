"""Opening an encrypted store with a passphrase: back-off, damage checks, audit of failures."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..db import KeyRejected, connect
from ..errors import StoreError
from ..messages import Message
from ..paths import TOKEN_FILE
from ..store import Store
from .backoff import Backoff
from .blobs import PLAIN_DIR
from .errors import DamagedStore, WrongPassphrase
from .files import StoreState, store_path, store_state, truncation_problem
from .kdf import StoreKey, key_for_file

# Checking every page's HMAC costs about 6 ms per MB here: up to 32 MB (a few thousand records
# with their history) it is done at every unlock; above that it would push unlocking past a
# second, and damage is caught page by page as pages are read (``db.damage_error``).
FULL_CHECK_MAX = 32 * 1024 * 1024


def check_key(path: Path, key: StoreKey, *, full: bool = True) -> None:
    """Raise WrongPassphrase or DamagedStore without writing anything to the file.

    ``full`` also checks every page's HMAC (SQLCipher's cipher_integrity_check) of stores up to
    FULL_CHECK_MAX: an altered or half-copied file is refused at the door with a clear message.
    """
    problem = truncation_problem(path)
    if problem:
        raise DamagedStore(Message("unlock.damaged_cut", path=str(path), why=problem))
    try:
        conn = connect(path, key=key.raw, readonly=True)
    except KeyRejected:
        if key_fits(path, key):
            # The passphrase is right (other pages authenticate under it): the first page was
            # altered or damaged. Not a wrong attempt, and the owner must hear the truth.
            raise DamagedStore(Message("unlock.first_page_damaged", path=str(path))) from None
        raise WrongPassphrase(Message("unlock.wrong_or_damaged", path=str(path))) from None
    except StoreError as exc:  # the key fits page 1 but the file is cut short or malformed
        reason = str(exc).rsplit("(", 1)[-1].rstrip(")") if "(" in str(exc) else str(exc)
        raise DamagedStore(Message("unlock.damaged", path=str(path), why=reason)) from None
    try:
        if full and path.stat().st_size <= FULL_CHECK_MAX:
            bad = conn.execute("PRAGMA cipher_integrity_check").fetchall()
            if bad:
                raise DamagedStore(
                    Message("unlock.pages_fail", path=str(path), n=len(bad), example=bad[0][0])
                )
    except DamagedStore:
        raise
    except Exception as exc:  # sqlcipher3's own error classes
        raise DamagedStore(Message("unlock.damaged", path=str(path), why=str(exc))) from None
    finally:
        conn.close()


# SQLCipher 4's page layout and HMAC (its defaults, which db.connect keeps): every page ends with
# a 16-byte IV and a 64-byte HMAC-SHA512 over the page's ciphertext, the IV and the page number
# (4 bytes, little-endian); page 1 starts with the 16-byte salt, outside the HMAC. The HMAC key is
# PBKDF2-HMAC-SHA512(key, salt XOR 0x3a, 2 iterations).
_HMAC_BYTES = 64
_HMAC_SALT_MASK = 0x3A
_PAGES_TRIED = 8


def key_fits(path: Path, key: StoreKey) -> bool:
    """True if some of the first pages authenticate under ``key``: then the passphrase is right,
    whatever SQLCipher says about page 1. A wrong passphrase fits no page (2**-512 odds)."""
    import hashlib
    import hmac

    from .files import PAGE
    from .kdf import SALT_BYTES

    try:
        with open(path, "rb") as fh:
            head = fh.read(PAGE * _PAGES_TRIED)
    except OSError:
        return False
    salt = head[:SALT_BYTES]
    if salt != key.salt:
        return False
    hmac_key = hashlib.pbkdf2_hmac(
        "sha512", key.key, bytes(b ^ _HMAC_SALT_MASK for b in salt), 2, len(key.key)
    )
    for index in range(len(head) // PAGE):
        page = head[index * PAGE : (index + 1) * PAGE]
        start = SALT_BYTES if index == 0 else 0
        pgno = (index + 1).to_bytes(4, "little")
        mac = hmac.new(hmac_key, page[start:-_HMAC_BYTES] + pgno, hashlib.sha512).digest()
        if hmac.compare_digest(mac, page[-_HMAC_BYTES:]):
            return True
    return False


def open_encrypted(
    data_dir: Path,
    passphrase: str,
    *,
    create: bool = True,
    clock: Callable[[], float] = time.time,
    lock: Callable[[Path], Any] | None = None,
) -> Store:
    """The store in ``data_dir``, opened (or created) encrypted with ``passphrase``.

    ``lock`` is handed to ``Store.open``: the store keeps what it returns until it closes.

    Wrong attempts are counted across runs and slow the next one down (UnlockDelayed).
    """
    data_dir = Path(data_dir)
    path = store_path(data_dir)
    backoff = Backoff(data_dir, clock)
    state = store_state(data_dir)
    if state is StoreState.ENCRYPTED:
        backoff.check()
        key = key_for_file(path, passphrase)
        try:
            check_key(path, key)
        except WrongPassphrase:
            failures = backoff.failed().failures
            raise WrongPassphrase(
                Message("unlock.wrong_in_a_row", path=str(path), n=failures)
            ) from None
    else:
        key = key_for_file(path, passphrase)  # a new store: a fresh salt
    try:
        store = Store.open(data_dir, key=key.raw, create=create, lock=lock)
    except KeyRejected:  # replaced between the check and the open: treat like a wrong key
        backoff.failed()
        raise WrongPassphrase(Message("unlock.wrong_for", path=str(path))) from None
    try:
        _audit_failures(store, backoff)
        finish_conversion(store)
    except BaseException:
        store.close()
        raise
    return store


def verify_passphrase(
    store: Store, passphrase: str, *, clock: Callable[[], float] = time.time
) -> None:
    """For the app's lock screen: is this the open store's passphrase? Same back-off as opening."""
    path = Path(store.path)
    backoff = Backoff(store.data_dir, clock)
    backoff.check()
    try:
        check_key(path, key_for_file(path, passphrase), full=False)
    except WrongPassphrase:
        failures = backoff.failed().failures
        raise WrongPassphrase(Message("unlock.wrong", n=failures)) from None
    _audit_failures(store, backoff)


def _audit_failures(store: Store, backoff: Backoff) -> None:
    times = backoff.load().times
    if times:
        store.audit("unlock_failed", None, count=len(times), times=times)
    backoff.clear()


def finish_conversion(store: Store) -> int:
    """Encrypt and remove plain attachments a conversion left behind (it was interrupted after
    the store file was swapped). Returns how many files were moved."""
    if (Path(store.data_dir) / TOKEN_FILE).exists():
        from .convert import take_in_token

        take_in_token(store)
    plain = Path(store.data_dir) / PLAIN_DIR
    if not plain.is_dir():
        return 0
    from .convert import migrate_plain_blobs

    return migrate_plain_blobs(plain, store.blobs)
