"""Choosing the part files of a source published as dated parts.

Companies House ships its bulk products as ``BasicCompanyData-2025-01-01-part1_7.zip``
... ``part7_7.zip`` (and the PSC snapshot as ``…-2025-01-01_1of31.zip``), listed
on a download page next to last month's files. ``SourceSpec.part_pattern`` is a
regex over file names with optional named groups: ``date`` (only the newest
date is taken), ``part`` (the order) and ``of`` (the count: every part
1..of must be there, so a half-published month is never read as a smaller
register). The fetcher applies it to a folder listing or to the links of an
index page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser
from urllib.parse import urljoin

from pipelines.sources.base import SourceError


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def page_links(html: str, page_url: str) -> list[str]:
    """Absolute URLs of the ``<a href>`` links of an index page."""
    parser = _Links()
    parser.feed(html)
    return [urljoin(page_url, href) for href in parser.hrefs]


def select_parts(names: Iterable[str], pattern: str, where: str) -> list[tuple[str, str]]:
    """(logical name, file name) of the newest complete set of parts, in part order."""
    regex = re.compile(pattern)
    matches = [m for m in (regex.match(name) for name in sorted(set(names))) if m]
    if not matches:
        raise SourceError(f"{where}: no file matches {pattern!r}")
    groups = regex.groupindex
    if "date" in groups:
        newest = max(m["date"] for m in matches)
        matches = [m for m in matches if m["date"] == newest]
    if "part" in groups:
        matches.sort(key=lambda m: int(m["part"]))
    if "of" in groups and "part" in groups:
        _check_complete([(int(m["part"]), int(m["of"])) for m in matches], where)
    return [(f"part-{index:04d}", m.string) for index, m in enumerate(matches, start=1)]


def _check_complete(parts: list[tuple[int, int]], where: str) -> None:
    counts = sorted({of for _, of in parts})
    if len(counts) != 1:
        raise SourceError(f"{where}: parts disagree on their count: {counts}")
    found = sorted(part for part, _ in parts)
    if found != list(range(1, counts[0] + 1)):
        missing = sorted(set(range(1, counts[0] + 1)) - set(found))
        raise SourceError(f"{where}: incomplete set of parts: missing {missing}, found {found}")
