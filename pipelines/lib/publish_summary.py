"""What a published version holds, as markdown for the publish asset's page in Dagster.

Counts by policy and status, the delta against the previous version (counts and
a few examples with their reasons), the largest groups reached from a root, and
the published files. Dagster-free: pipelines/defs/publish.py wraps these values.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from pipelines.lib.publish import MANIFEST, SIGNATURE
from pipelines.lib.sqlmodels import SQL_DIR, bind

LARGEST_GROUPS_SQL = SQL_DIR / "release" / "largest_groups.sql"
EXAMPLES = 5
_CELL = 160


@dataclass(frozen=True)
class Summary:
    counts: str
    delta: str
    largest_groups: str
    files: dict[str, Path]


def summarize(version_dir: Path, con: duckdb.DuckDBPyConnection, top: int = 10) -> Summary:
    manifest = json.loads((version_dir / MANIFEST).read_text(encoding="utf-8"))
    names = [*sorted(manifest["files"]), MANIFEST]
    if (version_dir / SIGNATURE).is_file():
        names.append(SIGNATURE)
    return Summary(
        counts=counts_table(manifest["counts"]),
        delta=delta_summary(version_dir / "delta.jsonl", manifest.get("previous_version")),
        largest_groups=largest_groups(con, top),
        files={name: version_dir / name for name in names},
    )


def counts_table(counts: dict[str, dict[str, int]]) -> str:
    rows = [(policy, status, f"{n:,}") for policy, by_status in sorted(counts.items())
            for status, n in sorted(by_status.items())]
    return markdown(("policy", "status", "rows"), rows)


def delta_summary(path: Path, previous: str | None) -> str:
    changes = _read_jsonl(path)
    against = f"against {previous}" if previous else "first version: every row added"
    if not changes:
        return f"No change {against}."
    tally = Counter((c["policy"], c["change"]) for c in changes)
    totals = markdown(("policy", "change", "rows"),
                      [(p, c, f"{n:,}") for (p, c), n in sorted(tally.items())])
    examples = markdown(
        ("change", "policy", "entity_id", "name", "reason"),
        [(c["change"], c["policy"], c["entity_id"], c["name"], c["reason"])
         for c in _examples(changes)])
    return f"Delta {against}:\n\n{totals}\n\nExamples:\n\n{examples}"


def largest_groups(con: duckdb.DuckDBPyConnection, top: int = 10) -> str:
    sql = LARGEST_GROUPS_SQL.read_text(encoding="utf-8")
    found = con.execute(sql, bind(sql, {"top": top})).fetchall()
    if not found:
        return "No entity is reached from a root."
    return markdown(("policy", "root", "name", "entities reached"),
                    [(p, r, n, f"{count:,}") for p, r, n, count in found])


def markdown(header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _examples(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A few of each kind of change, so removals show even among many additions."""
    picked: list[dict[str, Any]] = []
    for kind in ("removed", "changed", "added"):
        picked += [c for c in changes if c["change"] == kind][:EXAMPLES]
    return picked


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= _CELL else text[: _CELL - 1] + "…"


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
