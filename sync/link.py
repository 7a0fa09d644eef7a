"""The laptop's side of the HTTP link to HQ: headers, errors in plain words, answers parsed,
and the request sizes a link that cuts connections allows (``_Sizer``)."""

from __future__ import annotations

import sys

from pydantic import BaseModel, ValidationError

from fieldkit import __version__
from fieldkit.core import schema
from fieldkit.core.errors import FieldKitError
from fieldkit.core.messages import Message

from . import protocol as p


def _import_httpx():
    """httpx without the optional packages it probes at import: httpcore imports trio (selenium
    brings it) to detect an async runtime, httpx imports click and rich for its own command line.
    This client is synchronous and needs neither; skipping them takes ~0.15 s off the start of
    every ``fieldkit sync`` (trio alone 0.11 s). A module importing them later gets them."""
    if "httpx" in sys.modules:
        return sys.modules["httpx"]
    blocked = [name for name in ("trio", "click") if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` fail
    try:
        import httpcore  # noqa: F401 - httpx imports it when the first client is made
        import httpx
    finally:
        for name in blocked:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
    return httpx


httpx = _import_httpx()


class SyncError(FieldKitError):
    """Sync could not finish; the message says why in plain words. Nothing done is undone."""


class NotEnrolled(SyncError):
    pass


def _headers() -> dict[str, str]:
    return {
        p.HEADER_PROTOCOL: str(p.PROTOCOL_VERSION),
        p.HEADER_APP: __version__,
        p.HEADER_SCHEMA: str(schema.CURRENT),
        "Accept-Encoding": p.accepted_encodings(),
        "User-Agent": f"FieldKit/{__version__}",
    }


def _normalise_server(url: str) -> str:
    url = url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise SyncError(Message("sync.bad_server_address", url=repr(url[:80])))
    try:
        host = httpx.URL(url).host
    except (httpx.InvalidURL, ValueError, TypeError):
        host = ""
    if not host:
        shown = url if len(url) <= 80 else url[:77] + "..."
        raise SyncError(Message("sync.not_server_address", url=repr(shown)))
    return url


def _hq_protocol(resp: httpx.Response) -> int | None:
    """The protocol HQ names in its answers (an HQ before protocol 3 names none)."""
    raw = resp.headers.get(p.HEADER_PROTOCOL, "")
    return int(raw) if raw.isdigit() and len(raw) < 6 else None


def _plain(exc: Exception) -> Message | str:
    if isinstance(exc, httpx.ConnectError):
        return Message("sync.unreachable")
    if isinstance(exc, httpx.TimeoutException):
        return Message("sync.timed_out")
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
        return Message("sync.connection_cut")
    return str(exc) or type(exc).__name__


def _server_message(resp: httpx.Response) -> Message | str:
    """HQ's reason: coded when HQ sends a code (shown in the user's language), else its text."""
    try:
        body = p.ErrorBody.model_validate_json(resp.content)
    except (ValidationError, ValueError):
        return f"HTTP {resp.status_code}"
    try:
        return Message.from_dict(body.message) if body.message else body.error
    except (KeyError, TypeError, ValueError):
        return body.error


def _parse(resp: httpx.Response, model: type[BaseModel]):
    try:
        return model.model_validate_json(resp.content)
    except ValidationError as exc:
        raise SyncError(Message("sync.unreadable_answer", n=exc.error_count())) from None


class _Cut(Exception):
    """A request died on the way (cut, reset, timed out): the caller may try a smaller one."""

    def __init__(self, exc: Exception) -> None:
        super().__init__(str(exc))
        self.why = _plain(exc)


class _Sizer:
    """How much one request carries: halved after a cut, grown by a quarter after an answer."""

    def __init__(self, size: int, largest: int, smallest: int = 1, normal: int = 0) -> None:
        self.largest = largest
        self.smallest = smallest
        self.normal = normal or largest  # where a link that never cut starts: nothing to learn
        self.size = max(smallest, min(largest, size))

    @property
    def learned(self) -> str | None:
        """What to remember for the next sync: a size below normal, which a cut taught."""
        return str(self.size) if self.size < self.normal else None

    def shrink(self) -> bool:
        if self.size <= self.smallest:
            return False
        self.size = max(self.smallest, self.size // 2)
        return True

    def grow(self) -> None:
        self.size = min(self.largest, self.size + max(1, self.size // 4))


class _HTTPFailure(Exception):
    def __init__(self, resp: httpx.Response) -> None:
        self.why = _server_message(resp)
        super().__init__(str(self.why))
        self.resp = resp
        try:
            self.code = p.ErrorBody.model_validate_json(resp.content).code
        except (ValidationError, ValueError):
            self.code = ""


def _header_bytes(method: str, path: str, extra: dict) -> int:
    # Request line and the headers httpx sends on every request: an estimate for the report;
    # benchmarks count real wire bytes at a proxy.
    return len(method) + len(path) + 250 + sum(len(k) + len(v) + 4 for k, v in extra.items())


def _range_total(content_range: str) -> int | None:
    """The whole file's size from a Content-Range answer ("bytes 0-99/1234")."""
    total = content_range.rpartition("/")[2].strip()
    return int(total) if total.isdigit() else None
