"""``fieldkit export`` and ``fieldkit import``."""

from __future__ import annotations

import sys
from pathlib import Path

from fieldkit.core.envelope import KINDS

from .context import CommandError, Context


def register(sub) -> None:
    p = sub.add_parser("export", help="write records as JSON lines (lossless) or CSV (for Excel)")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.add_argument("--kind", choices=(*KINDS, "contact"))
    p.add_argument("--trash", action="store_true", help="include deleted records (jsonl)")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (default: standard output)"
    )
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "import",
        help="read JSON lines as exported; all or nothing",
        description="Upsert records by id from a JSON-lines file. If any line is "
        "invalid nothing is written, and every problem is listed.",
    )
    p.add_argument("file")
    p.set_defaults(func=cmd_import)


def cmd_export(args, ctx: Context) -> int:
    from fieldkit.core.query import RecordFilter
    from fieldkit.core.transfer import export_csv, export_jsonl

    if args.format == "csv" and (not args.kind or args.kind == "contact"):
        raise CommandError(
            "CSV has one column per field, so it needs one --kind "
            "(meeting, visit, project, organisation, person, followup)"
        )
    store = ctx.store(create=False)
    kinds = (args.kind,) if args.kind else ()
    records = store.iter_records(RecordFilter(kinds=kinds), sort="date_asc")
    if args.trash:
        from itertools import chain

        records = chain(records, store.iter_records(RecordFilter(kinds=kinds, deleted=True)))
    counts: dict[str, int] = {}
    records = _counted(records, counts)
    encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
    if args.output:
        from fieldkit.core.atomic import atomic_write

        target = Path(args.output)
        # All or nothing: an interrupted export never leaves half a file behind.
        with atomic_write(target, "w", encoding=encoding, newline="") as out:
            n = _write(args, records, out, export_csv, export_jsonl, store)
        print(f"exported {n} records to {target}", file=sys.stderr)
    else:
        if args.format == "csv":
            sys.stdout.reconfigure(encoding="utf-8-sig", newline="")
        _write(args, records, sys.stdout, export_csv, export_jsonl, store)
    # Like the app's Export CSV: every export leaves an entry in the audit log.
    store.audit(
        "export",
        None,
        format=args.format,
        counts=counts,
        files=[str(Path(args.output).expanduser()) if args.output else "(standard output)"],
        trash=bool(args.trash),
    )
    return 0


def _counted(records, counts: dict[str, int]):
    for record in records:
        counts[record.kind] = counts.get(record.kind, 0) + 1
        yield record


def _write(args, records, out, export_csv, export_jsonl, store=None) -> int:
    if args.format == "csv":
        return export_csv(records, args.kind, out, store)
    return export_jsonl(records, out)


def cmd_import(args, ctx: Context) -> int:
    from fieldkit.core.transfer import import_jsonl

    path = Path(args.file)
    if not path.is_file():
        raise CommandError(f"no such file: {path}")
    counts = import_jsonl(ctx.store(create=True), path)
    ctx.print(
        f"imported {path}: {counts['created']} created, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged"
    )
    return 0
