"""Subcommands on records: new, edit, list, show, history, delete, restore, search, status, demo-data."""

from __future__ import annotations

import argparse
import json
from datetime import date

from fieldkit.core.envelope import USER_KINDS

from .context import CommandError, Context

KIND_CHOICES = USER_KINDS
SEARCH_KINDS = ("meeting", "visit", "project", "contact", "organisation", "person", "followup")


def register(sub) -> None:
    p = sub.add_parser(
        "new",
        help="create a record",
        description="Create a record from FIELD=VALUE "
        "pairs, e.g.: fieldkit new meeting subject='GX dialogue' date=2026-03-02 "
        "country=KE policy_fields=gx,digital",
    )
    p.add_argument("kind", choices=KIND_CHOICES)
    p.add_argument("fields", nargs="*", metavar="FIELD=VALUE")
    p.add_argument(
        "--json",
        dest="json_file",
        metavar="FILE",
        help="read the fields as a JSON object from FILE ('-' for standard input)",
    )
    p.set_defaults(func=cmd_new)

    p = sub.add_parser(
        "edit",
        help="change fields of a record",
        description="Change fields of a record: fieldkit edit ID place='Ministry of Energy'",
    )
    p.add_argument("id")
    p.add_argument("fields", nargs="+", metavar="FIELD=VALUE")
    p.set_defaults(func=cmd_edit)

    p = sub.add_parser("list", help="list records with filters")
    _filter_options(p, SEARCH_KINDS)
    p.add_argument("--sort", default="date", help="date, date_asc, updated, title, due, country")
    p.add_argument(
        "--limit",
        type=_limit(0, MAX_ROWS),
        default=100,
        help="at most N rows (0: all; default 100)",
    )
    p.add_argument("--trash", action="store_true", help="list deleted records instead")
    p.add_argument(
        "--waiting",
        action="store_true",
        help="submitted meetings and visits waiting for my approval (I am their named approver)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser(
        "search",
        help="full-text search (English, Japanese, any language)",
        description='Every word must match; "quoted phrases" match as a whole; '
        "1-2 character words work too.",
    )
    p.add_argument("query")
    _filter_options(p, SEARCH_KINDS)
    p.add_argument("--limit", type=_limit(1, MAX_ROWS), default=50)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("show", help="show one record (id or a unique id prefix)")
    p.add_argument("id")
    p.add_argument("--json", action="store_true", help="print the whole record as JSON")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("history", help="who changed what in a record, and when")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_history)

    p = sub.add_parser("delete", help="move a record (with its follow-ups and photos) to the trash")
    p.add_argument("id")
    p.set_defaults(func=cmd_delete)

    p = sub.add_parser("restore", help="bring a record back from the trash")
    p.add_argument("id")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("status", help="counts, pending changes, data directory, schema version")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--check",
        action="store_true",
        help="also read every page of the store and check it (an encrypted store: each page's "
        "HMAC; any store: SQLite's structure); exit 1 if anything is wrong",
    )
    p.set_defaults(func=cmd_status)

    p = sub.add_parser(
        "demo-data", help="add realistic demo records (meetings, visits, projects...)"
    )
    p.add_argument("--meetings", type=_count, default=200)
    p.add_argument("--visits", type=_count, default=60)
    p.add_argument("--projects", type=_count, default=40)
    p.add_argument("--seed", type=_limit(0, 2**32), default=1)
    p.set_defaults(func=cmd_demo)


def _limit(low: int, high: int):
    """An argparse type: a whole number from ``low`` to ``high``, else one line saying so."""

    def parse(text: str) -> int:
        try:
            n = int(text) if len(text) <= 20 else None
        except ValueError:
            n = None
        if n is None or not low <= n <= high:
            raise argparse.ArgumentTypeError(f"expected a whole number from {low} to {high}")
        return n

    return parse


MAX_ROWS = 1_000_000
MAX_DEMO = 200_000  # demo records of one kind: more would only fill the disk
MAX_QUERY = 500  # characters: a search longer than this is no search a person typed
MAX_QUERY_WORDS = 32


def _count(text: str) -> int:
    try:
        n = int(text) if len(text) <= 20 else None
    except ValueError:
        n = None
    if n is None:
        raise argparse.ArgumentTypeError(f"not a whole number: {text[:30]!r}")
    if n < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    if n > MAX_DEMO:
        raise argparse.ArgumentTypeError(f"at most {MAX_DEMO}")
    return n


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _filter_options(p, kinds) -> None:
    p.add_argument("--kind", action="append", choices=kinds, help="only this kind (repeatable)")
    p.add_argument("--country", action="append", metavar="CC", help="ISO country code (repeatable)")
    p.add_argument("--field", action="append", metavar="F", help="policy field code (repeatable)")
    p.add_argument("--summit", action="append", metavar="S", help="summit/forum code (repeatable)")
    p.add_argument(
        "--instrument", action="append", metavar="I", help="instrument code (repeatable)"
    )
    p.add_argument(
        "--status",
        action="append",
        help="status (meeting, visit: draft/submitted/approved/filed; follow-up: "
        "open/done/dropped; project: IATI activity status 1-6)",
    )
    p.add_argument("--from", dest="date_from", type=_date, metavar="DATE")
    p.add_argument("--to", dest="date_to", type=_date, metavar="DATE")
    p.add_argument("--overdue", action="store_true", help="overdue follow-ups and project reports")


