"""A published denylist version, as screening reads it.

The version directory (``published/<version>/``, or ``published/latest``)
holds ``denylist.parquet`` (one row per entity and policy) and, from the
publishing step, ``names.parquet`` (one row per entity and distinct name: its
aliases, Chinese-script and transliterated forms). Without ``names.parquet``
the denylist's own ``name`` column is the only name of each entity.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

DENYLIST_COLUMNS = ("entity_id", "name", "kind", "policy", "status", "basis", "risk_sources",
                    "path", "identifiers", "countries")
NAMES_COLUMNS = ("entity_id", "name", "name_type", "script")
LISTING_COLUMNS = ("policy", "status", "basis", "path", "risk_sources")


class VersionError(RuntimeError):
    """The version directory is missing or not a published version screening can read."""


@dataclass(frozen=True)
class Version:
    id: str
    path: Path
    entities: pl.DataFrame  # entity_id, name, kind, countries, identifiers (sorted by entity_id)
    listings: pl.DataFrame  # entity_id + LISTING_COLUMNS, one row per entity and policy
    names: pl.DataFrame  # entity_id, name, name_type, script: every name to screen against


def version_dir(path: Path) -> Path:
    """``path`` itself when it is a version, else the version its ``latest`` names."""
    if (path / "denylist.parquet").is_file():
        return path.resolve()
    latest = path / "latest"
    if latest.exists() and (latest / "denylist.parquet").is_file():
        return latest.resolve()
    raise VersionError(f"{path}: neither a published version (no denylist.parquet) nor a "
                       "published directory with a `latest` version")


def load_version(path: Path) -> Version:
    directory = version_dir(path)
    denylist = _read(directory / "denylist.parquet", DENYLIST_COLUMNS)
    if denylist.is_empty():
        raise VersionError(f"{directory}: the denylist is empty")
    entities = _entities(denylist)
    names = _names(directory, denylist)
    unknown = names.join(entities, on="entity_id", how="anti")
    if not unknown.is_empty():
        raise VersionError(f"{directory}/names.parquet: {unknown.height} names of entities not "
                           f"on the denylist, e.g. {unknown['entity_id'][0]!r}")
    listings = denylist.select("entity_id", *LISTING_COLUMNS).unique().sort("entity_id", "policy")
    return Version(directory.name, directory, entities, listings, names)


def _read(path: Path, columns: tuple[str, ...]) -> pl.DataFrame:
    frame = pl.read_parquet(path)
    missing = sorted(set(columns) - set(frame.columns))
    if missing:
        raise VersionError(f"{path}: missing columns {missing}")
    return frame.select(columns)


def _split(column: str) -> pl.Expr:
    """``"CN; HK"`` -> ``["CN", "HK"]`` (the denylist's list cells)."""
    return (pl.col(column).fill_null("").str.split(";").list.eval(pl.element().str.strip_chars())
            .list.eval(pl.element().filter(pl.element() != "")))


def _entities(denylist: pl.DataFrame) -> pl.DataFrame:
    """One row per entity; its countries and identifiers over all its policy rows."""
    return (
        denylist.sort("entity_id", "policy")
        .with_columns(_split("countries"), _split("identifiers"))
        .group_by("entity_id", maintain_order=True)
        .agg(pl.col("name").first(), pl.col("kind").first(),
             pl.col("countries").list.explode(keep_nulls=False, empty_as_null=False).unique().sort(),
             pl.col("identifiers").list.explode(keep_nulls=False, empty_as_null=False).unique().sort())
    )


def _names(directory: Path, denylist: pl.DataFrame) -> pl.DataFrame:
    primary = denylist.select("entity_id", "name", name_type=pl.lit("primary"),
                              script=pl.lit(None, pl.String))
    names_file = directory / "names.parquet"
    if names_file.is_file():
        aliases = _read(names_file, NAMES_COLUMNS).cast(
            {"entity_id": pl.String, "name": pl.String, "name_type": pl.String,
             "script": pl.String})
        primary = pl.concat([aliases, primary])
    named = primary.filter(pl.col("name").is_not_null() & (pl.col("name").str.strip_chars() != ""))
    return named.unique(subset=["entity_id", "name"], keep="first", maintain_order=True).sort(
        "entity_id", "name")
