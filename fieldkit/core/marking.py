"""The marking a piece of content carries wherever it is copied: one rule for every output.

A follow-up (or a photo) has marking fields of its own, but it repeats what was said at its
meeting: an action agreed at a NOT FOR LOCAL STAFF meeting is itself not for local staff, however
its own fields were filled in. So a child carries the union of its own caveats and its parent's,
and at least its parent's classification. Reports, CSV, calendar files, the app's lists and HQ's
filtering all ask :func:`effective_marking`; none of them works it out for itself.

    m = effective_marking(followup, meeting)
    m.classification, m.caveats          # "CONFIDENTIAL", ("NO_LOCAL_STAFF",)
    m.label("ja")                        # "秘・現地職員閲覧不可"

Records and light rows (the dicts of ``store.summaries`` or stored JSON) are both accepted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .reference import reference

NOT_FOR_LOCAL_STAFF = "NO_LOCAL_STAFF"  # the caveat a local-staff laptop must never receive


@dataclass(frozen=True)
class EffectiveMarking:
    """A classification code and the caveat codes that go with the content."""

    classification: str
    caveats: tuple[str, ...] = ()

    @property
    def restricted(self) -> bool:
        """Carries a handling caveat: not for every reader of an ordinary copy."""
        return bool(self.caveats)

    @property
    def rank(self) -> int:
        return reference().classification_rank(self.classification)

    def has(self, caveat: str) -> bool:
        return caveat in self.caveats

    def classification_name(self, lang: str = "en") -> str:
        level = reference().classifications.get(self.classification)
        return level.label(lang) if level else self.classification

    def caveat_names(self, lang: str = "en") -> list[str]:
        table = reference().caveats
        return [table[c].label(lang) if c in table else c for c in self.caveats]

    def label(self, lang: str = "en") -> str:
        """One short line: "CONFIDENTIAL · Not for local staff" / "秘・現地職員閲覧不可"."""
        sep = "・" if lang == "ja" else " · "
        return sep.join([self.classification_name(lang), *self.caveat_names(lang)])


def _get(item: Any, name: str, default=None):
    if isinstance(item, dict):
        return item.get(name, default)
    return getattr(item, name, default)


def _caveats(item: Any) -> tuple[str, ...]:
    value = _get(item, "caveats") or ()
    if isinstance(value, str):  # a light row may hold them as JSON text or "a; b"
        import json

        try:
            value = json.loads(value)
        except ValueError:
            value = [v.strip() for v in value.split(";")]
    return tuple(str(v) for v in value if v)


def effective_marking(record: Any, parent: Any = None) -> EffectiveMarking:
    """What ``record`` carries, given its ``parent`` (the meeting or visit of a follow-up, None
    for a record without one): the higher of the two classifications, both sets of caveats."""
    ref = reference()
    own = _get(record, "classification") or ref.default_classification
    if parent is None:
        return EffectiveMarking(own, tuple(dict.fromkeys(_caveats(record))))
    level = ref.highest_classification(
        [own, _get(parent, "classification") or ref.default_classification]
    )
    caveats = dict.fromkeys((*_caveats(parent), *_caveats(record)))
    return EffectiveMarking(level, tuple(caveats))


def strictest(markings: Iterable[EffectiveMarking]) -> EffectiveMarking:
    """The marking of a document holding all of ``markings``: the highest classification and
    every caveat (the default level when there is nothing)."""
    levels, caveats = [], {}
    for m in markings:
        levels.append(m.classification)
        caveats.update(dict.fromkeys(m.caveats))
    return EffectiveMarking(reference().highest_classification(levels), tuple(caveats))


def parents_of(store, records: Iterable[Any]) -> dict[str, Any]:
    """The parents of ``records`` (follow-ups, attachments) by id, read in one go."""
    ids = {_get(r, "parent_id") for r in records}
    ids.discard(None)
    ids.discard("")
    return {p.id: p for p in store.get_many(sorted(ids))} if ids else {}


def with_markings(
    store, records: Iterable[Any], batch: int = 500
) -> Iterator[tuple[Any, EffectiveMarking]]:
    """(record, its effective marking) for each of ``records``, parents read a batch at a time."""
    chunk: list[Any] = []

    def flush() -> Iterator[tuple[Any, EffectiveMarking]]:
        parents = parents_of(store, chunk)
        for r in chunk:
            yield r, effective_marking(r, parents.get(_get(r, "parent_id") or ""))
        chunk.clear()

    for r in records:
        chunk.append(r)
        if len(chunk) >= batch:
            yield from flush()
    yield from flush()
