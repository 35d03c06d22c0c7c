"""The one list of sources. Adding a source means adding its module here."""

from __future__ import annotations

from pipelines.sources import (
    bods,
    gb_coh_companies,
    gb_coh_psc,
    global_gleif_elf,
    global_gleif_lei,
    global_gleif_repex,
    global_gleif_rr,
    us_ofac_sdn,
)
from pipelines.sources.base import Source

SOURCES: tuple[Source, ...] = (
    global_gleif_lei.SOURCE,
    global_gleif_rr.SOURCE,
    global_gleif_repex.SOURCE,
    global_gleif_elf.SOURCE,
    us_ofac_sdn.SOURCE,
    bods.SOURCE,
    gb_coh_companies.SOURCE,
    gb_coh_psc.SOURCE,
)

BY_ID: dict[str, Source] = {source.spec.id: source for source in SOURCES}
