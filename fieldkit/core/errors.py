"""Errors with a message meant for the user.

Every error the core raises on purpose is a FieldKitError: the CLI prints its message as one line
and exits 2; the desktop app shows it in a plain dialog. Anything else is a bug.
"""

from __future__ import annotations


class FieldKitError(Exception):
    """An expected problem, with a message that says what is wrong and where."""


class NotFound(FieldKitError):
    """No record with that id."""


class StoreError(FieldKitError):
    """The data file cannot be used (not a FieldKit store, damaged, locked)."""


class NewerStoreError(StoreError):
    """The store was written by a newer FieldKit; it is left untouched."""


class ValidationProblem(FieldKitError):
    """One or more invalid values; ``problems`` lists (where, what) pairs."""

    def __init__(self, problems: list[tuple[str, str]], context: str = "") -> None:
        self.problems = problems
        lines = [f"{where}: {what}" if where else what for where, what in problems]
        head = f"{context}: " if context else ""
        if len(lines) == 1:
            super().__init__(head + lines[0])
        else:
            super().__init__(head + f"{len(lines)} problems\n  " + "\n  ".join(lines))


def problems_from_pydantic(exc, prefix: str = "") -> list[tuple[str, str]]:
    """Turn a pydantic ValidationError into (field path, message) pairs a person can read."""
    out = []
    for err in exc.errors(include_url=False):
        loc = ".".join(str(p) for p in err.get("loc", ()))
        where = f"{prefix}{loc}" if loc else prefix.rstrip(".")
        msg = err.get("msg", "invalid")
        value = err.get("input")
        if err.get("type") not in ("missing", "extra_forbidden") and isinstance(
            value, (str, int, float)
        ):
            shown = repr(value) if len(str(value)) <= 40 else repr(str(value)[:37] + "...")
            msg = f"{msg} (got {shown})"
        out.append((where, msg))
    return out
