"""One Japanese word per domain term (issue #16): every catalogue entry (screens, reports' labels,
CLI and HQ messages: they all read resources/messages/ja.po) follows the glossary in
resources/messages/glossary.json. Fails on a second word for the same thing."""

from __future__ import annotations

import json
import re

import pytest
from babel.messages.pofile import read_po

from fieldkit.core.messages import catalogue_path
from fieldkit.core.resources import resource_path


def glossary() -> list[dict]:
    return json.loads(resource_path("messages", "glossary.json").read_text("utf-8"))["terms"]


def japanese_entries() -> list[tuple[str, str, str]]:
    """(context, English, Japanese) of every entry; plural forms joined."""
    with catalogue_path("ja").open("rb") as f:
        cat = read_po(f)
    out = []
    for m in cat:
        if not m.id:
            continue
        english = " / ".join(m.id) if isinstance(m.id, (list, tuple)) else m.id
        japanese = m.string
        japanese = " / ".join(japanese) if isinstance(japanese, (list, tuple)) else japanese
        out.append((m.context or "", english, japanese or ""))
    return out


def _label(english: str) -> str:
    """A UI label as the glossary compares it: no mnemonic, ellipsis or colon."""
    return re.sub(r"&(?=\w)", "", english).strip().rstrip(".…:").strip()


def violations(entries, terms) -> list[str]:
    found = []
    for ctx, english, japanese in entries:
        for term in terms:
            label = _label(english)
            in_context = "contexts" not in term or ctx in term["contexts"]
            if in_context and re.search(term["match"], label, re.I):
                for word in term.get("forbidden", []):
                    if word in japanese:
                        found.append(
                            f"[{ctx}] {english!r} -> {japanese!r}: {word} (use {term['ja']})"
                        )
                exact = term.get("exact")
                if exact and re.search(exact, label, re.I) and term["ja"] not in japanese:
                    found.append(f"[{ctx}] {english!r} -> {japanese!r}: not {term['ja']}")
            for word in term.get("anywhere", []):
                if word in japanese:
                    found.append(f"[{ctx}] {english!r} -> {japanese!r}: {word} (use {term['ja']})")
    return sorted(set(found))


def test_the_glossary_is_well_formed():
    terms = glossary()
    assert len(terms) >= 15
    words = [t["ja"] for t in terms]
    assert len(words) == len(set(words)), "two terms share a Japanese word"
    for t in terms:
        for key in ("match", "exact"):
            if t.get(key):
                re.compile(t[key])
        assert t["ja"] not in t.get("forbidden", []), t


def test_every_catalogue_entry_follows_the_glossary():
    problems = violations(japanese_entries(), glossary())
    assert not problems, f"{len(problems)} entries use another word:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("english", "japanese", "why"),
    [
        ("Partner side", "相手方", "先方"),
        ("Summit / forum", "首脳会議等", "首脳会議・フォーラム"),
        ("Meetings and visits per month", "月別の会談と訪問", "面談"),
        ("Overdue only", "期限切れのみ", "期限超過"),
        ("Open", "未完了", "未了"),
        ("Instruments", "手段", "協力手段"),
    ],
)
def test_a_second_word_is_caught(english, japanese, why):
    """The check itself: the variants found in the catalogue before the glossary fail it."""
    problems = violations([("Test", english, japanese)], glossary())
    assert problems and any(why in p for p in problems), problems


def test_report_labels_use_the_glossary_words():
    from fieldkit.reports.labels import labels

    t = labels("ja")
    assert t("Partner side") == "先方"
    assert t("Partner's requests") == "先方の要望"
    assert t("Summit / forum") == "首脳会議・フォーラム"
    assert t("Instruments") == "協力手段"
    assert t("Monitoring visits") == "案件視察"
    assert t("Action") == "対応事項"
