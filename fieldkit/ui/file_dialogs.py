"""Asking for a file: the dialogs start where the user last chose one, else in Documents.

Never in the process's working directory: launched from a desktop menu that is an arbitrary
folder (often the install folder or /). The last folder used is kept in ``dialogs.ini`` in the
user's FieldKit config folder (in $FIELDKIT_DATA_DIR when that is set: a portable or test setup
keeps it there), written only if that folder exists; else it is remembered until the app closes.

    path = file_dialogs.save_file_name(parent, title, "meetings.csv", "CSV files (*.csv)")
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

KEY = "last_folder"
_remembered: dict[str, str] = {}


def settings_file() -> Path:
    chosen = os.environ.get("FIELDKIT_DATA_DIR")
    if chosen:
        return Path(chosen).expanduser() / "dialogs.ini"
    import platformdirs

    return Path(platformdirs.user_config_dir("FieldKit", appauthor=False)) / "dialogs.ini"


def _last() -> str:
    if KEY in _remembered:
        return _remembered[KEY]
    file = settings_file()
    if not file.is_file():
        return ""
    value = QSettings(str(file), QSettings.Format.IniFormat).value(KEY, "")
    return value if isinstance(value, str) else ""


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def start_folder() -> Path:
    """The folder last used if it still exists, else the user's documents folder."""
    last = _last()
    if last and Path(last).is_dir():
        return Path(last)
    return documents_folder()


def remember(path: str | Path) -> None:
    """Keep the folder of ``path`` (a file chosen or a folder) for the next dialog."""
    p = Path(path)
    folder = p if p.is_dir() else p.parent
    _remembered[KEY] = str(folder)
    file = settings_file()
    if file.parent.is_dir():  # never create a folder (a mistyped data folder stays unmade)
        settings = QSettings(str(file), QSettings.Format.IniFormat)
        settings.setValue(KEY, str(folder))
        settings.sync()


def open_file_name(parent: QWidget | None, caption: str, filters: str) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, caption, str(start_folder()), filters)
    if path:
        remember(path)
    return path


def open_file_names(parent: QWidget | None, caption: str, filters: str) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, caption, str(start_folder()), filters)
    if paths:
        remember(paths[0])
    return paths


def save_file_name(parent: QWidget | None, caption: str, suggested: str, filters: str) -> str:
    """``suggested`` is a file name (placed in the start folder) or a full path."""
    start = Path(suggested) if Path(suggested).is_absolute() else start_folder() / suggested
    path, _ = QFileDialog.getSaveFileName(parent, caption, str(start), filters)
    if path:
        remember(path)
    return path
