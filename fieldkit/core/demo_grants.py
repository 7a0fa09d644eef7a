"""Demo projects and visits an auditor would believe (#15): each project's grant cycle filled in
from its scheme, visits typed and dated inside that cycle, sites and coordinates inside the
project's country, some late reports and overruns, and generated photos on some visits.

Uses its own random stream (from the seed), so the meetings generated beside it do not change.
"""

from __future__ import annotations

import hashlib
import io
import random
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from .grant_cycle import add_months
from .grant_reference import scheme_rules
from .models import (
    Attachment,
    Attendee,
    ChecklistItem,
    CriterionRating,
    Disbursement,
    PostCompletionChecklist,
    Project,
    Quote,
    Visit,
)
from .ratings import suggested_overall

# Towns (with their coordinates) inside each demo country: sites are placed near them.
TOWNS: dict[str, list[tuple[str, float, float]]] = {
    "KE": [("Kisumu", -0.0917, 34.768), ("Machakos", -1.5177, 37.2634), ("Nakuru", -0.3031, 36.08)],
    "TZ": [("Arusha", -3.3869, 36.683), ("Dodoma", -6.163, 35.7516), ("Mwanza", -2.5164, 32.9175)],
    "ET": [("Bahir Dar", 11.5742, 37.3614), ("Hawassa", 7.0621, 38.4764), ("Mekelle", 13.4967, 39.4753)],
    "GH": [("Tamale", 9.4008, -0.8393), ("Kumasi", 6.6885, -1.6244), ("Cape Coast", 5.1053, -1.2466)],
    "NG": [("Kano", 12.0022, 8.592), ("Ibadan", 7.3775, 3.947), ("Enugu", 6.4584, 7.5464)],
    "ZA": [("Polokwane", -23.9045, 29.4689), ("Durban", -29.8587, 31.0218), ("Mthatha", -31.5889, 28.7844)],
    "IN": [("Varanasi", 25.3176, 82.9739), ("Guwahati", 26.1445, 91.7362), ("Madurai", 9.9252, 78.1198)],
    "ID": [("Makassar", -5.1477, 119.4327), ("Kupang", -10.1772, 123.607), ("Medan", 3.5952, 98.6722)],
    "VN": [("Hue", 16.4637, 107.5909), ("Can Tho", 10.0452, 105.7469), ("Thai Nguyen", 21.5942, 105.8482)],
    "PH": [("Cebu", 10.3157, 123.8854), ("Iloilo", 10.7202, 122.5621), ("Davao", 7.1907, 125.4553)],
    "UZ": [("Samarkand", 39.627, 66.975), ("Nukus", 42.46, 59.61), ("Fergana", 40.3864, 71.7864)],
    "KZ": [("Shymkent", 42.3417, 69.5901), ("Karaganda", 49.8047, 73.1094), ("Aktobe", 50.2839, 57.166)],
    "FJ": [("Lautoka", -17.6242, 177.4528), ("Labasa", -16.4167, 179.3833), ("Nadi", -17.7765, 177.4356)],
    "PG": [("Lae", -6.7155, 146.9999), ("Mount Hagen", -5.86, 144.23), ("Goroka", -6.0833, 145.3833)],
    "BR": [("Recife", -8.0476, -34.877), ("Manaus", -3.119, -60.0217), ("Belém", -1.4558, -48.4902)],
    "PE": [("Cusco", -13.5319, -71.9675), ("Arequipa", -16.409, -71.5375), ("Piura", -5.1945, -80.6328)],
    "MX": [("Oaxaca", 17.0732, -96.7266), ("Mérida", 20.9674, -89.5926), ("Chihuahua", 28.632, -106.0691)],
    "EG": [("Aswan", 24.0889, 32.8998), ("Asyut", 27.1783, 31.1859), ("Port Said", 31.2653, 32.3019)],
    "SN": [("Thiès", 14.791, -16.9359), ("Saint-Louis", 16.0179, -16.4896), ("Ziguinchor", 12.5681, -16.2733)],
    "BD": [("Sylhet", 24.8949, 91.8687), ("Rajshahi", 24.3745, 88.6042), ("Khulna", 22.8456, 89.5403)],
}  # fmt: skip

