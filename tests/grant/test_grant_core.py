"""The grant cycle (#15): store upgrade, scheme rules, flags on known dates, JICA ratings."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from fieldkit.core import schema
from fieldkit.core.grant_cycle import followups_due, timeline
from fieldkit.core.grant_flags import project_flags, visit_flags
from fieldkit.core.grant_reference import overall_rule, scheme_rules
from fieldkit.core.messages import render
from fieldkit.core.models import (
    ChecklistItem,
    CriterionRating,
    Disbursement,
    PostCompletionChecklist,
    Project,
    Quote,
    Visit,
    parse_record,
)
from fieldkit.core.ratings import overall_disagrees, suggested_overall
from fieldkit.core.store import Store

SCHEMA3 = Path(__file__).parent.parent / "data" / "stores" / "schema3" / "fieldkit.db"


def test_schema3_store_keeps_every_visit_and_project(tmp_path):
    shutil.copy(SCHEMA3, tmp_path / "fieldkit.db")
    conn = sqlite3.connect(tmp_path / "fieldkit.db")
    before = {
        i: (k, json.loads(d))
        for i, k, d in conn.execute(
            "SELECT id, kind, data FROM records WHERE kind IN ('visit', 'project')"
        )
    }
    conn.close()
    visits = {i: d for i, (k, d) in before.items() if k == "visit"}
    projects = {i: d for i, (k, d) in before.items() if k == "project"}
    assert visits and projects
    rated = 0
    with Store.open(tmp_path) as store:
        assert schema.user_version(store.conn) == schema.CURRENT
        for rid, old in visits.items():
            v = store.get(rid)
            raw = json.loads(
                store.conn.execute("SELECT data FROM records WHERE id = ?", (rid,)).fetchone()[0]
            )
            assert raw["visit_type"] == "other" and v.visit_type == "other"
            assert v.revision == old["revision"]
            for key in ("title", "date", "site", "findings", "issues", "recommendations",
                        "progress", "facilities_use", "overall_rating", "project_id"):  # fmt: skip
                assert raw[key] == old[key], key
            for code, crit in old["criteria"].items():
                # The A-D criterion rating is kept, readable, as the legacy rating.
                assert v.criteria[code].legacy_rating == crit["rating"]
                assert v.criteria[code].rating is None
                assert v.criteria[code].note == crit["note"]
                assert raw["criteria"][code]["legacy_rating"] == crit["rating"]
                rated += 1
        for rid, old in projects.items():
            p = store.get(rid)
            dumped = json.loads(p.model_dump_json())
            for key, value in old.items():
                if key not in ("revision", "updated_at", "created_at"):
                    assert dumped[key] == value, key
    assert rated


def test_schema3_store_drops_jica_report_deadlines_from_the_overdue_list(tmp_path):
    from fieldkit.core.query import RecordFilter

    shutil.copy(SCHEMA3, tmp_path / "fieldkit.db")
    with Store.open(tmp_path) as store:
        late = store.query(RecordFilter(kinds=("project",), overdue=True, today=date(2030, 1, 1)))
        assert late and {p.scheme for p in late} == {"grassroots"}
        everything = store.query(RecordFilter(kinds=("project",)))
        assert any(p.scheme == "technical_cooperation" and p.interim_report_due for p in everything)


def test_old_json_from_elsewhere_loads():
    old = {"kind": "visit", "date": "2025-01-02", "country": "KE",
           "criteria": {"relevance": {"rating": "A", "note": "fits"}}, "overall_rating": "B"}  # fmt: skip
    v = parse_record(old)
    assert v.visit_type == "other"
    assert v.criteria["relevance"].legacy_rating == "A" and v.criteria["relevance"].rating is None
    assert suggested_overall(v) is None and overall_disagrees(v) is None


def test_bad_visit_type_and_sub_rating_are_refused():
    with pytest.raises(ValidationError, match="unknown visit type"):
        Visit(date=date(2025, 1, 1), country="KE", visit_type="picnic")
    with pytest.raises(ValidationError):
        CriterionRating(rating="4")


def _visit(**kw) -> Visit:
    return Visit(date=kw.pop("date", date(2026, 5, 1)), country="KE", **kw)


def _rated(r, e, f, s, overall=None, **kw) -> Visit:
    crit = {
        "relevance": CriterionRating(rating=r),
        "effectiveness": CriterionRating(rating=e),
        "efficiency": CriterionRating(rating=f),
        "sustainability": CriterionRating(rating=s),
    }
    return _visit(criteria=crit, overall_rating=overall, **kw)


def test_suggested_overall_follows_the_published_table():
    order, table = overall_rule()
    assert order == ("relevance", "effectiveness", "efficiency", "sustainability")
    assert len(table) == 81 and set(table.values()) == {"A", "B", "C", "D"}
    for key, expected in table.items():
        assert suggested_overall(_rated(*key)) == expected, key
    # Rows read off the flowchart: all high is A, low effectiveness/impact is D.
    assert suggested_overall(_rated("3", "3", "3", "3")) == "A"
    assert suggested_overall(_rated("3", "3", "2", "3")) == "A"
    assert suggested_overall(_rated("3", "3", "2", "2")) == "B"
    assert suggested_overall(_rated("3", "1", "3", "3")) == "D"


def test_paired_criteria_count_by_the_lower_and_missing_gives_no_suggestion():
    v = _rated("3", "3", "3", "3")
    v.criteria["impact"] = CriterionRating(rating="1")  # rated with effectiveness
    assert suggested_overall(v) == "D"
    partial = _visit(criteria={"relevance": CriterionRating(rating="3")})
    assert suggested_overall(partial) is None


def test_disagreeing_overall_is_warned_in_both_languages():
    v = _rated("3", "1", "3", "3", overall="A")
    msg = overall_disagrees(v)
    assert msg is not None
    assert "A" in render(msg, "en") and "D" in render(msg, "en")
    assert "D" in render(msg, "ja") and render(msg, "ja") != render(msg, "en")
    assert overall_disagrees(_rated("3", "1", "3", "3", overall="D")) is None
    assert [f.code for f in visit_flags(v)] == ["overall_disagrees"]


def test_rating_flags_by_visit_type():
    assert [f.code for f in visit_flags(_visit(visit_type="ex_post_evaluation"))] == [
        "rating_missing"
    ]
    ok = _rated("3", "3", "3", "3", overall="A", visit_type="ex_post_evaluation")
    assert visit_flags(ok) == []
    pre = _rated("3", "3", "3", "3", overall="A", visit_type="pre_approval")
    assert [f.code for f in visit_flags(pre)] == ["rating_not_asked"]
    assert visit_flags(_visit(visit_type="interim")) == []


def _ggp(**kw) -> Project:
    base = dict(
        title="Classrooms for Kisumu primary school",
        country="KE",
        scheme="grassroots",
        contract_date=date(2025, 3, 1),
        start_date=date(2025, 3, 15),
        end_date=date(2026, 3, 14),
        interim_report_due=date(2025, 9, 30),
        completion_report_due=date(2026, 4, 30),
    )
    base.update(kw)
    return Project(**base)


def test_ggp_and_jica_technical_cooperation_side_by_side():
    ggp = _ggp()
    tc = _ggp(title="Capacity development for water utilities", scheme="technical_cooperation")
    assert scheme_rules("grassroots").reports == ("interim", "completion")
    assert scheme_rules("technical_cooperation").reports == ()
    today = date(2026, 6, 1)
    assert {f.code for f in project_flags(ggp, [], today)} == {"report_overdue", "overrun"}
    # The same dates on a JICA technical-cooperation project: no grantee deadlines.
    assert [f.code for f in project_flags(tc, [], today)] == ["overrun"]
    assert ggp.next_report_due() == date(2025, 9, 30) and tc.next_report_due() is None
    assert ggp.interim_report_overdue(today) and not tc.interim_report_overdue(today)
    stages = [s.code for s in timeline(ggp, [])]
    assert "interim_report" in stages and "completion_report" in stages
    assert "interim_report" not in [s.code for s in timeline(tc, [])]
    assert "grant_contract" not in [s.code for s in timeline(tc, [])]
    for code in ("jica_partnership", "ngo_project_grant", "cultural_grassroots"):
        Project(title="x", scheme=code)  # the three new schemes are known


def test_flags_on_known_dates():
    p = _ggp(
        interim_report_received=date(2025, 10, 12),  # 12 days late
        completion_date=date(2026, 3, 20),  # 6 days over the period
        handover_date=date(2026, 3, 20),
    )
    before_due = date(2026, 4, 1)
    flags = {f.code: f for f in project_flags(p, [], before_due)}
    assert flags["report_late"].days == 12 and not flags["report_late"].open
    assert flags["overrun"].days == 6
    assert "report_overdue" not in flags and "followup_due" not in flags
    assert "12" in render(flags["report_late"].message, "en")
    assert "12" in render(flags["report_late"].message, "ja")
    later = {f.code: f for f in project_flags(p, [], date(2027, 4, 1))}
    assert later["report_overdue"].days == 336  # completion report due 30 Apr 2026
    assert later["followup_due"].days == 12  # a year after completion, 20 Mar 2027
    visit = _visit(visit_type="post_completion", date=date(2027, 3, 25), project_id=p.id)
    assert "followup_due" not in {f.code for f in project_flags(p, [visit], date(2027, 4, 1))}
    assert followups_due(p, [visit])[0].done_on == date(2027, 3, 25)
    # An interim monitoring visit does not count as the follow-up.
    other = _visit(visit_type="interim", date=date(2027, 3, 25))
    assert "followup_due" in {f.code for f in project_flags(p, [other], date(2027, 4, 1))}


def test_timeline_holds_the_cycle():
    p = _ggp(
        application_received=date(2024, 10, 1),
        hq_approval_date=date(2025, 2, 1),
        contract_number="GGP-KE-2025-07",
        contract_amount=Decimal("9800000"),
        contract_currency="JPY",
        quotes=[
            Quote(supplier="A Ltd", amount=Decimal(1), received_on=date(2025, 3, 20)),
            Quote(supplier="B Ltd", received_on=date(2025, 3, 22)),
            Quote(supplier="C Ltd", received_on=date(2025, 3, 25), selected=True),
        ],  # fmt: skip
        disbursements=[Disbursement(paid_on=date(2025, 4, 1), amount=Decimal("9800000"))],
    )
    pre = _visit(visit_type="pre_approval", date=date(2024, 11, 5))
    stages = {s.code: s for s in timeline(p, [pre])}
    assert stages["pre_approval_visit"].on == date(2024, 11, 5)
    assert stages["procurement"].on == date(2025, 3, 25) and stages["procurement"].detail == "3"
    assert "GGP-KE-2025-07" in stages["grant_contract"].detail
    assert stages["followup_visit"].on is None if "followup_visit" in stages else True
    order = [s.code for s in timeline(p, [pre])]
    assert (
        order.index("application_received")
        < order.index("pre_approval_visit")
        < order.index("hq_approval")
    )


def test_checklist_round_trips():
    c = PostCompletionChecklist(
        facilities_in_use=ChecklistItem(answer=True, note="daily"), beneficiaries_count=320
    )
    v = _visit(visit_type="post_completion", checklist=c)
    again = parse_record(json.loads(v.model_dump_json()))
    assert again.checklist.facilities_in_use.answer is True
    assert again.checklist.beneficiaries_count == 320
    with pytest.raises(ValidationError):
        PostCompletionChecklist(beneficiaries_count=-1)
