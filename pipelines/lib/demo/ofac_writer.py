"""Write the OFAC SDN legacy CSV set: sdn.csv, add.csv, alt.csv, sdn_comments.csv.

The legacy format (OFAC ``dat_spec.txt``, checked against the real 2021 snapshot):
no header, comma-delimited, text in double quotes with inner quotes doubled, integer
keys unquoted, the literal ``-0- `` (with a trailing space, unquoted) for a null,
CRLF line ends and a DOS end-of-file byte 0x1A after the last line. Remarks longer
than 1,000 characters are cut at 1,000 and continue, mid-word, in sdn_comments.csv.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from pipelines.lib.demo.world import Listing

NULL = "-0- "
REMARKS_LIMIT = 1000
FILES = ("sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv")


def text(value: str | None) -> str:
    if value is None or value == "":
        return NULL
    return '"' + value.replace('"', '""') + '"'


def remarks(entry: Listing) -> str | None:
    """Facts joined by "; " and closed by a full stop, as OFAC prints them."""
    if not entry.remarks:
        return None
    joined = "; ".join(entry.remarks)
    return joined if joined.endswith(".") else joined + "."


def sdn_line(entry: Listing) -> tuple[str, str | None]:
    """The sdn.csv line and, for remarks over the limit, the sdn_comments.csv line."""
    full = remarks(entry)
    head, rest = (full, None) if full is None else (full[:REMARKS_LIMIT], full[REMARKS_LIMIT:] or None)
    vessel = entry.vessel or (None,) * 6
    fields = [str(entry.ent_num), text(entry.name), text(entry.sdn_type),
              text("] [".join(entry.programs)), text(entry.title), *map(text, vessel), text(head)]
    comment = f"{entry.ent_num},{text(rest)}\r\n" if rest else None
    return ",".join(fields) + "\r\n", comment


class OfacWriter:
    """Streams the four files; numbers entries, addresses and aliases in write order."""

    def __init__(self, folder: Path, first_ent_num: int = 36001) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._files = {name: (folder / name).open("w", encoding="utf-8", newline="")
                       for name in FILES}
        self.next_ent = first_ent_num
        self.next_add = first_ent_num + 30000
        self.next_alt = first_ent_num + 10000
        self.count = 0
        self.continued = 0

    def number(self, entry: Listing) -> None:
        entry.ent_num = self.next_ent
        self.next_ent += 1

    def write(self, entry: Listing) -> None:
        if not entry.ent_num:
            self.number(entry)
        line, comment = sdn_line(entry)
        self._files["sdn.csv"].write(line)
        if comment:
            self._files["sdn_comments.csv"].write(comment)
            self.continued += 1
        for address, city, country in entry.addresses:
            self._files["add.csv"].write(
                f"{entry.ent_num},{self.next_add},{text(address)},{text(city)},{text(country)},{NULL}\r\n")
            self.next_add += 1
        for kind, alias in entry.aliases:
            self._files["alt.csv"].write(
                f"{entry.ent_num},{self.next_alt},{text(kind)},{text(alias)},{NULL}\r\n")
            self.next_alt += 1
        self.count += 1

    def __enter__(self) -> OfacWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        for handle in self._files.values():
            handle.write("\x1a")
            handle.close()
