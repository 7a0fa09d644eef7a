"""Which columns each list shows, how a summary row becomes cell text, and how columns sort.

A column sorts through the store's own ORDER BY (``fieldkit.core.query.SORTS``), so sorting
100,000 rows is one indexed query, never a Python sort; the opposite direction of a key the
store offers only one way is the reversed id list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication

from fieldkit.core.reference import reference
from fieldkit.ui import i18n

from .flag_cells import flag_text


def kind_label(kind: str) -> str:
    return {
        "meeting": QCoreApplication.translate("Columns", "Meeting"),
        "visit": QCoreApplication.translate("Columns", "Visit"),
        "project": QCoreApplication.translate("Columns", "Project"),
        "organisation": QCoreApplication.translate("Columns", "Organisation"),
        "person": QCoreApplication.translate("Columns", "Person"),
        "followup": QCoreApplication.translate("Columns", "Follow-up"),
        "attachment": QCoreApplication.translate("Columns", "Attachment"),
    }.get(kind, kind)


def status_label(kind: str, status: str | None) -> str:
    if not status:
        return ""
    if kind == "project":
        names = {
            "1": QCoreApplication.translate("Columns", "Pipeline/identification"),
            "2": QCoreApplication.translate("Columns", "Implementation"),
            "3": QCoreApplication.translate("Columns", "Completion"),
            "4": QCoreApplication.translate("Columns", "Post-completion"),
            "5": QCoreApplication.translate("Columns", "Cancelled"),
            "6": QCoreApplication.translate("Columns", "Suspended"),
        }
        return names.get(status, status)
    if kind in ("meeting", "visit"):  # where its approval (決裁) stands
        return {
            "draft": QCoreApplication.translate("Columns", "Draft"),
            "submitted": QCoreApplication.translate("Columns", "Submitted"),
            "approved": QCoreApplication.translate("Columns", "Approved"),
            "filed": QCoreApplication.translate("Columns", "Filed"),
        }.get(status, status)
    return {
        "open": QCoreApplication.translate("Columns", "Open"),
        "done": QCoreApplication.translate("Columns", "Done"),
        "dropped": QCoreApplication.translate("Columns", "Dropped"),
    }.get(status, status)


def country_label(code: str | None) -> str:
    return reference().country_name(code, i18n.current_language()) if code else ""


def classification_label(code: str | None) -> str:
    if not code:
        return ""
    return i18n.label(reference().classifications.get(code), code)


def marking_label(row: dict[str, Any]) -> str:
    """A row's classification and caveats: "取扱注意・現地職員閲覧不可" (fieldkit.core.marking)."""
    from fieldkit.core.marking import effective_marking

    if not row.get("classification"):
        return ""
    return effective_marking(row).label(i18n.current_language())


@dataclass(frozen=True)
class Column:
    key: str
    header: Callable[[], str]
    text: Callable[[dict[str, Any]], str]
    sort_asc: str | None = None  # a key of query.SORTS; None: not sortable
    sort_desc: str | None = None  # None with sort_asc set: the reversed ascending list
    width: int = 120
    stretch: bool = False


def _field(name: str) -> Callable[[dict[str, Any]], str]:
    return lambda row: row.get(name) or ""


def _date(name: str) -> Callable[[dict[str, Any]], str]:
    return lambda row: i18n.format_date(row.get(name))


# What an auditor would flag on a project or visit (#15): read in the background (flag_cells).
FLAGS = Column(
    "flags",
    lambda: QCoreApplication.translate("Columns", "Flags"),
    flag_text,
    None,
    None,
    240,
)


DATE = Column(
    "date",
    lambda: QCoreApplication.translate("Columns", "Date"),
    _date("date"),
    "date_asc",
    "date",
    110,
)
TITLE = Column(
    "title",
    lambda: QCoreApplication.translate("Columns", "Subject"),
    _field("title"),
    "title",
    None,
    360,
    True,
)
COUNTRY = Column(
    "country",
    lambda: QCoreApplication.translate("Columns", "Country"),
    lambda r: country_label(r.get("country")),
    "country",
    None,
    125,
)
MARKING = Column(
    "classification",
    lambda: QCoreApplication.translate("Columns", "Marking"),
    marking_label,
    None,
    None,
    200,
)
EDITED = Column(
    "updated_at",
    lambda: QCoreApplication.translate("Columns", "Last edited"),
    _date("updated_at"),
    None,
    "updated",
    110,
)
APPROVAL = Column(
    "status",
    lambda: QCoreApplication.translate("Columns", "Approval"),
    lambda r: status_label(r.get("kind", ""), r.get("status")),
    "status",
    None,
    100,
)
EDITED_BY = Column(
    "updated_by",
    lambda: QCoreApplication.translate("Columns", "Edited by"),
    _field("updated_by"),
    None,
    None,
    120,
)

COLUMNS: dict[str, list[Column]] = {
    "meeting": [DATE, TITLE, COUNTRY, MARKING, EDITED, APPROVAL],
    "visit": [
        DATE,
        Column(
            "title",
            lambda: QCoreApplication.translate("Columns", "Visit"),
            _field("title"),
            "title",
            None,
            360,
            True,
        ),
        COUNTRY,
        MARKING,
        EDITED,
        APPROVAL,
        FLAGS,
    ],
    "project": [
        Column(
            "date",
            lambda: QCoreApplication.translate("Columns", "Contract / start"),
            _date("date"),
            "date_asc",
            "date",
            135,
        ),
        Column(
            "title",
            lambda: QCoreApplication.translate("Columns", "Project"),
            _field("title"),
            "title",
            None,
            340,
            True,
        ),
        COUNTRY,
        Column(
            "status",
            lambda: QCoreApplication.translate("Columns", "Status"),
            lambda r: status_label("project", r.get("status")),
            "status",
            None,
            130,
        ),
        Column(
            "due",
            lambda: QCoreApplication.translate("Columns", "Next report due"),
            _date("due"),
            "due",
            None,
            130,
        ),
        FLAGS,
    ],
    "contact": [
        Column(
            "title",
            lambda: QCoreApplication.translate("Columns", "Name"),
            _field("title"),
            "title",
            None,
            320,
            True,
        ),
        Column(
            "kind",
            lambda: QCoreApplication.translate("Columns", "Type"),
            lambda r: kind_label(r.get("kind", "")),
            "kind",
            None,
        ),
        COUNTRY,
        EDITED,
    ],
    "trash": [
        Column(
            "deleted_at",
            lambda: QCoreApplication.translate("Columns", "Deleted"),
            _date("deleted_at"),
            None,
            "updated",
            140,
        ),
        Column(
            "kind",
            lambda: QCoreApplication.translate("Columns", "Type"),
            lambda r: kind_label(r.get("kind", "")),
            "kind",
            None,
        ),
        Column(
            "title",
            lambda: QCoreApplication.translate("Columns", "Title"),
            _field("title"),
            "title",
            None,
            360,
            True,
        ),
        COUNTRY,
        EDITED_BY,
    ],
}


def columns_for(kind: str, trash: bool = False) -> list[Column]:
    return COLUMNS["trash" if trash else kind]


def is_overdue(row: dict[str, Any], today: date | None = None) -> bool:
    due = row.get("due")
    return bool(due) and due < (today or date.today()).isoformat()
