"""Realistic demo records: the kind of week an economic/ODA officer logs, in English and Japanese.

Deterministic for a seed, so tests and benchmarks can rely on what is generated.
"""

from __future__ import annotations

import random
from datetime import date, time, timedelta
from decimal import Decimal

from . import demo_grants
from .models import (
    Attendee,
    FollowUp,
    Meeting,
    Organisation,
    Person,
    Project,
    Turn,
    Visit,
)

POSTS = {
    "KE": (
        "Embassy of Japan in Kenya",
        "Nairobi",
        [
            "Ministry of Energy and Petroleum",
            "Ministry of ICT and the Digital Economy",
            "Kenya Investment Authority",
            "Nairobi City County",
        ],
    ),
    "TZ": (
        "Embassy of Japan in Tanzania",
        "Dar es Salaam",
        ["Ministry of Minerals", "Ministry of Finance", "Tanzania Ports Authority"],
    ),
    "ET": (
        "Embassy of Japan in Ethiopia",
        "Addis Ababa",
        [
            "Ministry of Finance",
            "Ethiopian Investment Commission",
            "Ministry of Innovation and Technology",
        ],
    ),
    "GH": (
        "Embassy of Japan in Ghana",
        "Accra",
        ["Ministry of Trade and Industry", "Ghana Investment Promotion Centre"],
    ),
    "NG": (
        "Embassy of Japan in Nigeria",
        "Abuja",
        ["Federal Ministry of Power", "Nigerian Investment Promotion Commission"],
    ),
    "ZA": (
        "Embassy of Japan in South Africa",
        "Pretoria",
        [
            "Department of Mineral Resources and Energy",
            "Department of Trade, Industry and Competition",
        ],
    ),
    "IN": (
        "Embassy of Japan in India",
        "New Delhi",
        ["Ministry of Electronics and IT", "Ministry of Heavy Industries", "NITI Aayog"],
    ),
    "ID": (
        "Embassy of Japan in Indonesia",
        "Jakarta",
        [
            "Ministry of Energy and Mineral Resources",
            "Ministry of Investment (BKPM)",
            "Ministry of Industry",
        ],
    ),
    "VN": (
        "Embassy of Japan in Viet Nam",
        "Hanoi",
        ["Ministry of Planning and Investment", "Ministry of Industry and Trade"],
    ),
    "PH": (
        "Embassy of Japan in the Philippines",
        "Manila",
        ["Department of Energy", "Department of Information and Communications Technology"],
    ),
    "UZ": (
        "Embassy of Japan in Uzbekistan",
        "Tashkent",
        ["Ministry of Investment, Industry and Trade", "Ministry of Mining and Geology"],
    ),
    "KZ": (
        "Embassy of Japan in Kazakhstan",
        "Astana",
        ["Ministry of Industry and Construction", "Ministry of Energy"],
    ),
    "FJ": (
        "Embassy of Japan in Fiji",
        "Suva",
        ["Ministry of Economy", "Ministry of Climate Change"],
    ),
    "PG": (
        "Embassy of Japan in Papua New Guinea",
        "Port Moresby",
        ["Department of Treasury", "Mineral Resources Authority"],
    ),
    "BR": (
        "Embassy of Japan in Brazil",
        "Brasília",
        ["Ministry of Mines and Energy", "Ministry of Development, Industry, Trade and Services"],
    ),
    "PE": ("Embassy of Japan in Peru", "Lima", ["Ministry of Energy and Mines", "ProInversión"]),
    "MX": (
        "Embassy of Japan in Mexico",
        "Mexico City",
        ["Secretariat of Economy", "Secretariat of Energy"],
    ),
    "EG": (
        "Embassy of Japan in Egypt",
        "Cairo",
        ["Ministry of International Cooperation", "Ministry of Electricity and Renewable Energy"],
    ),
    "SN": (
        "Embassy of Japan in Senegal",
        "Dakar",
        ["Ministère de l'Économie", "Ministère de la Communication et du Numérique"],
    ),
    "BD": (
        "Embassy of Japan in Bangladesh",
        "Dhaka",
        ["Economic Relations Division", "Bangladesh Economic Zones Authority"],
    ),
}
COMPANIES = [
    "Toyota Tsusho",
    "Sumitomo Corporation",
    "Mitsubishi Corporation",
    "Marubeni",
    "JERA",
    "NEC",
    "Fujitsu",
    "Toshiba Energy Systems",
    "Itochu",
    "Mitsui & Co.",
    "JOGMEC",
    "NTT Data",
    "Hitachi Energy",
    "Yamaha Motor",
    "Honda",
    "Isuzu",
]
LOCAL_NAMES = {
    "KE": ["Wanjiru Kamau", "Otieno Odhiambo", "Achieng Atieno", "Kipchoge Rotich"],
    "TZ": ["Neema Mushi", "Juma Mwakyusa", "Rehema Said"],
    "ET": ["Abebe Kebede", "Meron Tesfaye", "Dawit Alemu"],
    "GH": ["Kwame Mensah", "Ama Owusu"],
    "NG": ["Chinedu Okafor", "Aisha Bello"],
    "ZA": ["Thandiwe Nkosi", "Pieter van der Merwe"],
    "IN": ["Priya Sharma", "Rajesh Iyer"],
    "ID": ["Siti Rahmawati", "Budi Santoso"],
    "VN": ["Nguyễn Thị Lan", "Trần Văn Minh"],
    "PH": ["Maria Santos", "Jose Reyes"],
    "UZ": ["Dilnoza Karimova", "Aziz Rakhimov"],
    "KZ": ["Aigerim Nurlanovna", "Yerlan Abenov"],
    "FJ": ["Mere Tuilagi", "Josefa Ratu"],
    "PG": ["Grace Kila", "John Pundari"],
    "BR": ["Ana Souza", "Paulo Ferreira"],
    "PE": ["Lucía Quispe", "Jorge Ramírez"],
    "MX": ["Fernanda López", "Alejandro Hernández"],
    "EG": ["محمد عبد الله", "Nadia Hassan"],
    "SN": ["Aminata Diop", "Moussa Ndiaye"],
    "BD": ["Farhana Rahman", "Tanvir Hossain"],
}
OUR_SIDE = [
    "Ambassador Tanaka Hiroshi",
    "Sato Yuki (Counsellor, Economic)",
    "Suzuki Aiko (First Secretary, ODA)",
    "Takahashi Ken (Second Secretary)",
    "Watanabe Mai (Researcher)",
    "Ito Daisuke (JICA office)",
]
TOPICS = {
    "gx": (
        "green transformation and geothermal power",
        "グリーン・トランスフォーメーション（地熱発電）",
        ["energy"],
    ),
    "digital": (
        "digital public infrastructure and submarine cables",
        "デジタル公共インフラと海底ケーブル",
        ["digital"],
    ),
    "critical_minerals": (
        "critical minerals supply and processing",
        "重要鉱物の供給と精錬",
        ["minerals"],
    ),
    "next_gen_auto": (
        "EV assembly and battery supply chains",
        "EV組立と電池サプライチェーン",
        ["auto"],
    ),
    "resilience": (
        "supply-chain diversification and port logistics",
        "サプライチェーン多角化と港湾物流",
        ["logistics"],
    ),
    "other": ("cooperation in health and education", "保健・教育分野での協力", ["social"]),
}
# Each text in English and Japanese: a record is written in one language, the subject's.
KEY_POINTS = [
    (
        "The Minister welcomed Japan's offer-type cooperation and asked for an early feasibility "
        "study.",
        "先方大臣は我が国のオファー型協力を歓迎し、早期の実現可能性調査を求めた。",
    ),
    (
        "Both sides confirmed the timeline for the grant agreement and the procurement schedule.",
        "双方は贈与契約の締結時期及び調達日程を確認した。",
    ),
    (
        "The partner side explained the new investment law and its incentives for foreign "
        "companies.",
        "先方より、新投資法及び外国企業向けの優遇措置について説明があった。",
    ),
    (
        "Japan explained the JBIC and NEXI instruments that can catalyse private finance.",
        "当方より、民間資金の動員に資するJBIC及びNEXIの制度を説明した。",
    ),
    (
        "The partner expressed hope for more Japanese companies to invest and asked for support "
        "in improving the investment climate.",
        "先方は日本企業の進出に期待を表明し、投資環境整備への協力を要請した。",
    ),
    (
        "We explained how ODA and private finance can be combined in support.",
        "当方より、ODAと民間資金を組み合わせた支援の可能性について説明した。",
    ),
]
REQUESTS = [
    (
        "Technical cooperation on grid stability for variable renewables.",
        "変動型再生可能エネルギーに対応した系統安定化に関する技術協力を要請。",
    ),
    (
        "Training for customs officers on digital clearance systems.",
        "電子通関システムに関する税関職員の研修を要請。",
    ),
    (
        "Support for a critical minerals processing hub, including a geological survey.",
        "地質調査を含む重要鉱物の加工拠点整備への支援を要請。",
    ),
    (
        "A concrete project to be formed before the next TICAD.",
        "先方は次回TICADまでに具体的な案件形成を要請。",
    ),
    (
        "Early disbursement of the ODA loan tranche for the port expansion.",
        "港湾拡張に係る円借款の早期貸付実行を要請。",
    ),
]
RESPONSES = [
    (
        "We will convey the request to Tokyo and consult JICA on a survey mission.",
        "当方より、本省に報告の上、調査団派遣につきJICAと協議する旨述べた。",
    ),
    (
        "We will coordinate with Tokyo and answer at an early date.",
        "当方より、本省と調整の上、早期に回答する旨述べた。",
    ),
    (
        "We explained the requirements for a grassroots grant application and the timeline.",
        "当方より、草の根・人間の安全保障無償資金協力の申請要件及び日程を説明した。",
    ),
    (
        "Japan will consider the request under the Infrastructure System Overseas Promotion "
        "Strategy.",
        "当方より、インフラシステム海外展開戦略の下で検討する旨述べた。",
    ),
]
GGP_TITLES = [
    ("Construction of classrooms at {p} Primary School", "school", "11120"),
    ("Provision of medical equipment to {p} District Hospital", "hospital", "12230"),
    ("Water supply improvement in {p} village", "ngo", "14030"),
    ("Solar mini-grid for {p} health centre", "ngo", "23230"),
    ("Vocational training centre equipment in {p}", "ngo", "11330"),
    ("Ambulance provision for {p} county", "local_government", "12191"),
]
JICA_TITLES = [
    ("Project for Geothermal Development Capacity Building", "technical_cooperation", "23240"),
    ("Port Expansion Project (Phase 2)", "oda_loan", "21040"),
    ("Project for Improvement of Digital Customs Clearance", "technical_cooperation", "33120"),
    ("Project for Strengthening Mineral Resources Governance", "technical_cooperation", "32210"),
    ("Urban Transport Improvement Project", "oda_loan", "21020"),
    ("Project for Rural Electrification by Renewable Energy", "grant_aid", "23210"),
]
FINDINGS = [
    "The facility is completed and in daily use; 320 pupils attend, of whom 48% are girls.",
    "Equipment is installed but the X-ray unit is idle for lack of a trained radiographer.",
    "Construction is three months behind plan because of the rainy season; quality is adequate.",
    "施設は適切に維持管理されており、地域住民の利用も活発である。",
    "Maintenance budget for the next fiscal year has not yet been secured by the local government.",
]
ISSUES = [
    "Interim report overdue by two months; the NGO cites staff turnover.",
    "Spare parts for the water pumps are not available locally.",
    "機材の一部が保管されたまま使用されていない。",
    "Procurement documents show only two quotations instead of three.",
]
RECOMMENDATIONS = [
    "Request the interim report within 30 days and a revised implementation schedule.",
    "Arrange training for the radiographer with the JICA volunteer at the regional hospital.",
    "維持管理計画の提出を求めるとともに、次回フォローアップ訪問を半年後に実施する。",
    "Ask the grantee to obtain a third quotation before the next payment.",
]
FOLLOW_UPS = [
    "Send the concept note on the geothermal survey to the Ministry",
    "Report the meeting to the Regional Bureau (cable)",
    "Arrange a follow-up meeting with JICA and the Ministry",
    "本省へ公電で報告",
    "Share the list of Japanese companies interested in the EV assembly plant",
    "Check the status of the interim report with the grantee",
    "Brief the Ambassador before the TICAD 9 side event",
]
SITES = [
    "{p} Primary School",
    "{p} District Hospital",
    "{p} Water Kiosk",
    "{p} Health Centre",
    "{p} Port",
]
PLACES = [
    "Ministry headquarters",
    "Embassy of Japan, meeting room 2",
    "Hotel conference room",
    "Online (Teams)",
    "Minister's office",
]


