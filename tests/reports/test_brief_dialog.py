"""The summit brief from the app: the dialog offers the next summits first, refuses a country
that does not take part in one line, and previews the brief (read back from the preview's PDF)."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest

pytest.importorskip("PySide6.QtPdf")

from pypdf import PdfReader  # noqa: E402

from fieldkit.core.models import Meeting  # noqa: E402
from fieldkit.core.reference import reference  # noqa: E402
from fieldkit.ui import ops, printing  # noqa: E402
from fieldkit.ui.brief_dialog import brief_dialog, summits_in_order  # noqa: E402


@pytest.fixture
def ui_store(store, qtbot):
    errors = []
    ops.configure(lambda: store, lambda parent, exc, details: errors.append(details))
    yield store
    ops.wait_all()
    for w in list(printing._open_windows):
        w.close()
    assert errors == []


def test_summits_to_come_are_offered_first():
    ref = reference()
    today = date(2025, 7, 21)
    order = summits_in_order(today)
    starts = [ref.summit_dates(c)[0] for c in order]
    upcoming = [s for s in starts if s and s >= today]
    assert starts[: len(upcoming)] == sorted(upcoming)  # the next one first
    assert order[0] == min((c for c in order if (ref.summit_dates(c)[0] or date.min) >= today),
                           key=lambda c: ref.summit_dates(c)[0])  # fmt: skip


def test_dialog_previews_the_brief_and_refuses_a_non_participant(ui_store, qtbot):
    day = date.today() - timedelta(days=10)
    ui_store.create(Meeting(subject="Geothermal talks", date=day, country="KE", summits=["ticad9"],
                            turns=[{"side": "partner", "text": "Asks for a geothermal study.",
                                    "request": True}]))  # fmt: skip
    dialog = brief_dialog(None)
    qtbot.addWidget(dialog)
    dialog.summit.setCurrentIndex(dialog.summit.findData("ticad9"))
    dialog.country.setText("FJ")
    assert dialog.preview() is not None  # the check runs in the background op
    qtbot.waitUntil(lambda: "not taking part" in dialog.error.text(), timeout=15_000)
    dialog.country.setText("XX")
    assert dialog.preview() is None and "XX" in dialog.error.text()
    dialog.country.setText("ke")
    dialog.preview()
    qtbot.waitUntil(lambda: any(w.rendered.report == "brief" for w in printing._open_windows),
                    timeout=15_000)  # fmt: skip
    window = next(w for w in printing._open_windows if w.rendered.report == "brief")
    qtbot.addWidget(window)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(window.rendered.pdf)).pages)
    text = re.sub(r"\s+", "", text)
    assert "Kenya(KE)" in text and "Asksforageothermalstudy." in text
