"""Demo projects and visits an auditor would believe (#15)."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date

from PIL import Image

from fieldkit.core import demo
from fieldkit.core.demo_grants import TOWNS
from fieldkit.core.grant_flags import project_flags
from fieldkit.core.grant_reference import scheme_rules
from fieldkit.core.query import RecordFilter

TODAY = date(2026, 6, 1)


def test_demo_cycle_is_consistent(store):
    counts = demo.generate(store, meetings=0, visits=60, projects=40, seed=4, today=TODAY)
    projects = {p.id: p for p in store.query(RecordFilter(kinds=("project",)))}
    visits = store.query(RecordFilter(kinds=("visit",)))
    assert len(visits) == counts["visit"] == 60
    types = Counter(v.visit_type for v in visits)
    assert {"pre_approval", "interim", "completion", "post_completion"} <= set(types)
    for v in visits:
        p = projects[v.project_id]
        assert v.date <= TODAY and v.country == p.country
        # Inside the country: near one of its towns.
        assert any(abs(v.latitude - la) < 0.2 and abs(v.longitude - lo) < 0.2
                   for _n, la, lo in TOWNS[p.country])  # fmt: skip
        if v.visit_type == "pre_approval":
            assert p.application_received < v.date < p.contract_date
            assert not v.criteria and not v.overall_rating
        if v.visit_type in ("completion", "post_completion"):
            assert p.completion_date and v.date >= p.completion_date
        if v.visit_type == "post_completion":
            assert v.checklist is not None
    by_project = Counter()
    flags = Counter()
    for p in projects.values():
        if not scheme_rules(p.scheme).grantee_reports:
            assert p.interim_report_due is None and p.completion_report_due is None
        else:
            assert p.contract_number and p.quotes and p.application_received < p.contract_date
        mine = [v for v in visits if v.project_id == p.id]
        by_project[p.id] = len(mine)
        flags.update(f.code for f in project_flags(p, mine, TODAY))
    assert flags["report_late"] and flags["overrun"]
    photos = store.query(RecordFilter(kinds=("attachment",)))
    assert photos and counts["attachment"] == len(photos)
    img = Image.open(io.BytesIO(store.blobs.get(photos[0].sha256)))
    assert img.format == "JPEG" and img.width >= 300


def test_dashboard_counts_match_the_full_records(store):
    from fieldkit.core.grant_flags import flag_counts, visit_flags

    demo.generate(store, meetings=0, visits=60, projects=40, seed=7, today=TODAY)
    visits = store.query(RecordFilter(kinds=("visit",)))
    expected = Counter()
    for v in visits:
        expected.update({f.code for f in visit_flags(v)})
    for p in store.query(RecordFilter(kinds=("project",))):
        mine = [v for v in visits if v.project_id == p.id]
        expected.update({f.code for f in project_flags(p, mine, TODAY)})
    assert flag_counts(store, TODAY) == dict(expected) and expected