def _summit_pool() -> list[tuple[str, frozenset[str], date | None]]:
    """The summits demo meetings may prepare: (code, participating countries, start)."""
    from .reference import reference

    ref = reference()
    return [
        (code, ref.summit_countries(code), ref.summit_dates(code)[0])
        for code in ref.offered("summits")
    ]


def _summit_for(g: _Gen, pool, cc: str, d: date) -> list[str]:
    """Meetings before a summit their country takes part in prepare the next one."""
    coming = sorted(
        ((start or date.max, code) for code, who, start in pool
         if (not who or cc in who) and (start is None or d < start)),
    )  # fmt: skip
    # The draws the former fixed list of six summits made, so a seed keeps the rest of its data.
    tagged = g.r.randint(0, 1)
    if tagged:
        g.r.randrange(6)
    if not coming:
        return []
    # Within a year of a summit, every meeting prepares it; earlier, half of them.
    soon = coming[0][0] != date.max and (coming[0][0] - d).days <= 365
    return [coming[0][1]] if tagged or soon else []


class _Gen:
    def __init__(self, seed: int, today: date) -> None:
        self.r = random.Random(seed)
        self.today = today

    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def some(self, seq, lo: int, hi: int):
        return self.r.sample(list(seq), self.r.randint(lo, min(hi, len(seq))))

    def day(self, back: int = 540, ahead: int = 60) -> date:
        return self.today + timedelta(days=self.r.randint(-back, ahead))


