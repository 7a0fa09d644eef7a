"""Help > About: the version, the data folder, and the licences of everything FieldKit ships.

The information comes from ``fieldkit.about`` (importlib.metadata and the font files), so the
dialog always describes the installation that is running, bundle or source.

    show_about(main_window)   # window-modal; returns the dialog
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldkit.about import AboutInfo, Component, about_info
from fieldkit.core.resources import resource_path


class ComponentList(QWidget):
    """A table of libraries or fonts; the selected one's full licence text below it."""

    def __init__(self, components: list[Component], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.components = components
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHeaderLabels([self.tr("Name"), self.tr("Version"), self.tr("Licence")])
        for component in components:
            item = QTreeWidgetItem([component.name, component.version, component.licence])
            item.setToolTip(0, component.copyright or component.url)
            self.table.addTopLevelItem(item)
        header = self.table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setPlaceholderText(self.tr("Select an entry to read its licence."))

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.text)
        splitter.setSizes([260, 160])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.table.currentItemChanged.connect(self._show_licence)
        if components:
            self.table.setCurrentItem(self.table.topLevelItem(0))

    def _show_licence(self, current: QTreeWidgetItem | None, _previous=None) -> None:
        if current is None:
            self.text.clear()
            return
        component = self.components[self.table.indexOfTopLevelItem(current)]
        parts = [
            f"{component.name} {component.version}",
            f"{self.tr('Licence')}: {component.licence}",
        ]
        if component.copyright:
            parts.append(component.copyright)
        if component.url:
            parts.append(component.url)
        body = component.licence_text() or self.tr("This component ships no licence file.")
        self.text.setPlainText("\n".join(parts) + "\n\n" + body)


class AboutDialog(QDialog):
    def __init__(self, info: AboutInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.setWindowTitle(self.tr("About FieldKit"))
        self.setObjectName("AboutDialog")
        self.resize(720, 620)

        logo = QLabel()
        icon = QIcon(str(resource_path("icons", "app", "fieldkit.png")))
        logo.setPixmap(icon.pixmap(72, 72))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)

        title = QLabel(f"FieldKit {info.version}")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        summary = QLabel(
            self.tr("Cooperation meetings, project monitoring visits and follow-ups, offline.")
        )
        summary.setWordWrap(True)
        runtime = QLabel(
            self.tr("Python {python}, Qt for Python {qt}, {platform}{bundled}").format(
                python=info.python,
                qt=info.qt,
                platform=info.platform,
                bundled=self.tr(" (application bundle)") if info.bundled else "",
            )
        )
        runtime.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        runtime.setStyleSheet("color: palette(mid);")

        self.data_dir_label = QLabel(str(info.data_dir))
        self.data_dir_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_dir_label.setWordWrap(True)
        open_folder = QPushButton(self.tr("Open folder"))
        open_folder.setEnabled(Path(info.data_dir).is_dir())
        open_folder.clicked.connect(self.open_data_dir)
        data_row = QHBoxLayout()
        data_row.addWidget(QLabel(self.tr("Data folder:")))
        data_row.addWidget(self.data_dir_label, 1)
        data_row.addWidget(open_folder)

        heading = QVBoxLayout()
        heading.addWidget(title)
        heading.addWidget(summary)
        heading.addWidget(runtime)
        top = QHBoxLayout()
        top.addWidget(logo)
        top.addSpacing(12)
        top.addLayout(heading, 1)

        self.tabs = QTabWidget()
        self.libraries = ComponentList(info.libraries)
        self.fonts = ComponentList(info.fonts)
        self.tabs.addTab(self.libraries, self.tr("Libraries ({n})").format(n=len(info.libraries)))
        self.tabs.addTab(self.fonts, self.tr("Fonts ({n})").format(n=len(info.fonts)))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("Copy details"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.setToolTip(self.tr("Copy the version, folders and components, for a support request"))
        copy.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(6)
        layout.addLayout(data_row)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.info.as_text())

    def open_data_dir(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.info.data_dir)))


def show_about(parent: QWidget | None = None) -> AboutDialog:
    """Open the About dialog over ``parent`` (window-modal, non-blocking) and return it.

    The data folder shown is the open store's when ``parent`` has one, else the configured one.
    """
    store = getattr(parent, "store", None)
    data_dir = getattr(store, "data_dir", None)
    dialog = AboutDialog(about_info(data_dir), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
