"""The grant-cycle reference data: visit types, stages, reports, checklist items per scheme,
and JICA's ex-post evaluation sub-ratings and overall-rating table.

Read from ``resources/reference/{schemes,visit_types,dac_criteria}.json`` once per process (the
files ship with FieldKit; HQ publishes schemes). Nothing here imports the models, so the models'
validators can use it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from .reference import Code, _codes, reference
from .resources import resource_path

DAC_RATINGS = ("required", "optional", "none")


@cache
def _file(name: str) -> dict:
    return json.loads(resource_path("reference", name).read_text(encoding="utf-8"))


@cache
def visit_types() -> dict[str, Code]:
    return _codes(_file("visit_types.json")["types"])


@cache
def visit_sections() -> dict[str, Code]:
    return _codes(_file("visit_types.json")["sections"])


@cache
def checklist_items() -> dict[str, Code]:
    return _codes(_file("visit_types.json")["checklist"])


@cache
def stages() -> dict[str, Code]:
    return _codes(_file("visit_types.json")["stages"])


@cache
def report_kinds() -> dict[str, Code]:
    return _codes(_file("visit_types.json")["reports"])


def sections_of(visit_type: str) -> tuple[str, ...]:
    vt = visit_types().get(visit_type) or visit_types()["other"]
    return tuple(vt.extra.get("sections", ()))


def dac_ratings_of(visit_type: str) -> str:
    vt = visit_types().get(visit_type) or visit_types()["other"]
    return vt.extra.get("dac_ratings", "optional")


@dataclass(frozen=True)
class SchemeRules:
    """What a scheme's grant cycle holds: its stages, the grantee reports it asks for, and when
    post-completion follow-up visits fall due (months after completion)."""

    code: str
    run_by: str
    stages: tuple[str, ...]
    reports: tuple[str, ...]
    followup_visit_months: tuple[int, ...]
    implementation_months: int | None

    @property
    def grantee_reports(self) -> bool:
        return bool(self.reports)


def scheme_rules(code: str | None) -> SchemeRules:
    """The rules of scheme ``code`` (an unknown code gets those of "other")."""
    schemes = reference().schemes
    row = schemes.get(code or "other") or schemes.get("other")
    extra = row.extra if row else {}
    return SchemeRules(
        code=row.code if row else "other",
        run_by=extra.get("run_by", "other"),
        stages=tuple(extra.get("stages", ("grant_contract", "implementation_start", "completion"))),
        reports=tuple(extra.get("reports", ("interim", "completion"))),
        followup_visit_months=tuple(extra.get("followup_visit_months", ())),
        implementation_months=extra.get("implementation_months"),
    )


# ---- JICA ex-post evaluation ratings ----


@cache
def _criteria_file() -> dict:
    return _file("dac_criteria.json")


@cache
def sub_ratings() -> dict[str, Code]:
    """③ High, ② Fair, ① Low: the scale every criterion is rated on."""
    return _codes(_criteria_file()["sub_ratings"])


@cache
def rated_dimensions() -> dict[str, Code]:
    return _codes(_criteria_file()["rated_dimensions"])


@cache
def rated_as() -> dict[str, str]:
    """Criterion -> the dimension JICA rates it in (coherence with relevance, impact with
    effectiveness)."""
    return {row["code"]: row.get("rated_as", row["code"]) for row in _criteria_file()["criteria"]}


@cache
def overall_rule() -> tuple[tuple[str, ...], dict[str, str]]:
    rule = _criteria_file()["overall_rule"]
    return tuple(rule["order"]), dict(rule["table"])


def sub_rating_label(code: str | None, lang: str = "en") -> str:
    """ "③ High" / "③ 高い"."""
    item = sub_ratings().get(code or "")
    if not item:
        return code or ""
    return f"{item.extra.get('symbol', code)} {item.label(lang)}"
