"""Help > About: version, data folder and the licences of bundled libraries and fonts."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldkit import __version__
from fieldkit.about import about_info, font_names, fonts, recognise_licence, runtime_distributions
from fieldkit.core.resources import resource_path


@pytest.fixture(scope="module")
def info():
    return about_info()


def by_name(components):
    return {c.name.lower().replace("_", "-"): c for c in components}


def test_version_and_data_folder(info, tmp_path, monkeypatch):
    assert info.version == __version__
    monkeypatch.setenv("FIELDKIT_DATA_DIR", str(tmp_path / "kit"))
    assert about_info().data_dir == (tmp_path / "kit").resolve()
    assert about_info(tmp_path / "other").data_dir == (tmp_path / "other").resolve()
    assert not info.bundled


def test_every_runtime_library_is_listed_with_a_licence(info):
    libs = by_name(info.libraries)
    # The direct requirements that matter most for redistribution, with their real licences.
    assert "LGPL-3.0-only" in libs["pyside6-essentials"].licence
    assert libs["reportlab"].licence == "BSD License"
    assert libs["pydantic"].licence == "MIT"
    assert libs["sqlcipher3"].licence == "Zlib"  # recognised from its licence text
    for name in ("sqlite-utils", "pillow", "cryptography", "lxml", "httpx", "keyring"):
        assert name in libs, name
    assert "fieldkit" not in libs  # ourselves, not a third-party component
    assert "pytest" not in libs and "ruff" not in libs  # dev tools are not shipped
    unknown = [c.name for c in info.libraries if c.licence in ("", "unknown")]
    assert unknown == []
    # The full text is there for the licences that require it to travel with the program.
    assert "Redistribution and use" in libs["reportlab"].licence_text()
    assert "Permission is hereby granted" in libs["pydantic"].licence_text()


def test_runtime_distributions_follow_requirements_not_everything_installed():
    names = {n.lower() for n in runtime_distributions()}
    assert {"pydantic-core", "shiboken6", "annotated-types"} <= {n.replace("_", "-") for n in names}
    assert "pytest" not in names and "pyinstaller" not in names


def test_bundled_fonts_with_their_licence_files(info):
    found = by_name(info.fonts)
    ipa = found["ipaexgothic"]
    assert ipa.licence == "IPA Font License 1.0"
    assert [Path(p).name for p in ipa.licence_files] == ["IPA_Font_License_v1.0.txt"]
    assert "IPA" in ipa.licence_text()
    assert "Information-technology Promotion Agency" in ipa.copyright
    dejavu = found["dejavu sans"]
    assert [Path(p).name for p in dejavu.licence_files] == ["DejaVu_LICENSE.txt"]
    assert "Bitstream" in dejavu.licence_text()
    text = info.as_text()
    assert f"FieldKit {__version__}" in text and str(info.data_dir) in text
    assert "IPAexGothic 004.01 - IPA Font License 1.0" in text


def test_font_name_table_and_damaged_fonts(tmp_path):
    names = font_names(resource_path("fonts", "ipaexg.ttf"))
    assert names["family"] == "IPAexGothic"
    assert names["version"].startswith("Version 004")
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"\x00\x01\x00\x00\x00\x09garbage")
    assert font_names(broken) == {}
    (tmp_path / "OFL.txt").write_text("SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007\n")
    listed = fonts(tmp_path)
    assert [(c.name, c.licence) for c in listed] == [("broken", "OFL-1.1")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Permission is hereby granted, free of charge, to any person", "MIT"),
        ("Redistribution and use in source and binary\n   forms, with or without", "BSD"),
        ("                 Apache License\n           Version 2.0, January 2004", "Apache-2.0"),
        ("Permission is granted to anyone to use this software for any purpose", "Zlib"),
        ("All rights reserved. Do not copy.", ""),
    ],
)
def test_recognise_licence(text, name):
    assert recognise_licence(text) == name


def test_about_dialog_shows_version_folder_and_licences(qtbot, tmp_path):
    from PySide6.QtGui import QGuiApplication

    from fieldkit.ui.about import show_about

    dialog = show_about(None)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.windowTitle() == "About FieldKit"
    libraries, font_list = dialog.libraries, dialog.fonts
    assert libraries.table.topLevelItemCount() == len(dialog.info.libraries) > 20
    names = [
        font_list.table.topLevelItem(i).text(0) for i in range(font_list.table.topLevelItemCount())
    ]
    assert "IPAexGothic" in names
    font_list.table.setCurrentItem(font_list.table.topLevelItem(names.index("IPAexGothic")))
    assert "IPA Font License 1.0" in font_list.text.toPlainText()
    assert "IPA_Font_License_v1.0.txt" in font_list.text.toPlainText()
    dialog.copy_details()
    assert QGuiApplication.clipboard().text().startswith(f"FieldKit {__version__}")
    dialog.close()


def test_about_dialog_uses_the_open_stores_folder(qtbot, store):
    from PySide6.QtWidgets import QWidget

    from fieldkit.ui.about import show_about

    window = QWidget()
    window.store = store  # the main window keeps its open store here
    qtbot.addWidget(window)
    dialog = show_about(window)
    assert dialog.data_dir_label.text() == str(store.data_dir)
    dialog.close()
