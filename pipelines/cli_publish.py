"""``ownergraph verify``: check a published version's signature and checksums."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipelines.lib.config import ConfigError, load_config
from pipelines.lib.signing import SigningKeyError, load_public_key
from pipelines.lib.verify import verify_version
from pipelines.sources.registry import BY_ID


@click.command()
@click.argument("version_dir", required=False, type=click.Path(path_type=Path))
@click.option("--data-dir", type=click.Path(path_type=Path), default=Path("data"),
              show_default=True, help="Without VERSION_DIR, check DATA_DIR/published/latest.")
@click.option("--public-key", type=click.Path(path_type=Path), default=None,
              help="The Ed25519 public key (PEM) the manifest must be signed with.")
@click.option("--config", "config_path", type=click.Path(exists=True, path_type=Path),
              default=None, help="Run configuration whose publish.public_key_file to use.")
@click.option("--allow-unsigned", is_flag=True,
              help="Accept a version without manifest.sig (checksums only).")
def verify(version_dir: Path | None, data_dir: Path, public_key: Path | None,
           config_path: Path | None, allow_unsigned: bool) -> None:
    """Check VERSION_DIR's manifest signature and every file's sha256 and size.

    Exits non-zero, naming each problem, when anything does not match.
    """
    target = version_dir or data_dir / "published" / "latest"
    try:
        key_file = public_key or _configured_key(config_path, data_dir)
        key = load_public_key(key_file) if key_file else None
    except (ConfigError, SigningKeyError) as error:
        click.echo(f"cannot verify {target}: {error}", err=True)
        sys.exit(2)
    problems = verify_version(target, key, allow_unsigned)
    if problems:
        click.echo(f"{target}: NOT verified", err=True)
        for problem in problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    signed = "signature and " if (target / "manifest.sig").is_file() else "unsigned; "
    click.echo(f"{target.resolve().name}: {signed}every checksum verified")


def _configured_key(config_path: Path | None, data_dir: Path) -> Path | None:
    if config_path is None:
        return None
    return load_config(config_path, data_dir, set(BY_ID)).publish.public_key_file
