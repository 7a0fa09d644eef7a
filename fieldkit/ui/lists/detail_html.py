"""The selected record as HTML for the detail pane beside each list, in the interface language.

``render`` gets what ``fieldkit.ui.detail.load_detail`` read on the worker; it reads nothing itself.
Photos are referred to as ``thumb:<id>`` resources the pane adds to its document.
"""

from __future__ import annotations

import html
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from fieldkit.core.amounts import format_amount
from fieldkit.core.marking import effective_marking
from fieldkit.core.reference import reference
from fieldkit.ui import i18n
from fieldkit.ui.lists.columns import classification_label, country_label, kind_label, status_label

if TYPE_CHECKING:  # pydantic models load when a record is shown, not with the window
    from fieldkit.core.models import Record

RATING_COLORS = {"A": "#2e7d32", "B": "#558b2f", "C": "#b26a00", "D": "#b3261e"}
MARKING_COLORS = {
    "UNCLASSIFIED": "#2e7d32",
    "FOUO": "#1d4e89",
    "CONFIDENTIAL": "#b26a00",
    "SECRET": "#b3261e",
}

CSS = """
body { font-size: 10pt; color: #1f2933; }
.title { font-size: 13pt; font-weight: 600; margin: 2px 0 4px 0; }
.section { font-size: 10pt; font-weight: 600; color: #2f6fb0; margin: 14px 0 3px 0; }
.kind { color: #5b6b7f; font-size: 9pt; text-transform: uppercase; letter-spacing: 1px; }
.meta td { padding: 2px 12px 2px 0; vertical-align: top; }
.meta td.k { color: #5b6b7f; white-space: nowrap; }
.grid { border-collapse: collapse; }
.grid th { background: #eef1f5; color: #3b4a5e; font-weight: 600; text-align: left; padding: 3px 8px; }
.grid td { padding: 3px 8px; border-bottom: 1px solid #e4e8ee; vertical-align: top; }
.overdue { color: #b3261e; font-weight: 600; }
.muted { color: #7b8794; }
.trash { background: #fff4e5; color: #8a4b00; padding: 6px; }
p { margin: 2px 0 6px 0; }
a { color: #1d4e89; text-decoration: none; }
"""


_label_cache: dict[str, dict[str, str]] = {}


