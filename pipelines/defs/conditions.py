"""When assets run on their own, and when they are stale: the automation conditions and
freshness policies the asset definitions share.

Sources run on their publisher's cadence (``SourceSpec.cadence_cron``, through
the schedules in ``automation.py``). Everything after them runs when an input's
*data* changed: raw and staging assets carry the snapshot id as their data
version, so a fetch that found nothing new re-materializes them without
triggering a warehouse rebuild.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import dagster as dg

# Dagster's own cron iterator, so "how often" means exactly what its schedules do.
from dagster._utils.schedules import cron_string_iterator

from pipelines.defs import reference

# A fixed window (five weeks, whole months included) so the same cron always
# gives the same period, whatever day the code location loads.
_WINDOW_START = datetime(2026, 1, 1, tzinfo=UTC)
_WINDOW = timedelta(days=35)

_REFERENCE = dg.AssetSelection.assets(*(spec.key for spec in reference.assets))

_INPUT_CHANGED = (
    dg.AutomationCondition.newly_updated() & dg.AutomationCondition.data_version_changed()
).with_label("new data version")

# Rebuild when an input's data changed (or an input is rebuilt in the same run),
# never while an input is missing or still running. Failed blocking checks need no
# clause here: a staging step whose checks fail raises, so no new data version
# appears, and inside a warehouse run a failed check stops everything downstream.
# (Dagster's all_deps_blocking_checks_passed would also hold back every rebuild
# after one source's refresh *run* failed, the opposite of failure isolation.)
ON_NEW_INPUT_DATA = (
    (
        dg.AutomationCondition.newly_missing()
        | dg.AutomationCondition.any_deps_match(
            _INPUT_CHANGED | dg.AutomationCondition.will_be_requested()
        ).with_label("an input has new data")
    ).since_last_handled()
    # Reference code lists are files in the repository: never materialized, never missing.
    & ~dg.AutomationCondition.any_deps_missing().ignore(_REFERENCE)
    & ~dg.AutomationCondition.any_deps_in_progress()
    & ~dg.AutomationCondition.in_progress()
).with_label("on new input data")

# The published denylist: after every successful determination run (in the same
# run when the determinations are rebuilt by automation).
AFTER_DETERMINATIONS = dg.AutomationCondition.eager().with_label(
    "after a successful determination run")

# The denylist is rebuilt at least every six hours (the lists' cadence); a day
# without a new version means something is stuck.
PUBLISHED_FRESHNESS = dg.FreshnessPolicy.time_window(
    fail_window=timedelta(hours=30), warn_window=timedelta(hours=12)
)


def longest_gap(cron: str) -> timedelta:
    """The longest time between two ticks of ``cron`` (UTC)."""
    ticks = cron_string_iterator(_WINDOW_START.timestamp(), cron, "UTC")
    previous = next(ticks)
    gap = timedelta(0)
    for tick in ticks:
        if tick - previous > gap:
            gap = tick - previous
        if tick > _WINDOW_START + _WINDOW:
            return gap
        previous = tick
    raise AssertionError("unreachable: cron iterators are infinite")


def source_freshness(cron: str) -> dg.FreshnessPolicy:
    """Warn once a publication was missed; fail once two were (plus an hour to fetch)."""
    gap = longest_gap(cron)
    return dg.FreshnessPolicy.time_window(
        fail_window=2 * gap + timedelta(hours=1), warn_window=gap + timedelta(hours=1)
    )
