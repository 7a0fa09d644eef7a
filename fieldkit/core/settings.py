"""User settings, kept as settings.json in the data directory.

The desktop app edits them in its settings dialog; the CLI reads them (``fieldkit config``).
Environment variables FIELDKIT_USER and FIELDKIT_POST override name and post for scripts.
"""

from __future__ import annotations

import getpass
import json
import os
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import FieldKitError, problems_from_pydantic
from .messages import Message

SETTINGS_FILE = "settings.json"


class Settings(BaseModel):
    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    user_name: str = Field(default="", max_length=200)
    post: str = Field(default="", max_length=200)  # the embassy, e.g. "Embassy of Japan in Kenya"
    default_classification: str = ""
    language: Literal["", "en", "ja"] = ""  # "" follows the system locale
    paper_size: Literal["A4", "Letter"] = "A4"
    server_url: str = ""
    autosave_seconds: int = Field(default=5, ge=1, le=600)
    lock_minutes: int = Field(default=15, ge=0, le=1440)

    def author(self) -> str:
        return os.environ.get("FIELDKIT_USER") or self.user_name or _login_name()

    def post_name(self) -> str:
        return os.environ.get("FIELDKIT_POST") or self.post


@cache
def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"


def load_settings(data_dir: Path) -> Settings:
    path = data_dir / SETTINGS_FILE
    if not path.is_file():
        return Settings()
    try:
        return Settings.model_validate_json(path.read_text(encoding="utf-8"))
    except ValidationError as exc:
        where = "; ".join(f"{w}: {m}" for w, m in problems_from_pydantic(exc))
        raise FieldKitError(Message("settings.invalid", path=str(path), where=where)) from None
    except ValueError as exc:
        raise FieldKitError(Message("settings.not_json", path=str(path), why=str(exc))) from None


def save_settings(data_dir: Path, settings: Settings) -> None:
    """Write atomically: a crash mid-write leaves the old file, never half a file."""
    data_dir.mkdir(parents=True, exist_ok=True)
    from .atomic import write_text

    write_text(
        data_dir / SETTINGS_FILE, json.dumps(settings.model_dump(), indent=2, ensure_ascii=False)
    )