def _L() -> dict[str, str]:  # noqa: N802 - reads like a table lookup
    """The pane's words in the current language (written out for pyside6-lupdate)."""
    lang = i18n.current_language()
    if lang not in _label_cache:
        _label_cache[lang] = {
            "received": QCoreApplication.translate("Detail", "received"),
            "overdue": QCoreApplication.translate("Detail", "overdue"),
            "In the trash since": QCoreApplication.translate("Detail", "In the trash since"),
            "Restore it to edit it again.": QCoreApplication.translate(
                "Detail", "Restore it to edit it again."
            ),
            "Date": QCoreApplication.translate("Detail", "Date"),
            "Place": QCoreApplication.translate("Detail", "Place"),
            "Country": QCoreApplication.translate("Detail", "Country"),
            "Organisations": QCoreApplication.translate("Detail", "Organisations"),
            "Policy fields": QCoreApplication.translate("Detail", "Policy fields"),
            "Instruments": QCoreApplication.translate("Detail", "Instruments"),
            "Summit / forum": QCoreApplication.translate("Detail", "Summit / forum"),
            "Partner side": QCoreApplication.translate("Detail", "Partner side"),
            "Our side": QCoreApplication.translate("Detail", "Our side"),
            "Key points": QCoreApplication.translate("Detail", "Key points"),
            "Exchange": QCoreApplication.translate("Detail", "Exchange"),
            "partner": QCoreApplication.translate("Detail", "Partner"),
            "ours": QCoreApplication.translate("Detail", "Japan"),
            "request": QCoreApplication.translate("Detail", "request"),
            "Type of meeting": QCoreApplication.translate("Detail", "Type of meeting"),
            "Drafted by": QCoreApplication.translate("Detail", "Drafted by"),
            "Approved by": QCoreApplication.translate("Detail", "Approved by"),
            "Distribution": QCoreApplication.translate("Detail", "Distribution"),
            "Project": QCoreApplication.translate("Detail", "Project"),
            "Site": QCoreApplication.translate("Detail", "Site"),
            "Visitors": QCoreApplication.translate("Detail", "Visitors"),
            "People met": QCoreApplication.translate("Detail", "People met"),
            "Location": QCoreApplication.translate("Detail", "Location"),
            "Overall rating": QCoreApplication.translate("Detail", "Overall rating"),
            "DAC criteria": QCoreApplication.translate("Detail", "DAC criteria"),
            "Criterion": QCoreApplication.translate("Detail", "Criterion"),
            "Rating": QCoreApplication.translate("Detail", "Rating"),
            "Note": QCoreApplication.translate("Detail", "Note"),
            "Progress": QCoreApplication.translate("Detail", "Progress"),
            "Use of facilities and equipment": QCoreApplication.translate(
                "Detail", "Use of facilities and equipment"
            ),
            "Findings": QCoreApplication.translate("Detail", "Findings"),
            "Issues and risks": QCoreApplication.translate("Detail", "Issues and risks"),
            "Recommendations": QCoreApplication.translate("Detail", "Recommendations"),
            "Status": QCoreApplication.translate("Detail", "Status"),
            "Scheme": QCoreApplication.translate("Detail", "Scheme"),
            "IATI identifier": QCoreApplication.translate("Detail", "IATI identifier"),
            "Reporting organisation": QCoreApplication.translate(
                "Detail", "Reporting organisation"
            ),
            "Implementing partner": QCoreApplication.translate("Detail", "Implementing partner"),
            "Sectors": QCoreApplication.translate("Detail", "Sectors"),
            "Budget": QCoreApplication.translate("Detail", "Budget"),
            "Contract": QCoreApplication.translate("Detail", "Contract"),
            "Start – end": QCoreApplication.translate("Detail", "Start – end"),
            "Interim report due": QCoreApplication.translate("Detail", "Interim report due"),
            "Completion report due": QCoreApplication.translate("Detail", "Completion report due"),
            "Title (Japanese)": QCoreApplication.translate("Detail", "Title (Japanese)"),
            "Description": QCoreApplication.translate("Detail", "Description"),
            "Notes": QCoreApplication.translate("Detail", "Notes"),
            "Monitoring visits": QCoreApplication.translate("Detail", "Monitoring visits"),
            "Local name": QCoreApplication.translate("Detail", "Local name"),
            "Acronym": QCoreApplication.translate("Detail", "Acronym"),
            "Type": QCoreApplication.translate("Detail", "Type"),
            "Address": QCoreApplication.translate("Detail", "Address"),
            "Phone": QCoreApplication.translate("Detail", "Phone"),
            "E-mail": QCoreApplication.translate("Detail", "E-mail"),
            "Website": QCoreApplication.translate("Detail", "Website"),
            "IATI organisation id": QCoreApplication.translate("Detail", "IATI organisation id"),
            "Title": QCoreApplication.translate("Detail", "Title"),
            "Organisation": QCoreApplication.translate("Detail", "Organisation"),
            "Owner": QCoreApplication.translate("Detail", "Owner"),
            "Due": QCoreApplication.translate("Detail", "Due"),
            "From": QCoreApplication.translate("Detail", "From"),
            "Action": QCoreApplication.translate("Detail", "Action"),
            "Follow-up actions": QCoreApplication.translate("Detail", "Follow-up actions"),
            "Photos": QCoreApplication.translate("Detail", "Photos"),
            "Attachments": QCoreApplication.translate("Detail", "Attachments"),
            "Revision": QCoreApplication.translate("Detail", "Revision"),
            "created": QCoreApplication.translate("Detail", "created"),
            "last edited": QCoreApplication.translate("Detail", "last edited"),
        }
    return _label_cache[lang]


def _amount(value) -> str:
    """Money as people write it: no decimals when there are none (JPY 96,400,000)."""
    return i18n.format_number(int(value) if value == int(value) else float(value))


def _e(value: Any) -> str:
    return html.escape(str(value)) if value not in (None, "") else ""


