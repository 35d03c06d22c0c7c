"""Who the demo lists name: the scenario's sanctioned parties, spread over the lists, plus filler.

The scenario parties (sanctions.py) are the SDN entries tied to GLEIF records;
here the same parties also appear on the other lists, each list spelling and
keying them its own way, as real lists do. Filler entries reuse the SDN
filler generator with a seed per list, so every list has its own parties.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from pipelines.lib.countries import country_code
from pipelines.lib.demo.filler import listing_chunk
from pipelines.lib.demo.lists import ListEntry
from pipelines.lib.demo.world import Listing

_USCC = re.compile(r"Unified Social Credit Code \(USCC\) (\S+)")
_LEI = re.compile(r"Legal Entity Number (\S+)")
_WEAK = re.compile(r"^a\.k\.a\. '(.+)'$")
_KINDS = {"individual": "person", "vessel": "vessel", "aircraft": "aircraft"}


@dataclass(frozen=True)
class DemoList:
    """One list of the demo: its source, list code, size at scale 1.0 and programs."""

    source: str
    list_code: str
    register_size: int
    programs: tuple[str, ...]
    first_key: int
    # Scenario parties (by role) this list also names.
    parties: tuple[str, ...] = ()
    companies_only: bool = False


# The scenario's SDN entries in the order sanctions.py adds them (their spelling
# depends on the seed, so they are named by role).
ROLES = ("hongda", "xinyuan", "tianyuan", "volga", "gulf", "vessel", "li_wei", "chan", "petrov",
         "rahimi", "zhang", "aircraft")
HONGDA, XINYUAN, TIANYUAN, VOLGA, GULF = ROLES[:5]
LI_WEI, PETROV, RAHIMI, ZHANG = "li_wei", "petrov", "rahimi", "zhang"

# fmt: off
LISTS: tuple[DemoList, ...] = (
    DemoList("us_ofac_cons_xml", "us_ofac_ns_cmic", 450, ("CMIC-EO13959",), 60001,
             companies_only=True),
    DemoList("us_trade_csl", "us_bis_el", 3000, ("EAR",), 70001,
             (HONGDA, XINYUAN, TIANYUAN), companies_only=True),
    DemoList("us_trade_csl", "us_bis_meu", 200, ("EAR",), 74001, (VOLGA,), companies_only=True),
    DemoList("us_bis_dpl", "us_bis_dpl", 600, (), 75001, (LI_WEI, RAHIMI)),
    DemoList("un_sc_sanctions", "un_sc", 1000, ("DPRK", "Iran"), 76001, (ZHANG, RAHIMI)),
    DemoList("eu_fsf", "eu_fsf", 5000, ("RUS", "IRN"), 78001, (VOLGA, PETROV, GULF)),
    DemoList("gb_uk_sanctions_list", "gb_hmt", 4500, ("Russia",), 84001, (VOLGA, PETROV)),
    DemoList("us_dod_1260h", "us_dod_1260h", 230, (), 89001, (HONGDA, TIANYUAN),
             companies_only=True),
    DemoList("us_fcc_covered", "us_fcc_covered", 15, (), 89501, (TIANYUAN,),
             companies_only=True),
    DemoList("us_ndaa_889", "us_ndaa_889", 5, (), 89601, (HONGDA,), companies_only=True),
    DemoList("us_bis_mieu", "us_bis_mieu", 15, (), 89701, companies_only=True),
    # An OpenSanctions export of the State Department's ITAR debarred parties.
    DemoList("opensanctions", "us_state_dtc", 300, (), 89801, (GULF,)),
)
# The OpenSanctions dataset the demo's FtM export stands for.
FTM_DATASET = "us_ddtc_debarred"
# fmt: on
LISTED_ON = date(2024, 3, 15)


def entries(spec: DemoList, scenario: list[Listing], seed: int, scale: float) -> list[ListEntry]:
    """The scenario parties the list names, then its filler (at least two), keys ascending."""
    keys = iter(range(spec.first_key, spec.first_key + 10_000_000))
    if len(scenario) != len(ROLES):
        raise ValueError(f"expected the {len(ROLES)} scenario SDN entries, got {len(scenario)}")
    by_role = dict(zip(ROLES, scenario, strict=True))
    found = [entry_of(by_role[role], str(next(keys)), spec.programs[:1]) for role in spec.parties]
    count = max(2, round(spec.register_size * scale))
    filler = _filler(spec, seed)
    found += [_renamed(next(filler), str(next(keys)), spec, n) for n in range(count)]
    return found


def entry_of(listing: Listing, key: str, programs: tuple[str, ...]) -> ListEntry:
    street, city, country_name = listing.addresses[0] if listing.addresses else (None,) * 3
    weak = tuple((m.group(1), "weak") for r in listing.remarks if (m := _WEAK.match(r)))
    return ListEntry(
        key=key,
        name=listing.name,
        kind=_KINDS.get(listing.sdn_type or "", "company"),
        programs=programs,
        aliases=tuple((name, "strong") for _type, name in listing.aliases) + weak,
        country=_country(country_name),
        address=street,
        city=city.split(",")[0] if city else None,
        identifiers=tuple(_identifiers(listing.remarks)),
        listed_on=LISTED_ON,
    )


def _identifiers(remarks: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    for remark in remarks:
        if match := _USCC.match(remark):
            yield "cn-uscc", match.group(1)
        elif match := _LEI.match(remark):
            yield "lei", match.group(1)


def country_of(listing: Listing) -> str | None:
    """The ISO code of the listing's first address country (as every list writes it)."""
    return _country(listing.addresses[0][2]) if listing.addresses else None


def _country(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return country_code(name)
    except KeyError:
        return None


def _filler(spec: DemoList, seed: int) -> Iterator[Listing]:
    n = 0
    while True:
        listing = listing_chunk(seed * 31 + spec.first_key, n)
        n += 1
        if spec.companies_only and listing.sdn_type is not None:
            continue
        if listing.sdn_type in ("vessel", "aircraft"):
            continue  # not every list format can express them
        yield listing


def _renamed(listing: Listing, key: str, spec: DemoList, n: int) -> ListEntry:
    entry = entry_of(listing, key, (spec.programs[n % len(spec.programs)],) if spec.programs else ())
    # Filler of different lists must not share a name by chance, nor with a GLEIF
    # filler company: numbered by the entry's key (unique across the demo's lists),
    # as real lists hold many near-identical names.
    return ListEntry(**{**entry.__dict__, "name": f"{entry.name} {key}"})
