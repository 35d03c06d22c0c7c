"""Write the demo's lists in their official formats, and say which entity each entry becomes.

Layout under the demo folder::

    lists/ofac_cons/CONS_ENHANCED.XML     OFAC non-SDN lists, Enhanced XML (NS-CMIC)
    lists/csl/consolidated.csv            US Consolidated Screening List (EL, MEU)
    lists/dpl/dpl.txt                     BIS Denied Persons List
    lists/un/consolidated.xml             UN Security Council list
    lists/eu/xmlFullSanctionsList_1_1.xml EU financial sanctions list
    lists/uk/UK-Sanctions-List.xml        the FCDO's UK Sanctions List
    lists/dod/sanctions.csv               DoD section 1260H (CSV transcription)
    lists/china/*.csv                     FCC Covered List, NDAA section 889, BIS MIEU
    lists/opensanctions/entities.ftm.json an OpenSanctions FtM export

The entity ids follow each source's own key rule (its conformed SQL), so the
truth can name the rows the pipeline must publish.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipelines.lib.demo.list_parties import FTM_DATASET, LISTS, DemoList, entries
from pipelines.lib.demo.lists import (
    ListEntry,
    china_lists,
    csl,
    dod_1260h,
    dpl,
    eu_xml,
    ftm,
    ofac_xml,
    uksl_xml,
    un_xml,
)
from pipelines.lib.demo.world import Listing
from pipelines.sources.us_bis_dpl import dpl_key
from pipelines.sources.uscn_csv import hashed_key, match_key

PUBLISHED = date(2026, 11, 19)
Writer = Callable[[Path, Sequence[ListEntry], date], Path]


@dataclass(frozen=True)
class Listed:
    """One entry the demo lists: where, under which key, and the entity it becomes."""

    source: str
    list_code: str
    key: str
    name: str
    entity_ids: tuple[str, ...]
    country: str | None = None  # ISO code of its address or nationality


def _ofac_cons(path: Path, found: Sequence[ListEntry], day: date) -> Path:
    return ofac_xml.write(path / "CONS_ENHANCED.XML", found, day, list_code="us_ofac_ns_cmic")


def _ftm(path: Path, found: Sequence[ListEntry], day: date) -> Path:
    return ftm.write(path / "entities.ftm.json", found, day, dataset=FTM_DATASET)


WRITERS: dict[str, tuple[str, Writer]] = {
    "us_ofac_cons_xml": ("ofac_cons", _ofac_cons),
    "us_bis_dpl": ("dpl", dpl.write),
    "un_sc_sanctions": ("un", un_xml.write),
    "eu_fsf": ("eu", eu_xml.write),
    "gb_uk_sanctions_list": ("uk", uksl_xml.write),
    "us_dod_1260h": ("dod", dod_1260h.write),
    "us_fcc_covered": ("china", china_lists.write_fcc_covered),
    "us_ndaa_889": ("china", china_lists.write_ndaa_889),
    "us_bis_mieu": ("china", china_lists.write_bis_mieu),
    "opensanctions": ("opensanctions", _ftm),
}


def entity_ids(source: str, entry: ListEntry) -> tuple[str, ...]:
    """The entity ids the source's conformed SQL gives ``entry`` (DPL: one per name row)."""
    if source == "us_bis_dpl":
        names = (entry.name, *(name for name, _ in entry.aliases))
        return tuple(f"dpl-{dpl_key(n, entry.address or '', entry.city or '', '', entry.country or '', '')}"
                     for n in names)
    prefix = {"us_ofac_cons_xml": "ofac", "us_trade_csl": "csl", "un_sc_sanctions": "un-sc",
              "eu_fsf": "eu-fsf", "gb_uk_sanctions_list": "gb-uksl", "opensanctions": "os",
              "us_dod_1260h": "us-dod-1260h", "us_fcc_covered": "us-fcc-covered",
              "us_ndaa_889": "us-ndaa-889", "us_bis_mieu": "us-bis-mieu"}[source]  # fmt: skip
    if source in ("us_dod_1260h", "us_fcc_covered", "us_ndaa_889"):
        return (f"{prefix}-{hashed_key(match_key(entry.name))}",)
    if source == "opensanctions":
        return (f"os-{ftm.entity_id(entry.key, FTM_DATASET)}",)
    if source == "us_bis_mieu":
        return (f"{prefix}-{hashed_key(entry.country or '', match_key(entry.name))}",)
    return (f"{prefix}-{entry.key.lower()}",)


def write_lists(out_dir: Path, scenario: list[Listing], seed: int, scale: float) -> list[Listed]:
    """Write every list file; return every entry written."""
    by_list = {spec: entries(spec, scenario, seed, scale) for spec in LISTS}
    listed: list[Listed] = []
    for spec, found in by_list.items():
        if spec.source != "us_trade_csl":
            folder, writer = WRITERS[spec.source]
            (out_dir / "lists" / folder).mkdir(parents=True, exist_ok=True)
            writer(out_dir / "lists" / folder, found, PUBLISHED)
        listed += [_listed(spec, entry) for entry in found]
    csl_lists = {spec.list_code: found for spec, found in by_list.items()
                 if spec.source == "us_trade_csl"}  # fmt: skip
    (out_dir / "lists" / "csl").mkdir(parents=True, exist_ok=True)
    csl.write(out_dir / "lists" / "csl", csl_lists, PUBLISHED)
    return listed


def _listed(spec: DemoList, entry: ListEntry) -> Listed:
    return Listed(spec.source, spec.list_code, entry.key, entry.name,
                  entity_ids(spec.source, entry), entry.country)
