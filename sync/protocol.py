"""The sync wire protocol between a FieldKit laptop and HQ: the one place that defines it.

Every request carries the protocol, app and schema versions in headers; bodies are JSON,
compressed when large: zstd where both sides speak protocol 3, gzip otherwise (``compress``).
Models ignore fields they do not know, so an HQ one version ahead can add fields without breaking
older laptops (and the other way round).

One sync is: push the outbox in pages (the last page also asks for the first pull page, saving a
round trip on a 600 ms link), pull the rest of the pages, upload missing attachment bytes, download
missing ones, compare per-kind checksums and re-pull what differs.

Ordering comes only from HQ: every write on HQ takes the next number of one global sequence, which
becomes the record's ``version``; a pull walks that sequence with a cursor.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import re
import zlib
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

# 2: meetings and visits carry their approval, meetings their exchange as turns, visits their type
# and JICA sub-ratings, projects their grant cycle; pull pages carry HQ's reference lists, the
# device's role and ceiling. A laptop on protocol 1 cannot read those records (its models refuse
# the new fields), so HQ tells it to update instead of sending records it would drop.
# 3: bodies may be zstd-compressed. A laptop sends zstd once HQ has named protocol 3 or later in
# its answers (every /v1 answer carries HQ's protocol); HQ answers zstd to a laptop that accepts it.
# zstd level 3 compresses these records to 103 bytes each against gzip level 6's 152, in a seventh
# of the time: gzip was a fifth of a bulk push's CPU on the laptop.
PROTOCOL_VERSION = 3
# The oldest client protocol HQ still serves; older laptops are told to update.
MIN_CLIENT_PROTOCOL = 2
ZSTD_PROTOCOL = 3  # the first protocol whose HQ takes zstd bodies
ZSTD_LEVEL = 3

HEADER_PROTOCOL = "X-FieldKit-Protocol"
HEADER_APP = "X-FieldKit-App"
HEADER_SCHEMA = "X-FieldKit-Schema"

PAGE_SIZE = 500  # records per push request: ~50 kB compressed; pages overlap (see client)
PULL_PAGE_SIZE = 1000  # records per pull page: applying locally dominates, fewer pages help
MAX_PAGE_SIZE = 1000
CHUNK_SIZE = 256 * 1024  # attachment upload/download piece; a cut link re-sends at most one
MAX_BODY = 8 * 1024 * 1024  # compressed request body HQ accepts
MAX_DECOMPRESSED = 64 * 1024 * 1024  # after decompression (a decompression bomb stops here)
MAX_BLOB = 60 * 1024 * 1024
MAX_INT = 2**63 - 1  # versions and cursors are 64-bit on HQ: anything larger is refused (422)

Version = Annotated[int, Field(ge=0, le=MAX_INT)]
Ident = Annotated[str, Field(min_length=1, max_length=64)]

# JSON Schema names for the record body: validated by fieldkit.core.models on HQ, not here, so the
# protocol does not pin one app version's record fields.
RecordData = dict[str, Any]


class Wire(BaseModel):
    """Base of every message: unknown fields are ignored (forward compatible)."""

    model_config = ConfigDict(extra="ignore", defer_build=True)  # built when first used


class ErrorBody(Wire):
    """Every 4xx/5xx answer from HQ: ``error`` is a sentence meant for the user."""

    error: str
    code: str = ""
    # The same as a coded message (fieldkit.core.messages: code + params) that a laptop shows in
    # its user's language; ``error`` stays for laptops that predate it.
    message: dict[str, Any] | None = None


# ---- enrolment -------------------------------------------------------------------------------
class EnrollRequest(Wire):
    code: str = Field(min_length=4, max_length=64)
    device_name: str = Field(default="", max_length=200)
    local_device_id: str = Field(default="", max_length=64)


class EnrollResponse(Wire):
    device_id: str
    token: str
    embassy: str
    device_name: str = ""
    # What the laptop may hold (HQ enforces it; the laptop also refuses to save above it).
    role: str = "staff"
    ceiling: str | None = None
    post: str | None = None  # the post's code (emb-ke), when HQ knows it


# ---- push ------------------------------------------------------------------------------------
class Mutation(Wire):
    """A record's local changes since it was last in sync, as one whole-record upsert.

    ``ids`` are the outbox mutation ids folded into this mutation: HQ remembers every id it has
    applied, so a retried request is recognised and never applies twice. ``base`` is the HQ version
    the changes were made on (None for a record HQ has never seen).
    """

    ids: list[Ident] = Field(min_length=1, max_length=10_000)
    base: Version | None = None
    record: RecordData
    resolves: str | None = Field(default=None, max_length=64)  # a conflict id this edit settles


class AuditEvent(Wire):
    id: str = Field(min_length=1, max_length=64)
    at: str = Field(max_length=64)
    author: str = Field(default="", max_length=500)
    event: str = Field(max_length=200)
    record_id: str | None = Field(default=None, max_length=64)
    detail: dict[str, Any] = Field(default_factory=dict)


class Resolution(Wire):
    """A conflict settled on the laptop by keeping HQ's version (no record edit to carry it)."""

    conflict_id: str = Field(max_length=64)
    keep: Literal["mine", "theirs"]


