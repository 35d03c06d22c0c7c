"""safe_xml: list XML is untrusted input; hostile or broken files fail with a clear SourceError."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from pipelines.sources import safe_xml
from pipelines.sources.base import SourceError

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<list><entry>&lol9;</entry></list>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE list [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<list><entry>&xxe;</entry></list>
"""


def _write(tmp_path: Path, text: str, name: str = "list.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text", [LAUGHS, EXTERNAL], ids=["billion-laughs", "external-entity"])
def test_entity_declarations_are_refused(tmp_path: Path, text: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(SourceError, match=r"list\.xml: XML with a DOCTYPE"):
        list(safe_xml.elements(path, "entry"))
    with pytest.raises(SourceError, match=r"list\.xml: XML with a DOCTYPE"):
        safe_xml.root_tag(path)


def test_records_stream_from_a_plain_file_or_a_zip(tmp_path: Path) -> None:
    text = "<list>" + "".join(f"<entry id='{i}'><name> N{i} </name></entry>" for i in range(3))
    path = _write(tmp_path, text + "</list>")
    read = [(e.get("id"), safe_xml.text(e, "name"), e.sourceline)
            for e in safe_xml.elements(path, "entry")]
    assert read == [("0", "N0", 1), ("1", "N1", 1), ("2", "N2", 1)]
    archive = tmp_path / "list.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(path, "list.xml")
    assert [e.get("id") for e in safe_xml.elements(archive, "entry")] == ["0", "1", "2"]
    assert safe_xml.root_tag(archive) == "list"


def test_a_truncated_or_empty_file_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "<list>\n<entry id='0'/>\n<entry id='1'>\n<name>cut")
    with pytest.raises(SourceError, match=r"list\.xml:\d+: not well-formed or truncated XML"):
        list(safe_xml.elements(path, "entry"))
    empty = _write(tmp_path, "", "empty.xml")
    with pytest.raises(SourceError, match=r"empty\.xml"):
        list(safe_xml.elements(empty, "entry"))
    with pytest.raises(SourceError, match=r"empty\.xml"):
        safe_xml.root_tag(empty)
