"""``fieldkit report visit|meeting|digest|brief|followups|projects ... -o FILE.pdf``: reports.

reportlab is imported only when a report is made, so other commands start fast.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from .context import CommandError, Context


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _output(p) -> None:
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="the PDF to write")
    p.add_argument(
        "--lang",
        choices=("en", "ja"),
        help="language of the report's labels and dates (default: the 'language' setting, "
        "else the system's)",
    )


def register(sub) -> None:
    report = sub.add_parser(
        "report",
        help="print reports as PDF (visit, meeting, digest, brief, followups, projects)",
        description="Write a PDF with the classification marking, caveats, page x of y and "
        "who generated it on every page, in English or Japanese (--lang, or "
        "'fieldkit config language ja'). Paper: A4, or Letter with "
        "'fieldkit config paper_size Letter'.",
    )
    kinds = report.add_subparsers(dest="report", metavar="REPORT", required=True)

    p = kinds.add_parser("visit", help="monitoring visit report (with DAC ratings and photos)")
    p.add_argument("id", help="the visit's id or a unique prefix of 6+ characters")
    _output(p)
    p.set_defaults(func=cmd_record, kind="visit")

    p = kinds.add_parser("meeting", help="record of conversation of a meeting")
    p.add_argument("id", help="the meeting's id or a unique prefix of 6+ characters")
    _output(p)
    p.set_defaults(func=cmd_record, kind="meeting")

    p = kinds.add_parser(
        "digest",
        help="every meeting and visit of a period, with counts and charts",
        description="e.g. Kenya's meetings of the year before TICAD 9: fieldkit report digest "
        "--from 2024-08-20 --to 2025-08-19 --country KE --summit ticad9 -o ticad9-ke.pdf "
        "(the summit brief, with open requests and projects: fieldkit report brief)",
    )
    p.add_argument("--from", dest="date_from", type=_date, metavar="DATE", required=True)
    p.add_argument("--to", dest="date_to", type=_date, metavar="DATE", required=True)
    p.add_argument("--country", action="append", metavar="CC", help="ISO country code (repeatable)")
    p.add_argument("--field", action="append", metavar="F", help="policy field code (repeatable)")
    p.add_argument("--summit", metavar="CODE", help="only meetings related to this summit/forum")
    _output(p)
    p.set_defaults(func=cmd_digest)

    p = kinds.add_parser(
        "brief",
        help="summit brief: per country, open requests, follow-ups, projects, days left",
        description="e.g. the brief for Kenya ahead of TICAD 9: fieldkit report brief "
        "--summit ticad9 --country KE -o brief.pdf. Without --country: every country taking "
        "part in the summit that this store holds records of.",
    )
    p.add_argument("--summit", metavar="CODE", required=True, help="the summit/forum code")
    p.add_argument("--country", action="append", metavar="CC", help="ISO country code (repeatable)")
    p.add_argument(
        "--since",
        type=_date,
        metavar="DATE",
        help="meetings from this date (default: a year before)",
    )
    p.add_argument(
        "--as-of",
        dest="as_of",
        type=_date,
        metavar="DATE",
        help="the brief as of this day (default: today)",
    )
    _output(p)
    p.set_defaults(func=cmd_brief)

    p = kinds.add_parser("followups", help="open follow-up actions by owner and due date")
    p.add_argument("--owner", help="only this owner's actions")
    p.add_argument("--country", action="append", metavar="CC", help="ISO country code (repeatable)")
    _output(p)
    p.set_defaults(func=cmd_followups)

    p = kinds.add_parser("projects", help="project status sheet: overdue reports, latest visit")
    p.add_argument("--country", action="append", metavar="CC", help="ISO country code (repeatable)")
    _output(p)
    p.set_defaults(func=cmd_projects)

    from .project_file_cmd import add_report

    add_report(kinds, _output)  # fieldkit report project ID (#15)


def _target(args) -> Path:
    target = Path(args.output)
    if target.suffix.lower() != ".pdf":
        raise CommandError(f"{args.output}: the output file name must end in .pdf")
    return target


def _done(ctx: Context, result) -> int:
    ctx.print(
        f"wrote {result.path} ({result.pages} page{'s' if result.pages != 1 else ''}, "
        f"{result.classification})"
    )
    return 0


def cmd_record(args, ctx: Context) -> int:
    target = _target(args)
    store = ctx.store(create=False)
    record = store.find(args.id)
    from fieldkit.reports import meeting_report, visit_report

    make = visit_report if args.kind == "visit" else meeting_report
    return _done(ctx, make(store, record.id, target, lang=args.lang))


def cmd_digest(args, ctx: Context) -> int:
    target = _target(args)
    from fieldkit.reports import DigestQuery, digest_report

    query = DigestQuery(
        date_from=args.date_from,
        date_to=args.date_to,
        countries=tuple(args.country or ()),
        policy_fields=tuple(args.field or ()),
        summit=args.summit,
    )
    return _done(ctx, digest_report(ctx.store(create=False), query, target, lang=args.lang))


def cmd_brief(args, ctx: Context) -> int:
    target = _target(args)
    from fieldkit.reports.brief import brief_report

    result = brief_report(
        ctx.store(create=False),
        target,
        summit=args.summit,
        countries=tuple(args.country or ()),
        since=args.since,
        today=args.as_of,
        lang=args.lang,
    )
    return _done(ctx, result)


def cmd_followups(args, ctx: Context) -> int:
    target = _target(args)
    from fieldkit.reports import followups_report

    store = ctx.store(create=False)
    countries = tuple(args.country or ())
    _check_countries(countries)
    return _done(
        ctx,
        followups_report(store, target, owner=args.owner, countries=countries, lang=args.lang),
    )


def cmd_projects(args, ctx: Context) -> int:
    target = _target(args)
    from fieldkit.reports import projects_report

    countries = tuple(args.country or ())
    _check_countries(countries)
    return _done(
        ctx, projects_report(ctx.store(create=False), target, countries=countries, lang=args.lang)
    )


def _check_countries(countries) -> None:
    from fieldkit.core.reference import country_codes

    country_codes(countries)
