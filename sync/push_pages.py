"""The push: the outbox in pages, two on their way at once (a mixin of SyncClient).

HQ reads one page while it writes the other, and on a long link a round trip per page is not
waited out. Pages in flight hold different records, so HQ may apply them in either order; the
last page, which asks for the first pull page, goes alone once every other page is answered.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from fieldkit.core.messages import Message, restored, stored

from . import protocol as p
from .link import _Cut

PUSH_IN_FLIGHT = 2  # push requests on their way at once (see SyncClient._push)


@dataclass
class _Page:
    """One push request: its records, body, the resolutions it reports, whether it is the last
    (asking for the first pull page) and whether it carries the audit events (the first)."""

    batch: list
    body: tuple[bytes, dict[str, str]]
    resolutions: list
    last: bool
    first: bool
    ids: frozenset[str]


class PushPages:
    """SyncClient's push; it provides the state, the sizes, the report and the requests."""

    def _push(self) -> p.PullPage | None:
        """Push the outbox in pages, with two requests on their way: HQ reads one page while it
        writes the page before, and on a long link a round trip is no longer waited out per
        page. Meanwhile this laptop writes down HQ's answers (a thread of its own) and builds
        the next page. Pages in flight hold different records, so HQ may apply them in either
        order; the last page, which asks for the first pull page, goes alone once every other
        page is answered, so what it pulls and counts includes them. A cut page is built again
        at half the size; what HQ acknowledged stays acknowledged."""
        total = self.state.pending_count()
        self.progress("push", 0, total)
        first = True  # audit events and resolutions ride on the first page until HQ answers it
        page = self._next_push(frozenset(), first=True)
        if page is None:
            return None
        done = failures = 0
        flight: deque[tuple[_Page, Future]] = deque()
        settling: list[tuple[Future, frozenset[str]]] = []  # answers being written, their records

        def still_settling() -> frozenset[str]:
            busy: set[str] = set()
            for item in list(settling):
                if item[0].done():
                    item[0].result()  # raises what went wrong writing it
                    settling.remove(item)
                else:
                    busy |= item[1]
            return frozenset(busy)

        def settled() -> None:
            while settling:
                settling.pop(0)[0].result()

        def send(page: _Page) -> None:
            flight.append((page, pool.submit(self._post_push, page.body)))

        def answered(sent: _Page, resp: p.PushResponse) -> None:
            """HQ's answer to ``sent``, written down on the settling thread."""
            nonlocal first, done
            first = first and not sent.first
            settling.append((settler.submit(self._settle_push, sent.batch, resp,
                                            sent.resolutions), sent.ids))  # fmt: skip
            done += len(sent.batch)
            self.progress("push", done, max(total, done))

        def drain() -> None:
            """After a cut: let the other page in flight finish (its answer is kept if it came)
            and everything be written down, so the next page is built from the outbox as it is."""
            while flight:
                other, fut = flight.popleft()
                try:
                    answered(other, fut.result())
                except _Cut:
                    continue
            settled()

        with (
            ThreadPoolExecutor(PUSH_IN_FLIGHT, thread_name_prefix="fieldkit-sync") as pool,
            ThreadPoolExecutor(1, thread_name_prefix="fieldkit-sync-settle") as settler,
        ):
            send(page)
            upcoming: _Page | None = None
            # Bounded: edits made during the sync go too, but a busy laptop cannot loop forever.
            for _ in range(2 * total + 16 + 4 * self.retries):
                if upcoming is None and not (flight and flight[-1][0].last):
                    # Built while HQ works; records on their way or being written wait.
                    busy = frozenset().union(*(q.ids for q, _ in flight)) | still_settling()
                    upcoming = self._next_push(busy, first=False)
                    if upcoming is None and not flight:
                        break
                if (
                    upcoming is not None
                    and len(flight) < PUSH_IN_FLIGHT
                    and not (upcoming.last and flight)
                ):
                    send(upcoming)
                    upcoming = None
                    continue
                sent, future = flight.popleft()
                try:
                    resp = future.result()
                except _Cut as cut:
                    drain()
                    failures = self._after_cut(self.push_size, cut, failures)
                    if sent.last:  # the pull page riding on it may be what did not fit
                        self.pull_size.shrink()
                    upcoming = None
                    page = self._next_push(frozenset(), first=first)
                    if page is None:
                        return None
                    send(page)
                    continue
                failures = 0
                self.push_size.grow()
                answered(sent, resp)
                if resp.pull is not None:
                    settled()
                    return resp.pull
            drain()
        return None  # the rest goes with the next sync

    def _next_push(self, in_flight: frozenset, first: bool) -> _Page | None:
        batch = self.state.pending(self.page_size, exclude=in_flight)
        audit = self.state.unsynced_audit(max(20, self.page_size * 4)) if first else []
        resolutions = self.state.unreported_resolutions() if first else []
        if not batch and not audit and not resolutions:
            return None
        last = len(batch) < self.page_size
        pull = p.PullRequest(since=self.state.cursor, limit=self.pull_page_size) if last else None
        body = p.encode_push(
            [(b.ids, b.base, b.raw) for b in batch],
            [p.AuditEvent(**a) for a in audit],
            [p.Resolution(conflict_id=c, keep=k) for c, k in resolutions],
            pull,
            compress_with=self.encoding,
        )
        ids = frozenset(b.record_id for b in batch)
        return _Page(batch, body, resolutions, last, first, ids)

    def _post_push(self, body: tuple[bytes, dict[str, str]]) -> p.PushResponse:
        content, headers = body
        return self._call(
            "POST", "/v1/push", p.PushResponse, content=content, headers=headers, cut_ok=True
        )

    def _settle_push(self, batch, resp: p.PushResponse, resolutions) -> None:
        rep = self.report
        for o in resp.outcomes:  # kept coded, so the list of refusals follows the language
            if o.status == "rejected" and o.message:
                o.reason = stored(Message.from_dict(o.message))
        applied = self.state.record_pushed(batch, resp.versions, resp.outcomes)
        self.state.mark_audit_synced(resp.audit_ids)
        self.state.mark_reported([c for c, _ in resolutions])
        rep.audit_sent += len(resp.audit_ids)
        rep.pushed += len(batch) - applied.rejected
        rep.conflicts += applied.conflicts
        rep.rejected += applied.rejected
        rep.merged += sum(1 for o in resp.outcomes if o.status == "merged")
        for o in resp.outcomes:
            if o.status == "rejected" and 0 <= o.i < len(batch):
                reason = str(restored(o.reason))  # the report is English (CLI, JSON)
                rep.rejections.append({"record_id": batch[o.i].record_id, "reason": reason})
