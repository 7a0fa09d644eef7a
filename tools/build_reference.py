"""Regenerate the reference data files in resources/reference/.

Run from the repository root when the IATI codelists or pycountry change:

    uv run python tools/build_reference.py                      # IATI code lists and countries
    uv run python tools/build_reference.py --iati-only          # the IATI code lists alone
    uv run python tools/build_reference.py --nonembedded DIR --embedded DIR

The IATI code lists come from the files IATI publishes (no network here): the non-embedded lists
(DAC purpose codes, regions, currencies, organisation types, ...) from the ``xml/`` folder of
https://github.com/IATI/IATI-Codelists-NonEmbedded (``git clone --depth 1`` it, or download the
folder), the embedded ones (activity status, date types, organisation roles) from the 2.03
release of https://github.com/IATI/IATI-Codelists. Codes IATI marks withdrawn are kept with
``"withdrawn": true``: older files still use them, and importing them must not fail. The source
and version of each list go into resources/reference/IATI-CODELISTS.md.

The app never reads the codelists or pycountry at run time: it loads the JSON this writes,
so start-up stays fast and a fresh clone works without ../shared.
"""

from __future__ import annotations

import argparse
import gettext
import json
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree

OUT = Path(__file__).resolve().parent.parent / "resources" / "reference"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
NONEMBEDDED = SHARED / "iati-codelists-nonembedded"
EMBEDDED = SHARED / "iati-codelists-2.03"

# File written <- (codelist, which folder it comes from).
IATI_LISTS = {
    "dac_sectors.json": ("Sector", "nonembedded"),
    "dac_sector_categories.json": ("SectorCategory", "nonembedded"),
    "currencies.json": ("Currency", "nonembedded"),
    "iati_organisation_types.json": ("OrganisationType", "nonembedded"),
    "iati_sector_vocabularies.json": ("SectorVocabulary", "nonembedded"),
    "iati_regions.json": ("Region", "nonembedded"),
    "iati_activity_status.json": ("ActivityStatus", "embedded"),
    "iati_activity_date_types.json": ("ActivityDateType", "embedded"),
    "iati_organisation_roles.json": ("OrganisationRole", "embedded"),
}


def codelist(path: Path) -> list[dict]:
    """The items of an IATI codelist file; withdrawn ones marked, not left out."""
    items = []
    for item in ElementTree.parse(path).getroot().iter("codelist-item"):
        names = {}
        for narrative in item.findall("name/narrative"):
            names[narrative.get(XML_LANG, "en")] = (narrative.text or "").strip()
        entry = {"code": item.findtext("code").strip(), "name": names.get("en", "")}
        category = item.findtext("category")
        if category:
            entry["category"] = category.strip()
        if item.get("status") == "withdrawn":
            entry["withdrawn"] = True
        items.append(entry)
    return items


def source_of(folder: Path) -> str:
    """Where a codelist folder comes from: its git commit, or what its README says."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(folder), "log", "-1", "--format=%H (%cs)"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if commit:
            return f"commit {commit}"
    except (OSError, subprocess.CalledProcessError):
        pass
    readme = folder / "README.md"
    if readme.is_file():
        text = " ".join(readme.read_text(encoding="utf-8").split())
        found = re.search(r"(\S+/\S+), commit ([0-9a-f]{7,40}) \(([0-9-]+)\)", text)
        if found:
            return f"{found.group(1)}, commit {found.group(2)} ({found.group(3)})"
        first = re.split(r"(?<=\.) ", text)[0]
        return first[:200]
    return str(folder)


def build_iati(nonembedded: Path, embedded: Path, embedded_source: str = "") -> None:
    folders = {"nonembedded": nonembedded, "embedded": embedded}
    rows = []
    for name, (listname, kind) in IATI_LISTS.items():
        items = codelist(folders[kind] / f"{listname}.xml")
        write(name, items)
        withdrawn = sum(1 for i in items if i.get("withdrawn"))
        rows.append(f"| `{name}` | {listname} | {kind} | {len(items)} | {withdrawn} |")
    note = OUT / "IATI-CODELISTS.md"
    note.write_text(
        "# IATI code lists in this folder\n\n"
        "Written by `tools/build_reference.py` (do not edit the JSON by hand; run it again to\n"
        "refresh them from newer published files). Withdrawn codes are kept, marked\n"
        '`"withdrawn": true`: files published before the withdrawal still use them.\n\n'
        f"- non-embedded lists: {source_of(nonembedded)}\n"
        f"- embedded lists (IATI Standard 2.03): {embedded_source or source_of(embedded)}\n"
        f"- built: {datetime.now(UTC):%Y-%m-%d}\n\n"
        "| file | codelist | from | codes | withdrawn |\n|---|---|---|---|---|\n"
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {note}")


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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Regenerate resources/reference/.")
    parser.add_argument("--nonembedded", type=Path, default=NONEMBEDDED, metavar="DIR")
    parser.add_argument("--embedded", type=Path, default=EMBEDDED, metavar="DIR")
    parser.add_argument("--iati-only", action="store_true", help="leave countries.json alone")
    args = parser.parse_args(argv)
    for folder in (args.nonembedded, args.embedded):
        if not (folder / "Sector.xml").is_file() and not (folder / "ActivityStatus.xml").is_file():
            parser.error(f"{folder} holds no IATI codelist files")
    OUT.mkdir(parents=True, exist_ok=True)
    if not args.iati_only:
        write("countries.json", countries())
    # The shared copy of the embedded 2.03 lists has no note of its own; say where it is from.
    known = "IATI-Codelists 2.03 embedded lists, as released in pyIATI 0.4.1 (2018)"
    build_iati(args.nonembedded, args.embedded, known if args.embedded == EMBEDDED else "")


if __name__ == "__main__":
    main()
