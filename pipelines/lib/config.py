"""The run configuration: where each source comes from, and which policies run.

One YAML file, for example::

    sources:
      global_gleif_lei: {url: "https://goldencopy.gleif.org/...",
                         delta_url: "https://goldencopy.gleif.org/.../LastDay/..."}
      us_ofac_sdn: {url: "{data_dir}/demo/ofac/"}
    policies: [listed, cn_control]

``{data_dir}`` in a URL is replaced by the run's data directory, so one config
serves any ``--data-dir``. ``delta_url`` (GLEIF sources only) names a delta
file: once a full copy has been parsed, runs fetch the delta and apply it to
the last good staging snapshot (pipelines/lib/deltas.py). Unknown keys and unknown source ids are errors:
a typo must never silently turn a source off.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SOURCE_KEYS = {
    "url", "delta_url", "expected_rows", "accept_new_values", "max_age_hours",
    "min_share_of_previous",
}
DEFAULT_RESOLUTION_FILE = Path(__file__).resolve().parents[2] / "config" / "resolution.yaml"
TOP_KEYS = {"sources", "policies", "policy_file", "resolution_file", "resolution_labels", "publish",
            "as_of"}
PUBLISH_KEYS = {"max_shrink", "keep_versions", "signing_key_file", "public_key_file",
                "require_signature"}


class ConfigError(ValueError):
    """The configuration file is invalid; the message says where and why."""


@dataclass(frozen=True)
class SourceConfig:
    url: str
    # Overrides the spec's production bounds (the demo is small).
    expected_rows: tuple[int, int] | None = None
    # Accept enumeration values the parser does not know (e.g. a new OFAC
    # program), recording them instead of stopping the stage.
    accept_new_values: bool = False
    max_age_hours: float | None = None
    # A delta file (records changed since its DeltaStart) applied to the last good
    # staging snapshot instead of re-reading the full file; None: always the full file.
    delta_url: str | None = None
    # A new snapshot whose main table keeps less than this share of the last
    # good one's rows is refused (fail closed); None: the default of 0.5.
    min_share_of_previous: float | None = None


@dataclass(frozen=True)
class PublishConfig:
    # Refuse to publish a denylist that shrank by more than this fraction.
    max_shrink: float = 0.05
    keep_versions: int = 30
    # The Ed25519 private key (PEM) that signs manifest.json; $OWNERGRAPH_SIGNING_KEY wins.
    signing_key_file: Path | None = None
    # The public key `ownergraph verify` checks signatures with.
    public_key_file: Path | None = None
    # Refuse to publish when no signing key is available (production).
    require_signature: bool = False


@dataclass(frozen=True)
class RunConfig:
    path: Path
    sources: Mapping[str, SourceConfig]
    policies: tuple[str, ...]
    policy_file: Path
    resolution_file: Path
    publish: PublishConfig = field(default_factory=PublishConfig)
    # A labelled set (the demo's truth.json) the resolution accuracy check scores against.
    resolution_labels: Path | None = None
    as_of: str | None = None


def load_config(path: Path, data_dir: Path, known_sources: set[str]) -> RunConfig:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    _reject_unknown(raw, TOP_KEYS, str(path))
    sources = {
        source_id: _source_config(path, source_id, entry, data_dir, known_sources)
        for source_id, entry in (raw.get("sources") or {}).items()
    }
    policy_file = path.parent / str(raw.get("policy_file", "policies.yaml"))
    # Without one named, a resolution.yaml beside the config, else the built-in settings.
    resolution_file = path.parent / str(raw.get("resolution_file", "resolution.yaml"))
    if "resolution_file" not in raw and not resolution_file.exists():
        resolution_file = DEFAULT_RESOLUTION_FILE
    as_of = raw.get("as_of")
    return RunConfig(
        path=path,
        sources=sources,
        policies=tuple(_policies(path, raw.get("policies"))),
        policy_file=policy_file,
        resolution_file=resolution_file,
        resolution_labels=_labels(raw.get("resolution_labels"), path, data_dir),
        publish=_publish_config(path, raw.get("publish") or {}, data_dir),
        as_of=str(as_of) if as_of is not None else None,
    )


def _labels(value: Any, path: Path, data_dir: Path) -> Path | None:
    if value is None:
        return None
    if "{data_dir}" in str(value):
        return Path(str(value).replace("{data_dir}", str(data_dir)))
    return path.parent / str(value)


def _source_config(
    path: Path, source_id: str, entry: Any, data_dir: Path, known: set[str]
) -> SourceConfig:
    where = f"{path}: sources.{source_id}"
    if source_id not in known:
        raise ConfigError(f"{where}: unknown source id; known: {', '.join(sorted(known))}")
    if not isinstance(entry, dict) or "url" not in entry:
        raise ConfigError(f"{where}: expected a mapping with a 'url'")
    _reject_unknown(entry, SOURCE_KEYS, where)
    bounds = entry.get("expected_rows")
    if bounds is not None and (len(bounds) != 2 or int(bounds[0]) > int(bounds[1])):
        raise ConfigError(f"{where}.expected_rows: expected [min, max]")
    max_age = entry.get("max_age_hours")
    min_share = entry.get("min_share_of_previous")
    if min_share is not None and not 0 <= float(min_share) <= 1:
        raise ConfigError(f"{where}.min_share_of_previous: expected a share between 0 and 1")
    delta_url = entry.get("delta_url")
    return SourceConfig(
        url=str(entry["url"]).replace("{data_dir}", str(data_dir)),
        expected_rows=(int(bounds[0]), int(bounds[1])) if bounds is not None else None,
        accept_new_values=bool(entry.get("accept_new_values", False)),
        max_age_hours=float(max_age) if max_age is not None else None,
        delta_url=str(delta_url).replace("{data_dir}", str(data_dir)) if delta_url else None,
        min_share_of_previous=float(min_share) if min_share is not None else None,
    )


def _policies(path: Path, value: Any) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: 'policies' must be a non-empty list of policy ids")
    return list(value)


def _publish_config(path: Path, value: Any, data_dir: Path) -> PublishConfig:
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: 'publish' must be a mapping")
    _reject_unknown(value, PUBLISH_KEYS, f"{path}: publish")
    defaults = PublishConfig()
    max_shrink = float(value.get("max_shrink", defaults.max_shrink))
    if not 0 <= max_shrink < 1:
        raise ConfigError(f"{path}: publish.max_shrink: expected a fraction in [0, 1)")
    require = value.get("require_signature", False)
    if not isinstance(require, bool):
        raise ConfigError(f"{path}: publish.require_signature: expected true or false")
    return PublishConfig(
        max_shrink=max_shrink,
        keep_versions=int(value.get("keep_versions", defaults.keep_versions)),
        signing_key_file=_key_path(value.get("signing_key_file"), path, data_dir),
        public_key_file=_key_path(value.get("public_key_file"), path, data_dir),
        require_signature=require,
    )


def _key_path(value: Any, path: Path, data_dir: Path) -> Path | None:
    """A key file: ``{data_dir}`` expanded, relative paths from the config's folder."""
    if value is None:
        return None
    if "{data_dir}" in str(value):
        return Path(str(value).replace("{data_dir}", str(data_dir)))
    return path.parent / str(value)


def _reject_unknown(entry: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = set(entry) - allowed
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
