"""``fieldkit enroll | sync | conflicts | resolve``: sync with headquarters from the command line."""

from __future__ import annotations

import json

from .context import CommandError, Context


def register(sub) -> None:
    e = sub.add_parser(
        "enroll",
        help="bind this laptop to its embassy on the HQ server",
        description="Enrol with a one-time code from HQ IT (fieldkit-hq device add).",
    )
    e.add_argument("--server", required=True, metavar="URL", help="e.g. https://hq.example:8443")
    e.add_argument("--code", required=True, help="the one-time enrolment code")
    e.add_argument("--name", default="", help="a name for this laptop (default: its host name)")
    e.add_argument("--cafile", help="CA certificate to trust for HQ's TLS certificate")
    e.add_argument("--json", action="store_true")
    e.set_defaults(func=cmd_enroll)

    s = sub.add_parser(
        "sync",
        help="push local changes to HQ and pull what is new",
        description="Push local changes, pull new records, exchange attachment files, verify.",
    )
    s.add_argument("--json", action="store_true", help="print the summary as JSON")
    s.add_argument(
        "--server",
        metavar="URL",
        help="sync once through this address instead of the usual one (Settings' server "
        "address, else the one enrolled with); nothing is saved",
    )
    s.set_defaults(func=cmd_sync)
    ssub = s.add_subparsers(dest="sync_command", metavar="ACTION")
    rf = ssub.add_parser("refused", help="changes HQ did not accept (not filed), with HQ's reason")
    rf.add_argument("--json", action="store_true")
    rf.set_defaults(func=cmd_refused)
    dr = ssub.add_parser(
        "discard-refused",
        help="give up a change HQ refused (audited): the laptop keeps HQ's copy, or removes a "
        "record HQ never accepted",
    )
    dr.add_argument("id", help="the record's id (a unique prefix is enough)")
    dr.set_defaults(func=cmd_discard_refused)

    c = sub.add_parser("conflicts", help="list sync conflicts with both versions")
    c.add_argument("--all", action="store_true", help="include resolved ones")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_conflicts)

    r = sub.add_parser("resolve", help="resolve a sync conflict")
    r.add_argument(
        "id",
        help="conflict id, or the record's id, when the record has one open conflict "
        "(either may be a unique prefix)",
    )
    r.add_argument("--keep", required=True, choices=["mine", "theirs"])
    r.set_defaults(func=cmd_resolve)


def cmd_enroll(args, ctx: Context) -> int:
    from sync.client import default_device_name, enroll

    store = ctx.store(create=True)
    info = enroll(
        store,
        args.server,
        args.code,
        device_name=args.name or default_device_name(),
        verify=args.cafile or True,
    )
    if args.json:
        ctx.print_json(info)
    else:
        ctx.print(f"Enrolled with {info['server']} as {info['device_name'] or info['device_id']} "
                  f"(embassy {info['embassy']}).")  # fmt: skip
        ctx.print(info["credential"].capitalize() + ".")
        ctx.print("Next: fieldkit sync")
    return 0


def cmd_sync(args, ctx: Context) -> int:
    import sys

    from fieldkit.core.paths import STORE_FILE
    from sync.client import SyncClient

    if not (ctx.data_dir / STORE_FILE).exists():
        raise CommandError(
            f"this laptop is not enrolled with HQ: there is no FieldKit store in {ctx.data_dir} "
            "(check --data-dir; 'fieldkit enroll --server URL --code CODE' sets it up)"
        )
    store = ctx.store()
    last = [""]

    def progress(what: str, done: int, total: int) -> None:
        if args.json or not sys.stderr.isatty():
            return
        line = f"\r{what}: {done}/{total}" if total else f"\r{what}: {done}"
        if line != last[0]:
            sys.stderr.write(line.ljust(30))
            last[0] = line

    with SyncClient(store, server=args.server, progress=progress) as client:
        report = client.sync()
    if last[0]:
        sys.stderr.write("\n")
    if args.json:
        ctx.print_json(report.as_dict())
        return 0
    ctx.print(
        f"pushed {report.pushed}, pulled {report.pulled}, conflicts {report.conflicts}, "
        f"rejected {report.rejected}; files sent {report.files_sent}, received "
        f"{report.files_received}"
    )
    ctx.print(
        f"{report.requests} requests, {report.bytes_sent} bytes sent, {report.bytes_received} "
        f"received, {report.seconds:.1f} s; "
        + (
            "not yet in step with HQ"
            if not report.verified
            else f"checked against HQ: in step, except {report.not_accepted} changes HQ did not "
            "accept"
            if report.not_accepted
            else "checked against HQ: in step"
        )
    )
    if report.unreadable:
        ctx.print(f"{report.unreadable} records from HQ need a newer FieldKit to be read: "
                  "update FieldKit, then sync again")  # fmt: skip
    for r in report.rejections:
        ctx.print(f"not accepted by HQ {r['record_id']}: {r['reason']}")
    if report.reference is not None:
        ctx.print(f"reference lists from HQ: version {report.reference} (new codes are offered, "
                  "retired ones no longer)")  # fmt: skip
    if report.withdrawn:
        ctx.print(f"{report.withdrawn} records removed: HQ no longer lets this laptop hold them "
                  "(its role or classification ceiling changed)")  # fmt: skip
    refused = report.not_accepted
    if refused:
        ctx.print(f"{refused} changes not accepted by HQ (not filed): fix them and sync again, or "
                  "see 'fieldkit sync refused'")  # fmt: skip
    if report.conflicts_elsewhere:
        ctx.print(f"{report.conflicts_elsewhere} conflicts hit by other laptops of the embassy "
                  "are shown here too")  # fmt: skip
    if report.conflicts or report.conflicts_elsewhere:
        ctx.print("resolve conflicts with: fieldkit conflicts, then fieldkit resolve ID --keep ...")
    return 0


