"""The one list of sources. Adding a source means adding its module here."""

from __future__ import annotations

from pipelines.sources import (
    bods,
    eu_fsf,
    gb_coh_companies,
    gb_coh_psc,
    gb_hmt_ofsi,
    gb_uk_sanctions_list,
    global_gleif_elf,
    global_gleif_lei,
    global_gleif_repex,
    global_gleif_rr,
    opensanctions,
    un_sc_sanctions,
    us_bis_dpl,
    us_bis_mieu,
    us_dod_1260h,
    us_fcc_covered,
    us_ndaa_889,
    us_ofac_cons,
    us_ofac_cons_xml,
    us_ofac_sdn,
    us_ofac_sdn_xml,
    us_trade_csl,
)
from pipelines.sources.base import Source

SOURCES: tuple[Source, ...] = (
    global_gleif_lei.SOURCE,
    global_gleif_rr.SOURCE,
    global_gleif_repex.SOURCE,
    global_gleif_elf.SOURCE,
    us_ofac_sdn.SOURCE,
    us_ofac_cons.SOURCE,
    us_ofac_sdn_xml.SOURCE,
    us_ofac_cons_xml.SOURCE,
    bods.SOURCE,
    gb_coh_companies.SOURCE,
    gb_coh_psc.SOURCE,
    un_sc_sanctions.SOURCE,
    eu_fsf.SOURCE,
    us_dod_1260h.SOURCE,
    us_fcc_covered.SOURCE,
    us_ndaa_889.SOURCE,
    us_bis_mieu.SOURCE,
    us_trade_csl.SOURCE,
    us_bis_dpl.SOURCE,
    gb_hmt_ofsi.SOURCE,
    gb_uk_sanctions_list.SOURCE,
    opensanctions.SOURCE,
)

BY_ID: dict[str, Source] = {source.spec.id: source for source in SOURCES}
