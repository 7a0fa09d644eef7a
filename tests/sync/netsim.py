"""A TCP proxy on 127.0.0.1 that behaves like a bad satellite link (there is no tc netem here).

    with LinkSimulator(target_port, rtt=0.6, kbit=256) as link:
        url = f"http://127.0.0.1:{link.port}"

Each direction is a serial link: a chunk waits for the link to be free, takes size/bandwidth to
send, then arrives after rtt/2. ``cut`` decides, per new connection, after how many bytes (both
directions together, or only ``cut_direction``) the proxy drops it mid-transfer; it counts wire bytes and connections.
Used by the tests and by benchmarks/bench_sync.py.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable


class LinkSimulator:
    def __init__(
        self,
        target_port: int,
        *,
        rtt: float = 0.0,
        kbit: float | None = None,
        cut: Callable[[int], int | None] | None = None,
        cut_direction: str = "both",
        target_host: str = "127.0.0.1",
    ) -> None:
        assert target_host.startswith("127."), "tests only ever talk to loopback"
        self.target = (target_host, target_port)
        self.delay = rtt / 2
        self.rate = kbit * 1000 / 8 if kbit else None  # bytes per second
        self.cut = cut
        self.cut_direction = cut_direction  # which bytes count toward the cut: both, up, down
        self.port = 0
        self.bytes_up = 0  # client -> server
        self.bytes_down = 0
        self.connections = 0
        self.cuts = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.base_events.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def wire_bytes(self) -> int:
        return self.bytes_up + self.bytes_down

    def reset_counters(self) -> None:
        self.bytes_up = self.bytes_down = self.connections = self.cuts = 0

    def start(self) -> LinkSimulator:
        self._thread.start()
        fut = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        fut.result(10)
        return self

    async def _start(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    def stop(self) -> None:
        async def _stop():
            if self._server:
                self._server.close()
            for w in list(self._writers):
                w.close()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for t in tasks:
                t.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(_stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def __enter__(self) -> LinkSimulator:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    async def _handle(self, c_reader: asyncio.StreamReader, c_writer: asyncio.StreamWriter):
        try:
            await self._relay(c_reader, c_writer)
        except asyncio.CancelledError:
            pass  # the simulator is stopping

    async def _relay(self, c_reader: asyncio.StreamReader, c_writer: asyncio.StreamWriter):
        self.connections += 1
        budget = self.cut(self.connections) if self.cut else None
        try:
            s_reader, s_writer = await asyncio.open_connection(*self.target)
        except OSError:
            c_writer.close()
            return
        self._writers.update((c_writer, s_writer))
        state = {"left": budget}
        done = asyncio.Event()

        async def pipe(reader, writer, up: bool) -> None:
            queue: asyncio.Queue = asyncio.Queue()
            free_at = [0.0]

            async def deliver() -> None:
                while True:
                    item = await queue.get()
                    if item is None:
                        break
                    when, data = item
                    wait = when - time.monotonic()
                    if wait > 0:
                        await asyncio.sleep(wait)
                    try:
                        writer.write(data)
                        await writer.drain()
                    except (ConnectionError, OSError):
                        break
                done.set()

            sender = asyncio.create_task(deliver())
            try:
                while not done.is_set():
                    data = await reader.read(16384)
                    if not data:
                        break
                    cut_now = False
                    counts = self.cut_direction == "both" or (self.cut_direction == "up") == up
                    if state["left"] is not None and counts:
                        if len(data) >= state["left"]:
                            data = data[: state["left"]]
                            cut_now = True
                        state["left"] -= len(data)
                    if up:
                        self.bytes_up += len(data)
                    else:
                        self.bytes_down += len(data)
                    now = time.monotonic()
                    start = max(now, free_at[0])
                    end = start + (len(data) / self.rate if self.rate else 0)
                    free_at[0] = end
                    await queue.put((end + self.delay, data))
                    if cut_now:
                        self.cuts += 1
                        break
            except (ConnectionError, OSError):
                pass
            finally:
                await queue.put(None)
                try:
                    await asyncio.wait_for(sender, 30)
                except (TimeoutError, asyncio.CancelledError):
                    sender.cancel()
                done.set()

        up = asyncio.create_task(pipe(c_reader, s_writer, True))
        down = asyncio.create_task(pipe(s_reader, c_writer, False))
        await done.wait()
        for w in (c_writer, s_writer):
            try:
                w.close()
            except Exception:  # noqa: BLE001
                pass
        for t in (up, down):
            t.cancel()
        await asyncio.gather(up, down, return_exceptions=True)
        self._writers.discard(c_writer)
        self._writers.discard(s_writer)
