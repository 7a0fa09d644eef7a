"""User settings, kept as settings.json in the data directory.

The desktop app edits them in its settings dialog; the CLI reads them (``fieldkit config``).
Environment variables FIELDKIT_USER and FIELDKIT_POST override name and post for scripts.

Settings are read on every start, so they load without pydantic (~0.2 s of import at start-up):
values of the exact type within the rules are taken as they are. Anything else (a number given
as text, a value out of range, a wrong type) goes to the pydantic model below, imported only
then, which coerces it or refuses it with the same ValidationError and coded messages as ever.
"""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

from .errors import FieldKitError
from .messages import Message

SETTINGS_FILE = "settings.json"

# The rules, read by the fast check and by the pydantic model alike.
MAX_TEXT = {"user_name": 200, "post": 200}
CHOICES = {"language": ("", "en", "ja"), "paper_size": ("A4", "Letter")}
RANGES = {"autosave_seconds": (1, 600), "lock_minutes": (0, 1440)}


@dataclass(eq=True)
class Settings:
    user_name: str = ""
    post: str = ""  # the post's code from the reference list (emb-ke); older settings: its name
    default_classification: str = ""
    language: str = ""  # "" follows the system locale
    paper_size: str = "A4"
    server_url: str = ""
    autosave_seconds: int = 5
    lock_minutes: int = 15

    def __post_init__(self) -> None:
        checked = _validated({f.name: getattr(self, f.name) for f in fields(self)})
        for name, value in checked.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        # Validated like pydantic's validate_assignment: ``fieldkit config KEY VALUE`` sets text.
        if name in FIELDS:
            value = _validated({**self.model_dump(), name: value})[name]
        object.__setattr__(self, name, value)

    def author(self) -> str:
        return os.environ.get("FIELDKIT_USER") or self.user_name or _login_name()

    def post_name(self, lang: str = "en") -> str:
        """The post's name (in ``lang`` when ``post`` is a post of the reference list: its code,
        ``emb-ke``, or its name); a post typed before the list existed, as typed."""
        text = os.environ.get("FIELDKIT_POST") or self.post
        if not text:
            return ""
        from .reference import reference

        return reference().post_label(text, lang)

    def post_code(self) -> str:
        """The code of the post (``emb-ke``) when ``post`` names one of the list, else ""."""
        from .reference import reference

        text = os.environ.get("FIELDKIT_POST") or self.post
        found = reference().post(text) or next(
            (p for p in reference().posts.values() if text and text in (p.name, p.name_ja)), None
        )
        return found.code if found else ""

    def post_countries(self) -> tuple[str, ...]:
        """The countries the post covers (its own and those it is also accredited to)."""
        from .reference import reference

        return reference().post_countries(self.post_code())

    def post_time_zone(self) -> str | None:
        """The post's IANA time zone (``Africa/Nairobi``), for times in the post's local time."""
        from .reference import reference

        return reference().post_time_zone(self.post_code())

    # The pydantic names the callers use.
    @classmethod
    def model_validate(cls, data: dict[str, Any]) -> Settings:
        if not isinstance(data, dict):
            return cls(**_pydantic_model().model_validate(data).model_dump())
        return cls(**_validated({k: v for k, v in data.items() if k in FIELDS}))

    @classmethod
    def model_validate_json(cls, text: str) -> Settings:
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict):
            data = {k: v for k, v in data.items() if k in FIELDS}
            if all(_fits(name, value) for name, value in data.items()):
                return cls(**data)
        # Not JSON, not an object, or a value to coerce or refuse: pydantic's JSON reading.
        return cls(**_pydantic_model().model_validate_json(text).model_dump())

    def model_dump(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FIELDS}


FIELDS = tuple(f.name for f in fields(Settings))
Settings.model_fields = dict.fromkeys(FIELDS)  # type: ignore[attr-defined]


def _fits(name: str, value: Any) -> bool:
    if name in RANGES:
        low, high = RANGES[name]
        return type(value) is int and low <= value <= high
    if type(value) is not str:
        return False
    if name in CHOICES:
        return value in CHOICES[name]
    return len(value) <= MAX_TEXT.get(name, len(value))


def _validated(values: dict[str, Any]) -> dict[str, Any]:
    """``values`` when every one already fits; else pydantic's verdict (coerced, or refused)."""
    if all(_fits(name, value) for name, value in values.items()):
        return values
    return _pydantic_model().model_validate(values).model_dump()


@cache
def _pydantic_model():
    from typing import Literal

    from pydantic import BaseModel, ConfigDict, Field

    class Settings(BaseModel):  # the same name, so pydantic's messages read as before
        model_config = ConfigDict(extra="ignore")

        user_name: str = Field(default="", max_length=MAX_TEXT["user_name"])
        post: str = Field(default="", max_length=MAX_TEXT["post"])
        default_classification: str = ""
        language: Literal["", "en", "ja"] = ""
        paper_size: Literal["A4", "Letter"] = "A4"
        server_url: str = ""
        autosave_seconds: int = Field(default=5, ge=1, le=600)
        lock_minutes: int = Field(default=15, ge=0, le=1440)

    return Settings


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
    except ValueError as exc:
        from pydantic import ValidationError

        from .errors import problems_from_pydantic

        if isinstance(exc, ValidationError):
            where = "; ".join(f"{w}: {m}" for w, m in problems_from_pydantic(exc))
            raise FieldKitError(Message("settings.invalid", path=str(path), where=where)) from None
        raise FieldKitError(Message("settings.not_json", path=str(path), why=str(exc))) from None


def save_settings(data_dir: Path, settings: Settings) -> None:
    """Write atomically: a crash mid-write leaves the old file, never half a file."""
    data_dir.mkdir(parents=True, exist_ok=True)
    from .atomic import write_text

    write_text(
        data_dir / SETTINGS_FILE, json.dumps(settings.model_dump(), indent=2, ensure_ascii=False)
    )
