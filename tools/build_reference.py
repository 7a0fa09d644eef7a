"""Regenerate the reference data files in resources/reference/.

Run from the repository root when the IATI codelists or pycountry change:

    uv run python tools/build_reference.py ../shared/data/iati-codelists-2.03

The app never reads the codelists or pycountry at run time: it loads the JSON this writes,
so start-up stays fast and a fresh clone works without ../shared.
"""

from __future__ import annotations

import gettext
import json
import sys
from pathlib import Path
from xml.etree import ElementTree

OUT = Path(__file__).resolve().parent.parent / "resources" / "reference"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def codelist(path: Path) -> list[dict]:
    items = []
    for item in ElementTree.parse(path).getroot().iter("codelist-item"):
        if item.get("status") == "withdrawn":
            continue
        names = {}
        for narrative in item.findall("name/narrative"):
            names[narrative.get(XML_LANG, "en")] = (narrative.text or "").strip()
        entry = {"code": item.findtext("code").strip(), "name": names.get("en", "")}
        category = item.findtext("category")
        if category:
            entry["category"] = category.strip()
        items.append(entry)
    return items


# Japanese names as the Ministry of Foreign Affairs writes them in its country pages and papers,
# where pycountry's translation differs: a typo (タニザニア), names Japan no longer uses (グルジア,
# キルギスタン), formal long names where MOFA uses the short one, and for Taiwan a designation
# (中国領・台湾) that Japanese government documents never use.
MOFA_NAMES_JA = {
    "AU": "オーストラリア",
    "BN": "ブルネイ",
    "BO": "ボリビア",
    "CG": "コンゴ共和国",
    "CV": "カーボベルデ",
    "DM": "ドミニカ国",
    "ER": "エリトリア",
    "GE": "ジョージア",
    "IR": "イラン",
    "KG": "キルギス",
    "KN": "セントクリストファー・ネービス",
    "KP": "北朝鮮",
    "KR": "韓国",
    "LA": "ラオス",
    "MD": "モルドバ",
    "MN": "モンゴル",
    "RU": "ロシア",
    "SY": "シリア",
    "TW": "台湾",
    "TZ": "タンザニア",
    "VA": "バチカン",
    "VE": "ベネズエラ",
    "WF": "ウォリス・フツナ",
}


def countries() -> list[dict]:
    import pycountry

    ja = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ja"])
    rows = []
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        rows.append(
            {
                "code": c.alpha_2,
                "alpha3": c.alpha_3,
                "name": name,
                "name_ja": MOFA_NAMES_JA.get(c.alpha_2) or ja.gettext(c.name),
            }
        )
    return sorted(rows, key=lambda r: r["code"])


def write(name: str, data) -> None:
    path = OUT / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path} ({len(data)} entries)")


def main(codelists_dir: str) -> None:
    src = Path(codelists_dir)
    OUT.mkdir(parents=True, exist_ok=True)
    write("countries.json", countries())
    write("dac_sectors.json", codelist(src / "Sector.xml"))
    write("dac_sector_categories.json", codelist(src / "SectorCategory.xml"))
    write("iati_activity_status.json", codelist(src / "ActivityStatus.xml"))
    write("currencies.json", codelist(src / "Currency.xml"))
    write("iati_organisation_roles.json", codelist(src / "OrganisationRole.xml"))
    write("iati_organisation_types.json", codelist(src / "OrganisationType.xml"))
    write("iati_activity_date_types.json", codelist(src / "ActivityDateType.xml"))
    write("iati_sector_vocabularies.json", codelist(src / "SectorVocabulary.xml"))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/iati-codelists-2.03")
