"""Approval (決裁) of meeting records and visit reports: submit, approve, return, amend.

The rules are in ``fieldkit.core.approval``; a refusal (wrong status, not the named approver, a
locked record) is one line with exit status 2, like every other error of the command line.
"""

from __future__ import annotations

from .context import CommandError, Context


def register(sub) -> None:
    p = sub.add_parser(
        "submit",
        help="submit a draft meeting record or visit report to its named approver",
        description="Submit a draft to the approver named on it (set one with "
        "'fieldkit edit ID approver=NAME'). Editing it afterwards takes it back to draft.",
    )
    p.add_argument("id")
    p.set_defaults(func=cmd_submit)

    p = sub.add_parser(
        "approve",
        help="approve a submitted record (only its named approver)",
        description="Approve a submitted meeting record or visit report. Only the approver named "
        "on it (your user name: Settings' user_name or FIELDKIT_USER) may. Records who, on which "
        "laptop and when, in the record and in the audit log; the record is then locked.",
    )
    p.add_argument("id")
    p.set_defaults(func=cmd_approve)

    p = sub.add_parser(
        "return",
        help="return a submitted record to its drafter with a comment (only its named approver)",
    )
    p.add_argument("id")
    p.add_argument("--comment", required=True, help="what the drafter should change")
    p.set_defaults(func=cmd_return)

    p = sub.add_parser(
        "amend",
        help="start an amendment of an approved record (a new draft to approve again)",
        description="An approved (or filed) record is locked. Amending makes its next revision "
        "amendment N, a draft you can edit and submit again; the approved text stays in "
        "'fieldkit history'.",
    )
    p.add_argument("id")
    p.set_defaults(func=cmd_amend)


def _record(ctx: Context, text: str):
    store = ctx.store()
    return store, store.find(text, include_deleted=False)


def _done(ctx: Context, saved, what: str) -> int:
    a = saved.approval
    amendment = f", amendment {a.amendment}" if a.amendment else ""
    ctx.print(f"{saved.id} {what} (revision {saved.revision}{amendment})")
    return 0


def cmd_submit(args, ctx: Context) -> int:
    from fieldkit.core import approval

    store, rec = _record(ctx, args.id)
    saved = approval.submit(store, rec.id)
    return _done(ctx, saved, f"submitted to {saved.approver}")


def cmd_approve(args, ctx: Context) -> int:
    from fieldkit.core import approval

    store, rec = _record(ctx, args.id)
    saved = approval.approve(store, rec.id)
    a = saved.approval
    when = a.approved_at.strftime("%Y-%m-%d %H:%M UTC") if a.approved_at else ""
    return _done(ctx, saved, f"approved by {a.approved_by} on {a.approved_on}, {when}")


def cmd_return(args, ctx: Context) -> int:
    from fieldkit.core import approval

    if len(args.comment) > 10_000:
        raise CommandError("--comment is longer than 10,000 characters")
    store, rec = _record(ctx, args.id)
    saved = approval.return_to_drafter(store, rec.id, args.comment)
    return _done(ctx, saved, "returned to draft with your comment")


def cmd_amend(args, ctx: Context) -> int:
    from fieldkit.core import approval

    store, rec = _record(ctx, args.id)
    saved = approval.amend(store, rec.id)
    return _done(ctx, saved, "is now a draft amendment; edit it, then submit it again")
