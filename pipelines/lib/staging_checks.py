"""What a parsed snapshot must satisfy before it replaces the last good staging tables.

Each rule gives a verdict rather than raising, so the Dagster staging asset can
show every rule as an asset check in the UI (passed or not) and the stage can
still refuse with one message naming every failed rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipelines.lib.staging import QUARANTINE
from pipelines.sources.base import SourceSpec

# More quarantined records than this share of a source means the file, not a
# few rows, is broken: stop the stage rather than publish from half a register.
MAX_QUARANTINE_SHARE = 0.05
# A list or register that lost more than half its rows since the last good
# snapshot is far likelier a broken download than a real change (the run
# config's min_share_of_previous overrides it per source).
MIN_SHARE_OF_PREVIOUS = 0.5

DESCRIPTIONS = {
    "row_bounds": "The main table's row count lies within the expected bounds "
    "(the source spec's, or the run config's expected_rows).",
    "quarantine_share": f"At most {MAX_QUARANTINE_SHARE:.0%} of the records read "
    "were quarantined as malformed.",
    "not_shrunk": "The main table keeps at least the configured share (default "
    f"{MIN_SHARE_OF_PREVIOUS:.0%}) of the last good snapshot's rows.",
}


@dataclass(frozen=True)
class Verdict:
    name: str
    passed: bool
    message: str
    metadata: dict[str, Any] = field(default_factory=dict)


def row_bounds(spec: SourceSpec, bounds: tuple[int, int], counts: dict[str, int]) -> Verdict:
    low, high = bounds
    rows = counts.get(spec.main_table, 0)
    return Verdict(
        "row_bounds",
        low <= rows <= high,
        f"{rows} rows in {spec.main_table}, "
        + ("within" if low <= rows <= high else "outside")
        + f" the expected [{low}, {high}]",
        {"rows": rows, "low": low, "high": high, "table": spec.main_table},
    )


def quarantine_share(spec: SourceSpec, counts: dict[str, int]) -> Verdict:
    rows = counts.get(spec.main_table, 0)
    bad = counts.get(QUARANTINE, 0)
    share = bad / (rows + bad) if bad else 0.0
    return Verdict(
        "quarantine_share",
        share <= MAX_QUARANTINE_SHARE,
        f"{bad} of {rows + bad} records quarantined ({share:.2%}; "
        f"the limit is {MAX_QUARANTINE_SHARE:.0%})",
        {"quarantined": bad, "records": rows + bad, "share": round(share, 6)},
    )


def not_shrunk(
    spec: SourceSpec, counts: dict[str, int], previous: dict[str, int] | None, min_share: float
) -> Verdict:
    rows = counts.get(spec.main_table, 0)
    if previous is None:
        return Verdict("not_shrunk", True, "no earlier snapshot to compare with", {"rows": rows})
    before = previous.get(spec.main_table, 0)
    share = rows / before if before else 1.0
    return Verdict(
        "not_shrunk",
        share >= min_share,
        f"{rows} rows in {spec.main_table}, {share:.0%} of the last good snapshot's {before} "
        f"(the minimum is {min_share:.0%})",
        {"rows": rows, "previous_rows": before, "share": round(share, 6), "min_share": min_share},
    )


def verdicts(
    spec: SourceSpec,
    bounds: tuple[int, int],
    counts: dict[str, int],
    previous: dict[str, int] | None = None,
    min_share: float = MIN_SHARE_OF_PREVIOUS,
) -> list[Verdict]:
    """Every rule's verdict; ``previous`` holds the last good snapshot's counts."""
    return [
        row_bounds(spec, bounds, counts),
        quarantine_share(spec, counts),
        not_shrunk(spec, counts, previous, min_share),
    ]


def skipped(reason: str) -> list[Verdict]:
    """A source the run does not configure: nothing to check, every rule passes."""
    return [Verdict(name, True, reason) for name in DESCRIPTIONS]