# Place names the older generator put into titles, whatever the country.
FOREIGN = ("Kisumu", "Machakos", "Arusha", "Bahir Dar", "Tamale", "Kano", "Cebu", "Samarkand",
           "Lautoka", "Cusco", "Sylhet", "Thiès")  # fmt: skip

SUPPLIERS = ("{t} Builders Ltd", "{t} Hardware & Supplies", "United Contractors ({t})",
             "{t} Medical Equipment Co.", "Green Power Solutions ({t})")  # fmt: skip

APPLICANT = (
    "The applicant has run two donor-funded projects since 2019 and keeps audited accounts; "
    "a bookkeeper and a site engineer are on staff.",
    "申請団体は過去に類似事業の実績があり、会計監査報告書も整備されている。",
)
SITE = (
    "The plot belongs to the applicant (title deed seen); access road usable in the dry season.",
    "既存施設は老朽化が著しく、雨季には使用できない教室がある。",
)
QUOTES = (
    "Three quotes seen; the lowest is 8% below the others and covers the same specification.",
    "見積書3社分を確認。最安値の業者は仕様を満たしている。",
)
DELIVERY = (
    "Everything in the contract was delivered and installed; the generator is 10 kVA, not 12.",
    "契約どおりの施設・機材の引渡しを確認した。",
)
# Per checklist item: the note when the answer is yes, then when it is no (English, Japanese).
NOTES = {
    "facilities_in_use": (("Used daily by the community.", "毎日利用されている。"),
                          ("Two rooms locked and unused.", "2室が施錠され使われていない。")),
    "maintained": (("A maintenance log is kept.", "維持管理記録が付けられている。"),
                   ("Roof leaks; no repair budget.", "屋根の雨漏りがあり、修繕予算がない。")),
    "beneficiaries_reached": (("Attendance registers seen.", "利用者名簿を確認。"),
                              ("Fewer users than planned.", "利用者が計画を下回る。")),
    "oda_logo_displayed": (("Plaque at the entrance.", "入口に銘板あり。"),
                           ("Plaque removed during repainting.", "塗装工事の際に銘板が外された。")),
    "procurement_records_kept": (("Invoices and receipts on file.", "請求書・領収書が保管されている。"),
                                 ("Receipts for the pump missing.", "ポンプの領収書が見当たらない。")),
}  # fmt: skip


def _town(r: random.Random, cc: str) -> tuple[str, float, float]:
    return r.choice(TOWNS.get(cc) or [("", 0.0, 0.0)])


def shape_projects(projects: list[Project], seed: int, today: date) -> list[Project]:
    """Each project's grant cycle filled in from its scheme, as the contract dates allow."""
    r = random.Random(seed * 1_000_003 + 15)
    out = []
    for n, p in enumerate(projects, 1):
        town, _lat, _lon = _town(r, p.country or "")
        title, description = p.title, p.description
        for foreign in FOREIGN:
            title = title.replace(foreign, town)
            description = description.replace(foreign, town)
        rules = scheme_rules(p.scheme)
        contract = p.contract_date or today
        update: dict = {"title": title, "description": description, "location": town}
        if rules.grantee_reports and r.random() < 0.35:
            # An older grant, so that completions and a year's follow-up visits are in the data.
            back = timedelta(days=r.choice((420, 540, 660)))
            contract -= back
            update["contract_date"] = contract
            for name in ("interim_report_due", "interim_report_received",
                         "completion_report_due", "completion_report_received"):  # fmt: skip
                value = getattr(p, name)
                update[name] = value - back if value else None
            if update["completion_report_received"] is None and r.random() < 0.6:
                late = r.choice((-3, 5, 12, 40))
                update["completion_report_received"] = update["completion_report_due"] + timedelta(
                    days=late
                )
        if rules.grantee_reports:
            start = contract + timedelta(days=r.randint(7, 30))
            end = add_months(start, rules.implementation_months or 12)
            update |= {
                "application_received": contract - timedelta(days=r.randint(150, 260)),
                "hq_approval_date": contract - timedelta(days=r.randint(20, 60)),
                "contract_number": f"GGP-{p.country}-{contract.year}-{n:03d}",
                "contract_amount": p.budget,
                "contract_currency": p.currency or "JPY",
                "start_date": start,
                "end_date": end,
            }
            quotes = []
            for i, supplier in enumerate(r.sample(SUPPLIERS, 3)):
                amount = (p.budget or Decimal(0)) * Decimal(100 + 8 * i) / 100
                received = start - timedelta(days=r.randint(1, 6))
                if received <= today:
                    quotes.append(Quote(supplier=supplier.format(t=town), amount=amount,
                                        currency="JPY", received_on=received, selected=i == 0))  # fmt: skip
            update["quotes"] = quotes
            paid = contract + timedelta(days=r.randint(10, 30))
            if paid <= today:
                update["disbursements"] = [
                    Disbursement(paid_on=paid, amount=p.budget or 0, currency="JPY")
                ]
            # Most finish within a few weeks of the period; some overrun, some still running.
            done = end + timedelta(days=r.choice((-15, -5, 0, 10, 25, 60, 120)))
            if done <= today:
                update |= {"completion_date": done, "handover_date": done}
                update["status"] = "4" if add_months(done, 12) <= today else "3"
            else:
                update["status"] = "2"
        else:
            # JICA schemes: no grantee reports; the period is the project's own (three years).
            update |= {
                "start_date": contract,
                "end_date": add_months(contract, 36),
                "interim_report_due": None,
                "interim_report_received": None,
                "completion_report_due": None,
                "completion_report_received": None,
                "status": "2",
            }
        out.append(p.model_copy(update=update))
    return out


