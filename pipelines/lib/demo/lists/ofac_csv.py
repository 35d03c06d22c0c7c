"""Write an OFAC legacy CSV set: the SDN set or the consolidated (non-SDN) set.

The layout is OFAC's dat_spec.txt / cons_dat_spec.txt, as in the real files:
four files without a header, text in double quotes (inner quotes doubled),
integer keys unquoted, the unquoted null ``-0- ``, CRLF line ends and a DOS
end-of-file byte 0x1A. Remarks longer than 1,000 characters are cut there and
continue, mid-word, in the comments file. Everything the fixed columns cannot
hold goes into the remarks the way OFAC writes it: weak aliases as
``a.k.a. 'X'``, identifiers as ``Unified Social Credit Code (USCC) X (China)``,
``ISIN X``, ``Passport X (Country)``, the owner as ``Linked To: NAME``.
The legacy files carry no publication date: ``published`` only becomes the
files' modification time, as a download would have.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import pycountry

from pipelines.lib.countries import country_code
from pipelines.lib.demo.lists import ListEntry
from pipelines.lib.demo.ofac_writer import NULL, REMARKS_LIMIT, text

# Logical name -> file name, per set (the order of the four files of COLUMNS).
SETS = {
    "sdn": {"sdn": "sdn.csv", "add": "add.csv", "alt": "alt.csv", "comments": "sdn_comments.csv"},
    "cons": {
        "prim": "cons_prim.csv",
        "add": "cons_add.csv",
        "alt": "cons_alt.csv",
        "comments": "cons_comments.csv",
    },
}
SDN_TYPES = {"person": "individual", "vessel": "vessel", "aircraft": "aircraft"}
# Scheme -> (remark key, qualifier): True = the entry's country, a string = that country.
REMARK_IDS: dict[str, tuple[str, bool | str]] = {
    "cn-uscc": ("Unified Social Credit Code (USCC)", "China"),
    "lei": ("Legal Entity Number", True),
    "isin": ("ISIN", False),
    "ticker": ("Equity Ticker", False),
    "passport": ("Passport", True),
    "national-id": ("National ID No.", True),
    "tax-id": ("Tax ID No.", True),
    "registration": ("Registration Number", True),
    "gb-coh": ("UK Company Number", "United Kingdom"),
    "imo": ("Vessel Registration Identification", False),
    "swift-bic": ("SWIFT/BIC", False),
}
# Names OFAC prints where they differ from pycountry's common name.
OFAC_COUNTRY_NAMES = {
    "KP": "Korea, North", "KR": "Korea, South", "MM": "Burma", "RU": "Russia",
    "TW": "Taiwan", "IR": "Iran", "SY": "Syria", "VE": "Venezuela", "GB": "United Kingdom",
}  # fmt: skip
CMIC_PROGRAM = "CMIC-EO13959"


def write(
    folder: Path, entries: Sequence[ListEntry], published: date, set_name: str = "sdn"
) -> Path:
    """Write the four files of ``set_name`` ("sdn" or "cons") into ``folder``."""
    names = SETS[set_name]
    lines: dict[str, list[str]] = {logical: [] for logical in names}
    primary = next(iter(names))
    by_key = {entry.key: entry for entry in entries}
    for entry in entries:
        ent_num = int(entry.key)  # OFAC keys are integers; anything else is a caller bug
        head, rest = _split(remarks(entry, by_key))
        lines[primary].append(_primary_line(ent_num, entry, head))
        if rest:
            lines["comments"].append(f"{ent_num},{text(rest)}\r\n")
        if entry.address or entry.city or entry.country:
            add_num = len(lines["add"]) + 1
            fields = [entry.address, entry.city, country_name(entry.country)]
            lines["add"].append(f"{ent_num},{add_num},{','.join(map(text, fields))},{NULL}\r\n")
        for name, strength in entry.aliases:
            if strength == "strong":
                alt_num = len(lines["alt"]) + 1
                lines["alt"].append(f'{ent_num},{alt_num},"aka",{text(name)},{NULL}\r\n')
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime(published.year, published.month, published.day, tzinfo=UTC).timestamp()
    for logical, file_name in names.items():
        path = folder / file_name
        path.write_bytes(("".join(lines[logical]) + "\x1a").encode("utf-8"))
        os.utime(path, (stamp, stamp))
    return folder


def _primary_line(ent_num: int, entry: ListEntry, remarks_head: str | None) -> str:
    fields = [text(entry.name), text(SDN_TYPES.get(entry.kind)), text("] [".join(entry.programs))]
    fields += [NULL] * 7  # Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner
    return f"{ent_num},{','.join(fields)},{text(remarks_head)}\r\n"


def _split(full: str | None) -> tuple[str | None, str | None]:
    if full is None:
        return None, None
    return full[:REMARKS_LIMIT], full[REMARKS_LIMIT:] or None


def remarks(entry: ListEntry, by_key: dict[str, ListEntry]) -> str | None:
    """The Remarks text: facts joined by "; " and closed by a full stop."""
    facts: list[str] = []
    if entry.birth_date is not None:
        facts.append(f"DOB {entry.birth_date:%d %b %Y}")
    if entry.kind == "person" and entry.country:
        facts.append(f"nationality {country_name(entry.country)}")
    facts += [_identifier(entry, scheme, value) for scheme, value in entry.identifiers]
    if entry.listed_on is not None and CMIC_PROGRAM in entry.programs:
        facts.append(f"Listing Date (CMIC) {entry.listed_on:%d %b %Y}")
    facts += [f"a.k.a. '{name}'" for name, strength in entry.aliases if strength == "weak"]
    if entry.owner_key is not None:
        facts.append(f"Linked To: {by_key[entry.owner_key].name}")
    if not facts:
        return None
    joined = "; ".join(facts)
    return joined if joined.endswith(".") else joined + "."


def _identifier(entry: ListEntry, scheme: str, value: str) -> str:
    if scheme not in REMARK_IDS:
        raise ValueError(f"OFAC entry {entry.key}: no remark key for scheme {scheme!r}")
    key, qualifier = REMARK_IDS[scheme]
    if scheme == "imo":
        value = f"IMO {value}"
    country = country_name(entry.country) if qualifier is True else qualifier or None
    return f"{key} {value} ({country})" if country else f"{key} {value}"


def country_name(code: str | None) -> str | None:
    """The English name OFAC prints for an ISO alpha-2 code; checked to map back."""
    if code is None:
        return None
    name = OFAC_COUNTRY_NAMES.get(code)
    if name is None:
        country = pycountry.countries.get(alpha_2=code)
        if country is None:
            raise ValueError(f"unknown ISO 3166-1 alpha-2 code {code!r}")
        name = str(getattr(country, "common_name", None) or country.name)
    if country_code(name) != code:
        raise ValueError(f"country name {name!r} does not map back to {code!r}")
    return name
