"""``fieldkit-hq reference publish FILE|DIR`` and ``fieldkit-hq reference show``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fieldkit.core.errors import FieldKitError

from . import reference


def add_reference_commands(sub, parser_class, db_options) -> None:
    ref = sub.add_parser("reference", help="publish the reference lists laptops use")
    rsub = ref.add_subparsers(dest="reference_command", metavar="ACTION", parser_class=parser_class)
    pub = rsub.add_parser(
        "publish",
        help="publish summits.json, posts.json, ... (a file, or a folder of them): laptops get "
        "them at their next sync; a code left out of a list is kept as retired",
    )
    db_options(pub)
    pub.add_argument("path", metavar="FILE|DIR")
    pub.set_defaults(func=cmd_publish)
    sh = rsub.add_parser("show", help="each list's version, active and retired codes")
    db_options(sh)
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(func=cmd_show)
    ref.set_defaults(func=lambda args, store: (ref.print_help(sys.stderr), 2)[1])


def cmd_publish(args, store) -> int:
    from .cli import CliError

    try:
        files = reference.read_files(Path(args.path).expanduser())
        result = reference.publish(store.db, files)
    except FieldKitError as exc:
        raise CliError(str(exc)) from None
    if not result["changed"]:
        print(f"nothing changed: HQ's reference lists stay at version {result['version']}")
        return 0
    for name, (active, retired) in result["changed"].items():
        more = f", {retired} retired" if retired else ""
        print(f"{name}: {active} codes{more}")
    print(f"published as version {result['version']}: laptops get it at their next sync")
    return 0


def cmd_show(args, store) -> int:
    rows = reference.show(store.db)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    for r in rows:
        when = f"version {r['version']}, {r['published_at']}" if r["version"] else "as shipped"
        retired = f", {r['retired']} retired" if r["retired"] else ""
        print(f"{r['list']:<14} {r['active']:>4} codes{retired:<14}  {when}")
    return 0
