"""The code location bound to a demo in tmp_path, for tests that run it on a real instance."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.definitions import defs
from pipelines.defs.resources import OwnergraphResource

REPO = Path(__file__).resolve().parents[2]
DEMO_CONFIG = REPO / "config" / "demo.yaml"


def resource(data_dir: Path, config: Path = DEMO_CONFIG) -> OwnergraphResource:
    return OwnergraphResource(config_path=str(config), data_dir=str(data_dir))


def bound(data_dir: Path, config: Path = DEMO_CONFIG) -> dg.Definitions:
    """The code location with its ``ownergraph`` resource pointed at ``data_dir``."""
    return dg.Definitions(
        assets=defs.assets,
        asset_checks=defs.asset_checks,
        jobs=defs.jobs,
        schedules=defs.schedules,
        sensors=defs.sensors,
        resources={"ownergraph": resource(data_dir, config)},
    )


def run_job(definitions: dg.Definitions, name: str, instance: dg.DagsterInstance,
            **kwargs: object) -> dg.ExecuteInProcessResult:
    job = definitions.resolve_job_def(name)
    return job.execute_in_process(instance=instance, raise_on_error=False, **kwargs)  # type: ignore[arg-type]


def materialize_keys(definitions: dg.Definitions, keys: set[dg.AssetKey],
                     instance: dg.DagsterInstance) -> dg.ExecuteInProcessResult:
    """Run exactly ``keys`` (what an automation tick requested), in process."""
    assert keys, "an empty selection would run every asset"
    job = definitions.resolve_implicit_global_asset_job_def()
    return job.execute_in_process(instance=instance, asset_selection=sorted(keys, key=str),
                                  raise_on_error=False)
