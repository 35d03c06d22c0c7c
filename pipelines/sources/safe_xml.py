"""Streaming XML for list files, hardened against hostile input.

Sanctions lists come from many publishers and mirrors, so their XML is read
as untrusted: no DTD is loaded, no entity is resolved, nothing is fetched
from the network, and a document that declares a DOCTYPE at all is refused
(billion laughs, external entities). Elements are yielded one record at a
time and released afterwards, so memory stays flat for any file size.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from pipelines.lib.archives import open_data_file
from pipelines.sources.base import SourceError


def elements(path: Path, tags: str | tuple[str, ...], file_name: str | None = None
             ) -> Iterator[Any]:
    """Each complete element whose tag is one of ``tags`` (Clark ``{ns}local`` or plain).

    The caller reads the element before asking for the next one; it is then
    cleared, with its already-read siblings. ``path`` may be a zip holding one
    XML file. Errors name the file and line.
    """
    name = file_name or path.name
    with open_data_file(path) as stream:
        context = etree.iterparse(
            stream,
            events=("end",),
            tag=tags,
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
        )
        first = True
        try:
            for _event, element in context:
                if first:
                    refuse_doctype(element, name)
                    first = False
                yield element
                release(element)
        except etree.XMLSyntaxError as exc:
            raise _syntax_error(exc, name) from exc
        if first:
            root = getattr(context, "root", None)
            if root is not None:
                refuse_doctype(root, name)


def root_tag(path: Path, file_name: str | None = None) -> str:
    """The root element's tag, read from the start of the file (to tell formats apart)."""
    name = file_name or path.name
    with open_data_file(path) as stream:
        context = etree.iterparse(
            stream, events=("start",), resolve_entities=False, no_network=True, load_dtd=False
        )
        try:
            for _event, element in context:
                refuse_doctype(element, name)
                return str(element.tag)
        except etree.XMLSyntaxError as exc:
            raise _syntax_error(exc, name) from exc
    raise SourceError(f"{name}: no XML element found (empty file?)")


def refuse_doctype(element: Any, file_name: str) -> None:
    docinfo = element.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise SourceError(f"{file_name}: XML with a DOCTYPE is refused (entities are never expanded)")


def release(element: Any) -> None:
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is None:
        return
    while element.getprevious() is not None:
        del parent[0]


def _syntax_error(exc: Any, file_name: str) -> SourceError:
    message = str(exc.msg)
    if "entity" in message.lower():
        # libxml2 stops entity amplification itself; say why the file was refused.
        return SourceError(f"{file_name}: XML with a DOCTYPE or entities is refused ({message})")
    where = file_name if exc.lineno is None else f"{file_name}:{exc.lineno}"
    return SourceError(f"{where}: not well-formed or truncated XML ({message})")


def text(element: Any, path: str, namespaces: dict[str, str] | None = None) -> str | None:
    """Stripped text of the first match of ``path`` under ``element``; None if absent or blank."""
    found = element.find(path, namespaces)
    if found is None or found.text is None:
        return None
    value = str(found.text).strip()
    return value or None
