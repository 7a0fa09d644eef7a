"""A real PostgreSQL server for the HQ tests: one cluster per test session, started by the tests
as an unprivileged user (initdb/pg_ctl refuse to run as root), its data and socket in a temp
folder that user owns, listening on the socket only; a fresh database per test.

In CI (CI=true) a cluster that cannot start fails the run; elsewhere the PostgreSQL cases skip
with the reason.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

USER = "nobody"  # exists on every Debian system; owns nothing else of ours


def _bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    exe = shutil.which("initdb")
    return Path(exe).parent if exe else None


class Cluster:
    def __init__(self, fsync: bool = False) -> None:
        bindir = _bin()
        if bindir is None:
            raise RuntimeError("PostgreSQL's initdb was not found (apt-get install postgresql)")
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="fieldkit-pg-"))
        self.data = self.root / "data"
        self.port = 5432 + (os.getpid() % 1000) + 1000
        self._as: list[str] = []
        if os.geteuid() == 0:
            pw = pwd.getpwnam(USER)
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
            os.chmod(self.root, 0o755)
            self._as = ["runuser", "-u", USER, "--"]
        self._run([str(bindir / "initdb"), "-D", str(self.data), "-U", "fieldkit",
                   "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])  # fmt: skip
        # Tests trade durability for speed; a benchmark keeps PostgreSQL's defaults.
        fast = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
        opts = (
            f"-k {self.root} -c listen_addresses='' -p {self.port} {'' if fsync else fast}"
            "-c max_connections=300 -c shared_buffers=64MB"
        )
        self._run([str(bindir / "pg_ctl"), "-D", str(self.data), "-o", opts, "-l",
                   str(self.root / "log"), "-w", "-t", "60", "start"])  # fmt: skip

    def _run(self, cmd: list[str]) -> None:
        done = subprocess.run([*self._as, *cmd], capture_output=True, text=True, cwd=self.root)
        if done.returncode != 0:
            log = (self.root / "log").read_text() if (self.root / "log").exists() else ""
            raise RuntimeError(f"{' '.join(cmd[:2])} failed: {done.stderr.strip()} {log[-500:]}")

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://fieldkit@/{dbname}?host={self.root}&port={self.port}"

    def create_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as c:
            c.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        from urllib.parse import urlsplit

        import psycopg

        name = urlsplit(url).path.lstrip("/")
        with psycopg.connect(self.url(), autocommit=True) as c:
            c.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        try:
            self._run([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                       "-w", "stop"])  # fmt: skip
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
