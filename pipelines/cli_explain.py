"""``ownergraph explain``: why an entity is or is not restricted, per policy."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipelines.lib import warehouse
from pipelines.lib.explain import ExplainError, explain
from pipelines.lib.explain_svg import write_svg
from pipelines.lib.explain_text import render


@click.command(name="explain")
@click.argument("entity")
@click.option("--data-dir", type=click.Path(path_type=Path), default=Path("data"),
              show_default=True, help="Where the run's warehouse.duckdb lives.")
@click.option("--policy", "policies", multiple=True,
              help="Only this policy (repeatable); default: every policy the run applied.")
@click.option("--svg", "svg_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also draw the paths behind the determinations to this SVG file.")
def explain_command(entity: str, data_dir: Path, policies: tuple[str, ...],
                    svg_path: Path | None) -> None:
    """Why ENTITY is or is not restricted under each policy: the paths, the stakes, the
    sources, and what would change the answer.

    ENTITY is a canonical id, any source record's entity id, an identifier written
    scheme:value (lei:5493001KJTIIGC8Y1R12, gb-coh:01234567), or an exact name.
    """
    try:
        with warehouse.read_only(data_dir) as con:
            explanation = explain(con, entity, policies)
    except (ExplainError, FileNotFoundError) as error:
        click.echo(str(error), err=True)
        sys.exit(2)
    click.echo(render(explanation), nl=False)
    if svg_path:
        click.echo(f"drawing: {write_svg(explanation, svg_path)}")
