"""``fieldkit-hq``: run and administer the HQ sync server, on SQLite or PostgreSQL.

fieldkit-hq serve --db /srv/fieldkit/hq.db --port 8443 --certfile c.pem --keyfile k.pem
fieldkit-hq serve --db postgresql://fieldkit@dbhost/hq --blobs /srv/shared/blobs --workers 4
fieldkit-hq migrate [--check] | backup -o FILE | copy --from hq.db --to postgresql://...
fieldkit-hq device add --embassy KE --name "Nairobi laptop 3"
fieldkit-hq device add --embassy KE --name "Nairobi reception" --role local-staff
fieldkit-hq device list | revoke ID | set-role ID ROLE | set-ceiling ID LEVEL
fieldkit-hq embassy set-ceiling KE SECRET | list
fieldkit-hq stats | export --format jsonl | registry import projects.jsonl

The database is ``--db`` or ``FIELDKIT_HQ_DB``; attachments ``--blobs`` or ``FIELDKIT_HQ_BLOBS``
(default beside an SQLite file). A PostgreSQL password comes from PGPASSWORD, ~/.pgpass or
``--db-password-file``, never from the command line.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .db import is_postgres


class Parser(argparse.ArgumentParser):
    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


class CliError(Exception):
    pass


def default_db() -> str:
    env = os.environ.get("FIELDKIT_HQ_DB")
    if env:
        return env
    import platformdirs

    return str(Path(platformdirs.user_data_dir("FieldKitHQ", appauthor=False)) / "hq.db")


def _db_options(p: argparse.ArgumentParser, sub: bool) -> None:
    # Accepted before and after the command; the one after wins.
    dest = "_sub" if sub else ""
    default = argparse.SUPPRESS if sub else None
    p.add_argument("--db", metavar="PATH|URL", dest="db" + dest, default=default,
                   help="HQ database: an SQLite file or postgresql://USER@HOST/DBNAME "
                        "(default: FIELDKIT_HQ_DB or the user data folder)")  # fmt: skip
    p.add_argument("--blobs", metavar="DIR", dest="blobs" + dest, default=default,
                   help="attachments folder (default: FIELDKIT_HQ_BLOBS, or beside an SQLite "
                        "file); one shared volume when several HQ machines serve")  # fmt: skip
    p.add_argument(
        "--db-password-file",
        metavar="FILE",
        dest="pwfile" + dest,
        default=default,
        help="file holding the PostgreSQL password (else PGPASSWORD or ~/.pgpass)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="fieldkit-hq", description="FieldKit HQ sync server")
    _db_options(parser, sub=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(name: str, help: str, func) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help)
        _db_options(p, sub=True)
        p.set_defaults(func=func)
        return p

    s = command("serve", "run the HQ server", cmd_serve)
    s.add_argument("--host", default=os.environ.get("FIELDKIT_HQ_HOST", "127.0.0.1"))
    s.add_argument("--port", type=int, default=int(os.environ.get("FIELDKIT_HQ_PORT", "8765")))
    s.add_argument("--workers", type=int, default=int(os.environ.get("FIELDKIT_HQ_WORKERS", "1")),
                   help="worker processes (PostgreSQL only; SQLite serves with one)")  # fmt: skip
    s.add_argument("--readers", type=int, default=os.environ.get("FIELDKIT_HQ_READERS"),
                   help="processes that read and validate pushed pages beside the server, so "
                   "one laptop's push uses more than one core (default: one per further core, "
                   "at most 4, with --workers 1; 0: none)")  # fmt: skip
    s.add_argument("--certfile", help="TLS certificate (PEM); serve HTTPS")
    s.add_argument("--keyfile", help="TLS private key (PEM)")

    m = command("migrate", "upgrade the database schema to this HQ's (each step in a transaction)",
                cmd_migrate)  # fmt: skip
    m.add_argument("--check", action="store_true",
                   help="only say whether an upgrade is needed (exit 1 if so)")  # fmt: skip

    b = command("backup", "a consistent copy of an SQLite HQ, safe while it serves", cmd_backup)
    b.add_argument("-o", "--output", required=True, metavar="FILE")

    cp = command("copy", "move an HQ to another database (e.g. SQLite to PostgreSQL), verified",
                 cmd_copy)  # fmt: skip
    cp.add_argument("--from", dest="source", required=True, metavar="PATH|URL")
    cp.add_argument("--to", dest="target", required=True, metavar="PATH|URL")
    cp.add_argument("--from-blobs", metavar="DIR", help="attachments of the source (default: "
                    "beside an SQLite source)")  # fmt: skip

    dev = sub.add_parser("device", help="enrol, list and revoke laptops")
    dsub = dev.add_subparsers(dest="device_command", metavar="ACTION", parser_class=Parser)
    a = dsub.add_parser("add", help="create a one-time enrolment code for a laptop")
    _db_options(a, sub=True)
    a.add_argument("--embassy", required=True, metavar="POST|CC",
                   help="the post: its code (emb-ke, cg-hongkong; see posts.json) or, for an "
                   "embassy, its country code (KE)")  # fmt: skip
    a.add_argument("--name", required=True)
    a.add_argument("--hours", type=float, default=72, help="how long the code stays valid")
    a.add_argument("--role", choices=["staff", "local-staff"], default="staff",
                   help="local-staff: the laptop never receives NOT FOR LOCAL STAFF records, "
                        "their follow-ups or photos, and may not send them")  # fmt: skip
    a.add_argument("--ceiling", metavar="LEVEL",
                   help="highest classification it may hold (default: its embassy's)")  # fmt: skip
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_device_add)
    sr = dsub.add_parser("set-role", help="change a laptop's role (applies at its next sync)")
    _db_options(sr, sub=True)
    sr.add_argument("id")
    sr.add_argument("role", choices=["staff", "local-staff"])
    sr.set_defaults(func=cmd_device_set_role)
    sc = dsub.add_parser("set-ceiling", help="highest classification one laptop may hold")
    _db_options(sc, sub=True)
    sc.add_argument("id")
    sc.add_argument("level", help="UNCLASSIFIED, FOUO, CONFIDENTIAL or SECRET; 'embassy' to "
                    "follow its embassy's ceiling again")  # fmt: skip
    sc.set_defaults(func=cmd_device_set_ceiling)
    ls = dsub.add_parser("list", help="list devices")
    _db_options(ls, sub=True)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_device_list)
    r = dsub.add_parser("revoke", help="refuse a device from its next request on")
    _db_options(r, sub=True)
    r.add_argument("id")
    r.set_defaults(func=cmd_device_revoke)
    dev.set_defaults(func=lambda args, store: _usage(dev))

    emb = sub.add_parser("embassy", help="settings HQ keeps per embassy")
    esub = emb.add_subparsers(dest="embassy_command", metavar="ACTION", parser_class=Parser)
    ec = esub.add_parser("set-ceiling", help="highest classification the embassy's laptops may "
                         "hold (default CONFIDENTIAL)")  # fmt: skip
    _db_options(ec, sub=True)
    ec.add_argument("embassy", metavar="CC")
    ec.add_argument("level")
    ec.set_defaults(func=cmd_embassy_set_ceiling)
    el = esub.add_parser("list", help="each embassy's ceiling")
    _db_options(el, sub=True)
    el.add_argument("--json", action="store_true")
    el.set_defaults(func=cmd_embassy_list)
    emb.set_defaults(func=lambda args, store: _usage(emb))

    st = command("stats", "records per embassy and each device's last sync", cmd_stats)
    st.add_argument("--json", action="store_true")

    ex = command("export", "every embassy's records, one JSON object a line", cmd_export)
    ex.add_argument("--format", choices=["jsonl"], default="jsonl")
    ex.add_argument("-o", "--output", help="file to write (default: standard output)")

    reg = sub.add_parser("registry", help="publish the project registry to laptops")
    rsub = reg.add_subparsers(dest="registry_command", metavar="ACTION", parser_class=Parser)
    imp = rsub.add_parser("import", help="publish records from a JSON-lines file")
    _db_options(imp, sub=True)
    imp.add_argument("file")
    imp.add_argument(
        "--embassy", metavar="CC", help="publish to this embassy (default: each record's country)"
    )
    imp.set_defaults(func=cmd_registry_import)
    reg.set_defaults(func=lambda args, store: _usage(reg))

    c = command("conflicts", "open conflicts per embassy", cmd_conflicts)
    c.add_argument("--json", action="store_true")
    from .reference_cli import add_reference_commands  # HQ-governed reference lists

    add_reference_commands(sub, Parser, lambda p: _db_options(p, sub=True))
    from .console.cli import add_user_commands  # HQ console accounts

    add_user_commands(sub, Parser, lambda p: _db_options(p, sub=True))
    return parser


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _target(args) -> tuple[str, str | None, str | None]:
    """(database, blobs folder, password file) from the options and the environment."""
    db = getattr(args, "db_sub", None) or args.db or default_db()
    blobs = getattr(args, "blobs_sub", None) or args.blobs or os.environ.get("FIELDKIT_HQ_BLOBS")
    pwfile = (
        getattr(args, "pwfile_sub", None)
        or args.pwfile
        or os.environ.get("FIELDKIT_HQ_DB_PASSWORD_FILE")
    )
    given = getattr(args, "db_sub", None) or args.db
    if given and is_postgres(given) and _has_password(given):
        raise CliError("do not put the database password in --db (other users see command "
                       "lines): use --db-password-file, PGPASSWORD or ~/.pgpass")  # fmt: skip
    if not is_postgres(db):
        db = str(Path(db).expanduser())
    return db, blobs or None, pwfile or None  # an empty setting is no setting


def _has_password(url: str) -> bool:
    from urllib.parse import parse_qs, urlsplit

    parts = urlsplit(url)
    return bool(parts.password) or "password" in parse_qs(parts.query)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    import sqlite3

    from .common import Refused
    from .db import DatabaseError
    from .migrations import SchemaError

    db_errors: tuple[type[BaseException], ...] = (sqlite3.Error, DatabaseError, SchemaError)
    try:
        import psycopg

        db_errors += (psycopg.Error,)
    except ImportError:  # pragma: no cover - psycopg is a dependency
        pass
    try:
        db, blobs, pwfile = _target(args)
        if args.func in (cmd_serve, cmd_migrate, cmd_copy, cmd_backup):
            return args.func(args, db, blobs, pwfile)
        from .storage import HQStore

        store = HQStore(db, blobs, password_file=pwfile)
        try:
            return args.func(args, store) or 0
        finally:
            store.close()
    except (CliError, Refused) as exc:
        sys.stderr.write(f"fieldkit-hq: error: {exc}\n")
        return 2
    except db_errors as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        sys.stderr.write(f"fieldkit-hq: error: database: {first}\n")
        return 2
    except OSError as exc:
        sys.stderr.write(f"fieldkit-hq: error: {exc.strerror or exc}: {exc.filename or ''}\n")
        return 2
    except KeyboardInterrupt:
        return 130


# ---- server ---------------------------------------------------------------------------------------
def cmd_serve(args, db: str, blobs: str | None, pwfile: str | None) -> int:
    import uvicorn

    from . import metrics
    from .storage import HQStore

    if bool(args.certfile) != bool(args.keyfile):
        raise CliError("give both --certfile and --keyfile for TLS, or neither")
    for f in (args.certfile, args.keyfile):
        if f and not Path(f).is_file():
            raise CliError(f"no such file: {f}")
    if not 1 <= args.workers <= 64:
        raise CliError(f"--workers must be 1 to 64, got {args.workers}")
    if args.readers is None:
        from .readers import default_processes

        # Several workers already use several cores, each with its own laptops.
        args.readers = default_processes() if args.workers == 1 else 0
    if not 0 <= args.readers <= 64:
        raise CliError(f"--readers must be 0 to 64, got {args.readers}")
    if args.workers > 1 and not is_postgres(db):
        raise CliError(f"--workers {args.workers} needs PostgreSQL: an SQLite HQ is served by one "
                       "process (use --workers 1, or --db postgresql://...)")  # fmt: skip
    if is_postgres(db) and not blobs:
        raise CliError(
            "give the attachments folder with --blobs DIR (or FIELDKIT_HQ_BLOBS) when "
            "HQ stores on PostgreSQL: one folder (a shared volume) for every worker"
        )
    # Open once here: creates an empty database, or refuses one that needs `migrate` or that a
    # newer HQ wrote, before any worker starts.
    store = HQStore(db, blobs, password_file=pwfile)
    label = store.db.label
    store.close()
    metrics.setup_logging()
    scheme = "https" if args.certfile else "http"
    sys.stderr.write(f"FieldKit HQ: {scheme}://{args.host}:{args.port}  database {label}"
                     f"  workers {args.workers}  readers {args.readers}\n")  # fmt: skip
    options = dict(
        host=args.host, port=args.port, ssl_certfile=args.certfile, ssl_keyfile=args.keyfile,
        log_level="warning", timeout_keep_alive=30,
    )  # fmt: skip
    if args.workers == 1:
        from .app import create_app

        app = create_app(db, blobs=blobs, password_file=pwfile, readers=args.readers)
        uvicorn.run(app, **options)
        return 0
    # Worker processes build the app from the environment (uvicorn imports it in each).
    os.environ["FIELDKIT_HQ_DB"] = db
    if blobs:
        os.environ["FIELDKIT_HQ_BLOBS"] = str(blobs)
    if pwfile:
        os.environ["FIELDKIT_HQ_DB_PASSWORD_FILE"] = str(pwfile)
    os.environ["FIELDKIT_HQ_READERS"] = str(args.readers)
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        import tempfile

        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="fieldkit-hq-metrics-")
    uvicorn.run("sync.server.cli:worker_app", factory=True, workers=args.workers, **options)
    return 0


def worker_app():
    """The app of one worker process of ``serve --workers N`` (settings from the environment)."""
    from . import metrics
    from .app import create_app

    metrics.setup_logging()
    return create_app(
        os.environ["FIELDKIT_HQ_DB"], blobs=os.environ.get("FIELDKIT_HQ_BLOBS"),
        password_file=os.environ.get("FIELDKIT_HQ_DB_PASSWORD_FILE"),
        readers=int(os.environ.get("FIELDKIT_HQ_READERS") or 0),
    )  # fmt: skip


# ---- schema, backup, copy ----------------------------------------------------------------------------
def cmd_migrate(args, db: str, blobs: str | None, pwfile: str | None) -> int:
    from . import migrations
    from .storage import HQStore

    store = HQStore(db, blobs, password_file=pwfile, create=False)
    try:
        if args.check:
            behind = migrations.check(store.db)
            if behind:
                print(f"{store.db.label} needs an upgrade: {', '.join(behind)}; run: "
                      "fieldkit-hq migrate")  # fmt: skip
                return 1
            print(f"{store.db.label} is up to date (core schema step {migrations.LATEST})")
            return 0
        done = migrations.migrate(store.db, store.blob_dir)
        if done:
            print(f"{store.db.label}: applied {', '.join(done)}")
        else:
            print(f"{store.db.label} is up to date (core schema step {migrations.LATEST})")
        return 0
    finally:
        store.close()


def cmd_backup(args, db: str, blobs: str | None, pwfile: str | None) -> int:
    from .storage import HQStore

    if is_postgres(db):
        raise CliError("backup copies an SQLite HQ; for PostgreSQL use pg_dump (see the README) "
                       "and copy the attachments folder")  # fmt: skip
    out = Path(args.output).expanduser()
    if out.exists():
        raise CliError(f"{out} exists; give a new file name")
    store = HQStore(db, blobs, password_file=pwfile)
    try:
        store.db.backup(out)
        records = store.stats()["sequence"]
        blob_dir = store.blob_dir
    finally:
        store.close()
    print(f"backed up {db} to {out} (sequence {records}); copy the attachments folder "
          f"{blob_dir} with it")  # fmt: skip
    return 0


def cmd_copy(args, db: str, blobs: str | None, pwfile: str | None) -> int:
    from .copying import copy_hq

    report = copy_hq(
        args.source, args.target, source_blobs=args.from_blobs, target_blobs=blobs,
        password_file=pwfile,
    )  # fmt: skip
    for line in report:
        print(line)
    return 0


# ---- administration ----------------------------------------------------------------------------------
def cmd_device_add(args, store) -> int:
    import math

    if not math.isfinite(args.hours) or args.hours <= 0:
        raise CliError(f"--hours must be a number of hours above 0, got {args.hours!r}")
    info = store.add_device(args.embassy, args.name, hours=args.hours, role=args.role,
                            ceiling=args.ceiling)  # fmt: skip
    if args.json:
        print(json.dumps(info, indent=2))
    else:
        role = " local staff," if info["role"] == "local-staff" else ""
        ceiling = f", ceiling {info['ceiling']}" if info["ceiling"] else ""
        print(f"Device {info['device_id']} ({info['name']},{role} embassy {info['embassy']}"
              f"{ceiling})")  # fmt: skip
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
        ceiling = d["ceiling"] + ("" if d["device_ceiling"] else " (embassy)")
        yield (
            f"{d['id']}  {d.get('post') or d['embassy']:<14}  {d['name']:<30}  {d['role']:<11}  "
            f"ceiling {ceiling:<23}  {state:<22}  last sync {d['last_sync'] or 'never'}"
        )


def cmd_device_set_role(args, store) -> int:
    if not store.set_role(args.id, args.role):
        raise CliError(f"no device {args.id}")
    print(f"device {args.id} is now {args.role}: from its next sync it holds only what that "
          "role may (records it may no longer hold are removed from the laptop)")  # fmt: skip
    return 0


def cmd_device_set_ceiling(args, store) -> int:
    level = None if args.level.strip().lower() == "embassy" else args.level
    if not store.set_ceiling(args.id, level):
        raise CliError(f"no device {args.id}")
    what = level.upper() if level else "its embassy's"
    print(f"device {args.id}: ceiling {what}, from its next sync")
    return 0


def cmd_embassy_set_ceiling(args, store) -> int:
    level = store.set_embassy_ceiling(args.embassy, args.level)
    print(f"embassy {args.embassy.upper()}: ceiling {level} for its laptops without one of "
          "their own, from their next sync")  # fmt: skip
    return 0


def cmd_embassy_list(args, store) -> int:
    from .handling import DEFAULT_CEILING

    return _show(
        args, store.embassy_ceilings(),
        lambda d: [f"{e}  ceiling {c}" for e, c in sorted(d.items())],
        f"no embassy has its own ceiling: every laptop's is {DEFAULT_CEILING} unless set",
    )  # fmt: skip


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
    for n, raw in enumerate(path.read_bytes().splitlines(), 1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CliError(
                f"{path}:{n}: not UTF-8 text (byte {exc.start + 1} of the line)"
            ) from None
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except RecursionError:
            raise CliError(f"{path}:{n}: JSON nested too deeply") from None
        except ValueError as exc:
            raise CliError(f"{path}:{n}: not JSON ({exc})") from None
        if not isinstance(obj, dict):
            raise CliError(f"{path}:{n}: expected a JSON object")
        obj.pop("_hq", None)
        records.append(obj)
    try:
        counts = store.import_registry(records, embassy=args.embassy)
    except RecursionError:
        raise CliError(f"{path}: a record is nested too deeply") from None
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
