"""The sync API (``/v1/...``) as a router: what a laptop calls.

Bodies are read by hand rather than by FastAPI's parser so that HQ can undo zstd or gzip with a
limit on the decompressed size, and answer every bad request with one JSON sentence
(``ErrorBody``) that the laptop shows to its user. Nothing is written unless the whole request
is valid.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import FileResponse, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from fieldkit.core.envelope import KINDS
from sync import protocol as p

from . import metrics, push_body
from .common import MAX_INT, Device, Refused, now_iso

SHA_RE = re.compile(r"^[0-9a-f]{64}$")
Kind = Literal[KINDS]
Sha = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]
Cursor = Annotated[int, Query(ge=0, le=MAX_INT, description="HQ version to continue after")]
Limit = Annotated[int, Query(ge=1, le=p.MAX_PAGE_SIZE, description="records per page")]
Offset = Annotated[int, Query(ge=0, le=p.MAX_BLOB, description="byte offset of this piece")]

# Every answer other than 200 is an ErrorBody; listed so that the OpenAPI schema says so.
_ERR = {"model": p.ErrorBody}
ERRORS = {400: _ERR, 401: _ERR, 404: _ERR, 405: _ERR, 413: _ERR, 422: _ERR, 426: _ERR}

# Request bodies are parsed by hand (see _body) but documented in the OpenAPI schema, with the
# models' sub-schemas registered as components so that tools (schemathesis) can resolve them.
COMPONENTS: dict[str, dict] = {}


def _json_schema(model: type[BaseModel]) -> dict:
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    COMPONENTS.update(schema.pop("$defs", {}))
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


def reply(request: Request, model: BaseModel | str) -> Response:
    """A message (or its JSON text, already encoded), compressed as the laptop takes it."""
    raw = (model if isinstance(model, str) else model.model_dump_json()).encode()
    encoding = p.reply_encoding(request.headers.get("accept-encoding", ""))
    body, headers = p.compress(raw, encoding)
    headers.pop("Content-Type")
    return Response(
        body, media_type="application/json", headers={**headers, "Vary": "Accept-Encoding"}
    )


def device(request: Request) -> Device:
    auth = request.headers.get("authorization", "")
    scheme, _, token = auth.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Refused(401, "no device token: enrol this laptop with HQ first", "no_token")
    dev = request.app.state.store.authenticate(token.strip()[:200])
    request.state.device = dev  # for the access log
    return dev


async def received(request: Request, limit: int = p.MAX_BODY) -> bytes:
    """The request's body as sent (compressed), refused (413) above ``limit``."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise Refused(413, f"request body too large ({declared[:20]} bytes; HQ accepts {limit})")
    data = bytearray()
    async for piece in request.stream():
        data += piece
        if len(data) > limit:
            raise Refused(413, f"request body too large (HQ accepts {limit} bytes)")
    request.state.bytes_in = len(data)
    return bytes(data)


async def body(request: Request, model: type[BaseModel], limit: int = p.MAX_BODY):
    data = await received(request, limit)
    return push_body.parse(model, push_body.decoded(data, request.headers.get("content-encoding")))


router = APIRouter(prefix="/v1", responses=ERRORS)


@router.post("/enroll", openapi_extra=_json_schema(p.EnrollRequest))
async def enroll(request: Request):
    req = await body(request, p.EnrollRequest, 64 * 1024)
    store = request.app.state.store
    resp = await run_in_threadpool(store.enroll, req.code, request.headers.get(p.HEADER_APP, ""))
    return reply(request, resp)


@router.get("/hello")
def hello(request: Request):
    dev = device(request)
    return reply(
        request,
        p.Hello(
            device_id=dev.id,
            embassy=dev.embassy,
            device_name=dev.name,
            server_time=now_iso(),
            role=dev.role,
            ceiling=dev.ceiling,
        ),  # fmt: skip
    )


@router.post("/push", openapi_extra=_json_schema(p.PushRequest))
async def push(request: Request):
    store = request.app.state.store
    dev = await run_in_threadpool(device, request)
    # Read off the event loop (a reader process, or a thread): a page of a thousand records is
    # tens of milliseconds of work that would otherwise hold up every other laptop's request.
    data = await received(request)
    req = await request.app.state.readers.read(data, request.headers.get("content-encoding"))
    resp = await run_in_threadpool(store.push, dev, req)
    dup = sum(1 for o in resp.outcomes if o.status in ("duplicate", "rejected", "conflict"))
    metrics.PUSHED.inc(max(0, sum(1 for v in resp.versions if v) - dup))
    metrics.CONFLICTS.inc(sum(1 for o in resp.outcomes if o.status == "conflict"))
    pull = None
    if req.pull is not None:  # the first pull page rides on the last push page's answer
        pull = await run_in_threadpool(store.pull_json, dev, req.pull.since, req.pull.limit)
    return reply(request, p.encode_push_response(resp, pull))


@router.get("/pull")
def pull(request: Request, since: Cursor = 0, limit: Limit = p.PAGE_SIZE):
    dev = device(request)
    return reply(request, request.app.state.store.pull_json(dev, since, limit))


@router.get("/versions/{kind}")
def versions(request: Request, kind: Kind):
    dev = device(request)
    return reply(request, request.app.state.store.versions(dev, kind))


@router.post("/fetch", openapi_extra=_json_schema(p.FetchRequest))
async def fetch(request: Request):
    dev = await run_in_threadpool(device, request)
    req = await body(request, p.FetchRequest, 1024 * 1024)
    return reply(request, await run_in_threadpool(request.app.state.store.fetch, dev, req.ids))


@router.post("/withdrawn", openapi_extra=_json_schema(p.WithdrawnRequest))
async def withdrawn(request: Request):
    dev = await run_in_threadpool(device, request)
    req = await body(request, p.WithdrawnRequest, 1024 * 1024)
    return reply(request, await run_in_threadpool(request.app.state.store.withdrawn, dev, req.ids))


@router.post("/blobs/status", openapi_extra=_json_schema(p.BlobStatusRequest))
async def blob_status(request: Request):
    dev = await run_in_threadpool(device, request)
    req = await body(request, p.BlobStatusRequest, 1024 * 1024)
    bad = [s for s in req.sha256 if not SHA_RE.match(s)]
    if bad:
        raise Refused(422, f"not a sha256: {bad[0][:70]!r}", "invalid")
    got = await run_in_threadpool(request.app.state.store.blob_status, dev, req.sha256)
    return reply(request, p.BlobStatusResponse(received=got))


@router.put("/blobs/{sha}")
async def put_blob(request: Request, sha: Sha, offset: Offset = 0):
    dev = await run_in_threadpool(device, request)
    data = bytearray()
    async for piece in request.stream():
        data += piece
        if len(data) > p.CHUNK_SIZE * 4:
            raise Refused(413, f"attachment piece too large (HQ accepts {p.CHUNK_SIZE * 4})")
    request.state.bytes_in = len(data)
    store = request.app.state.store
    ack = await run_in_threadpool(store.put_chunk, dev, sha, offset, bytes(data))
    metrics.BLOB_IN.inc(len(data))
    return reply(request, ack)


@router.get("/blobs/{sha}")
def get_blob(request: Request, sha: Sha):
    dev = device(request)
    path = request.app.state.store.blob_for(dev, sha)
    metrics.BLOB_OUT.inc(path.stat().st_size)
    # FileResponse answers Range requests, so a cut download resumes where it stopped.
    return FileResponse(path, media_type="application/octet-stream")
