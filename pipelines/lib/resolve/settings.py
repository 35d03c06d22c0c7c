"""Resolution settings (``config/resolution.yaml``), read strictly: an unknown or
missing key is an error naming the file, so a typo never silently falls back to
a default weight."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from pipelines.lib.config import DEFAULT_RESOLUTION_FILE, ConfigError


@dataclass(frozen=True)
class Blocking:
    keys_per_name: int
    max_bucket: int
    affix_length: int
    min_typo_length: int
    pair_prefix: int


@dataclass(frozen=True)
class Scoring:
    match: float
    possible: float
    country_agree: float
    country_conflict: float
    regno_agree: float
    regno_conflict: float
    legal_form_conflict: float
    number_conflict: float
    weak_name: float
    person_name_only_cap: float


@dataclass(frozen=True)
class AccuracyFloor:
    min_f1: float
    min_precision: float


@dataclass(frozen=True)
class Resolution:
    path: Path
    judgements_file: Path
    register_schemes: tuple[str, ...]
    exclusive_schemes: tuple[str, ...]
    max_identifier_group: int
    blocking: Blocking
    scoring: Scoring
    accuracy: AccuracyFloor
    chain_floor: float


def _section(path: Path, raw: dict[str, Any], key: str, cls: Any) -> Any:
    values = raw.get(key)
    fields = set(cls.__dataclass_fields__)
    if not isinstance(values, dict) or set(values) != fields:
        got = sorted(values) if isinstance(values, dict) else values
        raise ConfigError(f"{path}: `{key}` needs exactly {sorted(fields)}, got {got}")
    # Every setting is a number; the field's annotation says which kind.
    casts = {"int": int, "float": float}
    try:
        return cls(**{k: casts[str(cls.__dataclass_fields__[k].type)](v)
                      for k, v in values.items()})
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: `{key}`: {exc}") from exc


def load_resolution(path: Path = DEFAULT_RESOLUTION_FILE) -> Resolution:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    top = {"judgements_file", "register_schemes", "exclusive_schemes", "max_identifier_group", "blocking",
           "scoring", "accuracy", "clusters"}
    if not isinstance(raw, dict) or set(raw) != top:
        got = sorted(raw) if isinstance(raw, dict) else raw
        raise ConfigError(f"{path}: expected exactly the keys {sorted(top)}, got {got}")
    scoring: Scoring = _section(path, raw, "scoring", Scoring)
    if not 0 < scoring.possible <= scoring.match <= 1:
        raise ConfigError(f"{path}: scoring needs 0 < possible <= match <= 1")
    clusters = raw["clusters"]
    if not isinstance(clusters, dict) or set(clusters) != {"chain_floor"}:
        raise ConfigError(f"{path}: `clusters` needs exactly ['chain_floor']")
    return Resolution(
        path=path,
        judgements_file=(path.parent / str(raw["judgements_file"])).resolve(),
        register_schemes=tuple(str(s) for s in raw["register_schemes"]),
        exclusive_schemes=tuple(str(s) for s in raw["exclusive_schemes"]),
        max_identifier_group=int(raw["max_identifier_group"]),
        blocking=_section(path, raw, "blocking", Blocking),
        scoring=scoring,
        accuracy=_section(path, raw, "accuracy", AccuracyFloor),
        chain_floor=float(clusters["chain_floor"]),
    )
