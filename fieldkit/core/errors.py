"""Errors with a message meant for the user.

Every error the core raises on purpose is a FieldKitError: the CLI prints its message as one line
and exits 2; the desktop app shows it in a plain dialog. Anything else is a bug.

An error carries a coded message (fieldkit.core.messages) that each reader renders in its
language; ``str(error)`` is the English. A plain sentence still works and is shown as written:

    raise StoreError(Message("store.locked", path=str(path)))
    messages.render(error, "ja")
"""

from __future__ import annotations

from typing import Any

from fieldkit.core.messages import SOURCE, Message, catalogue


class FieldKitError(Exception):
    """An expected problem, with a message that says what is wrong and where.

    ``message`` is the coded Message, or None for an error raised with a plain sentence."""

    message: Message | None = None

    def __init__(self, *args: Any) -> None:
        if args and isinstance(args[0], Message):
            self.message = args[0]
        super().__init__(*args)

    def __str__(self) -> str:
        return str(self.message) if self.message is not None else super().__str__()

    def render(self, lang: str | None = None) -> str:
        """The message in ``lang`` (plain sentences as written)."""
        return self.message.render(lang) if self.message is not None else str(self)


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
        if len(lines) == 1 and isinstance(problems[0][1], Message):
            # One coded problem: the same English line, rendered whole in the reader's language.
            where, what = problems[0]
            if where and context:
                super().__init__(
                    Message("validation.in_where", context=context, where=where, what=what)
                )
            elif where:
                super().__init__(Message("validation.where", where=where, what=what))
            elif context:
                super().__init__(Message("validation.in", context=context, what=what))
            else:
                super().__init__(what)
        elif len(lines) == 1:
            super().__init__(head + lines[0])
        else:
            super().__init__(head + f"{len(lines)} problems\n  " + "\n  ".join(lines))


def problems_from_pydantic(exc, prefix: str = "") -> list[tuple[str, str]]:
    """Turn a pydantic ValidationError into (field path, message) pairs a person can read.

    A message is coded (``validation.<pydantic error type>``, with pydantic's context as its
    parameters) when the catalogue has that type and its English is pydantic's own words, so the
    CLI's line stays as pydantic wrote it; other types keep pydantic's text."""
    out = []
    for err in exc.errors(include_url=False):
        loc = ".".join(str(p) for p in err.get("loc", ()))
        where = f"{prefix}{loc}" if loc else prefix.rstrip(".")
        msg = _coded(err)
        value = err.get("input")
        if err.get("type") not in ("missing", "extra_forbidden") and isinstance(
            value, (str, int, float)
        ):
            shown = repr(value) if len(str(value)) <= 40 else repr(str(value)[:37] + "...")
            if isinstance(msg, Message):
                msg = Message("validation.got", what=msg, got=shown)
            else:
                msg = f"{msg} (got {shown})"
        out.append((where, msg))
    return out


def _coded(err: dict) -> Message | str:
    msg = err.get("msg", "invalid")
    code = f"validation.{err.get('type')}"
    if catalogue(SOURCE).template(code) is None:
        return msg
    params = {k: _param(v) for k, v in (err.get("ctx") or {}).items()}
    message = Message(code, **params)
    return message if str(message) == msg else msg  # pydantic reworded it: keep its words


def _param(value: Any) -> Any:
    """A context value as a parameter: a validator's coded refusal (``ValueError(Message)``) stays
    coded, so it is rendered in the reader's language too."""
    if isinstance(value, Exception) and value.args and isinstance(value.args[0], Message):
        return value.args[0]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return str(value)
