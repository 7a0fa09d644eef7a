"""``fieldkit-hq``: run and administer the HQ sync server.

fieldkit-hq serve --db /srv/fieldkit/hq.db --port 8443 --certfile c.pem --keyfile k.pem
fieldkit-hq device add --embassy KE --name "Nairobi laptop 3"
fieldkit-hq device list | revoke ID
fieldkit-hq stats | export --format jsonl | registry import projects.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any


class Parser(argparse.ArgumentParser):
    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def default_db() -> Path:
    env = os.environ.get("FIELDKIT_HQ_DB")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("FieldKitHQ", appauthor=False)) / "hq.db"


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="fieldkit-hq", description="FieldKit HQ sync server")
    parser.add_argument(
        "--db", metavar="PATH", help="HQ database (default: FIELDKIT_HQ_DB or the user data folder)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    s = sub.add_parser("serve", help="run the HQ server")
    s.add_argument("--db", metavar="PATH", dest="db_sub")
    s.add_argument("--host", default=os.environ.get("FIELDKIT_HQ_HOST", "127.0.0.1"))
    s.add_argument("--port", type=int, default=int(os.environ.get("FIELDKIT_HQ_PORT", "8765")))
    s.add_argument("--certfile", help="TLS certificate (PEM); serve HTTPS")
    s.add_argument("--keyfile", help="TLS private key (PEM)")
    s.set_defaults(func=cmd_serve)

    dev = sub.add_parser("device", help="enrol, list and revoke laptops")
    dsub = dev.add_subparsers(dest="device_command", metavar="ACTION", parser_class=Parser)
    a = dsub.add_parser("add", help="create a one-time enrolment code for a laptop")
    a.add_argument("--embassy", required=True, metavar="CC", help="country code, e.g. KE")
    a.add_argument("--name", required=True)
    a.add_argument("--hours", type=float, default=72, help="how long the code stays valid")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_device_add)
    ls = dsub.add_parser("list", help="list devices")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_device_list)
    r = dsub.add_parser("revoke", help="refuse a device from its next request on")
    r.add_argument("id")
    r.set_defaults(func=cmd_device_revoke)
    dev.set_defaults(func=lambda args, store: _usage(dev))

    st = sub.add_parser("stats", help="records per embassy and each device's last sync")
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=cmd_stats)

    ex = sub.add_parser("export", help="every embassy's records, one JSON object a line")
    ex.add_argument("--format", choices=["jsonl"], default="jsonl")
    ex.add_argument("-o", "--output", help="file to write (default: standard output)")
    ex.set_defaults(func=cmd_export)

    reg = sub.add_parser("registry", help="publish the project registry to laptops")
    rsub = reg.add_subparsers(dest="registry_command", metavar="ACTION", parser_class=Parser)
    imp = rsub.add_parser("import", help="publish records from a JSON-lines file")
    imp.add_argument("file")
    imp.add_argument(
        "--embassy", metavar="CC", help="publish to this embassy (default: each record's country)"
    )
    imp.set_defaults(func=cmd_registry_import)
    reg.set_defaults(func=lambda args, store: _usage(reg))

    c = sub.add_parser("conflicts", help="open conflicts per embassy")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_conflicts)
    from .console.cli import add_user_commands  # HQ console accounts

    add_user_commands(sub, Parser)
    return parser


class CliError(Exception):
    pass


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    db = Path(getattr(args, "db_sub", None) or args.db or default_db()).expanduser()
    from .storage import HQStore, Refused

    try:
        if args.func is cmd_serve:
            return cmd_serve(args, db)
        store = HQStore(db)
        try:
            return args.func(args, store) or 0
        finally:
            store.close()
    except (CliError, Refused) as exc:
        sys.stderr.write(f"fieldkit-hq: error: {exc}\n")
        return 2
    except OSError as exc:
        sys.stderr.write(f"fieldkit-hq: error: {exc.strerror or exc}: {exc.filename or ''}\n")
        return 2
    except KeyboardInterrupt:
        return 130


def cmd_serve(args, db: Path) -> int:
    import uvicorn

    from .app import create_app

    if bool(args.certfile) != bool(args.keyfile):
        raise CliError("give both --certfile and --keyfile for TLS, or neither")
    for f in (args.certfile, args.keyfile):
        if f and not Path(f).is_file():
            raise CliError(f"no such file: {f}")
    app = create_app(db)
    scheme = "https" if args.certfile else "http"
    sys.stderr.write(f"FieldKit HQ: {scheme}://{args.host}:{args.port}  database {db}\n")
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        ssl_certfile=args.certfile,
        ssl_keyfile=args.keyfile,
        log_level="warning",
        timeout_keep_alive=30,
    )
    return 0


def cmd_device_add(args, store) -> int:
    info = store.add_device(args.embassy, args.name, hours=args.hours)
    if args.json:
        print(json.dumps(info, indent=2))
    else:
        print(f"Device {info['device_id']} ({info['name']}, embassy {info['embassy']})")
        print(f"Enrolment code: {info['code']}  (single use, expires {info['expires_at']} UTC)")
        print(f"On the laptop: fieldkit enroll --server URL --code {info['code']}")
    return 0


def _show(args, data, lines: Callable[[Any], Iterable[str]], empty: str = "") -> int:
    """``data`` as indented JSON with --json; else the human lines (``empty`` when none)."""
    if args.json:
        print(json.dumps(data, indent=2))
    elif not data and empty:
        print(empty)
    else:
        for line in lines(data):
            print(line)
    return 0


def cmd_device_list(args, store) -> int:
    return _show(
        args, store.devices(), _device_lines,
        "no devices; add one with: fieldkit-hq device add --embassy CC --name NAME",
    )  # fmt: skip


def _device_lines(devices: list[dict]) -> Iterator[str]:
    for d in devices:
        state = (
            "revoked"
            if d["revoked_at"]
            else ("enrolled" if d["enrolled_at"] else "waiting for enrolment")
        )
        yield (
            f"{d['id']}  {d['embassy']}  {d['name']:<30}  {state:<22}  "
            f"last sync {d['last_sync'] or 'never'}"
        )


def cmd_device_revoke(args, store) -> int:
    if not store.revoke(args.id):
        known = {d["id"] for d in store.devices()}
        raise CliError(
            f"device {args.id} is already revoked" if args.id in known else f"no device {args.id}"
        )
    print(f"device {args.id} revoked: it is refused from its next request on")
    return 0


def cmd_stats(args, store) -> int:
    return _show(args, store.stats(), _stats_lines)


def _stats_lines(stats: dict) -> Iterator[str]:
    for embassy, e in sorted(stats["embassies"].items()):
        label = "registry (all embassies)" if embassy == "*" else f"embassy {embassy}"
        counts = ", ".join(f"{k} {n}" for k, n in sorted(e["records"].items())) or "no records"
        yield f"{label}: {counts}; deleted {e['deleted']}; open conflicts {e['open_conflicts']}"
        for d in e["devices"]:
            flag = " (revoked)" if d["revoked"] else ""
            yield f"  {d['name']} [{d['id']}]{flag}: last sync {d['last_sync'] or 'never'}"
    yield f"audit events kept: {stats['audit_events']}"


def cmd_export(args, store) -> int:
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    n = 0
    try:
        for rec in store.export():
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    finally:
        if args.output:
            out.close()
    if args.output:
        sys.stderr.write(f"{n} records written to {args.output}\n")
    return 0


def cmd_registry_import(args, store) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"no such file: {path}")
    records = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise CliError(f"{path}:{n}: not JSON ({exc})") from None
        if not isinstance(obj, dict):
            raise CliError(f"{path}:{n}: expected a JSON object")
        obj.pop("_hq", None)
        records.append(obj)
    counts = store.import_registry(records, embassy=args.embassy)
    print(
        f"published: {counts['created']} new, {counts['updated']} changed, "
        f"{counts['unchanged']} unchanged"
    )
    return 0


def cmd_conflicts(args, store) -> int:
    return _show(args, store.open_conflicts(), _conflict_lines, "no open conflicts")


def _conflict_lines(rows: list[dict]) -> Iterator[str]:
    for r in rows:
        yield (
            f"{r['id']}  {r['embassy']}  {r['kind']} {r['record_id']}  "
            f"fields {', '.join(r['fields'])}  device {r['device_id']}"
        )


if __name__ == "__main__":
    sys.exit(main())
