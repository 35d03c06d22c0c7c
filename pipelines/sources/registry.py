"""The one list of sources. Adding a source means adding its module here."""

from __future__ import annotations

from pipelines.sources import global_gleif_lei, global_gleif_repex, global_gleif_rr, us_ofac_sdn
from pipelines.sources.base import Source

SOURCES: tuple[Source, ...] = (
    global_gleif_lei.SOURCE,
    global_gleif_rr.SOURCE,
    global_gleif_repex.SOURCE,
    us_ofac_sdn.SOURCE,
)

BY_ID: dict[str, Source] = {source.spec.id: source for source in SOURCES}
