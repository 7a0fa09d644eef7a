"""Hostile XML is refused safely: entity expansion, external entities, DTDs, oversized input.

Each attack is also tried with the DOCTYPE pushed beyond the first chunk the importer looks at,
so the parser's own settings (no entity resolution, no network, no huge trees) are what is tested.
"""

from __future__ import annotations

import io
import socket
import threading
import time

import pytest

from fieldkit.core.query import RecordFilter
from fieldkit.interop.iati_import import (
    MAX_ELEMENTS,
    IatiFileError,
    ImportReport,
    import_iati,
    read_activities,
)

LAUGHS = b"""<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""

ACTIVITY = (
    b"<iati-activities version='2.03'><iati-activity><iati-identifier>XX-1</iati-identifier>"
    b"<title><narrative>%s</narrative></title></iati-activity></iati-activities>"
)

# A comment longer than the chunk the importer inspects first, to push a DOCTYPE past it.
LONG_PROLOG = b"<?xml version='1.0'?>\n<!--" + b" padding " * 10_000 + b"-->\n"


def document(doctype: bytes, title: bytes, late: bool) -> bytes:
    head = LONG_PROLOG if late else b"<?xml version='1.0'?>\n"
    return head + doctype + ACTIVITY % title


def no_projects(store) -> bool:
    return store.count(RecordFilter(kinds=("project",))) == 0


@pytest.mark.parametrize("late", [False, True], ids=["doctype-first", "doctype-late"])
def test_billion_laughs_is_refused_quickly(store, late):
    started = time.perf_counter()
    with pytest.raises(IatiFileError, match="refused"):
        import_iati(store, io.BytesIO(document(LAUGHS, b"&lol9;", late)))
    assert time.perf_counter() - started < 2
    assert no_projects(store)


@pytest.mark.parametrize("late", [False, True], ids=["doctype-first", "doctype-late"])
def test_external_file_entity_is_never_read(store, tmp_path, late):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    doctype = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "' + secret.as_uri().encode() + b'">]>\n'
    with pytest.raises(IatiFileError, match="DTD") as info:
        import_iati(store, io.BytesIO(document(doctype, b"&xxe;", late)))
    assert "TOP-SECRET" not in str(info.value)
    assert no_projects(store)


def test_parser_settings_alone_do_not_resolve_external_entities(tmp_path):
    """Below the DTD check: the parser the importer uses leaves the entity unexpanded."""
    from lxml import etree

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    doctype = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "' + secret.as_uri().encode() + b'">]>\n'
    data = document(doctype, b"&xxe;", late=False)
    seen = []
    for _, el in etree.iterparse(
        io.BytesIO(data), events=("end",), tag="iati-activity",
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
    ):  # fmt: skip
        seen.append(etree.tostring(el))
    assert seen and all(b"TOP-SECRET" not in s for s in seen)


@pytest.mark.parametrize("late", [False, True], ids=["doctype-first", "doctype-late"])
def test_external_dtd_on_the_network_is_never_fetched(store, late):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(0.5)
    port = server.getsockname()[1]
    connections = []

    def accept():
        try:
            conn, _ = server.accept()
            connections.append(conn)
        except OSError:
            pass

    thread = threading.Thread(target=accept)
    thread.start()
    doctype = (
        b'<!DOCTYPE x SYSTEM "http://127.0.0.1:%d/evil.dtd" [<!ENTITY e SYSTEM '
        b'"http://127.0.0.1:%d/e">]>\n' % (port, port)
    )
    try:
        with pytest.raises(IatiFileError):
            import_iati(store, io.BytesIO(document(doctype, b"&e;", late)))
    finally:
        thread.join()
        server.close()
    assert connections == []
    assert no_projects(store)


def test_a_huge_text_node_is_refused(store):
    data = ACTIVITY % (b"A" * (11 * 1024 * 1024))
    with pytest.raises(IatiFileError, match="10 MB"):
        import_iati(store, io.BytesIO(data))
    assert no_projects(store)


class Endless:
    """An endless file: a start, then the same bytes forever; counts what the importer read."""

    name = "endless.xml"

    def __init__(self, head: bytes, unit: bytes) -> None:
        self.head, self.unit, self.read_bytes = head, unit, 0

    def read(self, n: int = -1) -> bytes:
        if self.read_bytes == 0:
            self.read_bytes = len(self.head)
            return self.head
        if self.read_bytes > 200 * 1024 * 1024:  # the importer must stop long before
            return b""
        chunk = self.unit * (65536 // len(self.unit))
        self.read_bytes += len(chunk)
        return chunk


@pytest.mark.parametrize(
    ("head", "unit", "limit"),
    [
        (b"<iati-activities version='2.03'><iati-activity><title>", b"<x/>", "elements"),
        (b"<iati-activities version='2.03'>", b"<x/>", "elements"),
        (
            b"<iati-activities version='2.03'><iati-activity><title>",
            b"<x>A</x>" * 4 + b"\n" * 4000,
            "MB",
        ),
    ],
    ids=["many-elements-in-an-activity", "many-elements-outside", "one-endless-activity"],
)
def test_an_endless_activity_is_refused_with_bounded_memory(head, unit, limit):
    source = Endless(head, unit)
    with pytest.raises(IatiFileError, match=limit):
        list(read_activities(source, ImportReport()))
    assert source.read_bytes < 40 * 1024 * 1024
    assert MAX_ELEMENTS <= 250_000


def test_a_root_that_is_not_iati_is_refused_from_the_first_chunk():
    source = Endless(b"<?xml version='1.0'?><rss>", b"<item/>")
    with pytest.raises(IatiFileError, match="root element is <rss>"):
        list(read_activities(source, ImportReport()))
    assert source.read_bytes < 100
