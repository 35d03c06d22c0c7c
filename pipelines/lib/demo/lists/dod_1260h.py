"""Write the DoD section 1260H list in the layout of OpenSanctions' CSV transcription.

UTF-8, header row, comma delimiter, minimal quoting, LF (as ``sanctions.csv``
in ../shared/data/real/sanctions/us_dod_1260h). One row per company and
edition: an entry listed before the ``published`` edition also gets a row
for the edition of its ``listed_on`` date, as the transcription has for
companies re-printed in later editions. ``Name`` is printed as in the PDF:
the name, its first alias in brackets and the ``*`` marker; ``Parent Name``
is the name of the entry whose key is ``owner_key``.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pipelines.lib.demo.lists import ListEntry

FILE_NAME = "sanctions.csv"
HEADER = (
    "Name", "Clean Name", "Alias", "Previous Name", "Parent Name", "Note",
    "Start date", "End date", "Source Url",
)  # fmt: skip


def printed_name(entry: ListEntry) -> str:
    alias = f" ({entry.aliases[0][0]})" if entry.aliases else ""
    return f"{entry.name}{alias}*"


def rows(entries: Sequence[ListEntry], published: date) -> list[list[str]]:
    names = {entry.key: entry.name for entry in entries}
    found = []
    for entry in entries:
        if entry.owner_key is not None and entry.owner_key not in names:
            raise ValueError(f"{entry.key}: owner {entry.owner_key!r} is not an entry")
        parent = names[entry.owner_key] if entry.owner_key is not None else ""
        # Several aliases are joined by a bare comma, as the transcription does.
        aliases = ",".join(alias for alias, _ in entry.aliases)
        editions = sorted({entry.listed_on or published, published})
        for edition in editions:
            found.append(
                [printed_name(entry), entry.name, aliases, "", parent, "",
                 edition.isoformat(), "", ""]
            )  # fmt: skip
    return found


def write(path: Path, entries: Sequence[ListEntry], published: date) -> Path:
    """Write ``path`` (or ``path/sanctions.csv`` when ``path`` is a folder)."""
    target = path / FILE_NAME if path.is_dir() else path
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(rows(entries, published))
    return target
