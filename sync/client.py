"""The laptop's sync client (httpx): enrol once, then push, pull, files, verify.

    report = SyncClient(store).sync()      # after: enroll(store, "https://hq.example", "ABCD-...")

Designed for a 600 ms, few-hundred-kbit/s satellite link that drops: kept-alive connections,
zstd bodies (gzip to an HQ before protocol 3), push pages of 500 records growing to 1,000 with
two on their way at once, the first pull page riding on the last push. Network errors and 5xx
are retried with backoff; every step is committed locally as it completes, so a sync that dies
half-way resumes where it stopped next time.

The HTTP link's helpers are in ``link``, enrolment in ``enrolment``, the push in ``push_pages``,
files in ``file_transfer``.

Some links (satellite, mobile) cut every connection after a few kilobytes. A request that is cut
is therefore not simply sent again: the push page, the pull page and the file piece are halved
and sent at once, and grow again by a quarter after each answer, so sync makes progress on any
link that carries one record per connection. The sizes learned are kept for the next sync.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any

from pydantic import BaseModel

from fieldkit.core.ceiling import ceiling
from fieldkit.core.messages import Message, stored
from fieldkit.core.store import Store
from sync.state import SyncState

from . import credentials, reference_sync
from . import protocol as p
from .enrolment import default_device_name, enroll
from .file_transfer import FileTransfer
from .link import (
    NotEnrolled,
    SyncError,
    _Cut,
    _header_bytes,
    _headers,
    _hq_protocol,
    _HTTPFailure,
    _normalise_server,
    _parse,
    _plain,
    _server_message,
    _Sizer,
    httpx,
)
from .push_pages import PushPages

Progress = Callable[[str, int, int], None]  # (what, done, total)


@dataclass
class SyncReport:
    pushed: int = 0
    pulled: int = 0
    merged: int = 0
    conflicts: int = 0
    conflicts_elsewhere: int = 0  # hit by other laptops of the embassy, now shown here too
    rejected: int = 0
    audit_sent: int = 0
    files_sent: int = 0
    files_received: int = 0
    files_waiting: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    requests: int = 0
    retries: int = 0
    cuts: int = 0  # requests that died on the way and were sent again smaller
    seconds: float = 0.0
    verified: bool = False
    repulled: int = 0
    withdrawn: int = 0  # records removed: this laptop may no longer hold them (role, ceiling)
    not_accepted: int = 0  # changes HQ refused, still not fixed nor discarded (not filed)
    unreadable: int = 0  # records from HQ this FieldKit version cannot read (update it)
    pending: int = 0
    cursor: int = 0
    rejections: list[dict[str, str]] = field(default_factory=list)
    reference: int | None = None  # HQ's reference lists version, when this sync fetched them

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def status(store: Store) -> dict[str, Any]:
    """What the sync page shows without touching the network."""
    st = SyncState(store)
    return {
        "server": st.get("server"),
        "embassy": st.get("embassy"),
        "device_id": st.get("device_id"),
        "device_name": st.get("device_name"),
        "token_store": st.get("token_store"),
        "last_sync": st.get("last_sync"),
        "last_error": st.get("last_error"),
        "last_report": st.get("last_report"),
        "pending": st.pending_count(),
        "conflicts": len(st.conflicts()),
        "rejected": st.rejected(),
        "cursor": st.cursor,
        "role": st.get("role") or "staff",
        "ceiling": ceiling(store),
    }


class SyncClient(PushPages, FileTransfer):
    """One sync session against HQ for one store."""

    def __init__(
        self,
        store: Store,
        *,
        server: str | None = None,
        token: str | None = None,
        transport: httpx.BaseTransport | None = None,
        progress: Progress | None = None,
        retries: int = 6,
        backoff: float = 0.5,
        timeout: float = 120,
        page_size: int | None = None,  # records per push request; None: 500 growing to 1,000
        pull_page_size: int = p.PULL_PAGE_SIZE,
    ) -> None:
        self.store = store
        self.state = SyncState(store)
        device_id = self.state.get("device_id") or ""
        # Where enrolment put the token: a laptop without a keyring never waits for one again.
        in_keyring = self.state.get("token_store") in (None, "", "keyring")
        self.token = token or credentials.load_token(
            store.data_dir, device_id, store=store, keyring=in_keyring
        )
        # HQ's address: this sync's --server, else the one in Settings (HQ moved), else the one
        # enrolled with.
        chosen = server or store.settings.server_url.strip() or self.state.get("server")
        if not self.token or not chosen:
            raise NotEnrolled(Message("sync.not_enrolled"))
        self.server = _normalise_server(chosen)
        # A plain-HTTP HQ (loopback, a LAN address) never uses TLS, and loading the CA bundle
        # for nothing cost 0.2-0.4 s of every sync command.
        verify: str | bool = (
            False if self.server.startswith("http://") else (self.state.get("verify") or True)
        )
        self.http = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(timeout, connect=30),
            verify=verify,
            headers={**_headers(), "Authorization": f"Bearer {self.token}"},
        )
        self.progress = progress or (lambda what, done, total: None)
        self.retries = retries
        self.backoff = backoff
        # Learned on a link that cuts connections (see the module's docstring); kept in sync_state.
        # Push pages start at 500 records and grow to the 1,000 HQ takes while answers come back
        # (fewer requests and HQ transactions); a page size given here is kept as the limit.
        largest = page_size or p.MAX_PAGE_SIZE
        start = min(page_size or p.PAGE_SIZE, largest)
        self.push_size = _Sizer(self._learned("link_push", start), largest, normal=start)
        self.pull_size = _Sizer(self._learned("link_pull", pull_page_size), pull_page_size)
        self.chunk_size = _Sizer(self._learned("link_chunk", p.CHUNK_SIZE), p.CHUNK_SIZE, 1024)
        # Requests are compressed as the HQ last heard from takes them (zstd from protocol 3).
        self.hq_protocol = self._learned("hq_protocol", 0) or None
        self.report = SyncReport()

    @property
    def encoding(self) -> str:
        return p.body_encoding(self.hq_protocol)

    @property
    def page_size(self) -> int:
        return self.push_size.size

    @property
    def pull_page_size(self) -> int:
        return self.pull_size.size

    def _learned(self, key: str, default: int) -> int:
        try:
            return int(self.state.get(key) or default)
        except ValueError:
            return default

    def _remember_link(self) -> None:
        """What this sync learned of the link for the next one: sizes, and HQ's protocol."""
        for key, sizer in (
            ("link_push", self.push_size),
            ("link_pull", self.pull_size),
            ("link_chunk", self.chunk_size),
        ):
            self.state.set(key, sizer.learned)
        self.state.set("hq_protocol", str(self.hq_protocol) if self.hq_protocol else None)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- transport ---------------------------------------------------------------------------
    def _send(self, method: str, path: str, *, cut_ok: bool = False, **kw) -> httpx.Response:
        """One request, retried with backoff on network errors and 5xx; 4xx raise _HTTPFailure.

        With ``cut_ok`` a connection that dies raises _Cut at once, for the caller to send less."""
        attempt = 0
        while True:
            attempt += 1
            self.report.requests += 1
            body = kw.get("content") or b""
            extra = kw.get("headers") or {}
            self.report.bytes_sent += len(body) + _header_bytes(method, path, extra)
            try:
                resp = self.http.request(method, f"{self.server}{path}", **kw)
            except httpx.TransportError as exc:
                # A link that cannot connect at all is not helped by smaller requests.
                if cut_ok and not isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout):
                    raise _Cut(exc) from None
                if attempt > self.retries:
                    raise self._stopped(_plain(exc), attempt) from None
                self._wait(attempt)
                continue
            self.report.bytes_received += resp.num_bytes_downloaded + 200
            named = _hq_protocol(resp)
            if named != self.hq_protocol and resp.status_code < 500:
                self.hq_protocol = named  # HQ updated (or went back): its next request follows
            if resp.status_code >= 500:
                if attempt > self.retries:
                    raise SyncError(
                        Message("sync.hq_problem", why=_server_message(resp), n=attempt)
                    )
                self._wait(attempt)
                continue
            if resp.status_code >= 400:
                raise _HTTPFailure(resp)
            return resp

    def _stopped(self, why: Message | str, attempts: int) -> SyncError:
        """Giving up: say what this sync did get through, never more."""
        rep = self.report
        if rep.pushed or rep.pulled or rep.files_sent or rep.files_received or rep.audit_sent:
            return SyncError(Message("sync.stopped_after", why=why, n=attempts, sent=rep.pushed,
                                     received=rep.pulled, files=rep.files_sent + rep.files_received,
                                     left=self.state.pending_count()))  # fmt: skip
        return SyncError(
            Message("sync.stopped_nothing", why=why, n=attempts, left=self.state.pending_count())
        )

    def _after_cut(self, sizer: _Sizer, cut: _Cut, failures: int) -> int:
        """A request of ``sizer``'s size was cut: halve it and go on at once, or, at the smallest
        size, wait as for any network error. Returns the failures counted so far."""
        self.report.cuts += 1
        if self.retries > 0 and sizer.shrink():
            self.report.retries += 1
            return failures
        failures += 1
        if failures > self.retries:
            raise self._stopped(cut.why, failures)
        self._wait(failures)
        return failures

    def _wait(self, attempt: int) -> None:
        self.report.retries += 1
        delay = min(30.0, self.backoff * 2 ** (attempt - 1)) * (0.5 + random.random() / 2)
        time.sleep(delay)

    def _call(self, method: str, path: str, model: type[BaseModel], body: BaseModel | None = None,
              **kw):  # fmt: skip
        """A request whose answer is parsed into ``model``; 4xx become a SyncError."""
        if body is not None:
            content, headers = p.encode(body, compress_with=self.encoding)
            kw["content"] = content
            kw["headers"] = headers
        try:
            resp = self._send(method, path, **kw)
        except _HTTPFailure as exc:
            raise self._explain(exc) from None
        return _parse(resp, model)

    def _explain(self, exc: _HTTPFailure) -> SyncError:
        status_code = exc.resp.status_code
        if status_code == 401:
            return NotEnrolled(Message("sync.laptop_refused", why=exc.why))
        if status_code == 426:
            return SyncError(exc.why)
        return SyncError(Message("sync.request_refused", why=exc.why))

    # ---- the sync ----------------------------------------------------------------------------
    def sync(self) -> SyncReport:
        started = time.monotonic()
        rep = self.report
        try:
            page = self._push()
            self._pull(page)
            self._upload_files()
            self._download_files()
            self._verify()
        except SyncError as exc:
            self.state.set("last_error", stored(exc))  # shown later in the user's language
            raise
        finally:
            self._remember_link()
            rep.seconds = round(time.monotonic() - started, 3)
            rep.pending = self.state.pending_count()
            rep.not_accepted = self.state.refused_count()
            rep.cursor = self.state.cursor
        from fieldkit.core.envelope import utcnow  # not models: a sync need not build them

        self.state.set("last_sync", utcnow().isoformat())
        self.state.set("last_error", None)
        import json

        self.state.set("last_report", json.dumps(rep.as_dict()))
        return rep

    def _pull(self, page: p.PullPage | None) -> None:
        """Walk HQ's sequence; the next page downloads while this one is written locally."""
        rep = self.report
        if page is None:
            page = self._pull_from(self.state.cursor)
        with ThreadPoolExecutor(1, thread_name_prefix="fieldkit-sync") as pool:
            while True:
                upcoming = (
                    pool.submit(self._get_page, page.cursor, self.pull_page_size)
                    if page.more
                    else None
                )
                if reference_sync.follow(self, page):  # codes new to this laptop come first
                    rep.reference = page.reference
                applied = self.state.apply_page(page.records, page.versions, page.cursor)
                rep.pulled += applied.applied
                rep.unreadable += len(applied.invalid)
                more = self.pull_page_size if page.more else 0
                self.progress("pull", rep.pulled, rep.pulled + more)
                if upcoming is None:
                    self._summary = page.summary or {}
                    self.state.set_terms(page.role, page.ceiling)
                    if page.conflicts is not None:  # HQ's open conflicts of the embassy
                        added, _closed = self.state.mirror_conflicts(
                            page.conflicts, self.state.get("device_id") or ""
                        )
                        rep.conflicts_elsewhere += added
                    return
                try:
                    page = upcoming.result()
                    self.pull_size.grow()
                except _Cut as cut:
                    failures = self._after_cut(self.pull_size, cut, 0)
                    page = self._pull_from(page.cursor, failures)

    def _pull_from(self, since: int, failures: int = 0) -> p.PullPage:
        """One pull page, halved after each cut until one arrives."""
        while True:
            try:
                page = self._get_page(since, self.pull_page_size)
            except _Cut as cut:
                failures = self._after_cut(self.pull_size, cut, failures)
                continue
            self.pull_size.grow()
            return page

    def _get_page(self, since: int, limit: int) -> p.PullPage:
        return self._call("GET", "/v1/pull", p.PullPage, cut_ok=True,
                          params={"since": since, "limit": limit})  # fmt: skip

    # ---- verification ------------------------------------------------------------------------
    def _verify(self) -> None:
        """Compare per-kind counts and checksums with HQ; re-pull exactly what differs."""
        hq = getattr(self, "_summary", None)
        if hq is None:
            return
        mine = self.state.summary()
        # A kind HQ lists none of for this laptop is absent from its summary.
        bad = [
            k
            for k in set(hq) | set(mine)
            if ((hq[k].count, hq[k].checksum) if k in hq else (0, 0)) != mine.get(k, (0, 0))
        ]
        # fmt: skip
        if not bad:
            self.report.verified = True
            return
        requeue: list[str] = []
        for kind in bad:
            vr = self._call("GET", f"/v1/versions/{kind}", p.VersionsResponse)
            theirs = dict(zip(vr.ids, vr.versions, strict=True))
            local = self.state.versions(kind)
            want = [
                rid
                for rid, v in theirs.items()
                if local.get(rid) != v and not self.state.has_pending(rid)
            ]
            requeue += [
                rid for rid, v in local.items()
                if v is not None and rid not in theirs and not self.state.has_pending(rid)
            ]  # fmt: skip
            for i in range(0, len(want), self.page_size):
                fr = self._call("POST", "/v1/fetch", p.FetchResponse,
                                p.FetchRequest(ids=want[i : i + self.page_size]))  # fmt: skip
                res = self.state.apply_page(fr.records, fr.versions, None)
                self.report.repulled += res.applied
        if requeue:
            # Records HQ no longer lists for this laptop because it may not hold them (role,
            # ceiling or marking changed) leave it; the others are sent again.
            gone = set(self._withdrawn(requeue))
            self.report.withdrawn += self.state.withdraw(sorted(gone))
            requeue = [rid for rid in requeue if rid not in gone]
        if requeue:
            self.state.requeue(requeue)
        mine = self.state.summary()
        self.report.verified = (
            all((hq[k].count, hq[k].checksum) == mine.get(k, (0, 0)) for k in hq) and not requeue
        )

    def _withdrawn(self, ids: list[str]) -> list[str]:
        out: list[str] = []
        for i in range(0, len(ids), p.MAX_PAGE_SIZE):
            content, headers = p.encode(
                p.WithdrawnRequest(ids=ids[i : i + p.MAX_PAGE_SIZE]), compress_with=self.encoding
            )
            try:
                resp = self._send("POST", "/v1/withdrawn", content=content, headers=headers)
            except _HTTPFailure as exc:
                if exc.resp.status_code in (404, 405):
                    return out  # an HQ from before issue 14: nothing is withdrawn
                raise self._explain(exc) from None
            out += _parse(resp, p.WithdrawnResponse).ids
        return out


__all__ = [
    "NotEnrolled",
    "SyncClient",
    "SyncError",
    "SyncReport",
    "default_device_name",
    "enroll",
    "status",
]
