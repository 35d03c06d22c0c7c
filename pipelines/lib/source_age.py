"""How old each source's last good snapshot is, and whether a publish may rely on it.

The last good snapshot is the one ``staging/<source>/CURRENT`` names (the last
parse that passed its checks). It was confirmed current when it was fetched,
and again each time a later fetch found it unchanged (``raw/<source>/CHECKED``).
A newer download that failed to parse does not make the old snapshot younger:
only a check that names the same snapshot does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pipelines.lib.stages import RunContext, current_staging


@dataclass(frozen=True)
class SourceAge:
    source_id: str
    snapshot_id: str | None  # None: never parsed
    confirmed_at: datetime | None
    max_age_hours: float | None  # from the run config; None: no limit

    def hours(self, now: datetime) -> float | None:
        if self.confirmed_at is None:
            return None
        return (now - self.confirmed_at).total_seconds() / 3600

    def problem(self, now: datetime) -> str | None:
        """Why a publish must not rely on this source, or None."""
        if self.snapshot_id is None:
            return f"{self.source_id}: no good snapshot was ever parsed"
        hours = self.hours(now)
        if self.max_age_hours is None or hours is None or hours <= self.max_age_hours:
            return None
        return (f"{self.source_id}: last good snapshot {self.snapshot_id} was confirmed current "
                f"{hours:.1f} hours ago, more than its max_age_hours of {self.max_age_hours:g}")


def source_age(ctx: RunContext, source_id: str) -> SourceAge:
    limit = ctx.config.sources[source_id].max_age_hours
    current = current_staging(ctx, source_id)
    if current is None:
        return SourceAge(source_id, None, None, limit)
    snapshot_id = current[0]
    return SourceAge(source_id, snapshot_id, _confirmed_at(ctx.data_dir, source_id, snapshot_id),
                     limit)


def _confirmed_at(data_dir: Path, source_id: str, snapshot_id: str) -> datetime | None:
    checked = data_dir / "raw" / source_id / "CHECKED"
    if checked.exists():
        last = json.loads(checked.read_text(encoding="utf-8"))
        if last.get("snapshot_id") == snapshot_id:
            return datetime.fromisoformat(last["checked_at"])
    manifest = data_dir / "raw" / source_id / snapshot_id / "manifest.json"
    if not manifest.exists():
        return None
    fetched = json.loads(manifest.read_text(encoding="utf-8")).get("fetched_at")
    return _parse_time(fetched) if fetched else None


def _parse_time(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def configured_ages(ctx: RunContext) -> list[SourceAge]:
    return [source_age(ctx, source_id) for source_id in sorted(ctx.config.sources)]


def now_utc() -> datetime:
    return datetime.now(UTC)
