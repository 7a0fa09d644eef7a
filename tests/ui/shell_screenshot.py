"""Screenshot of the main window with demo data, on the real platform (xcb under Xvfb).

    xvfb-run -a python tests/ui/shell_screenshot.py DATA_DIR OUT.png [en|ja] [page]

Opens the store in DATA_DIR (demo data must be there), shows the window as `fieldkit` does,
selects the second record, and grabs the screen. Used by test_shell_screenshot.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from fieldkit.core.store import Store
from fieldkit.ui import errors, i18n, ops
from fieldkit.ui.app import make_application
from fieldkit.ui.main_window import MainWindow


def main() -> int:
    data_dir, out = Path(sys.argv[1]), Path(sys.argv[2])
    lang = sys.argv[3] if len(sys.argv) > 3 else "en"
    page = sys.argv[4] if len(sys.argv) > 4 else "meeting"
    app = make_application()
    i18n.apply_language(lang)
    store = Store.open(data_dir)
    ops.configure(lambda: store, errors.report)
    window = MainWindow(store)
    window.resize(1440, 900)
    window.move(0, 0)
    window.show()
    window.navigate(page)

    def select() -> None:
        current = window.current_page()
        if hasattr(current, "table"):
            current.table.selectRow(1)

    def grab() -> None:
        screen = window.screen()
        shot = screen.grabWindow(
            0, 0, 0, window.frameGeometry().width(), window.frameGeometry().height()
        )
        if shot.isNull():  # a platform that cannot read the screen back
            shot = window.grab()
        out.parent.mkdir(parents=True, exist_ok=True)
        shot.save(str(out))
        window.close()
        app.quit()

    QTimer.singleShot(900, select)
    QTimer.singleShot(2500, grab)
    rc = app.exec()
    ops.wait_all()
    store.close()
    return rc


if __name__ == "__main__":
    QApplication.setApplicationName("FieldKit")
    sys.exit(main())