def _turns(turns) -> str:
    """The exchange in order: 先方 … / 当方 …, a partner's request marked."""
    out = []
    for turn in turns:
        who = _L()[turn.side] + (f" — {_L()['request']}" if turn.request else "")
        out.append(f"<p><b>{_e(who)}</b><br>{_e(turn.text).replace(chr(10), '<br>')}</p>")
    return "".join(out)


def _para(text: str) -> str:
    return "".join(f"<p>{_e(p)}</p>" for p in text.split("\n\n") if p.strip()).replace("\n", "<br>")


def _codes(table: str, values) -> str:
    codes = getattr(reference(), table)
    return ", ".join(_e(i18n.label(codes.get(v), v)) for v in values)


def _link(rec: Record | None, fallback: str = "") -> str:
    if rec is None:
        return _e(fallback)
    return f'<a href="record:{rec.id}">{_e(rec.title_text())}</a>'


def _attendees(people, links) -> str:
    out = []
    for a in people:
        bits = [
            f"<b>{_e(a.name)}</b>" if not a.person_id else _link(links.get(a.person_id), a.name)
        ]
        extra = ", ".join(x for x in (a.title, a.organisation) if x)
        if extra:
            bits.append(f'<span class="muted">{_e(extra)}</span>')
        out.append(" — ".join(bits))
    return "<br>".join(out)


def _date_cell(d: date | None, received: date | None = None, today: date | None = None) -> str:
    if d is None:
        return ""
    text = _e(i18n.format_date(d))
    if received:
        return f"{text} <span class='muted'>({_e(_L()['received'])} {_e(i18n.format_date(received))})</span>"
    if d < (today or date.today()):
        return f"<span class='overdue'>{text} ({_e(_L()['overdue'])})</span>"
    return text


