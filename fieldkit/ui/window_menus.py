"""The main window's menus and their actions (``window.acts``), shortcuts included.

Texts are set by the window's ``retranslate``; the slots are the window's commands or the parts
of the app they call (editors, printing, IATI import, About), imported when used.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from fieldkit.ui.lists import actions
from fieldkit.ui.lists.icons import icon


def _action(w, icon_name: str | None, slot, shortcut=None, menu=None) -> QAction:
    action = QAction(w)
    if icon_name:
        action.setIcon(icon(icon_name))
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    if menu is not None:
        menu.addAction(action)
    return action


def build_menus(w, pages: tuple[str, ...], page_icons: dict[str, str]) -> None:
    """File, Edit, View and Help on ``w``'s menu bar; ``w.acts`` holds the actions by name."""
    bar = w.menuBar()
    w.file_menu = bar.addMenu("")
    w.edit_menu = bar.addMenu("")
    w.view_menu = bar.addMenu("")
    w.help_menu = bar.addMenu("")
    fm, em, vm, hm = w.file_menu, w.edit_menu, w.view_menu, w.help_menu
    a = w.acts = {}
    a["new_meeting"] = _action(
        w, "new-meeting", lambda: actions.new_record(w, "meeting"), "Ctrl+N", fm
    )
    a["new_visit"] = _action(
        w, "new-visit", lambda: actions.new_record(w, "visit"), "Ctrl+Shift+N", fm
    )
    a["new_project"] = _action(w, None, lambda: actions.new_record(w, "project"), None, fm)
    a["new_org"] = _action(w, None, lambda: actions.new_record(w, "organisation"), None, fm)
    a["new_person"] = _action(w, None, lambda: actions.new_record(w, "person"), None, fm)
    fm.addSeparator()
    a["print"] = _action(w, "print", w.print_selected, QKeySequence.StandardKey.Print, fm)
    a["pdf"] = _action(w, "pdf", w.pdf_selected, "Ctrl+Shift+E", fm)
    a["digest"] = _action(
        w, None, lambda: actions.call_part(w, "printing", "digest_dialog", w), None, fm
    )
    w.reports_menu = fm.addMenu("")
    a["report_followups"] = _action(
        w,
        None,
        lambda: actions.call_part(w, "printing", "report_dialog", w, "followups"),
        None,
        w.reports_menu,
    )
    a["report_projects"] = _action(
        w,
        None,
        lambda: actions.call_part(w, "printing", "report_dialog", w, "projects"),
        None,
        w.reports_menu,
    )
    a["report_brief"] = _action(
        w,
        None,
        lambda: actions.call_part(w, "brief_dialog", "brief_dialog", w),
        None,
        w.reports_menu,
    )
    fm.addSeparator()
    a["export_csv"] = _action(w, "export", w.export_current, None, fm)
    a["import_iati"] = _action(
        w,
        "import",
        lambda: actions.call_part(w, "iati_import", "import_iati_dialog", w),
        None,
        fm,
    )
    fm.addSeparator()
    a["settings"] = _action(
        w, "settings", w.open_settings, QKeySequence.StandardKey.Preferences, fm
    )
    if a["settings"].shortcut().isEmpty():
        a["settings"].setShortcut(QKeySequence("Ctrl+,"))
    fm.addSeparator()
    a["quit"] = _action(w, None, w.close, QKeySequence.StandardKey.Quit, fm)
    if a["quit"].shortcut().isEmpty():
        a["quit"].setShortcut(QKeySequence("Ctrl+Q"))

    a["edit"] = _action(w, "edit", w.edit_selected, "Ctrl+E", em)
    a["history"] = _action(w, "history", w.history_selected, "Ctrl+H", em)
    a["delete"] = _action(w, "delete", w.delete_selected, None, em)
    a["undo"] = _action(w, "restore", w.undo, QKeySequence.StandardKey.Undo, em)
    a["undo"].setEnabled(False)
    em.addSeparator()
    a["find"] = _action(w, "search", w.focus_search, QKeySequence.StandardKey.Find, em)

    for i, name in enumerate(pages):
        act = _action(
            w, page_icons[name], lambda _c=False, n=name: w.navigate(n), f"Ctrl+{i + 1}", vm
        )
        a[f"page_{name}"] = act
    vm.addSeparator()
    a["trash"] = _action(w, "trash", w.toggle_trash, None, vm)
    a["refresh"] = _action(w, "refresh", w.refresh_all, QKeySequence.StandardKey.Refresh, vm)
    if a["refresh"].shortcut().isEmpty():
        a["refresh"].setShortcut(QKeySequence("F5"))
    a["about"] = _action(w, None, lambda: actions.call_part(w, "about", "show_about", w), None, hm)
    a["log"] = _action(w, None, w.show_log_location, None, hm)
