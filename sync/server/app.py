"""HQ's HTTP API (FastAPI, served by uvicorn).

Bodies are read by hand rather than by FastAPI's parser so that HQ can undo gzip with a limit on
the decompressed size, and answer every bad request with one JSON sentence (``ErrorBody``) that
the laptop shows to its user. Nothing is written unless the whole request is valid.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path as FilePath
from typing import Annotated, Literal

from fastapi import FastAPI, Path, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from fieldkit import __version__
from fieldkit.core.envelope import KINDS
from fieldkit.core.messages import Message
from sync import protocol as p

from .console import mount as mount_console
from .storage import Device, HQStore, Refused

SHA_RE = re.compile(r"^[0-9a-f]{64}$")
Kind = Literal[KINDS]
Sha = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]


def _error(status: int, message: str, code: str = "") -> JSONResponse:
    coded = message.to_dict() if isinstance(message, Message) else None
    body = p.ErrorBody(error=message, code=code, message=coded)
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status)


def _reply(request: Request, model: BaseModel | str) -> Response:
    """A message (or its JSON text, already encoded), gzip-compressed when the laptop takes it."""
    raw = (model if isinstance(model, str) else model.model_dump_json()).encode()
    if len(raw) > 512 and "gzip" in request.headers.get("accept-encoding", ""):
        return Response(
            gzip.compress(raw, compresslevel=6, mtime=0),
            media_type="application/json",
            headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"},
        )
    return Response(raw, media_type="application/json")


# Request bodies are parsed by hand (see _body) but documented in the OpenAPI schema, with the
# models' sub-schemas registered as components so that tools (schemathesis) can resolve them.
_COMPONENTS: dict[str, dict] = {}


def _json_schema(model: type[BaseModel]) -> dict:
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    _COMPONENTS.update(schema.pop("$defs", {}))
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": schema}},
        }
    }


def create_app(db_path: FilePath | str) -> FastAPI:
    store = HQStore(FilePath(db_path))
    app = FastAPI(
        title="FieldKit HQ",
        version=__version__,
        description=f"FieldKit sync protocol {p.PROTOCOL_VERSION}",
    )
    app.state.store = store

    @app.exception_handler(Refused)
    async def _refused(request: Request, exc: Refused):
        return _error(exc.status, exc.message or str(exc), exc.code)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()))
        return _error(422, f"invalid request: {where}: {first.get('msg', 'invalid')}", "invalid")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        return _error(exc.status_code, str(exc.detail), "http")

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception):  # pragma: no cover - last line of defence
        return _error(500, Message("hq.internal_error"), "internal")

    @app.middleware("http")
    async def _versions(request: Request, call_next):
        """Every sync request names its protocol; a too-old laptop is told to update."""
        if request.url.path.startswith("/v1/"):
            raw = request.headers.get(p.HEADER_PROTOCOL)
            if raw is None:
                return _error(400, f"missing {p.HEADER_PROTOCOL} header", "no_protocol")
            try:
                version = int(raw)
            except ValueError:
                return _error(400, f"bad {p.HEADER_PROTOCOL} header {raw[:20]!r}", "no_protocol")
            if version < p.MIN_CLIENT_PROTOCOL:
                too_old = Message("hq.too_old", version=version, needed=p.MIN_CLIENT_PROTOCOL)
                return _error(426, too_old, "too_old")
        return await call_next(request)

    def device(request: Request) -> Device:
        auth = request.headers.get("authorization", "")
        scheme, _, token = auth.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Refused(401, "no device token: enrol this laptop with HQ first", "no_token")
        return store.authenticate(token.strip())

    async def body(request: Request, model: type[BaseModel], limit: int = p.MAX_BODY):
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise Refused(413, f"request body too large ({declared} bytes; HQ accepts {limit})")
        data = bytearray()
        async for piece in request.stream():
            data += piece
            if len(data) > limit:
                raise Refused(413, f"request body too large (HQ accepts {limit} bytes)")
        try:
            raw = p.decompress(bytes(data), request.headers.get("content-encoding", ""))
        except p.BodyTooLarge as exc:
            raise Refused(413, str(exc), "too_large") from None
        except ValueError as exc:
            raise Refused(400, str(exc), "bad_encoding") from None
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

    @app.get("/health")
    def health() -> dict:
        return {"ok": True, "protocol": p.PROTOCOL_VERSION, "app": __version__}

    @app.post("/v1/enroll", openapi_extra=_json_schema(p.EnrollRequest))
    async def enroll(request: Request):
        req = await body(request, p.EnrollRequest, 64 * 1024)
        resp = store.enroll(req.code, request.headers.get(p.HEADER_APP, ""))
        return _reply(request, resp)

    @app.get("/v1/hello")
    def hello(request: Request):
        dev = device(request)
        from .storage import now_iso

        return _reply(
            request,
            p.Hello(
                device_id=dev.id, embassy=dev.embassy, device_name=dev.name, server_time=now_iso()
            ),  # fmt: skip
        )

    @app.post("/v1/push", openapi_extra=_json_schema(p.PushRequest))
    async def push(request: Request):
        dev = device(request)
        req = await body(request, p.PushRequest)
        from starlette.concurrency import run_in_threadpool

        resp = await run_in_threadpool(store.push, dev, req)
        pull = None
        if req.pull is not None:  # the first pull page rides on the last push page's answer
            pull = await run_in_threadpool(store.pull_json, dev, req.pull.since, req.pull.limit)
        return _reply(request, p.encode_push_response(resp, pull))

    @app.get("/v1/pull")
    def pull(request: Request, since: int = 0, limit: int = p.PAGE_SIZE):
        dev = device(request)
        if since < 0 or not (1 <= limit <= p.MAX_PAGE_SIZE):
            raise Refused(422, f"since must be >= 0 and limit 1..{p.MAX_PAGE_SIZE}", "invalid")
        return _reply(request, store.pull_json(dev, since, limit))

    @app.get("/v1/versions/{kind}")
    def versions(request: Request, kind: Kind):
        dev = device(request)
        if kind not in KINDS:
            raise Refused(404, f"unknown record kind {kind!r}", "invalid")
        return _reply(request, store.versions(dev, kind))

    @app.post("/v1/fetch", openapi_extra=_json_schema(p.FetchRequest))
    async def fetch(request: Request):
        dev = device(request)
        req = await body(request, p.FetchRequest, 1024 * 1024)
        return _reply(request, store.fetch(dev, req.ids))

    @app.post("/v1/blobs/status", openapi_extra=_json_schema(p.BlobStatusRequest))
    async def blob_status(request: Request):
        dev = device(request)
        req = await body(request, p.BlobStatusRequest, 1024 * 1024)
        bad = [s for s in req.sha256 if not SHA_RE.match(s)]
        if bad:
            raise Refused(422, f"not a sha256: {bad[0][:70]!r}", "invalid")
        return _reply(request, p.BlobStatusResponse(received=store.blob_status(dev, req.sha256)))

    @app.put("/v1/blobs/{sha}")
    async def put_blob(request: Request, sha: Sha, offset: int = 0):
        dev = device(request)
        if not SHA_RE.match(sha):
            raise Refused(422, "not a sha256 in the address", "invalid")
        if offset < 0:
            raise Refused(422, "offset must be >= 0", "invalid")
        data = bytearray()
        async for piece in request.stream():
            data += piece
            if len(data) > p.CHUNK_SIZE * 4:
                raise Refused(413, f"attachment piece too large (HQ accepts {p.CHUNK_SIZE * 4})")
        from starlette.concurrency import run_in_threadpool

        ack = await run_in_threadpool(store.put_chunk, dev, sha, offset, bytes(data))
        return _reply(request, ack)

    @app.get("/v1/blobs/{sha}")
    def get_blob(request: Request, sha: Sha):
        dev = device(request)
        if not SHA_RE.match(sha):
            raise Refused(422, "not a sha256 in the address", "invalid")
        # FileResponse answers Range requests, so a cut download resumes where it stopped.
        return FileResponse(store.blob_for(dev, sha), media_type="application/octet-stream")

    def openapi() -> dict:
        if app.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            doc = get_openapi(
                title=app.title, version=app.version, description=app.description,
                routes=app.routes,
            )  # fmt: skip
            doc.setdefault("components", {}).setdefault("schemas", {}).update(_COMPONENTS)
            app.openapi_schema = doc
        return app.openapi_schema

    app.openapi = openapi
    mount_console(app)  # the HQ console at /console/ (sync/server/console)
    return app
