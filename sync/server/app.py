"""HQ's HTTP server (FastAPI, served by uvicorn): the sync API router, health and metrics, one
error shape (``ErrorBody``) for every refusal, and one JSON access-log line per request."""

from __future__ import annotations

import time
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from fieldkit import __version__
from fieldkit.core.messages import Message
from sync import protocol as p

from . import metrics, push_body, reference, routes
from .common import Refused
from .console import mount as mount_console
from .readers import Readers
from .storage import HQStore

__all__ = ["create_app"]


def _error(status: int, message: str, code: str = "", headers=None) -> JSONResponse:
    coded = message.to_dict() if isinstance(message, Message) else None
    body = p.ErrorBody(error=message, code=code, message=coded)
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, headers=headers)


ops = APIRouter()


@ops.get("/health")
def health(request: Request):
    """Whether HQ answers and its database does."""
    try:
        with request.app.state.store.read() as c:
            c.execute("SELECT 1").fetchone()
    except Exception as exc:  # any database failure is "not healthy", said in one line
        metrics.log.warning("health check: database does not answer: %s", type(exc).__name__)
        return _error(503, "HQ's database does not answer", "db_down")
    return {"ok": True, "database": "ok", "protocol": p.PROTOCOL_VERSION, "app": __version__}


@ops.get("/metrics")
def prometheus() -> Response:
    data, ctype = metrics.render()
    return Response(data, media_type=ctype)


def create_app(
    db: Path | str | None = None, *, blobs: Path | str | None = None,
    password_file: Path | str | None = None, store: HQStore | None = None, readers: int = 0,
) -> FastAPI:  # fmt: skip
    """The HQ app over ``store`` (or a store opened on ``db``: a path or postgresql:// URL),
    reading push pages on ``readers`` processes of their own (0: in this one; see readers)."""
    store = store or HQStore(db, blobs, password_file=password_file)
    from fieldkit.core.models import build_validators

    build_validators()  # before serving: the models build their validators when first used
    p.build_validators()
    push_body.build_validators()
    pages = Readers(store.db, readers)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        pages.close()

    app = FastAPI(
        title="FieldKit HQ", version=__version__,
        description=f"FieldKit sync protocol {p.PROTOCOL_VERSION}", lifespan=lifespan,
    )  # fmt: skip
    app.state.store = store
    app.state.readers = pages

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
        # Keeps the headers (405's Allow).
        return _error(exc.status_code, str(exc.detail), "http", getattr(exc, "headers", None))

    @app.exception_handler(ClientDisconnect)
    async def _gone(request: Request, exc: ClientDisconnect):
        # The laptop's link dropped mid-request: expected on field links, one line, no traceback.
        metrics.log.warning("client disconnected during %s %s", request.method, request.url.path)
        return Response(status_code=499)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception):  # pragma: no cover - last line of defence
        return _error(500, Message("hq.internal_error"), "internal")

    @app.middleware("http")
    async def _reference(request: Request, call_next):
        """The console's pages use HQ's published lists, re-read when another process (the
        command line) published (sync requests refresh them when the device authenticates)."""
        if request.url.path.startswith("/console"):
            await run_in_threadpool(reference.refresh_now_and_then, store.db)
        return await call_next(request)

    @app.middleware("http")
    async def _gate(request: Request, call_next):
        """Every sync request names its protocol (a too-old laptop is told to update); every
        request is counted, timed and logged."""
        start = time.perf_counter()
        response = _protocol_refusal(request)
        if response is None:
            response = await call_next(request)
        if request.url.path.startswith("/v1/"):  # a laptop learns what this HQ speaks
            response.headers[p.HEADER_PROTOCOL] = str(p.PROTOCOL_VERSION)
        route = request.scope.get("route")
        path = getattr(route, "path", "other")
        ms = (time.perf_counter() - start) * 1000
        metrics.REQUESTS.labels(path, str(response.status_code)).inc()
        metrics.LATENCY.labels(path).observe(ms / 1000)
        dev = getattr(request.state, "device", None)
        metrics.log_request(
            device=dev.id if dev else None, embassy=dev.embassy if dev else None,
            method=request.method, route=path, status=response.status_code, ms=round(ms, 1),
            bytes_in=getattr(request.state, "bytes_in", 0),
            bytes_out=int(response.headers.get("content-length", 0) or 0),
        )  # fmt: skip
        return response

    app.include_router(ops)
    app.include_router(routes.router)
    app.include_router(reference.router)  # GET /v1/reference: the lists HQ governs

    def openapi() -> dict:
        if app.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            doc = get_openapi(
                title=app.title, version=app.version, description=app.description,
                routes=app.routes,
            )  # fmt: skip
            doc.setdefault("components", {}).setdefault("schemas", {}).update(routes.COMPONENTS)
            app.openapi_schema = doc
        return app.openapi_schema

    app.openapi = openapi
    mount_console(app)  # the HQ console at /console/ (sync/server/console)
    return app


def _protocol_refusal(request: Request) -> Response | None:
    if not request.url.path.startswith("/v1/"):
        return None
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
    return None
