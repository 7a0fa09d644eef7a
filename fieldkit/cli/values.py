"""Turning ``field=value`` words from the command line into record fields."""

from __future__ import annotations

import typing
from typing import Any

from fieldkit.core.envelope import ENVELOPE
from fieldkit.core.models import MODELS, fields_of
from fieldkit.core.transfer import loads_json

from .context import CommandError


def _is_list(annotation) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _is_list(typing.get_args(annotation)[0])
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return any(_is_list(a) for a in typing.get_args(annotation))
    return origin is list


def parse_assignments(kind: str, words: list[str]) -> dict[str, Any]:
    """``subject="GX talks" policy_fields=gx,digital criteria='{"relevance": {"rating": "A"}}'``.

    List fields take comma-separated values or a JSON list; objects take JSON; an empty value
    clears a field. Everything is validated by the record model afterwards.
    """
    model = MODELS[kind]
    out: dict[str, Any] = {}
    for word in words:
        name, sep, raw = word.partition("=")
        name = name.strip()
        if not sep or not name:
            raise CommandError(f"expected FIELD=VALUE, got {word!r}")
        info = model.model_fields.get(name) if name in fields_of(model) else None
        if name in ENVELOPE:
            raise CommandError(f"{name} cannot be set: FieldKit keeps it itself")
        if info is None:
            known = ", ".join(n for n in fields_of(model) if n not in ENVELOPE)
            shown = name if len(name) <= 40 else name[:37] + "..."
            raise CommandError(f"a {kind} has no field {shown!r}; fields: {known}")
        out[name] = _value(raw, info.annotation)
    return out


def _value(raw: str, annotation) -> Any:
    text = raw.strip()
    if text.startswith(("[", "{")):
        try:
            return loads_json(text)
        except ValueError as exc:
            raise CommandError(f"value {text[:40]!r}: {exc}") from None
    if _is_list(annotation):
        return [part.strip() for part in text.split(",") if part.strip()]
    if text == "":
        return None if _optional(annotation) else ""
    return raw


def _optional(annotation) -> bool:
    return type(None) in typing.get_args(annotation)
