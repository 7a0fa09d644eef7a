"""``fieldkit config``: show or set user settings (name, post, language, paper size, server)."""

from __future__ import annotations

from .context import CommandError, Context


def register(sub) -> None:
    p = sub.add_parser(
        "config",
        help="show or change settings",
        description="fieldkit config (show all) | fieldkit config KEY VALUE",
    )
    p.add_argument("key", nargs="?")
    p.add_argument("value", nargs="?")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_config)


def cmd_config(args, ctx: Context) -> int:
    from pydantic import ValidationError

    from fieldkit.core.settings import Settings, load_settings, save_settings

    settings = load_settings(ctx.data_dir)
    if args.key is None:
        if args.json:
            ctx.print_json(settings.model_dump())
        else:
            for k, v in settings.model_dump().items():
                ctx.print(f"{k} = {v}")
        return 0
    if args.key not in Settings.model_fields:
        raise CommandError(
            f"unknown setting {args.key!r}; settings: {', '.join(Settings.model_fields)}"
        )
    if args.value is None:
        ctx.print(str(getattr(settings, args.key)))
        return 0
    try:
        setattr(settings, args.key, args.value)
    except ValidationError as exc:
        raise CommandError(f"{args.key}: {exc.errors()[0]['msg']}") from None
    save_settings(ctx.data_dir, settings)
    ctx.print(f"{args.key} = {getattr(settings, args.key)}")
    return 0
