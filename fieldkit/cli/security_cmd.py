"""``fieldkit encrypt``, ``fieldkit passphrase change``, ``fieldkit lock-status``, ``fieldkit audit``.

Passphrases never go on the command line (it shows in ``ps`` and shell history): the current one
comes from ``--passphrase-file`` / FIELDKIT_PASSPHRASE, a new one from ``--new-passphrase-file`` /
FIELDKIT_NEW_PASSPHRASE, and otherwise from a prompt that does not echo.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .context import CommandError, Context


def register(sub) -> None:
    p = sub.add_parser(
        "encrypt",
        help="encrypt an unencrypted store (and its attachments) in place",
        description="Encrypt the store with a passphrase. Safe to interrupt: until it finishes "
        "the unencrypted store stays as it was. A forgotten passphrase cannot be recovered.",
    )
    _new_option(p, "the passphrase to encrypt with")
    p.set_defaults(func=cmd_encrypt)

    p = sub.add_parser("passphrase", help="change the store's passphrase")
    psub = p.add_subparsers(dest="passphrase_command", metavar="ACTION", required=True)
    c = psub.add_parser(
        "change",
        help="re-encrypt the store under a new passphrase",
        description="The current passphrase comes from --passphrase-file or FIELDKIT_PASSPHRASE "
        "(else a prompt); the new one from --new-passphrase-file or FIELDKIT_NEW_PASSPHRASE "
        "(else a prompt). Safe to interrupt: one of the two passphrases always opens the store.",
    )
    _new_option(c, "the new passphrase")
    c.set_defaults(func=cmd_passphrase_change)

    p = sub.add_parser(
        "lock-status",
        help="is the store encrypted; key derivation; wrong attempts; idle lock",
        description="Works without the passphrase: it reads nothing inside the store.",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_lock_status)

    p = sub.add_parser(
        "audit", help="the security audit log (unlock failures, passphrase changes, exports)"
    )
    p.add_argument("--limit", type=_limit, default=50, metavar="N", help="at most N (default 50)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_audit)


def _limit(text: str) -> int:
    from .records import MAX_ROWS
    from .records import _limit as bounded

    return bounded(1, MAX_ROWS)(text)


def _new_option(p, what: str) -> None:
    p.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        help=f"read {what} from FILE (or set FIELDKIT_NEW_PASSPHRASE; else you are asked)",
    )


def _read_file(path: str, what: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8").rstrip("\r\n")
    except OSError as exc:
        raise CommandError(f"cannot read {what} file {path}: {exc.strerror}") from None
    if not text:
        raise CommandError(f"{what} file {path} is empty")
    return text


def _prompt(label: str, confirm: bool = False) -> str:
    if not sys.stdin.isatty():
        raise CommandError(
            f"{label.lower()} needed: give it with a file option or environment variable "
            "(see --help); there is no terminal to ask on"
        )
    import getpass

    first = getpass.getpass(f"{label}: ")
    if confirm and getpass.getpass(f"{label} (again): ") != first:
        raise CommandError("the two passphrases differ; nothing was changed")
    return first


def _new_passphrase(args) -> str:
    if args.new_passphrase_file:
        return _read_file(args.new_passphrase_file, "new passphrase")
    env = os.environ.get("FIELDKIT_NEW_PASSPHRASE")
    if env:
        return env
    return _prompt("New passphrase", confirm=True)


def cmd_encrypt(args, ctx: Context) -> int:
    from fieldkit.core.security.convert import encrypt_store
    from fieldkit.core.security.errors import FORGOTTEN

    passphrase = (
        _read_file(args.new_passphrase_file, "passphrase")
        if args.new_passphrase_file
        else ctx.passphrase() or os.environ.get("FIELDKIT_NEW_PASSPHRASE")
    )
    if not passphrase:
        passphrase = _prompt("Passphrase for the store", confirm=True)

    def report(step: str) -> None:
        sys.stderr.write(f"fieldkit: {step}\n")
        sys.stderr.flush()

    counts = encrypt_store(ctx.data_dir, passphrase, report=report)
    ctx.print(
        f"encrypted {counts['records']} records and {counts['attachments']} attachment files "
        f"in {ctx.data_dir}"
    )
    ctx.print(FORGOTTEN)
    return 0


def cmd_passphrase_change(args, ctx: Context) -> int:
    from fieldkit.core.security.convert import change_passphrase

    current = ctx.passphrase() or _prompt("Current passphrase")
    new = _new_passphrase(args)
    store = ctx._store or _open_with(ctx, current)

    def report(step: str) -> None:
        sys.stderr.write(f"fieldkit: {step}\n")
        sys.stderr.flush()

    change_passphrase(store, current, new, report=report)
    ctx.print(f"passphrase changed for {store.path}")
    return 0


def _open_with(ctx: Context, passphrase: str):
    from fieldkit.core.opening import open_store

    ctx._store = open_store(ctx.data_dir, passphrase=passphrase, create=False)
    return ctx._store


def cmd_lock_status(args, ctx: Context) -> int:
    from fieldkit.core.security.status import lock_status

    info = lock_status(ctx.data_dir)
    if args.json:
        ctx.print_json(info)
        return 0
    labels = {
        "encrypted": "encrypted (SQLCipher 4, AES-256)",
        "plain": "NOT encrypted ('fieldkit encrypt' encrypts it)",
        "missing": "no store yet",
    }
    ctx.print(f"store:            {info['store']}")
    ctx.print(f"state:            {labels[info['state']]}")
    ctx.print(f"key derivation:   {info['kdf']}")
    ctx.print(
        f"attachment files: {info['attachments_encrypted']} encrypted, "
        f"{info['attachments_plain']} unencrypted"
    )
    ctx.print(f"wrong attempts:   {info['failed_attempts']} in a row")
    if info["wait_seconds"]:
        ctx.print(f"next attempt in:  {info['wait_seconds']} s")
    lock = info["lock_minutes"]
    ctx.print(f"app idle lock:    {f'after {lock} min' if lock else 'off'}")
    for leftover in info["leftovers"]:
        ctx.print(
            f"left over:        {leftover} (from an interrupted run; removed by the next one)"
        )
    return 0


def cmd_audit(args, ctx: Context) -> int:
    events = ctx.store(create=False).audit_events(limit=args.limit)
    if args.json:
        ctx.print_json(events)
        return 0
    for e in events:
        detail = ", ".join(f"{k}={v}" for k, v in e["detail"].items())
        rid = f" {e['record_id'][:8]}" if e["record_id"] else ""
        synced = "" if e["synced_at"] else "  (not yet at HQ)"
        ctx.print(f"{e['at'][:19]}  {e['author']:<16} {e['event']}{rid}  {detail}{synced}".rstrip())
    if not events:
        ctx.print("no security events recorded")
    return 0
