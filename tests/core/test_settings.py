"""Settings load without pydantic (start-up) yet coerce and refuse exactly as the pydantic model."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from pydantic import ValidationError

from fieldkit.core.errors import FieldKitError
from fieldkit.core.settings import Settings, load_settings, save_settings


def test_loading_valid_settings_imports_no_pydantic(tmp_path):
    save_settings(tmp_path, Settings(user_name="Aiko", language="ja", lock_minutes=0))
    code = (
        "import sys, pathlib\nfrom fieldkit.core.settings import load_settings\n"
        f"s = load_settings(pathlib.Path({str(tmp_path)!r}))\n"
        "print(s.user_name, s.language, s.lock_minutes, 'pydantic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["Aiko", "ja", "0", "False"]


def test_round_trip_and_unknown_keys_ignored(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps({"post": "Nairobi", "old_key": 1}))
    s = load_settings(tmp_path)
    assert s.post == "Nairobi" and s.paper_size == "A4"
    save_settings(tmp_path, s)
    assert load_settings(tmp_path) == s


def test_text_is_coerced_as_pydantic_does(tmp_path):
    (tmp_path / "settings.json").write_text('{"autosave_seconds": "7"}')
    assert load_settings(tmp_path).autosave_seconds == 7
    s = Settings()
    s.lock_minutes = "30"  # fieldkit config lock_minutes 30
    assert s.lock_minutes == 30


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('{"language": "xx"}', "language: Input should be '', 'en' or 'ja' (got 'xx')"),
        ('{"autosave_seconds": 0}', "autosave_seconds: Input should be greater than or equal to 1"),
        ('{"user_name": "' + "x" * 201 + '"}', "user_name: String should have at most 200"),
        ('{"paper_size": 4}', "paper_size: Input should be 'A4' or 'Letter'"),
        ("[1]", "Input should be an object"),
        ("{", "Invalid JSON"),
    ],
)
def test_bad_settings_are_refused_with_the_field_named(tmp_path, text, where):
    (tmp_path / "settings.json").write_text(text)
    with pytest.raises(FieldKitError) as info:
        load_settings(tmp_path)
    assert where in str(info.value) and "settings.json" in str(info.value)


@pytest.mark.parametrize(
    ("name", "value"), [("lock_minutes", 1441), ("language", "fr"), ("post", "p" * 201)]
)
def test_bad_assignment_is_refused_and_changes_nothing(name, value):
    s = Settings()
    before = s.model_dump()
    with pytest.raises(ValidationError):
        setattr(s, name, value)
    assert s.model_dump() == before
