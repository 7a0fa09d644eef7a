"""``fieldkit-hq user ...``: console accounts (add, list, disable, reset-password).

Passwords are asked twice on the terminal, or read from ``--password-file`` (first line); never an
argument, which would show in ``ps`` and the shell history.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from fieldkit.core.messages import Message

from . import auth, schema
from .db import Handle
from .regions import REGIONS


class UserCommandError(Exception):
    pass


def add_user_commands(sub, parser_class, db_options=None) -> None:
    """Register ``user`` under ``sub``; ``db_options(parser)`` adds HQ's database options to each
    action (so ``--db`` may follow it, as for HQ's other commands)."""
    user = sub.add_parser("user", help="HQ console accounts")
    usub = user.add_subparsers(dest="user_command", metavar="ACTION", parser_class=parser_class)
    a = usub.add_parser("add", help="add a console account")
    a.add_argument("name")
    a.add_argument("--role", required=True, choices=auth.ROLES)
    where = a.add_mutually_exclusive_group()
    where.add_argument(
        "--countries",
        default="",
        metavar="CC,CC",
        help="posts (country codes) an officer or viewer reads, e.g. KE,TZ",
    )
    where.add_argument(
        "--region", default="", choices=sorted(REGIONS), help="every post in this region"
    )
    a.add_argument("--lang", default="en", choices=auth.LANGS)
    a.add_argument("--password-file", metavar="FILE")
    a.set_defaults(func=cmd_add)
    ls = usub.add_parser("list", help="list console accounts")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_list)
    d = usub.add_parser("disable", help="disable an account (its sessions end at once)")
    d.add_argument("name")
    d.set_defaults(func=cmd_disable)
    r = usub.add_parser("reset-password", help="set a new password (and enable the account)")
    r.add_argument("name")
    r.add_argument("--password-file", metavar="FILE")
    r.set_defaults(func=cmd_reset)
    for action in (a, ls, d, r):
        if db_options is not None:
            db_options(action)

    def usage(args, store) -> int:
        user.print_help(sys.stderr)
        return 2

    user.set_defaults(func=usage)


def _db(store) -> Handle:
    db = Handle(store)
    schema.ensure(db)
    return db


def _password(args: argparse.Namespace) -> str:
    if args.password_file:
        path = Path(args.password_file)
        if not path.is_file():
            raise UserCommandError(Message("console.no_file", path=str(path)))
        lines = path.read_text(encoding="utf-8").splitlines()
        if not lines or not lines[0]:
            raise UserCommandError(Message("console.password_file_empty", path=str(path)))
        return lines[0]
    if not sys.stdin.isatty():
        raise UserCommandError(Message("console.no_terminal"))
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Password again: "):
        raise UserCommandError(Message("console.passwords_differ"))
    return first


def _run(fn) -> int:
    try:
        return fn() or 0
    except (auth.AccountError, UserCommandError) as exc:
        sys.stderr.write(f"fieldkit-hq: error: {exc.args[0]}\n")
        return 2


def cmd_add(args, store) -> int:
    def run():
        db = _db(store)
        auth.check_password(password := _password(args))
        auth.add_user(db, args.name, args.role, password, args.countries, args.region, args.lang)
        print(f"user {args.name} added ({args.role}); sign in at /console/ on this HQ")

    return _run(run)


def cmd_list(args, store) -> int:
    def run():
        rows = auth.list_users(_db(store))
        if args.json:
            print(json.dumps(rows, indent=2))
            return
        if not rows:
            print("no console users; add one with: fieldkit-hq user add NAME --role admin")
        for u in rows:
            where = u["countries"] or (f"region {u['region']}" if u["region"] else "all posts")
            state = "disabled" if u["disabled_at"] else "active"
            print(f"{u['name']:<24} {u['role']:<8} {where:<30} {u['lang']}  {state}")

    return _run(run)


def cmd_disable(args, store) -> int:
    def run():
        auth.disable_user(_db(store), args.name)
        print(f"user {args.name} disabled; their sessions have ended")

    return _run(run)


def cmd_reset(args, store) -> int:
    def run():
        db = _db(store)
        auth.reset_password(db, args.name, _password(args))
        print(f"password of {args.name} changed; their sessions have ended")

    return _run(run)