def _ratings(r: random.Random, visit: Visit, disagree: bool) -> dict:
    crit = {}
    for code in (
        "relevance",
        "coherence",
        "effectiveness",
        "efficiency",
        "impact",
        "sustainability",
    ):
        crit[code] = CriterionRating(rating=r.choice("33322" if code != "efficiency" else "3221"))
    v = visit.model_copy(update={"criteria": crit})
    overall = suggested_overall(v)
    if disagree and overall:
        overall = "A" if overall != "A" else "B"
    return {"criteria": crit, "overall_rating": overall}


def _visit_plan(r: random.Random, p: Project, today: date) -> list[tuple[str, date]]:
    """The visits a project's cycle allows by today: (type, date)."""
    out: list[tuple[str, date]] = []
    rules = scheme_rules(p.scheme)
    if rules.grantee_reports:
        if p.application_received and p.hq_approval_date:
            out.append(("pre_approval", p.application_received + timedelta(days=r.randint(20, 60))))
        if p.start_date and p.end_date:
            mid = p.start_date + timedelta(days=r.randint(120, 240))
            if mid <= today:
                out.append(("interim", mid))
        if p.completion_date:
            out.append(("completion", p.completion_date + timedelta(days=r.randint(0, 14))))
            follow = add_months(p.completion_date, 12) + timedelta(days=r.randint(-30, 20))
            if follow <= today:
                out.append(("post_completion", follow))
    else:
        start = p.start_date or p.contract_date or today
        for k in range(1, 4):
            d = start + timedelta(days=120 * k + r.randint(-20, 20))
            if d <= today:
                out.append(("interim", d))
    return [x for x in out if x[1] <= today] or [
        ("other", today - timedelta(days=r.randint(1, 30)))
    ]


