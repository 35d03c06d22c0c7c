"""Policy definitions, read from YAML (``config/policies.yaml``).

A policy is data, not code: its roots, how ownership is counted, and which
kinds of control count. One fixed-point engine (``policy.py``) runs them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

BASES = {
    "shares",
    "votes",
    "board_appointment",
    "accounting_consolidation",
    "branch",
    "significant_influence",
    "fund_management",
    "fund_structure",
    "unknown",
}
KINDS = {"company", "organization", "person", "state_body", "vessel", "aircraft", "unknown"}


class PolicyError(ValueError):
    """A policy definition is invalid; the message names the policy and field."""


@dataclass(frozen=True)
class Ownership:
    threshold: float
    # ">" (more than, e.g. UK and cn_control) or ">=" (OFAC, EU, BIS: 50% or more).
    comparison: str
    # Sum stakes of different restricted owners (OFAC, EU) or test each alone (UK).
    aggregate: bool
    bases: tuple[str, ...]


@dataclass(frozen=True)
class Policy:
    id: str
    description: str
    root_lists: tuple[str, ...] = ()
    root_hq_countries: tuple[str, ...] = ()
    root_kinds: tuple[str, ...] = ()
    ownership: Ownership | None = None
    control_definite: tuple[str, ...] = ()
    control_possible: tuple[str, ...] = ()

    @property
    def propagates(self) -> bool:
        return bool(self.ownership or self.control_definite or self.control_possible)


def load_policies(path: Path, names: tuple[str, ...]) -> list[Policy]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    missing = [n for n in names if n not in raw]
    if missing:
        raise PolicyError(f"{path}: unknown policy id(s) {missing}; defined: {sorted(raw)}")
    return [_policy(name, raw[name]) for name in names]


def _policy(policy_id: str, raw: dict[str, Any]) -> Policy:
    allowed = {"description", "roots", "ownership", "control"}
    _only(policy_id, "", raw, allowed)
    roots = raw.get("roots") or {}
    _only(policy_id, "roots.", roots, {"lists", "headquarters_countries", "kinds"})
    control = raw.get("control") or {}
    _only(policy_id, "control.", control, {"definite", "possible"})
    policy = Policy(
        id=policy_id,
        description=str(raw.get("description", "")).strip(),
        root_lists=tuple(roots.get("lists", ())),
        root_hq_countries=tuple(c.upper() for c in roots.get("headquarters_countries", ())),
        root_kinds=tuple(roots.get("kinds", ())),
        ownership=_ownership(policy_id, raw.get("ownership")),
        control_definite=tuple(control.get("definite", ())),
        control_possible=tuple(control.get("possible", ())),
    )
    _check_values(policy)
    return policy


def _ownership(policy_id: str, raw: dict[str, Any] | None) -> Ownership | None:
    if raw is None:
        return None
    _only(policy_id, "ownership.", raw, {"threshold", "comparison", "aggregate", "bases"})
    comparison = str(raw.get("comparison", ">="))
    if comparison not in {">", ">="}:
        raise PolicyError(f"{policy_id}.ownership.comparison: {comparison!r} is not > or >=")
    return Ownership(
        threshold=float(raw["threshold"]),
        comparison=comparison,
        aggregate=bool(raw.get("aggregate", True)),
        bases=tuple(raw.get("bases", ("shares",))),
    )


def _check_values(policy: Policy) -> None:
    bases = (*policy.control_definite, *policy.control_possible)
    if policy.ownership:
        bases += policy.ownership.bases
    for value in bases:
        if value not in BASES:
            raise PolicyError(f"{policy.id}: unknown relationship basis {value!r}")
    for kind in policy.root_kinds:
        if kind not in KINDS:
            raise PolicyError(f"{policy.id}.roots.kinds: unknown kind {kind!r}")
    if not (policy.root_lists or policy.root_hq_countries):
        raise PolicyError(f"{policy.id}: a policy needs roots (lists or headquarters_countries)")


def _only(policy_id: str, prefix: str, raw: dict[str, Any], allowed: set[str]) -> None:
    unknown = set(raw) - allowed
    if unknown:
        raise PolicyError(f"{policy_id}: unknown key(s) {[prefix + k for k in sorted(unknown)]}")