class PullRequest(Wire):
    since: int = Field(default=0, ge=0, le=MAX_INT)
    limit: int = Field(default=PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


class PushRequest(Wire):
    mutations: list[Mutation] = Field(default_factory=list, max_length=MAX_PAGE_SIZE)
    audit: list[AuditEvent] = Field(default_factory=list, max_length=5000)
    resolutions: list[Resolution] = Field(default_factory=list, max_length=MAX_PAGE_SIZE)
    pull: PullRequest | None = None  # piggy-back the first pull page on the last push page


class Conflict(Wire):
    """The same field changed on two laptops, or an edit against a delete. Nothing is dropped:
    ``mine`` is the pushed record, ``theirs`` what HQ kept (the merge of everything else)."""

    id: str
    record_id: str
    kind: str
    fields: list[str]
    mine: RecordData
    theirs: RecordData
    created_seq: int = 0
    device_id: str = ""  # the laptop whose push hit it (its name below), for the others to see
    device_name: str = ""


class Outcome(Wire):
    """What HQ did with one mutation, for the mutations that were not a plain fast-forward.

    status: ``merged`` (other fields changed meanwhile: ``record`` is the merged record),
    ``conflict`` (see ``conflict``; ``record`` is what HQ now holds), ``duplicate`` (already
    applied before; ``record`` is HQ's current copy), ``rejected`` (``reason``; ``record`` is HQ's
    copy if it has one).
    """

    i: int  # index of the mutation in the request
    status: Literal["merged", "conflict", "duplicate", "rejected"]
    version: int | None = None
    record: RecordData | None = None
    reason: str = ""
    conflict: Conflict | None = None
    message: dict[str, Any] | None = None  # ``reason`` as a coded message, like ErrorBody's


class PushResponse(Wire):
    # HQ version of each mutation, in request order (0 for a rejected one). Outcomes add detail
    # only where something other than a fast-forward happened: most answers stay a list of ints.
    versions: list[int]
    outcomes: list[Outcome] = Field(default_factory=list)
    audit_ids: list[str] = Field(default_factory=list)
    pull: PullPage | None = None


# ---- pull ------------------------------------------------------------------------------------
class KindSummary(Wire):
    count: int
    checksum: int


class PullPage(Wire):
    """Changes after ``since`` in HQ order. ``records`` and ``versions`` are parallel lists.

    ``cursor`` is where the next page starts; ``more`` False means this page reached HQ's end,
    and then ``summary`` holds the per-kind counts and checksums to compare with, and
    ``conflicts`` every open conflict of the embassy, so that each of its laptops shows them
    (and drops the ones resolved elsewhere), not only the laptop whose push hit them.
    """

    records: list[RecordData]
    versions: list[int]
    cursor: int
    more: bool
    summary: dict[str, KindSummary] | None = None
    conflicts: list[Conflict] | None = None
    # HQ's reference lists version (every page): a laptop holding another one fetches them
    # (``/v1/reference``) before applying the page, whose records may use codes new to it.
    reference: int | None = None
    # On the last page: the device's role and classification ceiling as HQ has them now.
    role: str | None = None
    ceiling: str | None = None


PushResponse.model_rebuild()


def build_validators() -> None:
    """Build every message's validator now (HQ, before serving; see Wire's defer_build)."""
    pending = [Wire]
    while pending:
        for model in pending.pop().__subclasses__():
            model.model_rebuild(force=True)
            pending.append(model)


class ReferenceLists(Wire):
    """The reference lists HQ published (``GET /v1/reference``), whole, and their version.

    A list HQ never published is absent: the laptop keeps the one its FieldKit version ships."""

    version: int = Field(ge=0)
    lists: dict[str, list[dict[str, Any]]] = Field(default_factory=dict)


class VersionsResponse(Wire):
    """Every (id, version) of one kind the device may read: for a targeted re-pull."""

    kind: str
    ids: list[str]
    versions: list[int]


class FetchRequest(Wire):
    ids: list[Ident] = Field(max_length=MAX_PAGE_SIZE)


class FetchResponse(Wire):
    records: list[RecordData]
    versions: list[int]


class WithdrawnRequest(Wire):
    """Ids this laptop holds that HQ no longer lists for it (``/v1/withdrawn``)."""

    ids: list[Ident] = Field(max_length=MAX_PAGE_SIZE)


class WithdrawnResponse(Wire):
    """Those of the ids HQ holds for the embassy that this device may no longer hold (its role
    or ceiling changed, or the record's marking did): the laptop removes them."""

    ids: list[str]


# ---- attachments -----------------------------------------------------------------------------
class BlobStatusRequest(Wire):
    sha256: list[Annotated[str, Field(max_length=64)]] = Field(max_length=5000)


class BlobStatusResponse(Wire):
    """For each hash asked: -1 if HQ has the whole file, else the bytes it already holds."""

    received: dict[str, int]


class BlobAck(Wire):
    sha256: str
    received: int
    complete: bool


# ---- status ----------------------------------------------------------------------------------
class Hello(Wire):
    device_id: str
    embassy: str
    device_name: str
    protocol: int = PROTOCOL_VERSION
    server_time: str = ""
    role: str = "staff"
    ceiling: str | None = None


# ---- helpers both sides use --------------------------------------------------------------------
def record_checksum(record_id: str, version: int) -> int:
    """Each record's share of a per-kind checksum: 32 bits of sha256, summed (order-free)."""
    digest = hashlib.sha256(f"{record_id}:{version}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


def compress(raw: bytes, encoding: str) -> tuple[bytes, dict[str, str]]:
    """A JSON body compressed with ``encoding`` ("zstd", "gzip" or "identity"), and its headers;
    a few hundred bytes are sent as they are."""
    headers = {"Content-Type": "application/json"}
    if len(raw) <= 512 or encoding == "identity":
        return raw, headers
    if encoding == "zstd":
        import zstandard

        body = zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(raw)
    else:
        body = gzip.compress(raw, compresslevel=6, mtime=0)
    return body, {**headers, "Content-Encoding": encoding}


@functools.cache
def zstd_available() -> bool:
    """Whether this installation has the zstandard package: what the laptop compresses with and
    what it asks HQ for both follow it (httpx decodes zstd answers with the same package)."""
    try:
        import zstandard  # noqa: F401
    except ImportError:
        return False
    return True


def body_encoding(hq_protocol: int | None) -> str:
    """What a laptop compresses its requests with, given the protocol HQ last named (gzip where
    this installation lacks zstandard)."""
    return "zstd" if (hq_protocol or 0) >= ZSTD_PROTOCOL and zstd_available() else "gzip"


def accepted_encodings() -> str:
    """What a laptop asks HQ to compress answers with (its Accept-Encoding header)."""
    return "zstd, gzip" if zstd_available() else "gzip"


def reply_encoding(accept_encoding: str) -> str:
    """What HQ compresses an answer with, given the laptop's Accept-Encoding header."""
    offered = {part.split(";")[0].strip().lower() for part in accept_encoding.split(",")}
    return "zstd" if "zstd" in offered else "gzip" if "gzip" in offered else "identity"


def encode(model: BaseModel, *, compress_with: str = "gzip") -> tuple[bytes, dict[str, str]]:
    """Body bytes and headers for a message, compressed above a few hundred bytes."""
    return compress(model.model_dump_json(exclude_defaults=False).encode(), compress_with)


def encode_push(
    mutations: list[tuple[list[str], int | None, str | bytes]],
    audit: list[AuditEvent],
    resolutions: list[Resolution],
    pull: PullRequest | None,
    compress_with: str = "gzip",
) -> tuple[bytes, dict[str, str]]:
    """A PushRequest body built from records' stored JSON, without re-serialising them.

    Equivalent to ``encode(PushRequest(...))`` (HQ parses it with PushRequest); the laptop's own
    stored JSON is already exactly what the models write, and this is the sync's hottest path.
    """
    parts = [b'{"mutations":[']
    for n, (ids, base, raw) in enumerate(mutations):
        ids_json = (
            '["' + '","'.join(ids) + '"]' if all(map(_PLAIN_ID.fullmatch, ids)) else json.dumps(ids)
        )
        base_json = "null" if base is None else str(int(base))
        parts.append(f'{"," if n else ""}{{"ids":{ids_json},"base":{base_json},"record":'.encode())
        parts.append(raw.encode() if isinstance(raw, str) else raw)
        parts.append(b"}")
    parts.append(
        (
            '],"audit":[' + ",".join(a.model_dump_json() for a in audit)
            + '],"resolutions":[' + ",".join(r.model_dump_json() for r in resolutions)
            + '],"pull":' + (pull.model_dump_json() if pull else "null") + "}"
        ).encode()
    )  # fmt: skip
    return compress(b"".join(parts), compress_with)


_PLAIN_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")  # written into JSON as it is, no escaping needed


def encode_pull_page(
    records: list[str],
    versions: list[int],
    cursor: int,
    more: bool,
    summary: dict[str, KindSummary] | None,
    conflicts: list[Conflict] | None = None,
    role: str | None = None,
    ceiling: str | None = None,
    reference: int | None = None,
) -> str:
    """A PullPage as JSON text, built from records' stored JSON without parsing them.

    Equivalent to ``PullPage(...).model_dump_json()`` (the laptop parses it with PullPage); HQ
    keeps each record as the JSON text it accepted, and decoding and re-encoding ten thousand of
    them was most of HQ's work for a pull.
    """
    rest = PullPage(
        records=[], versions=versions, cursor=cursor, more=more, summary=summary,
        conflicts=conflicts, role=role, ceiling=ceiling, reference=reference,
    )  # fmt: skip
    return '{"records":[' + ",".join(records) + "]," + rest.model_dump_json(exclude={"records"})[1:]


def encode_push_response(resp: PushResponse, pull: str | None) -> str:
    """A PushResponse as JSON text with an already encoded pull page (``encode_pull_page``)."""
    raw = resp.model_dump_json(exclude={"pull"})
    return raw if pull is None else raw[:-1] + ',"pull":' + pull + "}"


class BodyTooLarge(ValueError):
    pass


def decompress(body: bytes, encoding: str, limit: int = MAX_DECOMPRESSED) -> bytes:
    """Undo Content-Encoding, stopping at ``limit`` output bytes (bomb-proof)."""
    encoding = (encoding or "identity").strip().lower()
    if encoding in ("", "identity"):
        if len(body) > limit:
            raise BodyTooLarge(f"body larger than {limit} bytes")
        return body
    if encoding == "zstd":
        return _unzstd(body, limit)
    if encoding != "gzip":
        raise ValueError(f"unsupported Content-Encoding {encoding!r} (use zstd or gzip)")
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(body, limit + 1)
    except zlib.error as exc:
        raise ValueError(f"body is not valid gzip ({exc})") from None
    if len(out) > limit or d.unconsumed_tail:
        raise BodyTooLarge(f"body larger than {limit} bytes after decompression")
    if not d.eof:
        raise ValueError("body is truncated gzip")
    return out


def _unzstd(body: bytes, limit: int) -> bytes:
    """One zstd frame that declares its size (as ``compress`` writes it): the size is checked
    against ``limit`` before anything is decompressed, and zstd checks the frame against it."""
    import zstandard

    try:
        declared = zstandard.get_frame_parameters(body).content_size
    except zstandard.ZstdError as exc:
        raise ValueError(f"body is not valid zstd ({exc})") from None
    if declared == zstandard.CONTENTSIZE_UNKNOWN:
        raise ValueError("zstd body does not declare its size")
    if declared > limit:
        raise BodyTooLarge(f"body larger than {limit} bytes after decompression")
    d = zstandard.ZstdDecompressor().decompressobj()
    try:
        out = d.decompress(body)
    except zstandard.ZstdError as exc:
        raise ValueError(f"body is not valid zstd ({exc})") from None
    if not d.eof:
        raise ValueError("body is truncated zstd")
    if d.unused_data or len(out) != declared:
        raise ValueError("zstd body holds more than its one frame")
    return out


def loads(data: bytes) -> Any:
    return json.loads(data)