def cmd_refused(args, ctx: Context) -> int:
    from fieldkit.core.messages import render, restored
    from sync.state import SyncState

    rows = SyncState(ctx.store()).rejected()
    for r in rows:
        r["reason"] = render(restored(r["reason"])) if r["reason"] else ""
    if args.json:
        ctx.print_json(rows)
        return 0
    if not rows:
        ctx.print("HQ has accepted every change sent")
        return 0
    for r in rows:
        d = r["data"]
        title = d.get("subject") or d.get("title") or d.get("name") or d.get("text") or ""
        ctx.print(f"{r['record_id']}  {r['kind']}  {_short(title)}")
        ctx.print(f"  not accepted by HQ ({r['at'][:16].replace('T', ' ')}): {r['reason']}")
    ctx.print("fix the record and sync again, or: fieldkit sync discard-refused ID")
    return 0


def cmd_discard_refused(args, ctx: Context) -> int:
    from sync.state import SyncState

    done = SyncState(ctx.store()).discard_refused(args.id.strip())
    if done["kept"] == "hq":
        ctx.print(f"refused change to {done['record_id']} discarded: this laptop keeps HQ's copy")
    else:
        ctx.print(f"refused record {done['record_id']} discarded: HQ never accepted it, so it "
                  "was removed from this laptop")  # fmt: skip
    return 0


def cmd_conflicts(args, ctx: Context) -> int:
    from sync.state import SyncState

    rows = SyncState(ctx.store()).conflicts(include_resolved=args.all)
    if args.json:
        ctx.print_json(rows)
        return 0
    if not rows:
        ctx.print("no conflicts")
        return 0
    for k in rows:
        state = f" (resolved: {k['resolution']})" if k["resolved_at"] else ""
        if k.get("device"):
            state += f"  hit on laptop “{k['device']}”: mine = what that laptop sent"
        ctx.print(f"{k['id']}  {k['kind']} {k['record_id']}{state}")
        for f in k["fields"]:
            if f == "deleted":
                ctx.print(f"  deleted   mine: {bool(k['mine'].get('deleted_at'))}   "
                          f"theirs: {bool(k['theirs'].get('deleted_at'))}")  # fmt: skip
                continue
            ctx.print(f"  {f}")
            ctx.print(f"    mine:   {_short(k['mine'].get(f))}")
            ctx.print(f"    theirs: {_short(k['theirs'].get(f))}")
    return 0


def _short(value) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = text.replace("\n", " ")
    return text if len(text) <= 100 else text[:97] + "..."


def _conflict_id(given: str, conflicts: list[dict]) -> str:
    """A conflict id (or prefix) as given; else the one open conflict of the record ``given``."""
    given = given.strip()
    if len(given) < 4 and not any(k["id"] == given for k in conflicts):
        raise CommandError("give at least 4 characters of a conflict id or a record id")
    if any(k["id"].startswith(given) for k in conflicts):
        return given
    open_ones = [k for k in conflicts if not k["resolved_at"] and k["record_id"].startswith(given)]
    records = {k["record_id"] for k in open_ones}
    if len(records) > 1:
        raise CommandError(f"{given} matches {len(records)} records with conflicts; give more")
    if len(open_ones) > 1:
        raise CommandError(
            f"record {open_ones[0]['record_id']} has {len(open_ones)} open conflicts: give the "
            "conflict id ('fieldkit conflicts' lists them)"
        )
    if open_ones:
        return open_ones[0]["id"]
    if any(k["record_id"].startswith(given) for k in conflicts):
        raise CommandError(f"the conflicts of record {given} are already resolved")
    raise CommandError(f"no conflict or record with open conflicts matches {given}")


def cmd_resolve(args, ctx: Context) -> int:
    from sync.state import SyncState

    state = SyncState(ctx.store())
    every = state.conflicts(include_resolved=True)
    if not every:
        raise CommandError("there are no conflicts to resolve")
    k = state.resolve(_conflict_id(args.id, every), args.keep)
    ctx.print(f"conflict {k['id']} resolved: kept {args.keep}; it reaches HQ with the next sync")
    return 0