def generate(
    store,
    *,
    meetings: int = 200,
    visits: int = 60,
    projects: int = 40,
    seed: int = 1,
    today: date | None = None,
) -> dict[str, int]:
    """Add demo records to ``store`` in one transaction; returns counts by kind."""
    records, counts = build(
        meetings=meetings, visits=visits, projects=projects, seed=seed, today=today
    )
    # Generated photos on some visits, so reports show them (#15).
    shots = demo_grants.photos(store, [r for r in records if isinstance(r, Visit)], seed)
    store.create_many(records + shots, action="demo")
    if shots:
        counts["attachment"] = len(shots)
    return counts


def build(
    *,
    meetings: int = 200,
    visits: int = 60,
    projects: int = 40,
    seed: int = 1,
    today: date | None = None,
) -> tuple[list, dict[str, int]]:
    """The demo records (not stored) and their counts by kind."""
    g = _Gen(seed, today or date.today())
    countries = list(POSTS)
    orgs: dict[str, list[Organisation]] = {}
    people: dict[str, list[Person]] = {}
    records = []
    for cc in countries:
        post, city, ministries = POSTS[cc]
        orgs[cc] = []
        for name in ministries:
            orgs[cc].append(
                Organisation(name=name, type="ministry", country=cc, address=city, post=post)
            )
        for name in g.some(COMPANIES, 1, 3):
            orgs[cc].append(
                Organisation(
                    name=f"{name} ({city} office)",
                    type="japanese_company",
                    country=cc,
                    address=city,
                    post=post,
                )
            )
        people[cc] = []
        for i, name in enumerate(LOCAL_NAMES[cc]):
            org = orgs[cc][i % len(orgs[cc])]
            people[cc].append(
                Person(
                    name=name,
                    title=g.pick(
                        [
                            "Director-General",
                            "Permanent Secretary",
                            "Deputy Minister",
                            "Head of Division",
                            "Country Manager",
                        ]
                    ),
                    organisation_id=org.id,
                    country=cc,
                    post=post,
                    email=f"{name.split()[0].lower()}@example.org",
                )
            )
        records += orgs[cc] + people[cc]
    counts = {
        "organisation": sum(len(v) for v in orgs.values()),
        "person": sum(len(v) for v in people.values()),
    }

    project_list = []
    for i in range(projects):
        cc = countries[i % len(countries)]
        post, city, _ = POSTS[cc]
        if g.r.random() < 0.6:
            title, org_type, sector = g.pick(GGP_TITLES)
            title = title.format(
                p=g.pick(
                    [
                        "Kisumu",
                        "Machakos",
                        "Arusha",
                        "Bahir Dar",
                        "Tamale",
                        "Kano",
                        "Cebu",
                        "Samarkand",
                        "Lautoka",
                        "Cusco",
                        "Sylhet",
                        "Thiès",
                    ]
                )
            )
            scheme = "grassroots"
            budget = Decimal(g.r.randrange(5_000_000, 99_000_000, 100_000))
            partner = g.pick(
                [
                    "Local NGO 'Hope for Children'",
                    "County Government",
                    "Parents-Teachers Association",
                    "District Health Office",
                ]
            )
        else:
            title, scheme, sector = g.pick(JICA_TITLES)
            budget = Decimal(g.r.randrange(300, 30_000)) * 1_000_000
            partner = g.pick(orgs[cc]).name
        contract = g.day(back=700, ahead=-30)
        interim_due = contract + timedelta(days=180)
        completion_due = contract + timedelta(days=395)
        p = Project(
            title=title,
            scheme=scheme,
            country=cc,
            location=city,
            post=post,
            currency="JPY",
            budget=budget,
            sectors=[{"code": sector}],
            implementing_partner=partner,
            iati_identifier=f"XM-DAC-701-8-{cc}-{2000 + i}" if scheme != "grassroots" else None,
            reporting_org="Japan International Cooperation Agency"
            if scheme != "grassroots"
            else "Embassy of Japan",
            contract_date=contract,
            start_date=contract,
            interim_report_due=interim_due,
            interim_report_received=interim_due + timedelta(days=g.r.randint(-10, 20))
            if interim_due < g.today and g.r.random() < 0.7
            else None,
            completion_report_due=completion_due,
            completion_report_received=completion_due + timedelta(days=g.r.randint(-5, 30))
            if completion_due < g.today and g.r.random() < 0.6
            else None,
            status="2" if completion_due > g.today else g.pick(["3", "4"]),
            translations={"title": {"ja": f"{TOPICS[g.pick(list(TOPICS))][1]}関連案件"}}
            if g.r.random() < 0.3
            else {},
            description=f"{title}. Implemented by {partner}.",
        )
        project_list.append(p)
    project_list = demo_grants.shape_projects(project_list, seed, g.today)  # the grant cycle
    records += project_list
    counts["project"] = len(project_list)

    followups = 0
    summit_pool = _summit_pool()
    for _ in range(meetings):
        cc = g.pick(countries)
        post, city, _ = POSTS[cc]
        fields = g.some(list(TOPICS), 1, 2)
        main = fields[0]
        en, ja, _ = TOPICS[main]
        partner_orgs = g.some(orgs[cc], 1, 2)
        met = g.some(people[cc], 1, 2)
        # A record of a meeting held: never after today. The same draw as ever (a day within
        # 18 months back or 2 months ahead), one ahead taken as as many days back, so a seed
        # keeps the rest of its data.
        d = g.today - abs(g.day() - g.today)
        start = time(g.r.randint(8, 17), g.pick([0, 15, 30]))
        subject = g.pick(
            [
                f"Meeting with {partner_orgs[0].name} on {en}",
                f"{ja}に関する{partner_orgs[0].name}との面談",
                f"Courtesy call: {en}",
            ]
        )
        lang = 1 if subject.endswith("との面談") else 0  # the record's language: its subject's
        m = Meeting(
            subject=subject,
            date=d,
            start_time=start,
            end_time=time(min(start.hour + 1, 23), start.minute),
            place=g.pick(PLACES) + f", {city}",
            country=cc,
            post=post,
            organisation_ids=[o.id for o in partner_orgs],
            partner_attendees=[
                Attendee(
                    name=p.name, title=p.title, person_id=p.id, organisation=partner_orgs[0].name
                )
                for p in met
            ],
            our_attendees=[Attendee(name=n) for n in g.some(OUR_SIDE, 1, 3)],
            policy_fields=fields,
            instruments=g.some(
                [
                    "grant_aid",
                    "oda_loan",
                    "technical_cooperation",
                    "offer_type",
                    "private_finance",
                    "infrastructure_strategy",
                    "company_expansion",
                ],
                1,
                2,
            ),
            summits=_summit_for(g, summit_pool, cc, d),
            key_points="\n".join(p[lang] for p in g.some(KEY_POINTS, 2, 3)),
            # The exchange as turns: the partner's request, then our answer (same draws as
            # before turns existed, so a seed makes the same data).
            turns=[
                Turn(side="partner", text=g.pick(REQUESTS)[lang], request=True),
                Turn(side="ours", text=g.pick(RESPONSES)[lang]),
            ],
            meeting_type="courtesy_call" if subject.startswith("Courtesy call") else "talks",
            partner_head=met[0].name if met else "",
            drafter=g.pick(OUR_SIDE[1:]),
            approver=OUR_SIDE[0],
            distribution=["Regional Bureau", "ODA Policy Division"],
            classification=g.pick(["UNCLASSIFIED", "FOUO", "FOUO", "CONFIDENTIAL"]),
            caveats=g.some(["NO_LOCAL_STAFF", "NO_COPY"], 0, 1),
        )
        m.our_head = m.our_attendees[0].name
        records.append(m)
        for _ in range(g.r.randint(0, 2)):
            due = d + timedelta(days=g.r.randint(7, 60))
            status = (
                "open"
                if due > g.today - timedelta(days=30) or g.r.random() < 0.3
                else g.pick(["done", "dropped"])
            )
            # Done on its due date (never after today), with no draw: a seed keeps its data.
            done_on = max(d, min(due, g.today)) if status == "done" else None
            records.append(
                FollowUp(
                    parent_id=m.id,
                    text=g.pick(FOLLOW_UPS),
                    owner=g.pick(OUR_SIDE[1:]),
                    due=due,
                    status=status,
                    done_on=done_on,
                    post=post,
                    classification=m.classification,
                )
            )
            followups += 1
    counts["meeting"] = meetings

    # Visits typed and dated inside their project's cycle, sites in its country (#15).
    texts = {"findings": FINDINGS, "issues": ISSUES, "recommendations": RECOMMENDATIONS,
             "progress": ["Completed as planned.", "About 70% complete against the plan.",
                          "進捗は計画どおり。"]}  # fmt: skip
    made = (
        demo_grants.visits_for(project_list, visits, seed, g.today, POSTS, people, OUR_SIDE, texts)
        if project_list
        else []
    )
    for v in made:
        d, post = v.date, v.post
        records.append(v)
        for _ in range(g.r.randint(0, 2)):
            due = d + timedelta(days=g.r.randint(14, 90))
            status = "open" if g.r.random() < 0.7 else "done"
            done_on = min(d + (due - d) // 2, g.today) if status == "done" else None
            records.append(
                FollowUp(
                    parent_id=v.id,
                    text=g.pick(FOLLOW_UPS[5:] + ["Obtain the maintenance plan from the grantee"]),
                    owner=g.pick(OUR_SIDE[1:]),
                    due=due,
                    status=status,
                    done_on=done_on,  # a done follow-up says when (never after today)
                    post=post,
                )
            )
            followups += 1
    counts["visit"] = len(made)
    counts["followup"] = followups
    # Approvals (#14): most older records approved, some waiting, recent ones drafts.
    from .approval import demo_statuses

    demo_statuses(records, g.today, seed)
    return records, counts
