"""packaging/trim_icu.py: the Linux bundle's smaller ICU data gives Qt the same answers.

The check loads the trimmed library into a fresh Python before PySide6, so Qt's ICU binds to it
(the dynamic linker reuses a library already loaded under the same soname), and compares what Qt
answers with what it answers on the wheel's full data: collation in English, Japanese and the
partner countries' locales, case mapping, codecs, time zones and their names.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

import trim_icu  # noqa: E402

PROBE = r"""
import ctypes, functools, json, sys
if len(sys.argv) > 1:
    ctypes.CDLL(sys.argv[1], mode=ctypes.RTLD_GLOBAL)
from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone
words = ["あいう", "アイス", "漢字", "Zebra", "apple", "Äpfel", "ข้าว", "été", "ete", "Örn", "Ost",
         "čaj", "Ngozi", "ñandú", "Đà Nẵng", "Ōsaka"]
out = {}
for loc in ("ja_JP", "en_US", "fr_SN", "th_TH", "sv_SE", "vi_VN", "es_PE", "cs_CZ"):
    c = QCollator(QLocale(loc))
    out[loc] = sorted(words, key=functools.cmp_to_key(c.compare))
out["upper_tr"] = QLocale("tr_TR").toUpper("istanbul")
out["upper_de"] = QLocale("de_DE").toUpper("straße")
out["codecs"] = [QStringDecoder(n).isValid() for n in ("Shift_JIS", "EUC-JP", "windows-874", "GB18030")]
out["zones"] = len(QTimeZone.availableTimeZoneIds())
tz = QTimeZone(b"Africa/Nairobi")
out["names"] = [tz.displayName(QTimeZone.StandardTime, QTimeZone.LongName, QLocale(l))
                for l in ("ja_JP", "en_US")]
print(json.dumps(out, ensure_ascii=False))
"""


def qt_icu_library() -> Path:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not found:
        pytest.skip("this PySide6 build carries no ICU of its own (Windows and macOS wheels)")
    return found[0]


@pytest.mark.parametrize(
    "item, kept",
    [
        ("ja.res", True),
        ("en_GB.res", True),
        ("root.res", True),
        ("pool.res", True),
        ("res_index.res", True),
        ("supplementalData.res", True),
        ("zoneinfo64.res", True),
        ("coll/th.res", True),  # collation stays for every locale
        ("coll/ucadata.icu", True),
        ("brkitr/thaidict.dict", True),
        ("ibm-943_P15A-2003.cnv", True),
        ("fr.res", False),
        ("zh_Hant_TW.res", False),
        ("lang/sw.res", False),
        ("zone/ja.res", True),
        ("curr/de_.res", False),
        ("translit/el_Latn.res", False),
        ("unames.icu", False),
    ],
)
def test_what_the_trimmed_data_keeps(item, kept):
    assert trim_icu.wanted(item) is kept
    assert trim_icu.wanted(f"icudt73l/{item}") is kept


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux wheels only")
def test_trimmed_icu_gives_qt_the_same_answers_at_half_the_size(tmp_path):
    if shutil.which("icupkg") is None:
        pytest.fail("icupkg is missing: install icu-devtools (.ci/run does)")
    full = qt_icu_library()
    small = trim_icu.trim(full, tmp_path)
    assert small.name == full.name
    assert small.stat().st_size < full.stat().st_size * 0.55

    def probe(*preload: Path) -> dict:
        result = subprocess.run(
            [sys.executable, "-c", PROBE, *map(str, preload)],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    expected, got = probe(), probe(small)
    assert got == expected
    assert expected["names"][0] == "東アフリカ時間"
    assert expected["th_TH"][0] == "ข้าว"  # Thai tailoring: Thai before Latin, kept


def test_a_library_without_icu_data_is_refused(tmp_path):
    if shutil.which("icupkg") is None or shutil.which("cc") is None:
        pytest.fail("icupkg and a C compiler are needed (.ci/run installs icu-devtools)")
    not_icu = Path(sys.executable).resolve()
    with pytest.raises(trim_icu.TrimError, match="icudt"):
        trim_icu.trim(not_icu, tmp_path)
