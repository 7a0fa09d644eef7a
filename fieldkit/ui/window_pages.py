"""The main window's pages, each built the first time it is shown or asked for.

The window opens with the page it shows and nothing else: building every page at start imported
the sync client (httpx, 0.6 s) and the pydantic models, and made seven pages of widgets, while a
user waits for one list. A page not yet built is an empty placeholder in the stack; it reads the
store when it is built, so it misses no change made before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

LIST_PAGES = ("meeting", "visit", "project", "contact")


class UnavailablePage(QWidget):
    """Shown where a part of the app is missing from this build, instead of failing to start."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label = QLabel(text)
        label.setObjectName("placeholder")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        QVBoxLayout(self).addWidget(label)


def make_sync_page(parent: QWidget | None = None) -> QWidget:
    try:
        from fieldkit.ui.sync_page import SyncPage
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("fieldkit.ui"):
            return UnavailablePage(
                QCoreApplication.translate(
                    "MainWindow", "Sync with headquarters is not part of this build."
                ),
                parent,
            )
        raise
    return SyncPage(parent)


def make_page(name: str) -> QWidget:
    """A new page of the window by its name (imports its module only now)."""
    if name in LIST_PAGES:
        from fieldkit.ui.lists.page import ListPage

        return ListPage(name)
    if name == "followups":
        from fieldkit.ui.followups import FollowupsPage

        return FollowupsPage()
    if name == "dashboard":
        from fieldkit.ui.dashboard import DashboardPage

        return DashboardPage()
    if name == "sync":
        return make_sync_page()
    raise KeyError(name)


class LazyPages:
    """Name -> page, as a dict reads, but ``pages[name]`` builds the page on first use.

    ``values()`` and ``items()`` are the pages built so far (the ones to tell about changes);
    ``built`` says whether one is. ``placed(name, page)`` runs once a new page is in the stack (in
    the window: what needs it there, like the tab order)."""

    def __init__(
        self,
        stack: QStackedWidget,
        names: tuple[str, ...],
        build: Callable[[str], QWidget],
        placed: Callable[[str, QWidget], None] | None = None,
    ) -> None:
        self._stack, self._names, self._build, self._placed = stack, names, build, placed
        self._pages: dict[str, QWidget] = {}
        for _ in names:
            stack.addWidget(QWidget())

    def __getitem__(self, name: str) -> QWidget:
        page = self._pages.get(name)
        if page is not None:
            return page
        if name not in self._names:
            raise KeyError(name)
        index = self._names.index(name)
        page = self._pages[name] = self._build(name)
        placeholder = self._stack.widget(index)
        was_current = self._stack.currentIndex() == index
        self._stack.insertWidget(index, page)
        self._stack.removeWidget(placeholder)
        placeholder.deleteLater()
        if was_current:
            self._stack.setCurrentIndex(index)
        if self._placed is not None:
            self._placed(name, page)
        return page

    def built(self, name: str) -> bool:
        return name in self._pages

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def values(self) -> list[QWidget]:
        return list(self._pages.values())

    def items(self) -> list[tuple[str, QWidget]]:
        return list(self._pages.items())
