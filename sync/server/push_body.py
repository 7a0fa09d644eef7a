"""A push body as HQ reads it: the envelope and every record validated in one pass.

The common page is all valid, and reading it in one pass from JSON (the records straight into the
app's models) costs about two thirds of reading the body into dicts and then validating each
dict. Any error sends the page the long way (``PushRequest``, then one record at a time), which
names what is wrong: a bad envelope refuses the request, a bad record refuses that record only.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

from pydantic import Field, ValidationError

from sync import protocol as p

from .common import Refused
from .handling import own_marking, parent_of


@dataclass(slots=True)
class Incoming:
    """One mutation of a push as HQ applies it: plain values (they cross to HQ's process from a
    reader process, see ``readers``), the record already in the JSON text HQ stores."""

    ids: list[str]
    base: int | None
    resolves: str | None
    rid: str  # the record's id ("" when it has none)
    kind: str = ""
    text: str = ""  # the record as the models write it (valid records)
    parent_id: str | None = None  # the meeting or visit a follow-up or photo belongs to
    own: tuple[int, int] = (0, 0)  # its own marking: (restricted_local, classification_rank)
    deleted: bool = False
    sha: str | None = None  # an attachment's content
    error: str | None = None  # "where: what" when the record is not valid
    raw: dict[str, Any] | None = None  # the record as sent, kept when it is not valid

    @property
    def valid(self) -> bool:
        return self.error is None

    def data(self) -> dict[str, Any]:
        """The record as JSON values: as validated when valid (defaults filled in, old shapes
        read), else as sent."""
        return json.loads(self.text) if self.valid else self.raw or {}


def digest(ids: list[str], base: int | None, resolves: str | None, rec: Any) -> Incoming:
    """A valid record as ``Incoming``: what HQ needs of it, worked out once."""
    return Incoming(
        ids, base, resolves, rec.id, rec.kind, rec.model_dump_json(), parent_of(rec),
        own_marking(rec), bool(rec.deleted), rec.sha256 if rec.kind == "attachment" else None,
    )  # fmt: skip


def refused(ids: list[str], base: int | None, resolves: str | None, raw: Any, exc) -> Incoming:
    first = exc.errors(include_url=False)[0]
    where = ".".join(str(x) for x in first.get("loc", ())) or "record"
    rid = str(raw.get("id", "")) if isinstance(raw, dict) else ""
    return Incoming(ids, base, resolves, rid, error=f"{where}: {first.get('msg')}",
                    raw=raw if isinstance(raw, dict) else {})  # fmt: skip


@dataclass(slots=True)
class PushPage:
    mutations: list[Incoming]
    audit: list[p.AuditEvent]
    resolutions: list[p.Resolution]
    pull: p.PullRequest | None


@functools.cache
def _typed() -> type[p.PushRequest]:
    from fieldkit.core.models import AnyRecord

    class TypedMutation(p.Mutation):
        record: AnyRecord  # type: ignore[assignment, valid-type]

    class TypedPush(p.PushRequest):
        mutations: list[TypedMutation] = Field(  # type: ignore[assignment]
            default_factory=list, max_length=p.MAX_PAGE_SIZE
        )

    TypedPush.model_rebuild(force=True)
    return TypedPush


def build_validators() -> None:
    """Build the one-pass reader before serving (see protocol.build_validators)."""
    _typed()


def read(raw: bytes) -> PushPage:
    """The page in ``raw`` (decompressed JSON). Raises Refused for a body that is not a
    PushRequest; a record that is not valid comes back with its first error (``error``)."""
    try:
        req = _typed().model_validate_json(raw)
    except ValidationError:
        return from_request(parse(p.PushRequest, raw))
    return PushPage(
        [digest(m.ids, m.base, m.resolves, m.record) for m in req.mutations],
        req.audit, req.resolutions, req.pull,
    )  # fmt: skip


def from_request(req: p.PushRequest) -> PushPage:
    """A page from a PushRequest whose records are dicts: each validated on its own."""
    from fieldkit.core.models import parse_record

    out: list[Incoming] = []
    for m in req.mutations:
        try:
            out.append(digest(m.ids, m.base, m.resolves, parse_record(m.record)))
        except ValidationError as exc:
            out.append(refused(m.ids, m.base, m.resolves, m.record, exc))
    return PushPage(out, req.audit, req.resolutions, req.pull)


def decoded(data: bytes, encoding: str | None) -> bytes:
    """A body with its Content-Encoding undone, or Refused (413 past HQ's limit, 400)."""
    try:
        return p.decompress(data, encoding or "")
    except p.BodyTooLarge as exc:
        raise Refused(413, str(exc), "too_large") from None
    except ValueError as exc:
        raise Refused(400, str(exc), "bad_encoding") from None


def parse(model: type, raw: bytes):
    """``raw`` as ``model``, or Refused with one sentence naming what is wrong and where."""
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(x) for x in first.get("loc", ())) or "body"
        if first.get("type") == "json_invalid":
            msg = f"body is not valid JSON ({first.get('msg')})"
            raise Refused(400, msg, "bad_json") from None
        msg = f"invalid {model.__name__}: {where}: {first.get('msg')}"
        raise Refused(422, msg, "invalid") from None