def render(detail: dict[str, Any], today: date | None = None) -> str:
    """The record as HTML for the pane (also used by tests to check what a user reads)."""
    rec: Record = detail["record"]
    links: dict[str, Record] = detail.get("links", {})
    # A follow-up shows its meeting's caveats too (fieldkit.core.marking).
    parent_id = getattr(rec, "parent_id", None)  # follow-ups and attachments have one
    shown = effective_marking(rec, links.get(parent_id) if parent_id else None)
    color = MARKING_COLORS.get(shown.classification, "#3b4a5e")
    marking = _e(classification_label(shown.classification))
    if shown.caveats:
        marking += " · " + _codes("caveats", list(shown.caveats))
    parts = [f"<html><head><style>{CSS}</style></head><body>"]
    parts.append(
        f'<table width="100%" cellspacing="0" cellpadding="4"><tr><td style="background:{color};'
        f'color:white; font-weight:600; font-size:9pt;">{marking}</td></tr></table>'
    )
    if rec.deleted:
        parts.append(
            f'<p class="trash">{_e(_L()["In the trash since"])} {_e(i18n.format_date(rec.deleted_at))}. '
            f"{_e(_L()['Restore it to edit it again.'])}</p>"
        )
    if detail.get("refused"):  # HQ did not accept its last change: it is not filed
        from fieldkit.ui.handling_limits import refused_text

        parts.append(
            '<p style="background:#fdecea; color:#b3261e; padding:6px;">'
            f"{_e(refused_text(detail['refused']))}</p>"
        )
    parts.append(f'<div class="kind">{_e(kind_label(rec.kind))}</div>')
    parts.append(f'<p class="title">{_e(rec.title_text())}</p>')

    meta: list[tuple[str, str]] = []
    if rec.kind in ("meeting", "visit"):  # where its approval (決裁) stands, amendments marked
        from fieldkit.ui.approvals import approval_row

        meta.append(approval_row(rec))
    sections: list[tuple[str, str]] = []
    k = rec.kind
    if k == "meeting":
        when = i18n.format_date(rec.date, long=True)
        if rec.start_time:
            when += f"  {rec.start_time:%H:%M}" + (f"–{rec.end_time:%H:%M}" if rec.end_time else "")
        meta += [
            (_L()["Date"], _e(when)),
            (_L()["Place"], _e(rec.place)),
            (_L()["Country"], _e(country_label(rec.country))),
        ]
        if rec.organisation_ids:
            meta.append(
                (
                    _L()["Organisations"],
                    ", ".join(_link(links.get(i), i[:8]) for i in rec.organisation_ids),
                )
            )
        meta += [
            (_L()["Policy fields"], _codes("policy_fields", rec.policy_fields)),
            (_L()["Instruments"], _codes("instruments", rec.instruments)),
            (_L()["Summit / forum"], _codes("summits", rec.summits)),
            (
                _L()["Type of meeting"],
                _codes("meeting_types", [rec.meeting_type] if rec.meeting_type else []),
            ),
            (_L()["Partner side"], _attendees(rec.partner_attendees, links)),
            (_L()["Our side"], _attendees(rec.our_attendees, links)),
        ]
        sections += [
            (_L()["Key points"], _para(rec.key_points)),
            (_L()["Exchange"], _turns(rec.turns)),
        ]
        tail = [(_L()["Drafted by"], _e(rec.drafter)), (_L()["Approved by"], _e(rec.approver)),
                (_L()["Distribution"], _e(", ".join(rec.distribution)))]  # fmt: skip
    elif k == "visit":
        meta += [
            (_L()["Date"], _e(i18n.format_date(rec.date, long=True))),
            (QCoreApplication.translate("Detail", "Type of visit"), _e(_visit_type(rec))),
            (_L()["Project"], _link(links.get(rec.project_id)) if rec.project_id else ""),
            (_L()["Site"], _e(rec.site)),
            (_L()["Country"], _e(country_label(rec.country))),
            (_L()["Visitors"], _e(", ".join(rec.visitors))),
            (_L()["People met"], _attendees(rec.people_met, links)),
        ]
        if rec.latitude is not None and rec.longitude is not None:
            meta.append((_L()["Location"], f"{rec.latitude:.5f}, {rec.longitude:.5f}"))
        if rec.criteria or rec.overall_rating:
            rows = []
            for code, crit in reference().dac_criteria.items():
                r = rec.criteria.get(code)
                if r is None:
                    continue
                rating = _grant_rating(r)  # JICA sub-rating, or a legacy A-D kept as entered
                rows.append(
                    f"<tr><td>{_e(i18n.label(crit))}</td><td><b>{rating}</b></td><td>{_e(r.note)}</td></tr>"
                )
            overall = ""
            if rec.overall_rating:
                name = i18n.label(reference().ratings.get(rec.overall_rating), "")
                overall = f"<p><b>{_e(_L()['Overall rating'])}: {_e(rec.overall_rating)}</b> {_e(name)}</p>"
            overall += _grant_warning(rec)
            sections.append(
                (
                    _L()["DAC criteria"],
                    overall
                    + (
                        f'<table class="grid" width="100%"><tr><th>{_e(_L()["Criterion"])}</th>'
                        f"<th>{_e(_L()['Rating'])}</th><th>{_e(_L()['Note'])}</th></tr>{''.join(rows)}</table>"
                        if rows
                        else ""
                    ),
                )
            )
        sections += [
            (_L()["Progress"], _para(rec.progress)),
            (_L()["Use of facilities and equipment"], _para(rec.facilities_use)),
            (_L()["Findings"], _para(rec.findings)),
            (_L()["Issues and risks"], _para(rec.issues)),
            (_L()["Recommendations"], _para(rec.recommendations)),
        ]
        tail = []
    elif k == "project":
        ref = reference()
        meta += [
            (_L()["Status"], _e(status_label("project", rec.status))),
            (_L()["Scheme"], _e(i18n.label(ref.schemes.get(rec.scheme), rec.scheme))),
            (_L()["IATI identifier"], _e(rec.iati_identifier)),
            (_L()["Reporting organisation"], _e(rec.reporting_org)),
            (_L()["Implementing partner"], _e(rec.implementing_partner)),
            (_L()["Country"], _e(country_label(rec.country))),
            (_L()["Location"], _e(rec.location)),
            (
                _L()["Sectors"],
                ", ".join(_e(i18n.label(ref.sectors.get(s.code), s.code)) for s in rec.sectors),
            ),
            (
                _L()["Budget"],
                # As the reports print it: 9,640万円 in Japanese (fieldkit.core.amounts).
                _e(format_amount(rec.budget, rec.currency, i18n.current_language())),
            ),
            (_L()["Contract"], _e(i18n.format_date(rec.contract_date))),
            (
                _L()["Start – end"],
                _e(" – ".join(i18n.format_date(d) for d in (rec.start_date, rec.end_date) if d)),
            ),
            (
                _L()["Interim report due"],
                _date_cell(rec.interim_report_due, rec.interim_report_received, today),
            ),
            (
                _L()["Completion report due"],
                _date_cell(rec.completion_report_due, rec.completion_report_received, today),
            ),
        ]
        meta = _grant_project_meta(rec, detail.get("visits") or [], meta, today)  # (#15)
        title_ja = rec.translations.get("title", {}).get("ja")
        if title_ja and title_ja != rec.title:
            meta.insert(0, (_L()["Title (Japanese)"], _e(title_ja)))
        sections += [
            (_L()["Description"], _para(rec.description)),
            (_L()["Notes"], _para(rec.notes)),
        ]
        visits = detail.get("visits") or []
        if visits:
            items = "".join(
                f"<tr><td>{_e(i18n.format_date(v.date))}</td><td>{_link(v)}</td><td>{_e(v.overall_rating or '')}</td></tr>"
                for v in visits
            )
            sections.append(
                (_L()["Monitoring visits"], f'<table class="grid" width="100%">{items}</table>')
            )
        tail = []
    elif k == "organisation":
        ref = reference()
        meta += [
            (_L()["Local name"], _e(rec.name_local)),
            (_L()["Acronym"], _e(rec.acronym)),
            (_L()["Type"], _e(i18n.label(ref.organisation_types.get(rec.type), rec.type))),
            (_L()["Country"], _e(country_label(rec.country))),
            (_L()["Address"], _e(rec.address)),
            (_L()["Phone"], _e(rec.phone)),
            (_L()["E-mail"], _e(rec.email)),
            (_L()["Website"], _e(rec.website)),
            (_L()["IATI organisation id"], _e(rec.iati_ref)),
        ]
        sections.append((_L()["Notes"], _para(rec.notes)))
        tail = []
    elif k == "person":
        meta += [
            (_L()["Local name"], _e(rec.name_local)),
            (_L()["Title"], _e(rec.title)),
            (
                _L()["Organisation"],
                _link(links.get(rec.organisation_id)) if rec.organisation_id else "",
            ),
            (_L()["Country"], _e(country_label(rec.country))),
            (_L()["E-mail"], _e(rec.email)),
            (_L()["Phone"], _e(rec.phone)),
        ]
        sections.append((_L()["Notes"], _para(rec.notes)))
        tail = []
    elif k == "followup":
        meta += [
            (_L()["Status"], _e(status_label("followup", rec.status))),
            (_L()["Owner"], _e(rec.owner)),
            (
                _L()["Due"],
                _date_cell(rec.due, rec.done_on, today)
                if rec.status == "open"
                else _e(i18n.format_date(rec.due)),
            ),
            (_L()["From"], _link(links.get(rec.parent_id)) if rec.parent_id else ""),
        ]
        sections.append((_L()["Action"], _para(rec.text)))
        tail = []
    else:
        tail = []

    parts.append(_meta_table(meta))
    for title, body in sections:
        if body:
            parts.append(f'<p class="section">{_e(title)}</p>{body}')

    followups = detail.get("followups") or []
    if followups:
        rows = []
        for f in followups:
            due = (
                _date_cell(f.due, None, today)
                if f.status == "open"
                else _e(i18n.format_date(f.due))
            )
            rows.append(
                f"<tr><td>{_e(f.text)}</td><td>{_e(f.owner)}</td><td nowrap>{due}</td>"
                f"<td nowrap>{_e(status_label('followup', f.status))}</td></tr>"
            )
        parts.append(
            f'<p class="section">{_e(_L()["Follow-up actions"])}</p>'
            f'<table class="grid" width="100%"><tr><th width="46%">{_e(_L()["Action"])}</th><th width="26%">{_e(_L()["Owner"])}</th>'
            f"<th nowrap>{_e(_L()['Due'])}</th><th nowrap>{_e(_L()['Status'])}</th></tr>{''.join(rows)}</table>"
        )
    photos = detail.get("photos") or []
    if photos:
        cells = []
        for att, image in photos:
            img = f'<img src="thumb:{att.id}">' if not image.isNull() else _e(att.filename)
            cells.append(
                f'<td align="center" valign="top" style="padding:4px">{img}<br>'
                f'<span class="muted">{_e(att.caption or att.filename)}</span></td>'
            )
        rows = "".join(
            "<tr>" + "".join(cells[i : i + 2]) + "</tr>" for i in range(0, len(cells), 2)
        )
        parts.append(f'<p class="section">{_e(_L()["Photos"])}</p><table>{rows}</table>')
    files = detail.get("files") or []
    if files:
        items = "<br>".join(
            f"{_e(f.title_text())} <span class='muted'>({_e(f.media_type)})</span>" for f in files
        )
        parts.append(f'<p class="section">{_e(_L()["Attachments"])}</p><p>{items}</p>')
    if tail:
        parts.append(_meta_table(tail, top=12))
    footer = (
        f"{_e(_L()['Revision'])} {rec.revision} · {_e(_L()['created'])} {_e(i18n.format_date(rec.created_at, time=True))} "
        f"{_e(rec.created_by)} · {_e(_L()['last edited'])} {_e(i18n.format_date(rec.updated_at, time=True))} {_e(rec.updated_by)}"
    )
    if rec.post:  # a post code or its English name: shown in the interface language
        footer += f" · {_e(reference().post_label(rec.post, i18n.current_language()))}"
    parts.append(f'<p class="muted" style="margin-top:14px; font-size:8.5pt">{footer}</p>')
    parts.append("</body></html>")
    return "".join(parts)


