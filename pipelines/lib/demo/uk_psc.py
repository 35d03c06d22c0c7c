"""The PSC snapshot as Companies House publishes it: JSON Lines in a zip.

One ``{"company_number": ..., "data": {...}}`` object per line, keys sorted
(as the official file has them), absent fields left out, then the totals line
(PROVENANCE.md, "PSC snapshot format"). Scenario records come first, then the
labelled mentions (psc_mentions.py), then the columnar filler
(sql/psc_filler.sql), then the exemptions and the totals.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import IO, Any

from pipelines.lib.demo import bulk
from pipelines.lib.demo.uk_world import (
    FILLER_FIRST,
    KIND_PATHS,
    PSC_GENERATED_AT,
    SNAPSHOT_DAY,
    Psc,
    PscStatement,
    UkWorld,
    company_number,
    etag,
)

NAME = f"persons-with-significant-control-snapshot-{SNAPSHOT_DAY}"
REGISTER_PSC_LINES = 13_574_000  # 12.8 M PSC + 0.77 M statements (real totals, 2024)
STATEMENT_EVERY = 18  # about 0.77 M statements in 13.6 M lines
REGISTER_EXEMPTIONS = 77


@dataclass(frozen=True)
class PscCounts:
    pscs: int
    statements: int
    exemptions: int

    def totals_line(self) -> bytes:
        # Not alphabetical: the order of the real totals line.
        data = {"kind": "totals#persons-of-significant-control-snapshot",
                "persons_of_significant_control_count": self.pscs,
                "statements_count": self.statements, "exemptions_count": self.exemptions,
                "generated_at": PSC_GENERATED_AT}
        return _dumps({"data": data})


def _dumps(obj: dict[str, Any], sort: bool = False) -> bytes:
    # Companies House's encoder escapes "&" as \u0026 and keeps other UTF-8 as is.
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=sort)
    return (text.replace("&", "\\u0026") + "\n").encode("utf-8")


def links_self(p: Psc) -> str:
    return f"/company/{p.company}/persons-with-significant-control/{KIND_PATHS[p.kind]}/{p.psc_id}"


def psc_line(p: Psc) -> bytes:
    data: dict[str, Any] = {
        "address": p.address.as_psc(), "etag": p.etag, "kind": p.kind,
        "links": {"self": links_self(p)}, "name": p.name,
        "natures_of_control": list(p.natures), "notified_on": p.notified.isoformat(),
    }
    if p.ceased:
        data["ceased_on"] = p.ceased.isoformat()
    if p.identification:
        data["identification"] = p.identification
    data.update(p.person or {})
    return _dumps({"company_number": p.company, "data": data}, sort=True)


def statement_line(s: PscStatement) -> bytes:
    data: dict[str, Any] = {
        "etag": s.etag, "kind": "persons-with-significant-control-statement",
        "links": {"self": f"/company/{s.company}/persons-with-significant-control-statements/"
                          f"{s.psc_id}"},
        "notified_on": s.notified.isoformat(), "statement": s.statement,
    }
    if s.ceased:
        data["ceased_on"] = s.ceased.isoformat()
    return _dumps({"company_number": s.company, "data": data}, sort=True)


def exemption_line(rng: random.Random, number: str) -> bytes:
    """A listed company exempt from keeping a PSC register (exemption_descriptions.yml)."""
    kind = "psc-exempt-as-trading-on-uk-regulated-market"
    data = {"etag": etag(rng), "kind": "exemptions",
            "exemptions": {kind.replace("-", "_"): {
                "exemption_type": kind, "items": [{"exempt_from": "2016-06-30"}]}},
            "links": {"self": f"/company/{number}/exemptions"}}
    return _dumps({"company_number": number, "data": data}, sort=True)


def filler_sql() -> str:
    return resources.files("pipelines.lib.demo").joinpath("sql/psc_filler.sql").read_text("utf-8")


def write_psc_snapshot(out_dir: Path, world: UkWorld, *, seed: int, scale: float,
                       companies: int, mentions: Sequence[Psc] = ()) -> PscCounts:
    lines = round(REGISTER_PSC_LINES * scale)
    statements = lines // STATEMENT_EVERY  # every STATEMENT_EVERY-th filler line
    exemptions = max(1, round(REGISTER_EXEMPTIONS * scale))
    rng = random.Random(seed * 7919 + 13)
    with bulk.zip_writer(out_dir / f"{NAME}.zip") as archive, \
            bulk.open_member(archive, f"{NAME}.txt") as sink:
        _write_scenarios(sink, world)
        sink.write(b"".join(psc_line(p) for p in mentions))
        bulk.stream_lines(sink, filler_sql(), {"seed": seed, "n": lines,
                                               "n_co": max(companies, 1), "every": STATEMENT_EVERY,
                                               "first": FILLER_FIRST})
        for k in range(exemptions):
            # Filler company 20k: an England & Wales number (company_number() in
            # sql/filler_macros.sql gives k % 20 == 0 no letter prefix).
            sink.write(exemption_line(rng, company_number(FILLER_FIRST + 20 * k)))
        counts = PscCounts(len(world.pscs) + len(mentions) + lines - statements,
                           len(world.statements) + statements, exemptions)
        sink.write(counts.totals_line())
    return counts


def _write_scenarios(sink: IO[bytes], world: UkWorld) -> None:
    for p in world.pscs:
        sink.write(psc_line(p))
    for s in world.statements:
        sink.write(statement_line(s))
