"""Where the shipped resources (reference data, fonts, icons, translations) live.

From a source checkout they are in ``resources/`` at the repository root; an installed wheel carries
them as ``fieldkit/_resources``; a PyInstaller bundle unpacks them under ``sys._MEIPASS``.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    here = Path(__file__).resolve().parent.parent  # the fieldkit package
    candidates = [here / "_resources", here.parent / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "resources")
    for candidate in candidates:
        if (candidate / "reference").is_dir():
            return candidate
    raise FileNotFoundError("FieldKit's resources folder is missing; reinstall FieldKit")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