def _meta_table(rows: list[tuple[str, str]], top: int = 4) -> str:
    cells = "".join(
        f'<tr><td class="k">{_e(key)}</td><td>{value}</td></tr>' for key, value in rows if value
    )
    return f'<table class="meta" style="margin-top:{top}px">{cells}</table>' if cells else ""


# ---- grant monitoring (#15) -------------------------------------------------------------------


def _visit_type(rec) -> str:
    from fieldkit.core.grant_reference import visit_types

    vt = visit_types().get(rec.visit_type)
    return i18n.label(vt, rec.visit_type) if vt else rec.visit_type


def _grant_rating(r) -> str:
    from fieldkit.core.grant_reference import sub_rating_label

    if r.rating:
        colour = {"3": "#2e7d32", "2": "#b26a00", "1": "#b3261e"}[r.rating]
        text = sub_rating_label(r.rating, i18n.current_language())
        return f'<span style="color:{colour}">{_e(text)}</span>'
    if r.legacy_rating:
        text = QCoreApplication.translate("Detail", "{rating} (legacy rating)")
        return _e(text.format(rating=r.legacy_rating))
    return "–"


def _grant_warning(rec) -> str:
    """The overall rating's disagreement with the sub-ratings, in red (empty when they agree)."""
    from fieldkit.core.ratings import overall_disagrees

    msg = overall_disagrees(rec)
    if msg is None:
        return ""
    return f'<p style="color:#b3261e"><b>{_e(msg.render(i18n.current_language()))}</b></p>'


def _grant_project_meta(rec, visits, meta: list, today: date | None) -> list:
    """Report rows only for the reports the scheme asks the grantee for, and the project's flags
    (overdue, late, overrun, follow-up visit due) in red."""
    from fieldkit.core.grant_flags import project_flags
    from fieldkit.core.grant_reference import scheme_rules

    asks = scheme_rules(rec.scheme).reports
    drop = {
        _L()[f"{r.capitalize()} report due"] for r in ("interim", "completion") if r not in asks
    }
    out = [row for row in meta if row[0] not in drop]
    lang = i18n.current_language()
    flags = project_flags(rec, [v for v in visits if v.kind == "visit"], today or date.today())
    if flags:
        text = "<br>".join(_e(f.message.render(lang)) for f in flags)
        out.append(
            (
                QCoreApplication.translate("Detail", "Flags"),
                f'<span style="color:#b3261e">{text}</span>',
            )
        )
    return out
