"""Push pages read on processes of their own, so that HQ uses more than one core.

Reading a page (parsing it, validating every record with the app's models, writing each as the
JSON HQ stores) is most of a push's work, and Python runs it on one core at a time. A served
HQ hands pages above a few records to reader processes while its own process writes the page
before: a laptop keeps two pages on their way (see ``sync.push_pages``), so one page is read while
the previous one is written. What comes back is plain values (``push_body.Incoming``).

The models check codes against HQ's reference lists, which HQ can publish while it runs: each
page goes with the version of the lists HQ validates against, and a reader installs that
version before it reads.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from starlette.concurrency import run_in_threadpool

from fieldkit.core import reference as ref

from . import metrics, push_body

SMALL = 8 * 1024  # compressed bytes (~100 records) read in HQ's own process: not worth the trip


def default_processes() -> int:
    """One reader per core beyond the one HQ's own process uses, at most four."""
    return max(1, min(4, (os.cpu_count() or 2) - 1))


class Readers:
    """``processes`` reader processes (0: every page is read in HQ's own process)."""

    def __init__(self, db, processes: int = 0) -> None:
        self.db = db
        self.processes = processes
        self._pool: ProcessPoolExecutor | None = None
        self._lists: tuple[Any, dict[str, Any]] | None = None  # (signature, published lists)
        self._restarting = threading.Lock()
        if processes > 0:
            self._start()

    def _start(self) -> None:
        # spawn, not fork: HQ's process has threads (the server's, SQLite's checkpoints).
        self._pool = ProcessPoolExecutor(
            self.processes, mp_context=multiprocessing.get_context("spawn"), initializer=_ready
        )
        # Started and warmed before HQ serves (about a second), not by the first push.
        warming = [self._pool.submit(_noop) for _ in range(self.processes)]
        for f in warming:
            f.result(timeout=120)

    async def read(self, data: bytes, encoding: str | None) -> push_body.PushPage:
        """The page in ``data`` (as sent: compressed with ``encoding``); Refused for a body
        that is not a PushRequest."""
        if self._pool is None or len(data) < SMALL:
            return await run_in_threadpool(_read_here, data, encoding)
        lists = await run_in_threadpool(self._published)
        pool = self._pool
        try:
            rows, rest = await asyncio.wrap_future(pool.submit(_read, data, encoding, lists))
        except BrokenProcessPool:  # a reader died (killed, out of memory): this page is read
            # here, and new readers start beside the server (not on its event loop).
            metrics.log.warning("a push reader process stopped; starting the readers again")
            await run_in_threadpool(self._restart, pool)
            return await run_in_threadpool(_read_here, data, encoding)
        return push_body.PushPage([push_body.Incoming(*row) for row in rows], *rest)

    def _restart(self, broken: ProcessPoolExecutor) -> None:
        with self._restarting:  # pages that found them stopped at once start them once
            if self._pool is broken:
                broken.shutdown(wait=False, cancel_futures=True)
                self._start()

    def _published(self) -> tuple[Any, dict[str, Any]] | None:
        """The lists this process validates with (refreshed when the device authenticated),
        when HQ has published any; None: the shipped ones, which a reader has too."""
        from .reference import published

        sig = getattr(ref.reference(), "signature", None)
        if sig is None:
            return None
        if self._lists is None or self._lists[0] != sig:
            with self.db.read() as c:
                self._lists = (sig, published(c)[1])
        return self._lists

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


# ---- in a reader process -----------------------------------------------------------------------
def _ready() -> None:
    from fieldkit.core.models import build_validators

    build_validators()
    push_body.build_validators()


def _noop() -> None:
    return None


def _read(data: bytes, encoding: str | None, lists: tuple[Any, dict[str, Any]] | None):
    """The page as tuples: they cross back to HQ's process at C speed (dataclasses do not)."""
    if lists is not None and getattr(ref.reference(), "signature", None) != lists[0]:
        installed = ref.install(ref.Reference(None, lists[1], lists[0][0]))
        installed.signature = lists[0]
    page = _read_here(data, encoding)
    rows = [astuple(m) for m in page.mutations]
    return rows, (page.audit, page.resolutions, page.pull)


def astuple(m: push_body.Incoming) -> tuple:
    return tuple(getattr(m, f) for f in m.__slots__)


def _read_here(data: bytes, encoding: str | None) -> push_body.PushPage:
    return push_body.read(push_body.decoded(data, encoding))
