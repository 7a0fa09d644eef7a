"""Encrypting an existing store in place, and changing the passphrase (re-key), crash-safely.

Both work the same way: while holding the store file exclusively, ``sqlcipher_export`` writes a
complete encrypted copy beside it; the copy is opened with its key and checked (every page's
HMAC, SQLite's quick_check, row counts of every table against the original); it is flushed to disk;
then one ``os.replace`` puts it in place. Until that rename the original is untouched and is the
store; after it, the new file is. A crash at any moment leaves one complete store, opened by the
old passphrase (or no passphrase) before the rename and by the new one after it.

Attachments are encrypted into ``attachments-encrypted/`` before the rename and the plain files are
removed only after it; if that removal is interrupted, the next unlock finishes it.

What this cannot do: wipe the blocks the unencrypted file used to occupy. On an SSD nothing in an
application can; full-disk encryption (BitLocker, FileVault) covers that, and the README says so.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from ..atomic import write_bytes
from ..db import connect, prepare_for_writing
from ..errors import FieldKitError
from ..messages import Message
from ..models import new_id, utcnow
from ..paths import TOKEN_FILE, TOKEN_META
from ..settings import load_settings
from ..store import Store
from .blobs import ENCRYPTED_DIR, META_KEY, PLAIN_DIR, EncryptedBlobStore
from .errors import DamagedStore, NotEncrypted, StoreInUse, WeakPassphrase, WrongPassphrase
from .files import (
    ENCRYPTING,
    REKEYING,
    StoreState,
    fsync_dir,
    fsync_file,
    remove_quietly,
    sidecars,
    store_path,
    store_state,
)
from .inuse import StoreLock, in_use_error
from .kdf import StoreKey, key_for_file, new_key
from .strength import check_strength

Report = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


def require_strong(passphrase: str, user_words: tuple[str, ...] = ()) -> None:
    verdict = check_strength(passphrase, user_words)
    if not verdict.acceptable:
        if verdict.hints:
            raise WeakPassphrase(
                Message(
                    "passphrase.not_strong_hint", problem=verdict.problem, hint=verdict.hints[0]
                )
            )
        raise WeakPassphrase(Message("passphrase.not_strong", problem=verdict.problem))


# ---- encrypting a plain store ------------------------------------------------------------------
def encrypt_store(
    data_dir: Path, passphrase: str, *, report: Report = _quiet, check: bool = True
) -> dict[str, int]:
    """Encrypt the unencrypted store in ``data_dir`` (or create an encrypted one if there is none).

    Returns counts of what was converted. The store must not be open anywhere else.
    """
    data_dir = Path(data_dir)
    path = store_path(data_dir)
    settings = load_settings(data_dir)
    if check:
        require_strong(passphrase, (settings.user_name, settings.post))
    state = store_state(data_dir)
    if state is StoreState.ENCRYPTED:
        raise FieldKitError(Message("encrypt.already_change", path=str(path)))
    if state is StoreState.MISSING:
        from .unlocking import open_encrypted

        with open_encrypted(data_dir, passphrase) as store:
            store.audit("store_encrypted", None, records=0, attachments=0, new_store=True)
        report(Message("convert.created_new"))
        return {"records": 0, "attachments": 0}

    report(Message("convert.checking"))
    alone = StoreLock.exclusive(data_dir)  # held until the end, attachments included
    try:
        return _encrypt_plain(data_dir, passphrase, settings, report)[0]
    finally:
        alone.close()


def encrypt_open_store(
    store: Store, passphrase: str, *, report: Report = _quiet, check: bool = True
) -> dict[str, int]:
    """Encrypt the unencrypted ``store`` while the app has it open; it stays open, now keyed.

    The same Store object goes on working (the window, its views and their subscriptions keep
    it): its connection is closed, the file converted, and a keyed connection put in its place.
    """
    from .blobs import encrypted_blobs

    if isinstance(store.blobs, EncryptedBlobStore):
        raise FieldKitError(Message("encrypt.already", path=str(store.path)))
    data_dir = Path(store.data_dir)
    if check:
        require_strong(passphrase, (store.settings.user_name, store.settings.post))
    own = getattr(store, "open_lock", None)
    alone = None
    if own is not None:
        try:
            own.upgrade()
        except StoreInUse:
            own.downgrade()
            raise
    else:
        alone = StoreLock.exclusive(data_dir)
    key = new_key(passphrase)
    with store.tx.lock:
        store.conn.close()
        try:
            counts, _ = _encrypt_plain(
                data_dir, passphrase, load_settings(data_dir), report, key=key
            )
        finally:
            # Whichever file is in place now: the encrypted one once the swap happened.
            keyed = store_state(data_dir) is StoreState.ENCRYPTED
            fresh = connect(store.path, key=key.raw if keyed else None)
            prepare_for_writing(fresh)
            store.conn = fresh
            store.tx.conn = fresh
            if keyed:
                store.blobs = encrypted_blobs(fresh, data_dir)
            if own is not None:
                own.downgrade()
            if alone is not None:
                alone.close()
    return counts


def _encrypt_plain(
    data_dir: Path, passphrase: str, settings, report: Report, key: StoreKey | None = None
) -> tuple[dict[str, int], StoreKey]:
    path = store_path(data_dir)
    Store.open(data_dir, create=False).close()  # ours, and at the current schema version
    import sqlcipher3.dbapi2 as sqlcipher

    key = key or new_key(passphrase)
    attachment_key = os.urandom(32)
    tmp = data_dir / ENCRYPTING
    conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False, timeout=2)
    try:
        _take_exclusive(conn, path)
        _discard_partial(data_dir, tmp, also_blobs=True)
        report(Message("convert.encrypting"))
        token = plain_token(data_dir)
        records = _export(
            conn,
            tmp,
            key,
            extra=[
                ("INSERT INTO fresh.meta VALUES (?, ?)", (META_KEY, attachment_key.hex())),
                _audit_row("store_encrypted", settings.author(), {"kdf": key_description()}),
                # The device token moves inside, in the same swap (removed from beside it below).
                *(
                    [("INSERT OR REPLACE INTO fresh.meta VALUES (?, ?)", (TOKEN_META, token))]
                    if token
                    else []
                ),
            ],
        )
        blobs = EncryptedBlobStore(data_dir / ENCRYPTED_DIR, attachment_key)
        plain = data_dir / PLAIN_DIR
        n_blobs = copy_plain_blobs(plain, blobs, report) if plain.is_dir() else 0
        report(Message("convert.checking_copy"))
        _verify(conn, tmp, key)
        report(Message("convert.replacing_plain"))
        _swap(tmp, path)
    finally:
        conn.close()
    if token:
        report(Message("convert.removing_token"))
        remove_plain_token(data_dir)
    report(Message("convert.removing_attachments"))
    if (data_dir / PLAIN_DIR).is_dir():
        migrate_plain_blobs(data_dir / PLAIN_DIR, blobs)
    report(Message("convert.done"))
    return {"records": records, "attachments": n_blobs}, key


def key_description() -> str:
    from .kdf import KDF

    return KDF.describe()


# ---- changing the passphrase -------------------------------------------------------------------
def change_passphrase(
    store: Store, old: str, new: str, *, report: Report = _quiet, check: bool = True
) -> None:
    """Re-encrypt ``store`` under ``new``; ``old`` must be its current passphrase.

    The store stays open and usable afterwards (its connection is swapped for one on the new file).
    """
    from .backoff import Backoff
    from .unlocking import check_key

    path = Path(store.path)
    if not isinstance(store.blobs, EncryptedBlobStore):
        raise NotEncrypted(Message("encrypt.not_encrypted", path=str(path)))
    if new == old:
        raise FieldKitError(Message("passphrase.unchanged"))
    if check:
        require_strong(new, (store.settings.user_name, store.settings.post))
    backoff = Backoff(store.data_dir)
    backoff.check()
    old_key = key_for_file(path, old)
    try:
        check_key(path, old_key, full=False)
    except WrongPassphrase:
        failures = backoff.failed().failures
        store.audit("passphrase_change_refused", None, reason="wrong current passphrase")
        raise WrongPassphrase(Message("passphrase.current_wrong", n=failures)) from None
    backoff.clear()
    key = new_key(new)
    tmp = Path(store.data_dir) / REKEYING
    own = getattr(store, "open_lock", None)
    alone = None
    if own is not None:
        try:
            own.upgrade()
        except StoreInUse:
            own.downgrade()  # flock may drop the shared lock when a conversion fails
            raise
    else:
        alone = StoreLock.exclusive(store.data_dir)
    with store.tx.lock:
        conn = store.conn
        replaced = False
        try:
            _take_exclusive(conn, path)
            _discard_partial(Path(store.data_dir), tmp)
            report(Message("convert.reencrypting"))
            _export(conn, tmp, key, extra=[_audit_row("passphrase_changed", store.author, {})])
            report(Message("convert.checking_reencrypted"))
            _verify(conn, tmp, key)
            report(Message("convert.replacing"))
            _swap(tmp, path)
            replaced = True
        finally:
            conn.close()
            # The Store keeps working on whichever file is now in place (its connection and its
            # transaction object share one connection; both are swapped under the store's lock).
            fresh = connect(path, key=(key if replaced else old_key).raw)
            prepare_for_writing(fresh)
            store.conn = fresh
            store.tx.conn = fresh
            if own is not None:
                own.downgrade()
            if alone is not None:
                alone.close()
    report(Message("convert.done"))


# ---- the steps ---------------------------------------------------------------------------------
def _take_exclusive(conn, path: Path) -> None:
    """Hold the store file alone until ``conn`` closes, or raise StoreInUse.

    Leaving WAL mode needs every other connection gone, so it doubles as the check that no other
    window or command has the store open; EXCLUSIVE locking mode then keeps them out.
    """
    in_use = StoreInUse(
        f"{path} is open in another FieldKit window or command; close it and try again"
    )
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        if str(mode).lower() != "delete":
            raise in_use
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
    except StoreInUse:
        raise
    except Exception as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise in_use from None
        raise


def _discard_partial(data_dir: Path, tmp: Path, also_blobs: bool = False) -> None:
    """Remove what an interrupted earlier run left (all of it encrypted, none of it in use)."""
    remove_quietly(tmp, *sidecars(tmp))
    if also_blobs:
        # Only an interrupted conversion leaves this folder next to an unencrypted store; its
        # attachment key died with that run's copy, so the files can never be read.
        shutil.rmtree(data_dir / ENCRYPTED_DIR, ignore_errors=True)


def _audit_row(event: str, author: str, detail: dict) -> tuple[str, tuple]:
    import json

    return (
        "INSERT INTO fresh.audit_log (id, at, author, event, record_id, detail) "
        "VALUES (?, ?, ?, ?, NULL, ?)",
        (new_id(), utcnow().isoformat(), author, event, json.dumps(detail)),
    )


def _export(conn, tmp: Path, key: StoreKey, extra: list[tuple[str, tuple]]) -> int:
    """Write the whole database into ``tmp`` under ``key``; returns the number of records."""
    conn.execute(f"ATTACH DATABASE ? AS fresh KEY {key.sql_literal()}", (str(tmp),))
    try:
        conn.execute("SELECT sqlcipher_export('fresh')")
        # sqlcipher_export copies schema and rows, not the header fields that mark the file ours.
        for pragma in ("user_version", "application_id"):
            value = int(conn.execute(f"PRAGMA main.{pragma}").fetchone()[0])
            conn.execute(f"PRAGMA fresh.{pragma} = {value}")
        for sql, params in extra:
            conn.execute(sql, params)
        records = conn.execute("SELECT count(*) FROM fresh.records").fetchone()[0]
    finally:
        conn.execute("DETACH DATABASE fresh")
    return int(records)


def _verify(conn, tmp: Path, key: StoreKey) -> None:
    """The copy opens with its key, every page checks out, and every table has every row."""
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    expected = {t: conn.execute(f'SELECT count(*) FROM main."{t}"').fetchone()[0] for t in tables}
    version = conn.execute("PRAGMA main.user_version").fetchone()[0]
    copy = connect(tmp, key=key.raw, readonly=True)
    try:
        bad = copy.execute("PRAGMA cipher_integrity_check").fetchall()
        quick = copy.execute("PRAGMA quick_check").fetchone()[0]
        got = {t: copy.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        got_version = copy.execute("PRAGMA user_version").fetchone()[0]
    finally:
        copy.close()
    added = {"audit_log": (1,), "meta": (1, 2)}  # rows written into the copy on purpose (+token)
    short = [t for t in tables if got[t] - expected[t] not in (0, *added.get(t, ()))]
    if bad or quick != "ok" or short or got_version != version:
        remove_quietly(tmp)
        found = [str(bad[:1]) if bad else "", quick if quick != "ok" else "", ", ".join(short)]
        raise DamagedStore(Message("encrypt.copy_failed", why="; ".join(filter(None, found))))
    fsync_file(tmp)


def _swap(tmp: Path, path: Path) -> None:
    # The old file's SQLite side files must not meet the new file (a stale WAL would be replayed
    # into it). In DELETE mode with the file held exclusively there are none, but be sure.
    remove_quietly(*sidecars(path))
    try:
        os.replace(tmp, path)
    except PermissionError:  # Windows: another process has the store open
        remove_quietly(tmp)
        raise in_use_error(path.parent) from None
    fsync_dir(path.parent)


# ---- the device token --------------------------------------------------------------------------
def plain_token(data_dir: Path) -> str | None:
    """The content of a device-token file beside the store (no keyring at enrolment), if any."""
    try:
        text = (Path(data_dir) / TOKEN_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    lines = text.splitlines()
    return "\n".join(lines[:2]) if len(lines) >= 2 and lines[1].strip() else None


def remove_plain_token(data_dir: Path) -> None:
    remove_quietly(Path(data_dir) / TOKEN_FILE)
    fsync_dir(Path(data_dir))


def take_in_token(store: Store) -> bool:
    """Move a token file left beside an encrypted store (a run interrupted after the swap, or an
    older FieldKit) inside it. True if one was moved."""
    token = plain_token(store.data_dir)
    if token is None:
        return False
    if store.meta(TOKEN_META) is None:
        store.set_meta(TOKEN_META, token)
    remove_plain_token(store.data_dir)
    return True


# ---- attachments -------------------------------------------------------------------------------
def _plain_files(plain: Path) -> list[Path]:
    return sorted(p for p in plain.rglob("*") if p.is_file())


def copy_plain_blobs(plain: Path, blobs: EncryptedBlobStore, report: Report = _quiet) -> int:
    """Encrypt every plain attachment file into ``blobs`` (the plain files stay)."""
    files = [p for p in _plain_files(plain) if not p.name.startswith(".")]
    for i, p in enumerate(files, 1):
        content = p.read_bytes()
        sha = p.name if len(p.name) == 64 else hashlib.sha256(content).hexdigest()
        store_as(blobs, sha, content)
        report(Message("convert.encrypting_attachments", i=i, n=len(files)))
    if files:
        for d in {blobs.path(p.name).parent for p in files}:
            fsync_dir(d)
        fsync_dir(blobs.root)
    return len(files)


def store_as(blobs: EncryptedBlobStore, sha: str, content: bytes) -> None:
    """Like ``put`` but under the name the file already had: a damaged file stays damaged (and
    says so when opened) instead of vanishing."""
    if hashlib.sha256(content).hexdigest() == sha:
        blobs.put(content)
        return
    target = blobs.path(sha)
    if target.is_file():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(target, blobs._encode(content, sha))


def migrate_plain_blobs(plain: Path, blobs: EncryptedBlobStore) -> int:
    """Make sure every plain attachment has its encrypted twin, then delete the plain ones."""
    moved = 0
    for p in _plain_files(plain):
        if p.name.startswith("."):  # a half-written plain temp file: nothing to keep
            remove_quietly(p)
            continue
        sha = p.name
        if not blobs.has(sha):
            store_as(blobs, sha, p.read_bytes())
            fsync_dir(blobs.path(sha).parent)
        remove_quietly(p)
        moved += 1
    shutil.rmtree(plain, ignore_errors=True)
    return moved
