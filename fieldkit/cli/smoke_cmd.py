"""``fieldkit smoke``: start the desktop window on this data folder, list meetings, close."""

from __future__ import annotations

from .context import CommandError, qt_missing, require_display

# What the page the window opens on (the last one used) shows once it has loaded.
_SHOWN = {
    "meeting": "meetings",
    "visit": "visits",
    "project": "projects",
    "contact": "contacts",
    "followups": "follow-ups",
    "dashboard": "dashboard figures",
    "sync": "sync status",
}


def register(sub) -> None:
    p = sub.add_parser(
        "smoke",
        help="open the desktop window on this data folder until its first page is listed, then close",
        description="Start the desktop app as a user would (this data folder, its settings), wait "
        "until the page it opens on (the last one used) shows its first rows, print how long that "
        "took and exit: 0 if it did, 1 if not. For checking an installation; set QT_QPA_PLATFORM=offscreen where "
        "there is no screen.",
    )
    p.add_argument("--timeout", type=float, default=60.0, metavar="S", help="give up after S s")
    p.add_argument("--json", action="store_true", help="print the timings as JSON")
    p.set_defaults(func=cmd_smoke)


def cmd_smoke(args, ctx) -> int:
    if not args.timeout > 0 or args.timeout > 86400:
        raise CommandError("--timeout must be more than 0 and at most 86400 seconds")
    require_display()
    try:
        from fieldkit.ui.smoke import run_smoke  # Qt only now
    except ModuleNotFoundError as exc:
        raise qt_missing(exc) from None
    store = ctx.store()

    result = run_smoke(store, timeout_s=args.timeout)
    ok = result.rows_ms is not None
    what = _SHOWN.get(result.page, result.page)
    if args.json:
        ctx.print_json({"ok": ok, **result.__dict__})
    elif ok:
        ctx.print(
            f"smoke: window shown after {result.window_ms:.0f} ms; {what} listed after "
            f"{result.rows_ms:.0f} ms ({result.rows} rows on screen; {store.path})"
        )
    elif result.error:
        ctx.print(f"smoke: the {what} failed to load: {result.error}")
    else:
        ctx.print(f"smoke: the {what} showed nothing within {args.timeout:g} s")
    ctx.close()
    return 0 if ok else 1
