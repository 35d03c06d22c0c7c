"""Jobs: the whole pipeline, end to end."""

from __future__ import annotations

import dagster as dg

all_assets_job = dg.define_asset_job(
    "ownergraph_all",
    selection=dg.AssetSelection.all(),
    description="Fetch every configured source, rebuild the warehouse, determine and publish.",
)