def _filter(args, text: str = ""):
    from fieldkit.core.query import RecordFilter
    from fieldkit.core.reference import country_codes, reference

    countries = country_codes(args.country)
    for f in args.field or ():
        if f not in reference().policy_fields:
            raise CommandError(
                f"unknown policy field {f!r}; choose from " + ", ".join(reference().policy_fields)
            )
    for option, table in (("summit", "summits"), ("instrument", "instruments")):
        for code in getattr(args, option, None) or ():
            if code not in getattr(reference(), table):
                raise CommandError(
                    f"unknown {option} {code!r}; choose from "
                    + ", ".join(getattr(reference(), table))
                )
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise CommandError("--from is after --to")
    return RecordFilter(
        kinds=tuple(args.kind or ()),
        countries=countries,
        policy_fields=tuple(args.field or ()),
        summits=tuple(getattr(args, "summit", None) or ()),
        instruments=tuple(getattr(args, "instrument", None) or ()),
        statuses=tuple(args.status or ()),
        date_from=args.date_from,
        date_to=args.date_to,
        overdue=args.overdue,
        text=text,
        deleted=getattr(args, "trash", False),
    )


MAX_JSON_BYTES = 16 * 1024 * 1024  # as for one line of 'fieldkit import'


def _read_json_object(path: str) -> dict:
    import sys

    from fieldkit.core.transfer import loads_json

    try:
        if path == "-":
            raw = sys.stdin.buffer.read(MAX_JSON_BYTES + 1)
        else:
            with open(path, "rb") as fh:
                raw = fh.read(MAX_JSON_BYTES + 1)
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror}") from None
    if len(raw) > MAX_JSON_BYTES:
        raise CommandError(f"{path}: longer than {MAX_JSON_BYTES // 1024 // 1024} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CommandError(f"{path}: not UTF-8 text at line {line} ({exc.reason})") from None
    try:
        value = loads_json(text)
    except ValueError as exc:
        raise CommandError(f"{path}: {exc}") from None
    if not isinstance(value, dict):
        raise CommandError(f"{path}: expected a JSON object")
    return value


def cmd_new(args, ctx: Context) -> int:
    from fieldkit.core.envelope import ENVELOPE
    from fieldkit.core.operations.records import create_record

    from .values import parse_assignments

    data = _read_json_object(args.json_file) if args.json_file else {}
    internal = sorted((set(data) & ENVELOPE) - {"kind"})
    if internal:
        raise CommandError(
            f"{args.json_file}: {', '.join(internal)} cannot be set: FieldKit keeps them itself"
        )
    if data.get("kind", args.kind) != args.kind:
        raise CommandError(f"{args.json_file}: kind is {data['kind']!r}, not {args.kind!r}")
    data.update(parse_assignments(args.kind, args.fields))
    data["kind"] = args.kind
    store = ctx.store()
    saved = create_record(store, data, context=f"new {args.kind}")
    ctx.print(saved.id)
    return 0


def cmd_edit(args, ctx: Context) -> int:
    from fieldkit.core.operations.records import update_record

    from .values import parse_assignments

    store = ctx.store()
    record = store.find(args.id, include_deleted=False)
    saved = update_record(store, record.id, parse_assignments(record.kind, args.fields))
    ctx.print(f"{saved.id} revision {saved.revision}")
    return 0


def _rows_table(ctx: Context, rows: list[dict]) -> None:
    if not rows:
        ctx.print("no records")
        return
    for r in rows:
        extra = f" due {r['due']}" if r.get("due") else ""
        status = f" [{r['status']}]" if r.get("status") else ""
        ctx.print(
            f"{r['id'][:8]}  {r['kind']:<12} {r['date'] or '':<10}  {r['country'] or '  '}  "
            f"{r['title']}{status}{extra}"
        )


def cmd_list(args, ctx: Context) -> int:
    store = ctx.store()
    flt = _filter(args)
    try:
        ids = store.ids(flt, sort=args.sort)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    if args.waiting:
        from fieldkit.core.approval import waiting_for

        mine = set(waiting_for(store))
        ids = [i for i in ids if i in mine]
    total = len(ids)
    if args.limit:
        ids = ids[: args.limit]
    rows = store.summaries(ids)
    if args.json:
        ctx.print_json({"total": total, "records": rows})
    else:
        _rows_table(ctx, rows)
        if total > len(rows):
            # To standard error: a pipe (| wc -l, | grep) sees records only.
            import sys

            sys.stderr.write(f"... {total - len(rows)} more (use --limit 0 for all)\n")
    return 0


def cmd_search(args, ctx: Context) -> int:
    if not args.query.strip():
        raise CommandError("the search query is empty")
    if len(args.query) > MAX_QUERY or len(args.query.split()) > MAX_QUERY_WORDS:
        raise CommandError(
            f"the search query is too long ({len(args.query)} characters, "
            f"{len(args.query.split())} words; at most {MAX_QUERY} and {MAX_QUERY_WORDS})"
        )
    store = ctx.store()
    rows = store.search(args.query, _filter(args), limit=args.limit)
    if args.json:
        ctx.print_json(rows)
    else:
        _rows_table(ctx, rows)
    return 0


def cmd_show(args, ctx: Context) -> int:
    from fieldkit.core.describe import describe

    store = ctx.store()
    record = store.find(args.id)
    if args.json:
        ctx.print(record.model_dump_json(indent=2))
    else:
        ctx.print(describe(record, store))
    return 0


def cmd_history(args, ctx: Context) -> int:
    store = ctx.store()
    record = store.find(args.id)
    entries = store.history(record.id)
    if args.json:
        ctx.print_json([e.__dict__ for e in entries])
        return 0
    for e in entries:
        ctx.print(f"r{e.revision}  {e.at[:19].replace('T', ' ')} UTC  {e.author}  {e.action}")
        for name, (old, new) in sorted(e.changes.items()):
            ctx.print(f"    {name}: {_short(old)} -> {_short(new)}")
    return 0


def _short(value) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def cmd_delete(args, ctx: Context) -> int:
    from fieldkit.core.operations.records import delete_record

    store = ctx.store()
    record = store.find(args.id, include_deleted=False)
    delete_record(store, record.id)
    ctx.print(
        f"moved to the trash: {record.kind} {record.id} ({record.title_text()}); "
        f"'fieldkit restore {record.id[:8]}' brings it back"
    )
    return 0


def cmd_restore(args, ctx: Context) -> int:
    from fieldkit.core.operations.records import restore_record

    store = ctx.store()
    record = store.find(args.id)
    restore_record(store, record.id)
    ctx.print(f"restored: {record.kind} {record.id} ({record.title_text()})")
    return 0


def cmd_status(args, ctx: Context) -> int:
    store = ctx.store(create=False)
    info = store.status()
    check = _integrity(ctx) if args.check else None
    if check is not None:
        info["integrity"] = check.as_dict()
    if args.json:
        ctx.print_json(info)
        return 0 if check is None or check.ok else 1
    ctx.print(f"data directory: {info['data_dir']}")
    ctx.print(f"schema version: {info['schema_version']}")
    for kind, n in info["counts"].items():
        ctx.print(f"  {kind + 's:':<15}{n:>8}")
    ctx.print(f"in the trash: {info['deleted']}")
    ctx.print(f"pending changes (not yet synced): {info['pending_changes']}")
    if info.get("not_accepted_by_hq"):
        ctx.print(f"not accepted by HQ: {info['not_accepted_by_hq']} (not filed; see "
                  "'fieldkit sync refused')")  # fmt: skip
    if info["drafts"]:
        ctx.print(f"unsaved drafts: {info['drafts']}")
    if check is None:
        return 0
    what = "every page's HMAC and the structure" if check.encrypted else "the structure"
    size = f"{check.bytes / 1e6:.1f} MB"
    if check.ok:
        ctx.print(f"integrity: ok ({what} checked, {size} in {check.seconds:.1f} s)")
        return 0
    problems = [*check.bad_pages[:3], *([check.structure] if check.structure != "ok" else [])]
    ctx.print(
        f"integrity: DAMAGED ({len(check.bad_pages)} pages fail their HMAC; structure: "
        f"{check.structure[:200]}); e.g. {'; '.join(p[:100] for p in problems[:3])}. Restore "
        "the store from a backup or re-enrol to get the embassy's records back from HQ"
    )
    return 1


def _integrity(ctx: Context):
    from fieldkit.core.security.integrity import check_integrity

    return check_integrity(ctx.data_dir, ctx.passphrase())


def cmd_demo(args, ctx: Context) -> int:
    from fieldkit.core.demo import generate

    store = ctx.store(create=True)
    counts = generate(
        store, meetings=args.meetings, visits=args.visits, projects=args.projects, seed=args.seed
    )
    ctx.print("added " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    return 0
