"""What a field trial found in the printed reports (issue #18), checked on PDFs read back."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from fieldkit.core.models import FollowUp, Meeting
from fieldkit.reports import meeting_report, visit_report
from fieldkit.reports.digest import _meeting_block
from fieldkit.reports.labels import labels
from fieldkit.reports.text import Stack, TextBlock, _line_count

from .conftest import TODAY, pdf_pages_text, render_pages, squash

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
DPI = 100


def words(pdf: Path) -> list[tuple[int, str, tuple[float, float, float, float]]]:
    """(page, word, (xMin, yMin, xMax, yMax) in points) for every word poppler finds."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    found, page = [], 0
    pattern = re.compile(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    )
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        m = pattern.search(line)
        if m:
            found.append((page, m.group(5), tuple(float(m.group(i)) for i in range(1, 5))))
    return found


def phrase_box(pdf: Path, *phrase: str) -> tuple[int, tuple[float, float, float, float]]:
    """Page and box of the first place ``phrase`` (words in a row, one line) is printed."""
    found = words(pdf)
    for i in range(len(found) - len(phrase) + 1):
        run = found[i : i + len(phrase)]
        if [w for _, w, _ in run] == list(phrase) and len({b[1] for _, _, b in run}) == 1:
            boxes = [b for _, _, b in run]
            return run[0][0], (boxes[0][0], boxes[0][1], boxes[-1][2], boxes[-1][3])
    raise AssertionError(f"{phrase} not printed")


def red_share(image, box) -> float:
    """Share of the inked pixels in ``box`` (points) that are red."""
    scale = DPI / 72
    x0, y0, x1, y1 = (int(v * scale) for v in box)
    inked = red = 0
    for x in range(x0, x1 + 1):
        for y in range(y0, y1 + 1):
            r, g, b = image.getpixel((x, y))
            if r + g + b < 600:
                inked += 1
                red += r > 120 and r > g * 2 and r > b * 2
    return red / max(inked, 1)


# ---- overdue reports in red ----------------------------------------------------------------------
def test_visit_report_prints_overdue_report_rows_in_red(store, full_visit, tmp_path):
    out = tmp_path / "visit.pdf"
    visit_report(store, full_visit.id, out, today=TODAY, lang="en")
    pages = render_pages(out, tmp_path, dpi=DPI)
    for label in (("Interim", "report"), ("Completion", "report")):  # both overdue on TODAY
        page, box = phrase_box(out, *label)
        assert red_share(pages[page - 1], box) > 0.5, label
    # a row that is not overdue stays black
    page, box = phrase_box(out, "Contract", "signed")
    assert red_share(pages[page - 1], box) < 0.1


# ---- follow-up status as a word, dates in one style ----------------------------------------------
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_followup_status_is_a_word_and_dates_have_one_style(store, full_meeting, tmp_path, lang):
    store.create(
        FollowUp(parent_id=full_meeting.id, text="Thank the Minister", owner="Sato Yuki",
                 due=date(2026, 2, 18), status="done", done_on=date(2026, 2, 20))
    )  # fmt: skip
    out = tmp_path / f"meeting-{lang}.pdf"
    meeting_report(store, full_meeting.id, out, today=TODAY, lang=lang)
    text = "\n".join(pdf_pages_text(out))
    words = set(re.findall(r"[A-Za-z]+", text))
    assert "open" not in words and "done" not in words  # the stored codes
    if lang == "en":
        assert {"Open", "Done"} <= words
        assert "2 March 2026" in text  # the meeting's date, as before
        assert squash("1 Apr 2026") in squash(text)  # the follow-up's due date, same style
        assert squash("20 Feb 2026") in squash(text)
    else:
        assert "未了" in text and "完了" in text
        assert squash("2026年4月1日") in squash(text)
    assert not ISO_DATE.findall(text), ISO_DATE.findall(text)


def test_visit_report_dates_have_one_style(store, full_visit, tmp_path):
    out = tmp_path / "visit.pdf"
    visit_report(store, full_visit.id, out, today=TODAY, lang="en")
    text = "\n".join(pdf_pages_text(out))
    assert not ISO_DATE.findall(text), ISO_DATE.findall(text)
    assert squash("due 15 July 2025") in squash(text)  # the interim report, as prose
    assert "20 May 2026" in text


# ---- a digest entry never leaves one line alone on a page ----------------------------------------
def _entry(store, n_actions: int, key_points: str):
    m = store.create(
        Meeting(subject="Courtesy call on the Minister of Energy", date=date(2027, 1, 29),
                country="KE", place="Nairobi", key_points=key_points,
                partner_requests="Support for the grid code.", our_responses="We will consider.")
    )  # fmt: skip
    actions = [
        store.create(
            FollowUp(
                parent_id=m.id,
                text=f"Action number {i}",
                owner="Ito Daisuke",
                due=date(2027, 2, 18),
            )
        )  # fmt: skip
        for i in range(n_actions)
    ]
    return m, actions


@pytest.mark.parametrize(
    ("n_actions", "key_points"),
    [(1, "Short."), (2, "A longer point that wraps. " * 6), (3, "Two lines of points. " * 4)],
)
def test_digest_entry_splits_with_two_lines_or_more_each_side(store, n_actions, key_points):
    t = labels("en")
    m, actions = _entry(store, n_actions, key_points)
    width = 170 * 72 / 25.4
    whole = Stack(list(_meeting_block(t, m, actions, TODAY)), keep=3)
    _, height = whole.wrap(width, 10_000)
    splits = 0
    for room in range(1, int(height) + 1):
        stack = Stack(list(_meeting_block(t, m, actions, TODAY)), keep=3)
        stack.wrap(width, 10_000)
        parts = stack.split(width, room)
        if not parts or len(parts) == 1:
            continue
        head, tail = parts
        splits += 1
        tail_lines = _line_count(tail.children)
        head_lines = _line_count(head.children)
        assert tail_lines >= 2, (room, tail_lines)  # nothing stray at the head of the next page
        assert head_lines >= 3, (room, head_lines)  # date line, title and a line of facts
        # a block split between pages keeps at least two of its lines on each side
        for a, b in zip(head.children[-1:], tail.children[:1], strict=True):
            if isinstance(a, TextBlock) and isinstance(b, TextBlock) and a.text == b.text:
                assert _line_count([a]) >= 2 and _line_count([b]) >= 2, room
        assert head.wrap(width, room)[1] <= room  # and the head does fit
    assert splits > 0  # a long entry does split (it does not all jump to the next page)
