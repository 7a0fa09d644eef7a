"""Installing the HQ server from the project's wheel: `fieldkit-hq` works, and the sample unit fits it.

The wheel is built offline from this checkout and installed without dependencies into a fresh
virtual environment that borrows the test environment's packages, so nothing is downloaded.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
UV = shutil.which("uv")


@pytest.fixture(scope="module")
def hq_env(tmp_path_factory):
    if UV is None:
        pytest.skip("uv is not installed")
    tmp = tmp_path_factory.mktemp("hq-install")
    build = subprocess.run(
        [UV, "build", "--wheel", "--offline", "-o", str(tmp / "dist")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr
    wheel = next((tmp / "dist").glob("fieldkit-*.whl"))
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    bin_dir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    python = bin_dir / ("python.exe" if sys.platform == "win32" else "python")
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
    )  # fmt: skip
    # The dependencies come from the test environment; fieldkit itself only from the wheel.
    (site / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = subprocess.run(
        [UV, "pip", "install", "--offline", "--no-deps", "--python", str(python), str(wheel)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr
    env = dict(os.environ, FIELDKIT_HQ_DB=str(tmp / "state" / "hq.db"))
    env.pop("PYTHONPATH", None)
    return {"bin": bin_dir, "python": python, "env": env, "tmp": tmp}


def test_the_wheel_installs_fieldkit_hq_with_its_resources(hq_env):
    code = (
        "import fieldkit, sync.server.cli; from fieldkit.core.resources import resources_dir;"
        "print(fieldkit.__file__); print(resources_dir())"
    )
    out = subprocess.run(
        [str(hq_env["python"]), "-c", code], capture_output=True, text=True, env=hq_env["env"],
        cwd=hq_env["tmp"],
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    package_file, resources = out.stdout.splitlines()
    assert str(hq_env["tmp"] / "venv") in package_file, "fieldkit came from the checkout"
    assert resources.endswith(os.path.join("fieldkit", "_resources"))
    assert (hq_env["bin"] / "fieldkit-hq").exists() and (hq_env["bin"] / "fieldkit").exists()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_installed_server_serves_and_enrols_on_loopback(hq_env):
    hq = str(hq_env["bin"] / "fieldkit-hq")
    added = subprocess.run(
        [hq, "device", "add", "--embassy", "KE", "--name", "Nairobi laptop 1", "--json"],
        capture_output=True, text=True, env=hq_env["env"], timeout=60,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert re.search(r'"code": "[A-Z0-9-]{8,}"', added.stdout)
    assert (hq_env["tmp"] / "state" / "hq.db").is_file()  # FIELDKIT_HQ_DB, as the unit sets it

    port = free_port()
    server = subprocess.Popen(
        [hq, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=hq_env["env"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except httpx.TransportError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(server.stderr.read().decode()) from None
                time.sleep(0.2)
        assert response.status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_sample_unit_and_settings_match_the_real_command(hq_env):
    unit = (PACKAGING / "fieldkit-hq.service").read_text(encoding="utf-8")
    settings = (PACKAGING / "hq.env").read_text(encoding="utf-8")
    help_text = subprocess.run(
        [str(hq_env["bin"] / "fieldkit-hq"), "serve", "--help"],
        capture_output=True, text=True, env=hq_env["env"],
    ).stdout  # fmt: skip
    exec_lines = re.findall(r"^#?ExecStart=(\S+) (.*)$", unit, re.MULTILINE)
    assert len(exec_lines) == 2  # reverse-proxy variant and TLS variant
    for program, args in exec_lines:
        assert program == "/opt/fieldkit-hq/bin/fieldkit-hq"
        assert args.split()[0] == "serve"
        for option in re.findall(r"--[a-z-]+", args):
            assert option in help_text, option
    # Every variable the unit and the settings file use is one the unit or the server reads.
    server_source = (ROOT / "sync" / "server" / "cli.py").read_text(encoding="utf-8")
    for name in set(re.findall(r"^(FIELDKIT_\w+)=", settings, re.MULTILINE)):
        assert f"${{{name}}}" in unit or name in server_source, name
    assert "User=fieldkit-hq" in unit and "StateDirectory=fieldkit-hq" in unit
    assert "/var/lib/fieldkit-hq/hq.db" in unit and "/var/lib/fieldkit-hq/hq.db" in settings


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze")
def test_unit_file_is_valid_systemd(tmp_path):
    result = subprocess.run(
        ["systemd-analyze", "verify", str(PACKAGING / "fieldkit-hq.service")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    # The only complaint allowed is that the program is not installed on this machine.
    complaints = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if line.strip() and "/opt/fieldkit-hq/bin/fieldkit-hq" not in line
    ]
    assert complaints == []


def test_install_script_is_valid_shell():
    assert subprocess.run(["bash", "-n", str(PACKAGING / "install-hq.sh")]).returncode == 0


def test_a_server_install_leaves_qt_out():
    """The wheel puts Qt behind the `desktop` extra, and the README's requirements export for a
    server (no default groups) names no Qt; the development environment still has it."""
    from importlib import metadata

    requires = metadata.distribution("fieldkit").requires or []
    qt = [r for r in requires if r.lower().startswith("pyside6")]
    assert qt and all("extra ==" in r and "desktop" in r for r in qt), qt
    assert not [r for r in requires if "extra" not in r and "pyside" in r.lower()]
    if UV is None:
        pytest.skip("uv is not installed")
    exported = subprocess.run(
        [UV, "export", "--no-default-groups", "--no-emit-project", "--no-hashes", "--offline",
         "--frozen"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    names = {line.split("==")[0].lower() for line in exported.stdout.splitlines() if "==" in line}
    assert {"fastapi", "uvicorn", "pydantic"} <= names
    assert not {n for n in names if n.startswith("pyside6") or n.startswith("shiboken")}
    assert "pytest" not in names


def test_the_window_without_qt_says_what_to_install(tmp_path):
    code = (
        "import sys; sys.modules['PySide6'] = None\n"  # as on a server install: no Qt
        "from fieldkit.cli.main import main; sys.exit(main(sys.argv[1:]))"
    )
    env = dict(os.environ, FIELDKIT_DATA_DIR=str(tmp_path / "data"))
    for args in ([], ["smoke"]):
        result = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, timeout=60
        )
        assert result.returncode == 2, result.stderr
        assert result.stderr.strip() == (
            "fieldkit: error: the desktop window needs Qt, which this installation lacks: install "
            "'fieldkit[desktop]' (every command-line tool works without it)"
        )
    from fieldkit.core.store import Store

    Store.open(tmp_path / "data").close()  # commands other than the window need a store
    status = subprocess.run(
        [sys.executable, "-c", code, "status"], capture_output=True, text=True, env=env, timeout=60
    )
    assert status.returncode == 0, status.stderr
