"""Schemathesis against the console's JSON feed as HQ's OpenAPI schema describes it, on a real
server on 127.0.0.1 with a real API token: whatever it generates, the feed answers within its
schema (no 5xx, responses conform). Bounded (fixed seed, a few dozen cases)."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from console_helpers import csrf_of, sign_in
from fastapi.testclient import TestClient

from sync.server.app import create_app


def _schemathesis() -> list[str] | None:
    exe = Path(sys.executable).with_name("schemathesis")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("schemathesis")
    return [found] if found else None


def test_feed_holds_to_its_schema(hq_db, tmp_path):
    command = _schemathesis()
    if command is None:
        pytest.skip("schemathesis is not installed")
    app = create_app(hq_db)
    with TestClient(app) as c:
        sign_in(c, "ke_officer")
        page = c.post("/console/account/tokens", data={"name": "schemathesis", "csrf": csrf_of(c)})
        token = re.search(r"<code>(fkc_[^<]+)</code>", page.text).group(1)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error",
                                           lifespan="off"))  # fmt: skip
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        assert thread.is_alive()
        time.sleep(0.05)
    try:
        result = subprocess.run(
            [
                *command, "run", f"http://127.0.0.1:{port}/openapi.json",
                "--include-path-regex", "^/console/api/",
                "--checks", "not_a_server_error,status_code_conformance,"
                "content_type_conformance,response_schema_conformance",
                "--max-examples", "60", "--seed", "1", "--workers", "1",
                "-H", f"Authorization: Bearer {token}",
            ],
            capture_output=True, text=True, timeout=600, cwd=tmp_path,
        )  # fmt: skip
    finally:
        server.should_exit = True
        thread.join(20)
        app.state.store.close()
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert re.search(r"Tested: (\d+)", result.stdout).group(1) == "1", result.stdout[-1500:]
