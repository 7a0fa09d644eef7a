"""Helpers for report tests: records with known values, photos with EXIF, reading PDFs back."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date, time
from pathlib import Path

import pytest
from PIL import Image

from fieldkit.core.attachments import add_attachment
from fieldkit.core.models import Attendee, CriterionRating, FollowUp, Meeting, Project, Visit

TODAY = date(2026, 6, 1)
ARABIC_NAME = "أحمد حسن"


def pdf_pages_text(path: Path) -> list[str]:
    """The text of each page as poppler reads it (forms included: the page total is one)."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def squash(text: str) -> str:
    """Whitespace removed: wrapped lines and table cells compare equal to the value."""
    return re.sub(r"\s+", "", text)


def pypdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() or "" for p in PdfReader(str(path)).pages)


def page_count(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def render_pages(path: Path, tmp_path: Path, dpi: int = 30) -> list[Image.Image]:
    prefix = tmp_path / f"render-{path.stem}"
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(path), str(prefix)], check=True)
    files = sorted(tmp_path.glob(f"render-{path.stem}-*.png"))
    return [Image.open(f).convert("RGB") for f in files]


def ink_fraction(img: Image.Image, box=None) -> float:
    """Share of pixels that are not (near) white."""
    region = img.crop(box) if box else img
    grey = region.convert("L")
    hist = grey.histogram()
    dark = sum(hist[:200])
    return dark / max(1, region.width * region.height)


def photo_file(tmp_path: Path, name: str, size=(400, 200), orientation: int | None = None,
               colour=(30, 120, 200)) -> Path:  # fmt: skip
    img = Image.new("RGB", size, colour)
    # A stripe in the top-left so a rotation is visible to a human looking at the page.
    for x in range(size[0] // 4):
        for y in range(size[1] // 8):
            img.putpixel((x, y), (220, 30, 30))
    exif = Image.Exif()
    exif[0x0132] = "2026:05:20 10:30:00"
    if orientation:
        exif[0x0112] = orientation
    path = tmp_path / name
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif.tobytes())
    path.write_bytes(buf.getvalue())
    return path


@pytest.fixture
def full_meeting(store):
    m = store.create(
        Meeting(
            subject="GX dialogue on geothermal power",
            date=date(2026, 3, 2),
            start_time=time(10, 0),
            end_time=time(11, 30),
            place="Ministry of Energy, Nairobi",
            country="KE",
            partner_attendees=[
                Attendee(name="Jane Wanjiru", title="Principal Secretary", organisation="MoEP"),
                Attendee(name=ARABIC_NAME, title="Adviser", organisation="Energy Council"),
            ],
            our_attendees=[Attendee(name="Sato Yuki", title="Counsellor")],
            policy_fields=["gx", "critical_minerals"],
            instruments=["oda_loan"],
            summits=["ticad9"],
            key_points="The Ministry presented the Olkaria expansion plan.\n"
            "地熱発電の拡大について説明があった。",
            partner_requests="A feasibility study for Menengai phase II.",
            our_responses="We will consult JICA and reply before TICAD 9.",
            drafter="Ito Daisuke",
            approver="Ambassador Tanaka Hiroshi",
            distribution=["Regional Bureau", "ODA Policy Division"],
            classification="CONFIDENTIAL",
            caveats=["NO_LOCAL_STAFF"],
        )
    )
    store.create(
        FollowUp(
            parent_id=m.id,
            text="Send the study terms of reference",
            owner="Ito Daisuke",
            due=date(2026, 4, 1),
            classification="CONFIDENTIAL",
        )  # fmt: skip
    )
    store.create(
        FollowUp(
            parent_id=m.id,
            text="在ケニア大使館から本省へ報告",
            owner="Sato Yuki",
            due=date(2026, 7, 1),
            classification="CONFIDENTIAL",
        )  # fmt: skip
    )
    return m


@pytest.fixture
def full_visit(store, tmp_path):
    p = store.create(
        Project(
            title="Kisumu Maternity Ward Construction",
            scheme="grassroots",
            country="KE",
            budget=9_800_000,
            currency="JPY",
            sectors=[{"code": "12230"}],
            implementing_partner="County Government of Kisumu",
            contract_date=date(2025, 1, 15),
            interim_report_due=date(2025, 7, 15),
            completion_report_due=date(2026, 2, 15),
        )
    )
    v = store.create(
        Visit(
            project_id=p.id,
            title="Interim monitoring visit, Kisumu",
            date=date(2026, 5, 20),
            site="Kisumu County Referral Hospital",
            country="KE",
            latitude=-0.0917,
            longitude=34.768,
            visitors=["Watanabe Mai"],
            people_met=[Attendee(name="Dr Achieng Otieno", title="Medical Superintendent")],
            progress="Roof completed; plastering under way.",
            facilities_use="Delivery beds delivered and in use.",
            criteria={
                "relevance": CriterionRating(rating="3", note="Matches the county plan."),
                "sustainability": CriterionRating(rating="1", note="維持管理予算が未確保。"),
            },
            overall_rating="B",
            findings="The contractor is two months behind schedule.",
            issues="Rainy season may delay works.",
            recommendations="Ask the grantee for a revised schedule.",
            classification="FOUO",
        )
    )
    for i, orientation in enumerate((None, 6, 3, 8)):
        add_attachment(store, v.id, photo_file(tmp_path, f"photo{i}.jpg", orientation=orientation),
                       caption=f"Caption number {i}")  # fmt: skip
    return v
