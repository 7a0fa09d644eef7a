"""The PDF documents, read back: values, markings on every page, page counts, rendering."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pypdf import PdfReader

from fieldkit.core.errors import FieldKitError, NotFound
from fieldkit.core.models import Attachment, Meeting, Visit
from fieldkit.reports import (
    DigestQuery,
    digest_report,
    followups_report,
    meeting_report,
    projects_report,
    visit_report,
)

from .conftest import (
    ARABIC_NAME,
    TODAY,
    ink_fraction,
    page_count,
    pdf_pages_text,
    photo_file,
    pypdf_text,
    render_pages,
    squash,
)


def assert_marked(path, marking: str, caveat: str | None = None) -> list[str]:
    """Every page: the marking at top and bottom, the caveat, and "Page i of n"."""
    pages = pdf_pages_text(path)
    n = page_count(path)
    assert len(pages) == n
    for i, text in enumerate(pages, 1):
        assert text.count(marking) >= 2, f"page {i} lacks the marking twice"
        if caveat:
            assert text.count(caveat) >= 2, f"page {i} lacks the caveat"
        assert f"Page {i} of {n}" in text, f"page {i} lacks its number"
        assert "by test.user" in text
    return pages


def test_meeting_record_holds_every_value_and_marking(store, full_meeting, tmp_path):
    out = tmp_path / "meeting.pdf"
    result = meeting_report(store, full_meeting.id, out, today=TODAY)
    assert result.pages == page_count(out) >= 1
    assert result.classification == "CONFIDENTIAL"
    assert_marked(out, "CONFIDENTIAL", "NOT FOR LOCAL STAFF")
    text = squash(pypdf_text(out))
    for value in [
        full_meeting.subject, "2 March 2026", "10:00–11:30", full_meeting.place, "Kenya (KE)",
        "Jane Wanjiru", "Principal Secretary", "MoEP", "Sato Yuki", "Counsellor",
        "Green transformation (GX, decarbonisation)", "Critical minerals", "ODA loan", "TICAD 9",
        "The Ministry presented the Olkaria expansion plan.", "地熱発電の拡大について説明があった。",
        *(turn.text for turn in full_meeting.turns), "Ito Daisuke",
        "Ambassador Tanaka Hiroshi", "Regional Bureau; ODA Policy Division",
        "Send the study terms of reference", "1 Apr 2026", "OVERDUE", "在ケニア大使館から本省へ報告",
        "面談記録", full_meeting.id,
    ]:  # fmt: skip
        assert squash(value) in text, value


def test_meeting_record_prints_the_exchange_in_order_in_both_languages(
    store, full_meeting, tmp_path
):
    # The fixture's meeting was written in the old shape (requests and responses boxes).
    assert len(full_meeting.turns) == 2
    store.update(full_meeting.id, {
        "meeting_type": "talks", "partner_head": "Jane Wanjiru", "language": "English",
        "interpreter": "none",
        "turns": [t.model_dump() for t in full_meeting.turns] + [
            {"side": "partner", "text": "先方より、年内の回答を要請。", "request": True},
            {"side": "ours", "text": "当方より、本省に伝達する旨回答。"},
        ],
    })  # fmt: skip
    for lang, partner, ours, request in (("en", "Partner", "Japan", "— request"),
                                         ("ja", "先方", "当方", "（要望）")):  # fmt: skip
        out = tmp_path / f"m-{lang}.pdf"
        meeting_report(store, full_meeting.id, out, today=TODAY, lang=lang)
        text = squash(pypdf_text(out))
        said = [
            partner + request + "A feasibility study for Menengai phase II.",
            ours + "We will consult JICA and reply before TICAD 9.",
            partner + request + "先方より、年内の回答を要請。",
            ours + "当方より、本省に伝達する旨回答。",
        ]
        at = [text.find(squash(s)) for s in said]
        assert all(i >= 0 for i in at), (lang, at)
        assert at == sorted(at), lang
        assert squash("Jane Wanjiru") in text
        assert squash({"en": "Talks", "ja": "会談"}[lang]) in text


def test_japanese_text_is_extractable_by_poppler(store, full_meeting, tmp_path):
    out = tmp_path / "m.pdf"
    meeting_report(store, full_meeting.id, out, today=TODAY)
    text = squash("".join(pdf_pages_text(out)))
    assert "地熱発電の拡大について説明があった。" in text
    assert "秘" in text  # the Japanese name of the marking


def test_arabic_name_is_shaped_and_right_to_left(store, full_meeting, tmp_path):
    import arabic_reshaper

    out = tmp_path / "m.pdf"
    meeting_report(store, full_meeting.id, out, today=TODAY)
    raw = squash(pypdf_text(out))
    # pypdf turns right-to-left runs back into reading order. It returns the joined presentation
    # forms in logical order only if the page draws them in visual (right-to-left) order: a
    # logically drawn string would come back reversed, an unshaped one as the plain letters.
    shaped = squash(arabic_reshaper.reshape(ARABIC_NAME))
    assert shaped != squash(ARABIC_NAME)
    assert shaped in raw
    assert squash(ARABIC_NAME) not in raw
    assert shaped[::-1] not in raw


def test_pages_render_with_ink_and_a_coloured_marking(store, full_meeting, tmp_path):
    out = tmp_path / "m.pdf"
    meeting_report(store, full_meeting.id, out, today=TODAY)
    images = render_pages(out, tmp_path)
    assert len(images) == page_count(out)
    for img in images:
        assert ink_fraction(img) > 0.01
        top = img.crop((0, 0, img.width, int(img.height * 0.04)))
        colours = {top.getpixel((x, y)) for x in range(top.width) for y in range(top.height)}
        colours = {px for px in colours if max(px) - min(px) > 60}
        assert colours, "the marking band at the top has no coloured ink"


def test_visit_report_project_facts_ratings_and_photos(store, full_visit, tmp_path):
    out = tmp_path / "visit.pdf"
    result = visit_report(store, full_visit.id, out, today=TODAY)
    assert_marked(out, "FOR OFFICIAL USE ONLY")
    text = squash(pypdf_text(out))
    for value in [
        "Interim monitoring visit, Kisumu", "20 May 2026", "Kisumu County Referral Hospital",
        "-0.09170, 34.76800", "Watanabe Mai", "Dr Achieng Otieno", "Medical Superintendent",
        "Kisumu Maternity Ward Construction", "Grassroots grant (GGP)", "JPY 9,800,000",
        "County Government of Kisumu", "12230", "OVERDUE by 321 days", "OVERDUE by 106 days",
        "③ High", "① Low", "Matches the county plan.",  # JICA sub-ratings (#15)
        "維持管理予算が未確保。", "B — Satisfactory", "Roof completed; plastering under way.",
        "Delivery beds delivered and in use.", "The contractor is two months behind schedule.",
        "Rainy season may delay works.", "Ask the grantee for a revised schedule.",
        "Caption number 0", "Caption number 3", "案件視察報告",
    ]:  # fmt: skip
        assert squash(value) in text, value
    assert result.pages == page_count(out)


def test_photos_are_turned_upright_from_exif(store, full_visit, tmp_path):
    out = tmp_path / "visit.pdf"
    visit_report(store, full_visit.id, out, today=TODAY)
    shapes = []
    for page in PdfReader(str(out)).pages:
        for image in page.images:
            shapes.append(image.image.size)
    # Stored 400x200; orientations 6 and 8 are quarter turns: those two come out portrait.
    assert len(shapes) == 4
    assert sorted(w > h for w, h in shapes) == [False, False, True, True]


def test_missing_photo_file_gets_a_placeholder(store, full_visit, tmp_path):
    photo = store.children(full_visit.id, "attachment")[0]
    store.blobs.path(photo.sha256).unlink()
    out = tmp_path / "visit.pdf"
    visit_report(store, full_visit.id, out, today=TODAY)
    text = squash(pypdf_text(out))
    assert "PHOTOMISSING" in text
    assert "ismissingfromthedatafolder" in text
    assert "Captionnumber0" in text and "Captionnumber1" in text


def test_fifty_thousand_character_finding_continues_across_pages(store, tmp_path):
    words = " ".join(f"word{i:05d}" for i in range(5000))  # 50,000 characters
    assert len(words) >= 49_999
    v = store.create(
        Visit(
            title="Long finding",
            date=date(2026, 5, 1),
            country="KE",
            findings=words,
            classification="SECRET",
        )  # fmt: skip
    )
    out = tmp_path / "long.pdf"
    result = visit_report(store, v.id, out, today=TODAY)
    assert result.pages >= 8
    pages = assert_marked(out, "SECRET")
    text = squash("".join(pages))
    # Every word arrives, in order, none lost at a page break.
    found = re.findall(r"word(\d{5})", text)
    assert [int(x) for x in found] == list(range(5000))


def test_thirty_photos(store, tmp_path):
    v = store.create(Visit(title="Many photos", date=date(2026, 5, 1), country="TZ"))
    from fieldkit.core.attachments import add_attachment

    for i in range(30):
        add_attachment(store, v.id, photo_file(tmp_path, f"p{i}.jpg", colour=(i * 8, 90, 60)),
                       caption=f"Site photo {i:02d}")  # fmt: skip
    out = tmp_path / "photos.pdf"
    result = visit_report(store, v.id, out, today=TODAY)
    text = squash(pypdf_text(out))
    for i in range(30):
        assert f"Sitephoto{i:02d}" in text
    assert sum(len(p.images) for p in PdfReader(str(out)).pages) == 30
    assert result.pages >= 4
    assert_marked(out, "FOR OFFICIAL USE ONLY")


def test_record_with_every_optional_field_empty(store, tmp_path):
    m = store.create(Meeting(subject="Courtesy call", date=date(2026, 1, 5), country="GH"))
    v = store.create(Visit(date=date(2026, 1, 6), country="GH"))
    for make, rid in ((meeting_report, m.id), (visit_report, v.id)):
        out = tmp_path / f"{rid}.pdf"
        make(store, rid, out, today=TODAY)
        text = pypdf_text(out)
        assert "None recorded." in text
        assert "—" in text
        assert page_count(out) >= 1
    assert "Not linked to a project" in pypdf_text(tmp_path / f"{v.id}.pdf")


def test_unknown_id_wrong_kind_and_trash_are_one_line_errors(store, full_meeting, tmp_path):
    out = tmp_path / "x.pdf"
    with pytest.raises(NotFound):
        meeting_report(store, "00000000-0000-0000-0000-000000000000", out)
    with pytest.raises(FieldKitError, match="is a meeting, not a visit"):
        visit_report(store, full_meeting.id, out)
    store.delete(full_meeting.id)
    with pytest.raises(FieldKitError, match="in the trash"):
        meeting_report(store, full_meeting.id, out)
    assert not out.exists()


def test_an_error_half_way_leaves_the_old_file_and_no_partial(store, full_meeting, tmp_path,
                                                               monkeypatch):  # fmt: skip
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "m.pdf"
    out.write_bytes(b"the previous export")
    import fieldkit.reports.records as records

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(records, "_attachments", boom)
    with pytest.raises(RuntimeError):
        meeting_report(store, full_meeting.id, out)
    assert out.read_bytes() == b"the previous export"
    assert [p.name for p in folder.iterdir()] == ["m.pdf"]


def test_output_in_missing_folder_is_refused(store, full_meeting, tmp_path):
    with pytest.raises(FieldKitError, match="does not exist"):
        meeting_report(store, full_meeting.id, tmp_path / "nope" / "m.pdf")


def test_letter_paper_from_settings(store, full_meeting, tmp_path):
    store.settings.paper_size = "Letter"
    out = tmp_path / "m.pdf"
    meeting_report(store, full_meeting.id, out)
    box = PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    store.settings.paper_size = "A4"
    meeting_report(store, full_meeting.id, out)
    box = PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_exporting_a_classified_record_is_audited(store, full_meeting, tmp_path):
    meeting_report(store, full_meeting.id, tmp_path / "m.pdf")
    events = [e for e in store.audit_events() if e["event"] == "export_pdf"]
    assert len(events) == 1
    assert events[0]["record_id"] == full_meeting.id
    assert events[0]["detail"]["classification"] == "CONFIDENTIAL"
    plain = store.create(
        Meeting(subject="Open", date=date(2026, 1, 1), country="KE", classification="UNCLASSIFIED")
    )
    meeting_report(store, plain.id, tmp_path / "p.pdf")
    meeting_report(store, full_meeting.id, tmp_path / "q.pdf", event=None)  # a preview
    assert len([e for e in store.audit_events() if e["event"] == "export_pdf"]) == 1


def test_non_image_attachment_is_listed(store, full_meeting, tmp_path):
    doc = tmp_path / "minutes.txt"
    doc.write_text("minutes")
    from fieldkit.core.attachments import add_attachment

    add_attachment(store, full_meeting.id, doc, caption="Signed minutes")
    out = tmp_path / "m.pdf"
    meeting_report(store, full_meeting.id, out)
    text = squash(pypdf_text(out))
    assert "minutes.txt" in text and "Signedminutes" in text
    assert isinstance(store.children(full_meeting.id, "attachment")[0], Attachment)


# ---- digest and lists -----------------------------------------------------------------------------


@pytest.fixture
def demo_store(store):
    from fieldkit.core import demo

    demo.generate(store, meetings=60, visits=15, projects=10, seed=3, today=TODAY)
    assert store.count() > 60
    return store


def test_digest_marks_every_page_with_the_highest_classification(demo_store, tmp_path):
    from fieldkit.core.query import RecordFilter

    q = DigestQuery(date_from=date(2025, 1, 1), date_to=date(2026, 6, 1))
    out = tmp_path / "digest.pdf"
    result = digest_report(demo_store, q, out, today=TODAY)
    meetings = demo_store.query(RecordFilter(kinds=("meeting",), date_from=q.date_from,
                                             date_to=q.date_to))  # fmt: skip
    levels = {m.classification for m in meetings}
    assert "CONFIDENTIAL" in levels and result.classification == "CONFIDENTIAL"
    pages = assert_marked(out, "CONFIDENTIAL")
    text = squash("".join(pages))
    for m in meetings:
        assert squash(m.subject) in text, m.subject
    assert f"Meetings{len(meetings)}" in text
    assert "Meetingsbypolicyfield" in text and "Meetingsandvisitsbycountry" in text
    assert result.pages == page_count(out) > 3


def test_digest_filters_by_country_field_and_summit(demo_store, tmp_path):
    meetings = [m for m in demo_store.query() if isinstance(m, Meeting) and m.summits]
    target = meetings[0]
    q = DigestQuery(countries=(target.country.lower(),), summit=target.summits[0],
                    policy_fields=(target.policy_fields[0],))  # fmt: skip
    out = tmp_path / "brief.pdf"
    result = digest_report(demo_store, q, out, today=TODAY)
    text = squash(pypdf_text(out))
    assert squash(target.subject) in text
    assert "Briefahead" in text
    assert result.records >= 1
    others = [m for m in demo_store.query() if isinstance(m, Meeting)
              and m.country != target.country]  # fmt: skip
    assert all(f"({m.country})" not in pypdf_text(out).split("in date order")[-1] for m in others)


def test_empty_period_is_a_correct_document_saying_so(demo_store, tmp_path):
    out = tmp_path / "empty.pdf"
    result = digest_report(demo_store, DigestQuery(date(1990, 1, 1), date(1990, 2, 1)), out)
    assert result.pages == 1 and result.records == 0
    text = pypdf_text(out)
    assert "nothing to report" in text
    assert_marked(out, "FOR OFFICIAL USE ONLY")


def test_digest_bad_input_is_refused(store, tmp_path):
    for q, msg in [
        (DigestQuery(date(2026, 2, 1), date(2026, 1, 1)), "starts"),
        (DigestQuery(countries=("XX",)), "unknown country"),
        (DigestQuery(policy_fields=("nope",)), "unknown policy field"),
        (DigestQuery(summit="ticad99"), "unknown summit"),
    ]:
        with pytest.raises(FieldKitError, match=msg):
            digest_report(store, q, tmp_path / "d.pdf")
    assert not (tmp_path / "d.pdf").exists()


def test_followup_list_and_project_sheet(demo_store, tmp_path):
    out = tmp_path / "f.pdf"
    result = followups_report(demo_store, out, today=TODAY)
    assert result.records > 0
    text = pypdf_text(out)
    assert "Overdue by" in text and "days" in text
    assert_marked(out, result_marking(result))
    out = tmp_path / "p.pdf"
    result = projects_report(demo_store, out, today=TODAY)
    assert result.records == 10
    text = squash(pypdf_text(out))
    assert "OVERDUE" in text and "Latestvisit" in text
    box = PdfReader(str(out)).pages[0].mediabox
    assert box.width > box.height  # landscape
    assert_marked(out, result_marking(result))


def result_marking(result) -> str:
    from fieldkit.core.reference import reference

    return reference().classifications[result.classification].name.upper()


def test_every_caveat_shows_even_when_a_post_defines_many(tmp_path):
    import json

    from fieldkit.core.reference import resource_path
    from fieldkit.core.store import Store

    data = tmp_path / "post"
    (data / "reference").mkdir(parents=True)
    levels = json.loads(resource_path("reference", "classifications.json").read_text("utf-8"))
    levels["caveats"] = [
        {"code": f"C{i}", "name": f"Handling caveat number {i} for embassy staff only",
         "name_ja": f"取扱制限その{i}"}
        for i in range(6)
    ]  # fmt: skip
    (data / "reference" / "classifications.json").write_text(json.dumps(levels), "utf-8")
    s = Store.open(data)
    try:
        m = s.create(Meeting(subject="Caveats", date=date(2026, 1, 1), country="KE",
                             classification="SECRET", caveats=[f"C{i}" for i in range(6)]))  # fmt: skip
        out = tmp_path / "c.pdf"
        meeting_report(s, m.id, out)
        for text in assert_marked(out, "SECRET"):
            for i in range(6):
                assert squash(f"HANDLING CAVEAT NUMBER {i} FOR EMBASSY STAFF ONLY") in squash(text)
    finally:
        s.close()
