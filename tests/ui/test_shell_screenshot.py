"""The main window on the real X11 platform (Xvfb), in English and Japanese, kept as artifacts.

The PNGs land in ``build/screenshots/`` (or $FIELDKIT_ARTIFACTS) for people to look at.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from fieldkit.core.demo import generate
from fieldkit.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("shell_screenshot.py")
ARTIFACTS = Path(os.environ.get("FIELDKIT_ARTIFACTS", ROOT / "build" / "screenshots"))

pytestmark = pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run")


def distinct_colours(image: QImage, step: int = 7) -> int:
    seen = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            seen.add(image.pixel(x, y))
    return len(seen)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("screenshot-data")
    store = Store.open(d)
    generate(store, meetings=200, visits=60, projects=40, seed=1)
    store.close()
    return d


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_main_window_screenshot_under_xvfb(demo_dir, lang):
    out = ARTIFACTS / f"main-window-{lang}.png"
    if out.exists():
        out.unlink()
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1600x1000x24",
            sys.executable,
            str(SCRIPT),
            str(demo_dir),
            str(out),
            lang,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    image = QImage(str(out))
    assert not image.isNull()
    assert image.width() >= 1400 and image.height() >= 850
    assert distinct_colours(image) > 40  # a drawn window, not a blank or single-colour frame
