"""Write the BIS Denied Persons List text file (dpl.txt).

The layout of the real file (../shared/data/real/sanctions/us_bis/dpl.txt):
a header and rows of 12 tab-separated values, every value double-quoted
(header included), LF line ends, rows sorted by name. The list has one row
per name variant and address, and no id: an entry becomes one row for its
name and one per alias, all with its address. Dates are MM/DD/YYYY, except
Last_Update (YYYY-MM-DD, here the publication day). A denial order always
has an effective date: an undated entry is dated on the publication day.
The Federal Register citation is made up from the entry's key (volume =
year - 1935, as the Federal Register numbers them).
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pipelines.lib.demo.lists import ListEntry
from pipelines.sources.us_bis_dpl import HEADER, US_DATE

FILE_NAME = "dpl.txt"


def write(path: Path, entries: Sequence[ListEntry], published: date) -> Path:
    """Write ``entries``; ``path`` is the file or its folder."""
    target = path / FILE_NAME if path.is_dir() or not path.suffix else path
    target.parent.mkdir(parents=True, exist_ok=True)
    rows = sorted((row for entry in entries for row in rows_of(entry, published)),
                  key=lambda values: values[0])  # fmt: skip
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    target.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return target


def rows_of(entry: ListEntry, published: date) -> list[list[str]]:
    """One row per name of the entry (its name, then its aliases)."""
    listed_on = entry.listed_on or published
    names = [entry.name, *(name for name, _strength in entry.aliases)]
    return [
        [name, entry.address or "", entry.city or "", "", entry.country or "", "",
         listed_on.strftime(US_DATE), "", "Y", published.isoformat(), "FR NOTICE ADDED",
         citation(entry.key, listed_on)]
        for name in names
    ]  # fmt: skip


def citation(key: str, day: date) -> str:
    """A Federal Register citation as BIS prints them: "87 F.R. 52741 8/29/2022"."""
    page = 1000 + int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % 80000
    return f"{day.year - 1935} F.R. {page} {day.month}/{day.day}/{day.year}"
