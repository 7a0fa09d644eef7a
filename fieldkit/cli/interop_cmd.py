"""``fieldkit import-iati``, ``fieldkit export-iati`` and ``fieldkit export-ics``.

lxml and icalendar are imported inside the handlers, so other commands start fast.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from .context import CommandError, Context

SHOWN_PROBLEMS = 200


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def register(sub) -> None:
    p = sub.add_parser(
        "import-iati",
        help="read an IATI activity file (2.01-2.03) into the project registry",
        description="Create or update projects by IATI identifier. Activities or parts that "
        "are not valid are left out and listed with their line numbers; a file that is not "
        "well-formed, or is refused as hostile, changes nothing.",
    )
    p.add_argument("file", metavar="FILE.xml")
    p.add_argument("--country", metavar="CC", help="only activities for this recipient country")
    p.add_argument("--json", action="store_true", help="print the full report as JSON")
    p.add_argument(
        "--jsonl",
        metavar="OUT.jsonl",
        help="write the projects as JSON lines instead of importing them (e.g. for "
        "'fieldkit-hq registry import'); the store is not touched",
    )
    p.set_defaults(func=cmd_import_iati)

    p = sub.add_parser(
        "export-iati",
        help="write the project registry as IATI 2.03 activities (checked against the schema)",
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE.xml")
    p.add_argument("--country", metavar="CC", help="only projects for this country")
    p.add_argument(
        "--reporting-org",
        metavar="REF",
        help="IATI organisation identifier for projects that name no reporting organisation",
    )
    p.add_argument(
        "--reporting-org-name",
        metavar="NAME",
        default="",
        help="its name; projects whose reporting organisation is this name use REF",
    )
    p.add_argument(
        "--reporting-org-type",
        metavar="CODE",
        default="10",
        help="its IATI organisation type (default 10, government)",
    )
    p.set_defaults(func=cmd_export_iati)

    p = sub.add_parser(
        "export-ics",
        help="meetings and open follow-ups as a calendar file (Outlook, Google Calendar)",
    )
    p.add_argument("-o", "--output", metavar="FILE.ics", help="default: standard output")
    p.add_argument("--country", metavar="CC")
    p.add_argument("--from", dest="date_from", type=_date, metavar="DATE")
    p.add_argument(
        "--todos-as-events",
        action="store_true",
        help="follow-ups as all-day events (Google Calendar ignores to-dos)",
    )
    p.add_argument(
        "--include-restricted",
        action="store_true",
        help="write subject, place and description of records with handling caveats (NOT FOR "
        "LOCAL STAFF ...) and their follow-ups too; without it they are 'Restricted meeting' "
        "entries with only their time and marking. Written to the audit log",
    )
    p.set_defaults(func=cmd_export_ics)


def cmd_import_iati(args, ctx: Context) -> int:
    from fieldkit.interop.iati_common import preferred_languages
    from fieldkit.interop.iati_import import convert_iati, import_iati

    path = Path(args.file)
    if not path.is_file():
        raise CommandError(f"no such file: {path}")
    if args.jsonl:
        from fieldkit.core.settings import load_settings
        from fieldkit.core.transfer import export_jsonl

        prefer = preferred_languages(load_settings(ctx.data_dir).language)
        projects, report = convert_iati(path, country=args.country, prefer=prefer)
        _write_atomic(Path(args.jsonl), "w", lambda fh: export_jsonl(projects, fh))
        report_line = f"wrote {len(projects)} projects to {args.jsonl} (store not changed)"
    else:
        report = import_iati(ctx.store(create=True), path, country=args.country)
        report_line = f"imported {path}: {report.summary()}"
    if args.json:
        ctx.print_json(report.to_dict())
        return 0
    ctx.print(report_line)
    for note in report.notes:
        ctx.print(f"note: {note}")
    for problem in report.skipped[:SHOWN_PROBLEMS]:
        ctx.print(f"  {problem}")
    if len(report.skipped) > SHOWN_PROBLEMS:
        ctx.print(f"  ... and {len(report.skipped) - SHOWN_PROBLEMS} more (--json lists all)")
    return 0


def cmd_export_iati(args, ctx: Context) -> int:
    from fieldkit.core.query import RecordFilter
    from fieldkit.interop.iati_export import OrgDefault, write_iati_file

    country = _country(args.country)
    # Checked before the store is opened: a bad identifier changes nothing and says so.
    default_org = (
        OrgDefault(args.reporting_org.strip(), args.reporting_org_name, args.reporting_org_type)
        if args.reporting_org is not None
        else None
    )
    store = ctx.store(create=False)
    projects = store.iter_records(RecordFilter(kinds=("project",)), sort="date_asc")
    if country:
        projects = (
            p
            for p in projects
            if p.country == country or any(c.code == country for c in p.recipient_countries)
        )
    report = write_iati_file(projects, Path(args.output), default_org=default_org)
    store.audit("export_iati", file=str(args.output), activities=report.written)
    print(f"{report.summary()} to {args.output} (valid IATI 2.03)", file=sys.stderr)
    for what, reason in report.skipped[:SHOWN_PROBLEMS]:
        print(f"  skipped {what}: {reason}", file=sys.stderr)
    for what, value in report.left_out[:SHOWN_PROBLEMS]:
        print(f"  left out of {what}: {value}", file=sys.stderr)
    hidden = max(0, len(report.skipped) - SHOWN_PROBLEMS)
    hidden += max(0, len(report.left_out) - SHOWN_PROBLEMS)
    if hidden:
        print(f"  ... and {hidden} more", file=sys.stderr)
    return 0


def cmd_export_ics(args, ctx: Context) -> int:
    from fieldkit.interop.ics import calendar_bytes

    store = ctx.store(create=False)
    data, report = calendar_bytes(
        store,
        country=_country(args.country),
        date_from=args.date_from,
        todos_as_events=args.todos_as_events,
        include_restricted=args.include_restricted,
    )
    if args.output:
        _write_atomic(Path(args.output), "wb", lambda fh: fh.write(data))
        print(f"exported {report.summary()} to {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def _country(code: str | None) -> str | None:
    if not code:
        return None
    from fieldkit.core.reference import country_codes

    return country_codes([code])[0]


def _write_atomic(target: Path, mode: str, write) -> None:
    """All or nothing: an interrupted export never leaves half a file behind."""
    from fieldkit.core.atomic import write_with

    write_with(target, mode, write, newline="" if mode == "w" else None)
