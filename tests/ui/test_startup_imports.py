"""Start-up pays for the page it shows: importing the main window, or opening it on one page, loads
neither the other pages' modules, nor the sync client (httpx), nor the pydantic record models."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import shell_helpers
from PySide6.QtCore import QSettings
from shell_helpers import WAIT

from fieldkit.ui.main_window import PAGES, MainWindow

shell = shell_helpers.shell
demo = shell_helpers.demo

PAGE_MODULES = {
    "followups": "fieldkit.ui.followups",
    "dashboard": "fieldkit.ui.dashboard",
    "sync": "fieldkit.ui.sync_page",
}
HEAVY = ("sync.client", "httpx", "fieldkit.core.models", "fieldkit.core.transfer")


def loaded_after(code: str) -> set[str]:
    """Modules (of PAGE_MODULES, HEAVY and the list page) loaded after ``code``, in a new Python."""
    watched = [*PAGE_MODULES.values(), *HEAVY, "fieldkit.ui.lists.page"]
    script = f"import sys\n{code}\nprint(__import__('json').dumps([m for m in {watched!r} if m in sys.modules]))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def test_importing_the_main_window_imports_no_page_and_no_models():
    assert loaded_after("import fieldkit.ui.main_window") == set()


def test_the_dashboard_page_imports_no_record_models():
    assert loaded_after("import fieldkit.ui.dashboard") == {"fieldkit.ui.dashboard"}


@pytest.mark.parametrize("shown", ["meeting", "dashboard"])
def test_a_window_builds_only_the_page_it_shows(demo, qtbot, shown):
    state = QSettings(str(demo.data_dir / "window.ini"), QSettings.Format.IniFormat)
    state.setValue("page", shown)  # the page the window was last closed on: it opens there
    state.sync()
    window = MainWindow(demo)
    qtbot.addWidget(window)
    window.show()
    assert [name for name in PAGES if window.pages.built(name)] == [shown]
    assert window.stack.currentWidget() is window.pages[shown]
    # The others are built when first shown, in their place in the stack.
    window.navigate("followups")
    assert window.stack.currentWidget() is window.pages["followups"]
    assert window.stack.indexOf(window.pages["followups"]) == PAGES.index("followups")
    qtbot.waitUntil(lambda: window.pages["followups"].model.rowCount() > 0, timeout=WAIT)
    # Automatic sync lives on the sync page: it is built soon after start without a visit.
    qtbot.waitUntil(lambda: window.pages.built("sync"), timeout=WAIT)
    window.close()