def visits_for(projects: list[Project], count: int, seed: int, today: date, posts: dict,
               people: dict, our_side: list[str], texts: dict) -> list[Visit]:  # fmt: skip
    """``count`` visits spread over ``projects``, each typed and dated inside its project's
    cycle; ``texts`` gives the generator's findings, issues and recommendations lists."""
    r = random.Random(seed * 1_000_003 + 151)
    plans = {p.id: _visit_plan(r, p, today) for p in projects}
    out = []
    for i in range(count):
        p = projects[i % len(projects)]
        plan = plans[p.id]
        # A project's latest stage first: the second visit of a project goes a stage back.
        vtype, d = plan[-1 - (i // len(projects)) % len(plan)]
        cc = p.country or "KE"
        post = posts[cc][0]
        town = p.location if any(t[0] == p.location for t in TOWNS.get(cc, [])) else None
        name, lat, lon = next((t for t in TOWNS.get(cc, []) if t[0] == town), _town(r, cc))
        ja = r.random() < 0.3
        v = Visit(
            project_id=p.id,
            visit_type=vtype,
            title=f"{_TYPE_TITLE[vtype]}: {p.title}",
            date=d,
            site=f"{p.implementing_partner or 'Project site'}, {name}",
            country=cc,
            post=post,
            latitude=round(lat + r.uniform(-0.05, 0.05), 5),
            longitude=round(lon + r.uniform(-0.05, 0.05), 5),
            visitors=r.sample(our_side[1:], r.randint(1, 2)),
            people_met=[Attendee(name=n.name, title=n.title) for n in r.sample(people[cc], 1)],
            findings="\n".join(r.sample(texts["findings"], 2)),
            issues=r.choice(texts["issues"]),
            recommendations=r.choice(texts["recommendations"]),
            classification=r.choice(["UNCLASSIFIED", "FOUO"]),
        )
        extra: dict = {}
        if vtype == "pre_approval":
            extra = {"applicant_capacity": APPLICANT[ja], "site_assessment": SITE[ja],
                     "quotes_review": QUOTES[ja]}  # fmt: skip
        elif vtype == "interim" or vtype == "other":
            extra = {"progress": r.choice(texts["progress"]),
                     "facilities_use": r.choice(texts["findings"])}  # fmt: skip
        elif vtype == "completion":
            extra = {"delivery": DELIVERY[ja], "facilities_use": r.choice(texts["findings"])}
        elif vtype == "post_completion":
            items = {}
            for code, (yes, no) in NOTES.items():
                answer = r.random() < (0.6 if code == "oda_logo_displayed" else 0.85)
                items[code] = ChecklistItem(answer=answer, note=(yes if answer else no)[ja])
            extra = {
                "checklist": PostCompletionChecklist(
                    **items, beneficiaries_count=r.randrange(80, 2500, 10)
                )
            }
        if vtype != "pre_approval" and r.random() < 0.45:
            extra |= _ratings(r, v, disagree=r.random() < 0.15)
        out.append(v.model_copy(update=extra))
    return out


_TYPE_TITLE = {
    "pre_approval": "Pre-approval site survey",
    "interim": "Interim monitoring",
    "completion": "Completion inspection",
    "post_completion": "Follow-up visit",
    "ex_post_evaluation": "Ex-post evaluation",
    "other": "Visit",
}


def _photo(r: random.Random, w: int = 480, h: int = 360) -> bytes:
    """A small generated JPEG: sky, ground and a building with a roof, in random colours."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (w, h), (135 + r.randint(-20, 20), 180, 225))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, int(h * 0.62), w, h), fill=(120 + r.randint(-30, 30), 95, 60))
    x0, width = r.randint(40, 180), r.randint(160, 260)
    top = int(h * r.uniform(0.3, 0.42))
    wall = (200 + r.randint(-40, 40), 200 + r.randint(-40, 40), 190)
    draw.rectangle((x0, top, x0 + width, int(h * 0.7)), fill=wall, outline=(60, 60, 60))
    draw.polygon([(x0 - 10, top), (x0 + width // 2, top - 50), (x0 + width + 10, top)],
                 fill=(150 + r.randint(-40, 40), 40, 30))  # fmt: skip
    for k in range(3):
        wx = x0 + 20 + k * (width - 40) // 3
        draw.rectangle((wx, top + 30, wx + 28, top + 60), fill=(70, 110, 150))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=70)
    return buf.getvalue()


CAPTIONS = ("The new building from the road", "Classroom in use", "Equipment delivered",
            "The ODA plaque at the entrance", "Water point in use", "Maintenance log")  # fmt: skip


def photos(store, visits: list[Visit], seed: int) -> list[Attachment]:
    """Generated photos on about a third of the visits (one or two each), stored as files."""
    r = random.Random(seed * 1_000_003 + 1515)
    out = []
    for v in visits:
        if r.random() >= 0.35:
            continue
        for k in range(r.randint(1, 2)):
            content = _photo(r)
            sha = store.blobs.put(content)
            taken = datetime.combine(v.date, time(9 + 2 * k, r.randint(0, 59)), tzinfo=UTC)
            out.append(
                Attachment(
                    parent_id=v.id,
                    sha256=sha,
                    media_type="image/jpeg",
                    size=len(content),
                    filename=f"IMG_{hashlib.sha256(content).hexdigest()[:6]}.jpg",
                    caption=r.choice(CAPTIONS),
                    taken_at=taken,
                    latitude=v.latitude,
                    longitude=v.longitude,
                    position=k,
                    classification=v.classification,
                    caveats=list(v.caveats),
                    post=v.post,
                )
            )
    return out
