"""``fieldkit report project ID [--lang ja] -o FILE.pdf``: a project's whole monitoring file."""

from __future__ import annotations

from .context import Context


def add_report(kinds, output) -> None:
    p = kinds.add_parser(
        "project",
        help="a project's monitoring file: cycle, visits, ratings, checklist, photos, history",
        description="Everything about one project in one PDF: its facts and flags, the grant "
        "cycle of its scheme, reports due and received, follow-up visits due and done, every "
        "visit with ratings, checklist and photos, follow-up actions and the history of "
        "changes. The marking on every page is the strictest of what it includes.",
    )
    p.add_argument("id", help="the project's id or a unique prefix of 6+ characters")
    output(p)
    p.set_defaults(func=cmd_project)


def cmd_project(args, ctx: Context) -> int:
    from .report_cmd import _done, _target

    target = _target(args)
    store = ctx.store(create=False)
    record = store.find(args.id)
    from fieldkit.reports.project_file import project_file_report

    return _done(ctx, project_file_report(store, record.id, target, lang=args.lang))
