"""Build canonical.entities over whatever staging a test loaded.

Lists keep no entity rows for entries a later snapshot dropped: canonical.entities
adds them for every list. Tests that check that every membership names an entity,
or what a delisted entry becomes, read canonical.entities after this.
"""

from __future__ import annotations

import duckdb

from pipelines.lib.sqlmodels import discover, run_model

NEEDED = ("canonical.list_memberships", "canonical.entities")


def build_canonical_entities(con: duckdb.DuckDBPyConnection) -> None:
    for model in discover():
        if model.schema == "conformed" or model.table in NEEDED:
            run_model(con, model, {"as_of": "2026-03-01"})
