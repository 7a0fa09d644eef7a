"""The read-only table base shared by the record lists and the follow-ups list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from fieldkit.ui import i18n
from fieldkit.ui.followups import FollowupModel, FollowupRow
from fieldkit.ui.lists.columns import columns_for
from fieldkit.ui.lists.model import RecordListModel
from fieldkit.ui.lists.table_model import ReadOnlyTableModel

H = Qt.Orientation.Horizontal
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def _followups() -> FollowupModel:
    model = FollowupModel()
    model.set_rows([FollowupRow("f1", "Send the ToR", "Ito", None, "open", None, "", "", "KE")])
    return model


@pytest.mark.parametrize("make", [_followups, lambda: RecordListModel(columns_for("meeting"))])
def test_headers_and_flags_are_the_same_for_both_lists(qtbot, make):
    model = make()
    assert isinstance(model, ReadOnlyTableModel)
    n = model.columnCount()
    assert n > 3
    for section in range(n):
        assert model.headerData(section, H) == model.header_text(section) != ""
        assert model.headerData(section, H, Qt.ItemDataRole.TextAlignmentRole) == LEFT
        assert model.headerData(section, H, Qt.ItemDataRole.ToolTipRole) is None
    # Outside the columns, and vertical headers: nothing (the follow-ups model used to answer
    # the alignment for any section).
    for section in (-1, n):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole):
            assert model.headerData(section, H, role) is None
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert model.flags(QModelIndex()) == Qt.ItemFlag.NoItemFlags


def test_row_flags_select_but_never_edit(qtbot):
    model = _followups()
    flags = model.flags(model.index(0, 1))
    assert flags & Qt.ItemFlag.ItemIsSelectable and flags & Qt.ItemFlag.ItemIsEnabled
    assert flags & Qt.ItemFlag.ItemNeverHasChildren
    assert not flags & Qt.ItemFlag.ItemIsEditable


def test_headers_follow_the_interface_language(qtbot):
    model = _followups()
    previous = i18n.current_language()
    try:
        i18n.apply_language("ja")
        japanese = [model.headerData(s, H) for s in range(model.columnCount())]
    finally:
        i18n.apply_language(previous)
    assert japanese != [model.headerData(s, H) for s in range(model.columnCount())]
