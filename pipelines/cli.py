"""``ownergraph``: the command line. Thin: it calls the library and Dagster."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click
import dagster as dg

from pipelines.lib.demo import DEFAULT_SCALE, DEFAULT_SEED, generate
from pipelines.lib.signing import generate_key_pair

DEFAULT_DATA_DIR = Path("data")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Ownership knowledge graph: registers and sanctions lists in, a denylist out.

    Quick start: `ownergraph demo` writes demo inputs, then
    `ownergraph run --config config/demo.yaml` runs the whole pipeline on them.
    """


@main.command()
@click.option("--data-dir", type=click.Path(path_type=Path), default=DEFAULT_DATA_DIR,
              show_default=True, help="Where data lives; demo files go to DATA_DIR/demo.")
@click.option("--scale", type=float, default=DEFAULT_SCALE, show_default=True,
              help="Size factor: 1.0 is register size (about 3 million LEIs).")
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True,
              help="Random seed: the same seed and scale give byte-identical files.")
def demo(data_dir: Path, scale: float, seed: int) -> None:
    """Write demo inputs in the official file formats, with a ground-truth file."""
    summary = generate(data_dir / "demo", scale=scale, seed=seed)
    private_key, _ = generate_key_pair(data_dir / "demo" / "keys")
    truth = ", ".join(f"{n:,} {policy}" for policy, n in sorted(summary.denylist.items()))
    click.echo(
        f"demo inputs in {summary.out_dir}: {summary.entities:,} LEI records, "
        f"{summary.relationships:,} relationships, {summary.exceptions:,} reporting exceptions, "
        f"{summary.sdn_entries:,} SDN entries; truth.json expects {truth}; "
        f"demo signing key {private_key}"
    )


@main.command()
@click.option("--config", "config_path", type=click.Path(exists=True, path_type=Path),
              required=True, help="Run configuration (sources and policies).")
@click.option("--data-dir", type=click.Path(path_type=Path), default=DEFAULT_DATA_DIR,
              show_default=True,
              help="Raw snapshots, warehouse.duckdb and published/ live here.")
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Make determinations as of this date, YYYY-MM-DD (default: the config's, "
              "else today).")
@click.option("--accept-shrink", is_flag=True,
              help="Publish even if the denylist shrinks past the configured guard "
              "(recorded in the manifest).")
@click.option("-v", "--verbose", is_flag=True, help="Show Dagster's event log as it runs.")
def run(
    config_path: Path, data_dir: Path, as_of: datetime | None, accept_shrink: bool, verbose: bool
) -> None:
    """Fetch every configured source, build the warehouse, determine, and publish.

    Exits non-zero, keeping the last published version, when any stage refuses
    its input or a check fails; the reason is printed.
    """
    from pipelines.definitions import defs
    from pipelines.defs.resources import OwnergraphResource

    resource = OwnergraphResource(
        config_path=str(config_path),
        data_dir=str(data_dir),
        as_of=as_of.date().isoformat() if as_of else "",
        accept_shrink=accept_shrink,
    )
    resource.context()  # fail fast on a bad config, before any work
    job = _with_resource(defs, resource).resolve_job_def("ownergraph_all")
    with dg.DagsterInstance.ephemeral() as instance:
        level = "DEBUG" if verbose else "CRITICAL"
        result = job.execute_in_process(
            instance=instance,
            raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": level}}}},
        )
    _print_summary(result)
    if not result.success:
        click.echo("run failed; the published denylist was not changed:", err=True)
        for reason in _failures(result):
            click.echo(f"  {reason}", err=True)
        sys.exit(1)
    click.echo(f"warehouse: {data_dir / 'warehouse.duckdb'}")
    click.echo(f"published: {data_dir / 'published' / 'latest'}")


def _with_resource(defs: dg.Definitions, resource: object) -> dg.Definitions:
    """The code location's definitions, bound to this run's paths and options."""
    return dg.Definitions(
        assets=defs.assets,
        asset_checks=defs.asset_checks,
        jobs=defs.jobs,
        resources={"ownergraph": resource},
    )


def _print_summary(result: dg.ExecuteInProcessResult) -> None:
    for event in result.get_asset_materialization_events():
        materialization = event.event_specific_data.materialization  # type: ignore[union-attr]
        summary = materialization.metadata.get("summary")
        if summary is not None:
            key = "/".join(materialization.asset_key.path)
            click.echo(f"{key:<34} {summary.value}")


def _failures(result: dg.ExecuteInProcessResult) -> list[str]:
    reasons = []
    for event in result.all_events:
        if event.is_step_failure:
            error = event.step_failure_data.error
            message = error.message.strip() if error else "unknown error"
            if error and error.cause:
                message = error.cause.message.strip()
            reasons.append(f"{event.step_key}: {message}")
        elif event.event_type_value == "ASSET_CHECK_EVALUATION":
            data = event.event_specific_data
            if data is not None and not data.passed:  # type: ignore[union-attr]
                asset = "/".join(data.asset_key.path)  # type: ignore[union-attr]
                detail = f": {data.description}" if data.description else ""  # type: ignore[union-attr]
                reasons.append(f"check {asset} {data.check_name} failed{detail}")  # type: ignore[union-attr]
    return reasons

from pipelines.cli_explain import explain_command  # noqa: E402
from pipelines.cli_publish import verify  # noqa: E402
from pipelines.cli_screen import screen_command, serve_command  # noqa: E402

main.add_command(explain_command)
main.add_command(verify)
main.add_command(screen_command)
main.add_command(serve_command)
