"""The instance configs validate against Dagster's schema; the PostgreSQL example keeps
its credentials in the environment."""

from __future__ import annotations

from pathlib import Path

from dagster._core.instance.config import dagster_instance_config

REPO = Path(__file__).resolve().parents[2]


def test_both_instance_configs_are_valid_dagster_yaml() -> None:
    local, _ = dagster_instance_config(str(REPO), "dagster.yaml")
    shared, _ = dagster_instance_config(str(REPO), "dagster.postgres.yaml")
    assert "sqlite" in local["storage"]
    database = shared["storage"]["postgres"]["postgres_db"]
    assert database["password"] == {"env": "DAGSTER_PG_PASSWORD"}
    assert database["hostname"] == {"env": "DAGSTER_PG_HOST"}
    # Same single warehouse writer across runs as the local instance.
    assert shared["concurrency"]["runs"]["max_concurrent_runs"] == 1
