"""The editors offer only the codes HQ publishes as active: a code HQ dropped is not offered for
new records, and a record that has it shows it by name, marked retired. The dashboard counts down
to the next summits of the post's countries."""

from __future__ import annotations

from datetime import date

from editor_helpers import ready

from fieldkit.core import reference as ref
from fieldkit.core.models import Meeting
from fieldkit.ui.dashboard import DashboardPage
from fieldkit.ui.editors import open_editor
from sync.reference_sync import keep


def field(editor, name):
    return editor.bindings[name].widget


def test_the_meeting_editor_offers_active_summits_and_keeps_a_retired_one(ui, qtbot):
    store = ui
    old = store.create(Meeting(subject="PALM prep", date=date(2024, 6, 1), country="FJ",
                               summits=["palm10"]))  # fmt: skip
    new = {"code": "palm11_ministerial", "name": "PALM11 Ministerial Interim Meeting",
           "name_ja": "第11回太平洋・島サミット中間閣僚会合", "participants": ["pacific_islands"]}  # fmt: skip
    keep(
        store, 2, {"summits": [s for s in ref.shipped("summits") if s["code"] != "palm10"] + [new]}
    )

    editor = ready(qtbot, open_editor(None, "meeting"))
    boxes = field(editor, "summits").boxes
    assert "palm11_ministerial" in boxes and "palm10" not in boxes

    editor = ready(qtbot, open_editor(None, "meeting", old.id))
    box = field(editor, "summits").boxes["palm10"]
    assert box.isChecked() and box.text() == "PALM10 (Pacific Islands Leaders Meeting) (retired)"


def test_the_dashboard_counts_down_to_the_posts_next_summit(ui, qtbot, monkeypatch):
    monkeypatch.delenv("FIELDKIT_POST", raising=False)
    ui.settings.post = "emb-ke"
    page = DashboardPage()
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.figures is not None, timeout=10_000)
    # Kenya's next summit has a year but no dates yet (TICAD 10, 2028).
    assert "TICAD 10" in page.summits.text() and "2028" in page.summits.text()
    assert page.summits.isVisible()
