"""Schemathesis against HQ's own OpenAPI schema, on a real server on 127.0.0.1: whatever it
generates, valid or not, HQ never answers with a 5xx. Bounded (a few dozen cases per operation,
fixed seed) so CI stays quick.

Schemathesis runs as its own command: in a subprocess its imports cannot clash with test folders
that pytest puts on sys.path, and its own pytest plugin stays out of this session.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sync import credentials
from sync import protocol as p


def _schemathesis() -> list[str] | None:
    exe = Path(sys.executable).with_name("schemathesis")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("schemathesis")
    return [found] if found else None


def test_hq_never_fails_on_generated_requests(hq, laptops, tmp_path):
    command = _schemathesis()
    if command is None:
        pytest.skip("schemathesis is not installed")
    (lap,) = laptops(1, "KE")
    token = credentials.load_token(lap.data_dir, lap.device_id)
    result = subprocess.run(
        [
            *command, "run", f"{hq.url}/openapi.json",
            "--checks", "not_a_server_error",
            "--max-examples", "25", "--seed", "1", "--workers", "1",
            "-H", f"Authorization: Bearer {token}",
            "-H", f"{p.HEADER_PROTOCOL}: {p.PROTOCOL_VERSION}",
        ],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    import re

    m = re.search(r"(\d+) generated, (\d+) passed", result.stdout)
    assert m and int(m.group(1)) == int(m.group(2)) >= 200, result.stdout[-2000:]
    operations = sum(len(ops) for ops in hq.app.openapi()["paths"].values())
    assert operations >= 13  # the 12 of before issue 14, and /v1/withdrawn
    assert re.search(r"Tested: (\d+)", result.stdout).group(1) == str(operations)  # every one
    # HQ still serves afterwards.
    import httpx

    assert httpx.get(f"{hq.url}/health").json()["ok"]
