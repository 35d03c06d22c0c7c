"""The UK registers and the BODS file of the demo, and their truth.

``write_uk(out_dir, seed, scale)`` writes::

    uk/BasicCompanyDataAsOneFile-2026-11-01.zip                    company data CSV
    uk/persons-with-significant-control-snapshot-2026-11-20.zip    PSC JSON Lines
    bods/statements.jsonl                                          BODS 0.4

and returns the ``cn_control`` rows these files must produce, computed by
truth_uk.py from the scenario records (the filler holds no root by design,
which the tests check by recomputing from the files).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipelines.lib.demo import truth_uk
from pipelines.lib.demo.bods_writer import CASES as BODS_CASES
from pipelines.lib.demo.bods_writer import PUBLISHER, statements, write_bods
from pipelines.lib.demo.uk_companies import filler_companies, write_company_data
from pipelines.lib.demo.uk_psc import PscCounts, psc_line, statement_line, write_psc_snapshot
from pipelines.lib.demo.uk_scenarios import uk_scenarios
from pipelines.lib.demo.uk_world import UkWorld, company_entity_id
from pipelines.lib.demo.world import AS_OF


@dataclass(frozen=True)
class UkSummary:
    companies: int
    psc: PscCounts
    bods_statements: int
    denylist: dict[str, tuple[str, str]]  # entity id -> (status, basis), cn_control only
    cases: list[dict[str, Any]]


def write_uk(out_dir: Path, seed: int, scale: float) -> UkSummary:
    world = uk_scenarios(seed)
    companies = write_company_data(out_dir / "uk", world.companies, seed=seed, scale=scale)
    psc = write_psc_snapshot(out_dir / "uk", world, seed=seed, scale=scale,
                             companies=filler_companies(scale))
    bods = write_bods(out_dir / "bods")
    return UkSummary(companies, psc, bods, scenario_truth(world), _cases(world))


def scenario_truth(world: UkWorld) -> dict[str, tuple[str, str]]:
    records = [json.loads(psc_line(p)) for p in world.pscs]
    records += [json.loads(statement_line(s)) for s in world.statements]
    psc_roots, psc_links = truth_uk.psc_facts(records, AS_OF)
    bods_roots, bods_links = truth_uk.bods_facts(statements())
    return truth_uk.cn_control(psc_roots | bods_roots, psc_links + bods_links)


def truth_from_files(out_dir: Path) -> dict[str, tuple[str, str]]:
    """The same rows, recomputed from the written files alone."""
    psc = next((out_dir / "uk").glob("persons-with-significant-control-snapshot-*.zip"))
    psc_roots, psc_links = truth_uk.psc_facts(truth_uk.read_psc(psc), AS_OF)
    bods_roots, bods_links = truth_uk.bods_facts(truth_uk.read_bods(out_dir / "bods" /
                                                                    "statements.jsonl"))
    return truth_uk.cn_control(psc_roots | bods_roots, psc_links + bods_links)


def _cases(world: UkWorld) -> list[dict[str, Any]]:
    def row(name: str, entity_id: str, expect: tuple[str, str] | None, note: str
            ) -> dict[str, Any]:
        return {"case": name, "entity_id": entity_id, "cn_control": expect[1] if expect else None,
                "status": expect[0] if expect else None, "note": note}

    cases = [row(c.name, company_entity_id(c.company), c.expect, c.note) for c in world.cases]
    cases += [row(c.name, truth_uk.bods_entity_id(PUBLISHER, c.record), c.expect, c.note)
              for c in BODS_CASES]
    return cases
