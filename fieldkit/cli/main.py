"""The ``fieldkit`` command: subcommands for scripts, and the desktop window when given none.

Each group of subcommands lives in its own module with a ``register(subparsers)`` function; the
modules import only what their handlers need when they run, so ``fieldkit status`` starts without
Qt, reportlab or the sync server.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from fieldkit import __version__

from .context import CommandError, Context, qt_missing

# Modules under fieldkit.cli that add subcommands, in the order --help lists them.
COMMAND_MODULES = (
    "records",
    "approval_cmd",
    "transfer",
    "config_cmd",
    "report_cmd",
    "security_cmd",
    "sync_cmd",
    "interop_cmd",
    "smoke_cmd",
)


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (what is wrong, and where to look) and status 2."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="fieldkit",
        description="FieldKit: cooperation meetings, project visits and follow-ups, offline. "
        "Run without a command to open the desktop window.",
    )
    parser.add_argument("--version", action="version", version=f"FieldKit {__version__}")
    parser.add_argument(
        "--selftest",
        action="store_true",
        help="check this installation (store, search, report, Qt) in a temporary folder and exit",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="with no command: fill a new, empty data folder with demo records, then open the app",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where the store lives (default: FIELDKIT_DATA_DIR, else the per-user data folder)",
    )
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help="read the store's passphrase from FILE (or set FIELDKIT_PASSPHRASE)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"fieldkit.cli.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = Context(args)
    try:
        if args.selftest:
            from fieldkit.selftest import run_selftest

            return run_selftest()
        if args.command is None:
            from .context import require_display

            require_display()
            if args.demo:
                _seed_demo(ctx)
            try:
                from fieldkit.ui.app import run_app  # the desktop window: only now is Qt imported
            except ModuleNotFoundError as exc:
                raise qt_missing(exc) from None

            return run_app(ctx)
        ctx.status = args.func(args, ctx) or 0
        return ctx.status
    except CommandError as exc:
        return ctx.fail(str(exc))
    except KeyboardInterrupt:
        return ctx.fail("interrupted")
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback for users
        from fieldkit.core.errors import FieldKitError

        if isinstance(exc, FieldKitError):
            return ctx.fail(_one_line(exc))
        if isinstance(exc, OSError):
            return ctx.fail(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))
        from fieldkit.core.crashlog import redacted_traceback

        log = ctx.log_crash(redacted_traceback(exc))
        where = f" (details in {log})" if log else ""
        return ctx.fail(f"unexpected error: {type(exc).__name__}: {exc}{where}")
    finally:
        ctx.close()
        ctx.settle_new_store(ok=ctx.status == 0)


def _one_line(exc: Exception) -> str:
    """Several problems (e.g. every missing field of ``new``) in one line: the count, the first
    three, and how many more."""
    problems = getattr(exc, "problems", None)
    text = str(exc)
    if not problems or "\n" not in text:
        return text
    head = text.split("\n", 1)[0]
    shown = "; ".join(f"{w}: {m}" if w else m for w, m in problems[:3])
    more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
    return f"{head}: {shown}{more}"


def _seed_demo(ctx: Context) -> None:
    """Demo data for a first look; never mixed into a store that already holds records."""
    from fieldkit.core.demo import generate
    from fieldkit.core.paths import STORE_FILE

    if (ctx.data_dir / STORE_FILE).exists():
        store = ctx.store()
        if any(store.status()["counts"].values()):
            sys.stderr.write(f"fieldkit: {ctx.data_dir} already has records; no demo data added\n")
            ctx.close()
            return
    else:
        store = ctx.store(create=True)
    counts = generate(store)
    ctx.close()
    ctx.settle_new_store(ok=True)
    sys.stderr.write(
        "fieldkit: demo data added: " + ", ".join(f"{n} {k}" for k, n in counts.items()) + "\n"
    )


if __name__ == "__main__":
    sys.exit(main())
