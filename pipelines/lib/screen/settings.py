"""Screening settings (``config/screening.yaml``), read strictly: an unknown or
missing key is an error naming the file, so a typo never falls back to a default."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, TypeVar

import yaml

from pipelines.lib.config import ConfigError

DEFAULT_SCREENING_FILE = Path(__file__).resolve().parents[3] / "config" / "screening.yaml"


@dataclass(frozen=True)
class Retrieval:
    max_df: int
    keys_per_query: int
    pool_df: int
    rarest_df: int
    candidates: int
    typo_min_length: int
    typo_max_length: int
    typo_weight: float
    typo_keys_per_query: int


@dataclass(frozen=True)
class Scoring:
    contained_weight: float
    contained_min_length: int
    aligned_below: float
    country_agree: float
    country_conflict: float
    identifier_match: float
    identifier_conflict: float
    legal_form_conflict: float
    number_conflict: float
    min_score: float


@dataclass(frozen=True)
class Limits:
    max_name_length: int
    default_limit: int
    max_limit: int
    max_body_bytes: int


@dataclass(frozen=True)
class Screening:
    retrieval: Retrieval
    scoring: Scoring
    limits: Limits


Section = TypeVar("Section", Retrieval, Scoring, Limits)


def _section(path: Path, raw: dict[str, Any], key: str, cls: type[Section]) -> Section:
    values = raw.get(key)
    names = {field.name for field in fields(cls)}
    if not isinstance(values, dict) or set(values) != names:
        got = sorted(values) if isinstance(values, dict) else values
        raise ConfigError(f"{path}: `{key}` needs exactly {sorted(names)}, got {got}")
    casts = {"int": int, "float": float}
    try:
        return cls(**{f.name: casts[str(f.type)](values[f.name]) for f in fields(cls)})
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: `{key}`: {exc}") from exc


def load_screening(path: Path = DEFAULT_SCREENING_FILE) -> Screening:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    top = {"retrieval", "scoring", "limits"}
    if not isinstance(raw, dict) or set(raw) != top:
        got = sorted(raw) if isinstance(raw, dict) else raw
        raise ConfigError(f"{path}: expected exactly the keys {sorted(top)}, got {got}")
    settings = Screening(
        retrieval=_section(path, raw, "retrieval", Retrieval),
        scoring=_section(path, raw, "scoring", Scoring),
        limits=_section(path, raw, "limits", Limits),
    )
    if not 0 < settings.limits.default_limit <= settings.limits.max_limit:
        raise ConfigError(f"{path}: limits need 0 < default_limit <= max_limit")
    return settings
