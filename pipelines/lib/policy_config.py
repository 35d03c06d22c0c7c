"""Policy definitions, read from YAML (``config/policies.yaml``).

A policy is data, not code: its roots, how ownership is counted, which kinds of
control count (definitely, possibly, or only as a caution), whom it can reach,
and when its derivations are in force. One fixed-point engine (``policy.py``)
runs them all. Every key is checked: an unknown key, basis, kind or list code is
an error naming the policy and the field.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from pipelines.lib.sqlmodels import SQL_DIR

BASES = {
    "shares",
    "votes",
    "board_appointment",
    "accounting_consolidation",
    "branch",
    "significant_influence",
    "fund_management",
    "fund_structure",
    "association",
    "unknown",
}
KINDS = {"company", "organization", "person", "state_body", "vessel", "aircraft", "unknown"}
LIST_CODES_CSV = SQL_DIR.parent / "data" / "reference" / "list_codes.csv"


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
    # Without aggregation, owners in one declared joint arrangement still sum
    # (OFSI: "subject to a joint arrangement"). Each group is a tuple of entity ids.
    joint_arrangements: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Window:
    """Derivations are in force from ``start`` (inclusive) until ``until`` (exclusive)."""

    start: date | None
    until: date | None

    def contains(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.until is None or day < self.until)


@dataclass(frozen=True)
class Caution:
    """Evidence short of a determination, recorded as a flag (OFAC FAQ 398)."""

    # A caught owner's stake at or above this, that does not catch, is flagged.
    minority_stake: float | None = None
    control: tuple[str, ...] = ()


@dataclass(frozen=True)
class Policy:
    id: str
    description: str
    root_lists: tuple[str, ...] = ()
    # list code -> programs: a membership of that list roots only under these programs.
    root_list_programs: tuple[tuple[str, tuple[str, ...]], ...] = ()
    root_hq_countries: tuple[str, ...] = ()
    root_kinds: tuple[str, ...] = ()
    natural_persons: bool = True
    ownership: Ownership | None = None
    control_definite: tuple[str, ...] = ()
    control_possible: tuple[str, ...] = ()
    caution: Caution = field(default_factory=Caution)
    # Derived (not root) entities incorporated here are out of the rule's scope
    # (the BIS Affiliates Rule covers foreign entities only).
    exclude_jurisdictions: tuple[str, ...] = ()
    # Count a possible resolution match of a root as a possible root.
    possible_matches: bool = False
    effective: tuple[Window, ...] = ()

    @property
    def propagates(self) -> bool:
        return bool(self.ownership or self.control_definite or self.control_possible)

    def in_force_on(self, day: date) -> bool:
        """Whether ownership and control derivations are in force on ``day``."""
        return not self.effective or any(w.contains(day) for w in self.effective)


def load_policies(path: Path, names: tuple[str, ...]) -> list[Policy]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    missing = [n for n in names if n not in raw]
    if missing:
        raise PolicyError(f"{path}: unknown policy id(s) {missing}; defined: {sorted(raw)}")
    return [_policy(name, raw[name]) for name in names]


def _policy(policy_id: str, raw: dict[str, Any]) -> Policy:
    allowed = {"description", "roots", "ownership", "control", "caution", "subjects",
               "possible_matches", "effective"}
    _only(policy_id, "", raw, allowed)
    roots = raw.get("roots") or {}
    _only(policy_id, "roots.", roots,
          {"lists", "list_programs", "headquarters_countries", "kinds", "natural_persons"})
    control = raw.get("control") or {}
    _only(policy_id, "control.", control, {"definite", "possible"})
    subjects = raw.get("subjects") or {}
    _only(policy_id, "subjects.", subjects, {"exclude_jurisdictions"})
    policy = Policy(
        id=policy_id,
        description=str(raw.get("description", "")).strip(),
        root_lists=tuple(roots.get("lists", ())),
        root_list_programs=_list_programs(policy_id, roots.get("list_programs") or {}),
        root_hq_countries=tuple(c.upper() for c in roots.get("headquarters_countries", ())),
        root_kinds=tuple(roots.get("kinds", ())),
        natural_persons=_flag(policy_id, "roots.natural_persons", roots, True),
        ownership=_ownership(policy_id, raw.get("ownership")),
        control_definite=tuple(control.get("definite", ())),
        control_possible=tuple(control.get("possible", ())),
        caution=_caution(policy_id, raw.get("caution")),
        exclude_jurisdictions=tuple(c.upper() for c in subjects.get("exclude_jurisdictions", ())),
        possible_matches=_flag(policy_id, "possible_matches", raw, False),
        effective=_windows(policy_id, raw.get("effective") or ()),
    )
    _check_values(policy)
    return policy


def _flag(policy_id: str, name: str, raw: dict[str, Any], default: bool) -> bool:
    value = raw.get(name.rsplit(".", 1)[-1], default)
    if not isinstance(value, bool):
        raise PolicyError(f"{policy_id}.{name}: {value!r} is not true or false")
    return value


def _list_programs(policy_id: str, raw: dict[str, Any]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(raw, dict):
        raise PolicyError(f"{policy_id}.roots.list_programs: a mapping of list code to programs")
    return tuple(sorted((str(code), tuple(str(p) for p in programs))
                        for code, programs in raw.items()))


def _ownership(policy_id: str, raw: dict[str, Any] | None) -> Ownership | None:
    if raw is None:
        return None
    _only(policy_id, "ownership.", raw,
          {"threshold", "comparison", "aggregate", "bases", "joint_arrangements"})
    comparison = str(raw.get("comparison", ">="))
    if comparison not in {">", ">="}:
        raise PolicyError(f"{policy_id}.ownership.comparison: {comparison!r} is not > or >=")
    threshold = float(raw["threshold"])
    if not 0 < threshold <= 100:
        raise PolicyError(f"{policy_id}.ownership.threshold: {threshold:g} is not in (0, 100]")
    return Ownership(
        threshold=threshold,
        comparison=comparison,
        aggregate=_flag(policy_id, "ownership.aggregate", raw, True),
        bases=tuple(raw.get("bases", ("shares",))),
        joint_arrangements=tuple(tuple(str(m) for m in group)
                                 for group in raw.get("joint_arrangements") or ()),
    )


def _caution(policy_id: str, raw: dict[str, Any] | None) -> Caution:
    if raw is None:
        return Caution()
    _only(policy_id, "caution.", raw, {"minority_stake", "control"})
    stake = raw.get("minority_stake")
    return Caution(minority_stake=None if stake is None else float(stake),
                   control=tuple(raw.get("control", ())))


def _windows(policy_id: str, raw: Any) -> tuple[Window, ...]:
    windows = []
    for i, item in enumerate(raw):
        _only(policy_id, f"effective[{i}].", item, {"from", "until"})
        start, until = _day(policy_id, item.get("from")), _day(policy_id, item.get("until"))
        if start and until and until <= start:
            raise PolicyError(f"{policy_id}.effective[{i}]: 'until' {until} is not after {start}")
        windows.append(Window(start, until))
    return tuple(windows)


def _day(policy_id: str, value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise PolicyError(f"{policy_id}.effective: {value!r} is not a YYYY-MM-DD date") from error


def _check_values(policy: Policy) -> None:
    bases = (*policy.control_definite, *policy.control_possible, *policy.caution.control)
    if policy.ownership:
        bases += policy.ownership.bases
    for value in bases:
        if value not in BASES:
            raise PolicyError(f"{policy.id}: unknown relationship basis {value!r}")
    for kind in policy.root_kinds:
        if kind not in KINDS:
            raise PolicyError(f"{policy.id}.roots.kinds: unknown kind {kind!r}")
    known = list_codes()
    for code in (*policy.root_lists, *(c for c, _ in policy.root_list_programs)):
        if code != "*" and code not in known:
            raise PolicyError(f"{policy.id}.roots: unknown list code {code!r} "
                              f"(data/reference/list_codes.csv)")
    if not (policy.root_lists or policy.root_list_programs or policy.root_hq_countries):
        raise PolicyError(f"{policy.id}: a policy needs roots (lists or headquarters_countries)")


def list_codes() -> frozenset[str]:
    with LIST_CODES_CSV.open(encoding="utf-8", newline="") as handle:
        return frozenset(row["list_code"] for row in csv.DictReader(handle))


def _only(policy_id: str, prefix: str, raw: dict[str, Any], allowed: set[str]) -> None:
    if not isinstance(raw, dict):
        raise PolicyError(f"{policy_id}: {prefix.rstrip('.') or 'the policy'} must be a mapping")
    unknown = set(raw) - allowed
    if unknown:
        raise PolicyError(f"{policy_id}: unknown key(s) {[prefix + k for k in sorted(unknown)]}")
