"""The console in Japanese: a user whose language is ja gets Japanese pages; every text the
templates ask for has a Japanese entry in the catalogue."""

from __future__ import annotations

import re
from pathlib import Path

from sync.server.console import i18n

TEMPLATES = Path(i18n.__file__).parent / "templates"


def test_japanese_user_gets_japanese_pages(client_for):
    page = client_for("tz_officer").get("/console/records").text
    assert 'lang="ja"' in page and "記録" in page and "ログアウト" in page


def test_every_template_text_has_japanese():
    wanted = set()
    for path in TEMPLATES.glob("*.html"):
        text = path.read_text()
        wanted |= set(re.findall(r'_\("([^"]+)"', text)) | set(re.findall(r"_\('([^']+)'", text))
    table = i18n._catalogue("ja")
    missing = sorted(w for w in wanted if w not in table)
    assert not missing, missing


def test_refusals_in_the_users_language(client_for):
    ja = client_for("tz_officer").get("/console/records?field=nonsense")
    assert ja.status_code == 400 and "重点分野 &#39;nonsense&#39; は不明です" in ja.text
    en = client_for("admin").get("/console/records?field=nonsense")
    assert "field: unknown policy field &#39;nonsense&#39;" in en.text
