"""``ownergraph screen`` and ``ownergraph serve``: screening against the latest
published version, one name, a CSV batch, or over HTTP."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from pipelines.lib.screen.batch import (
    WORKERS_FROM,
    batch_workers,
    read_customers,
    screen_customers,
    write_hits,
)
from pipelines.lib.screen.index import ScreenIndex, build_index
from pipelines.lib.screen.report import result, text_lines
from pipelines.lib.screen.screen import Query, QueryError, checked, screen
from pipelines.lib.screen.settings import DEFAULT_SCREENING_FILE, load_screening
from pipelines.lib.screen.version import VersionError, load_version

DEFAULT_PUBLISHED = Path("data") / "published"

published_option = click.option(
    "--published", type=click.Path(path_type=Path), default=DEFAULT_PUBLISHED,
    show_default=True, help="A published directory (its `latest` version is used) or a version.")
settings_option = click.option(
    "--settings", type=click.Path(exists=True, path_type=Path),
    default=DEFAULT_SCREENING_FILE, show_default=True, help="Screening weights and limits.")


def _index(published: Path, settings: Path) -> ScreenIndex:
    start = time.perf_counter()
    try:
        index = build_index(load_version(published), load_screening(settings))
    except VersionError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"loaded version {index.version.id}: {index.version.entities.height:,} entities, "
               f"{index.names.height:,} names in {time.perf_counter() - start:.1f} s", err=True)
    return index


@click.command("screen")
@click.argument("name", required=False)
@click.option("--country", help="ISO 3166-1 alpha-2 code of the customer's country.")
@click.option("--id", "identifier", help="An identifier, SCHEME:VALUE (lei:..., gb-coh:...).")
@click.option("--policy", help="Only entities this policy lists (e.g. cn_control).")
@click.option("--limit", type=int, help="Hits per name (default in the settings).")
@click.option("--json", "as_json", is_flag=True, help="Machine output: one JSON document.")
@click.option("--batch", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CSV of customers: customer_id,name[,country][,id].")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="With --batch: where the CSV of hits goes.")
@click.option("--workers", type=click.IntRange(min=1), envvar="OWNERGRAPH_SCREEN_WORKERS",
              help="With --batch: processes to screen on (default: one per core from "
                   f"{WORKERS_FROM:,} names, else 1).")
@published_option
@settings_option
def screen_command(name: str | None, country: str | None, identifier: str | None,
                   policy: str | None, limit: int | None, as_json: bool, batch: Path | None,
                   out: Path | None, workers: int | None, published: Path, settings: Path
                   ) -> None:
    """Screen NAME (or a --batch CSV) against the latest published denylist.

    Prints the best matches with their score, the name matched, why it matched
    and why the entity is on the list (policy, status and path).
    """
    if (name is None) == (batch is None) or (batch is None) != (out is None):
        raise click.UsageError("give NAME, or --batch IN.csv with --out HITS.csv")
    index = _index(published, settings)
    try:
        if batch is not None and out is not None:
            _batch(index, batch, out, policy, limit, workers)
            return
        query = checked(index, Query(name or "", country, identifier, policy, limit))
    except QueryError as exc:
        raise click.UsageError(str(exc)) from exc
    answer = result(index, query, screen(index, [query]))
    if as_json:
        click.echo(json.dumps(answer, ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(text_lines(answer)))


def _batch(index: ScreenIndex, batch: Path, out: Path, policy: str | None,
           limit: int | None, asked_workers: int | None) -> None:
    start = time.perf_counter()
    customers = read_customers(batch, index, policy, limit)
    workers = batch_workers(len(customers), asked_workers)
    hits = screen_customers(index, customers, workers)
    write_hits(hits, out)
    seconds = time.perf_counter() - start
    on = f"{workers} worker processes" if workers > 1 else "one process"
    click.echo(f"{len(customers):,} customers screened on {on} in {seconds:.1f} s: "
               f"{hits.num_rows:,} hits written to {out}", err=True)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; the default keeps the API on this machine.")
@click.option("--port", type=int, default=8765, show_default=True)
@published_option
@settings_option
def serve_command(host: str, port: int, published: Path, settings: Path) -> None:
    """Serve /screen and /entities/{id} over HTTP for enforcement systems."""
    import uvicorn

    from pipelines.lib.screen.api import create_app

    uvicorn.run(create_app(_index(published, settings)), host=host, port=port,
                log_level="info")
