"""Test helpers: a real HQ server (uvicorn) on a free 127.0.0.1 port, and enrolled laptops."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from fieldkit.core.store import Store
from sync.client import SyncClient, enroll
from sync.server.app import create_app
from sync.server.storage import HQStore


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class HQServer:
    """uvicorn in a thread; ``restart()`` kills it and starts it again on the same port and file."""

    def __init__(
        self, db: Path | str, port: int | None = None, blobs: Path | None = None, readers: int = 0
    ) -> None:
        self.db = db if str(db).startswith("postgresql://") else Path(db)
        self.blobs = blobs
        self.readers = readers  # processes that read pushed pages (sync.server.readers)
        self.port = port or free_port()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.app = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def store(self) -> HQStore:
        return self.app.state.store

    def start(self) -> HQServer:
        self.app = create_app(self.db, blobs=self.blobs, readers=self.readers)
        config = uvicorn.Config(
            self.app, host="127.0.0.1", port=self.port, log_level="error", lifespan="off",
            timeout_keep_alive=30,
        )  # fmt: skip
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("HQ server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
            self._server.force_exit = True
            self._thread.join(20)
            self.app.state.readers.close()  # lifespan="off": the app's own shutdown does not run
            self.app.state.store.close()
            self._server = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def enrol_code(self, embassy: str, name: str) -> str:
        return self.store.add_device(embassy, name)["code"]


class Laptop:
    """A FieldKit store enrolled with HQ."""

    def __init__(
        self, hq: HQServer, data_dir: Path, embassy: str, name: str, url: str | None = None
    ):
        self.data_dir = data_dir
        self.store = Store.open(data_dir)
        self.store.settings.post = f"Embassy of Japan ({embassy})"
        info = enroll(self.store, url or hq.url, hq.enrol_code(embassy, name), device_name=name)
        self.device_id = info["device_id"]
        self.name = name

    def sync(self, url: str | None = None, **kw):
        with SyncClient(self.store, server=url, **kw) as client:
            return client.sync()

    def close(self) -> None:
        self.store.close()


def raw_post(url: str, path: str, token: str | None, content: bytes, headers: dict | None = None):
    from sync import protocol as p

    h = {
        p.HEADER_PROTOCOL: str(p.PROTOCOL_VERSION),
        "Content-Type": "application/json",
        **(headers or {}),
    }
    if token:
        h["Authorization"] = f"Bearer {token}"
    return httpx.post(f"{url}{path}", content=content, headers=h, timeout=30)
