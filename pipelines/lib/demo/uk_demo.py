"""The UK registers and the BODS file of the demo, and their truth.

``write_uk(out_dir, seed, scale, register)`` writes::

    uk/BasicCompanyDataAsOneFile-2026-11-01.zip                    company data CSV
    uk/persons-with-significant-control-snapshot-2026-11-20.zip    PSC JSON Lines
    bods/statements.jsonl                                          BODS 0.4

with the corporate PSCs that name the ``register``'s GLEIF records
(psc_mentions.py, resolution_scenarios.py). It returns the ``cn_control`` rows
these files must produce once resolution has run, computed by truth_uk.py from
the scenario records and the mentions, each PSC resolved to the GLEIF record it
truly is (truth_resolved.py). The filler holds no root by design and the
mentions are fail-safe (psc_mentions.py), which the tests check by recomputing
from the files.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipelines.lib.demo import truth_uk
from pipelines.lib.demo.bods_writer import CASES as BODS_CASES
from pipelines.lib.demo.bods_writer import PUBLISHER, statements, write_bods
from pipelines.lib.demo.psc_mentions import Mention, MentionPlan, psc_mentions
from pipelines.lib.demo.resolution_scenarios import (
    ResolutionLeis,
    add_resolution_cases,
    resolution_group,
)
from pipelines.lib.demo.targets import Target
from pipelines.lib.demo.truth import cn_control_roots
from pipelines.lib.demo.truth_resolved import resolved_facts
from pipelines.lib.demo.uk_companies import filler_companies, write_company_data
from pipelines.lib.demo.uk_psc import PscCounts, psc_line, statement_line, write_psc_snapshot
from pipelines.lib.demo.uk_scenarios import uk_scenarios
from pipelines.lib.demo.uk_world import Psc, UkWorld, company_entity_id
from pipelines.lib.demo.world import AS_OF


@dataclass(frozen=True)
class UkSummary:
    companies: int
    psc: PscCounts
    bods_statements: int
    denylist: dict[str, tuple[str, str]]  # entity id -> (status, basis), cn_control only
    cases: list[dict[str, Any]]
    mentions: list[Mention] = field(default_factory=list)


@dataclass(frozen=True)
class Register:
    """What the UK mentions name in GLEIF: the targets, the named cases' LEIs, the roots."""

    targets: list[Target]
    leis: ResolutionLeis
    roots: frozenset[str]  # entity ids of GLEIF cn_control roots among them

    @classmethod
    def scenarios_only(cls, seed: int) -> Register:
        group, leis = resolution_group(seed)
        return cls([], leis, frozenset(cn_control_roots(group)))


def write_uk(out_dir: Path, seed: int, scale: float, register: Register | None = None
             ) -> UkSummary:
    register = register or Register.scenarios_only(seed)
    world = uk_scenarios(seed)
    mentions = add_resolution_cases(world, seed, register.leis)
    filler = psc_mentions(register.targets, MentionPlan.at(scale), seed, filler_companies(scale))
    companies = write_company_data(out_dir / "uk", world.companies, seed=seed, scale=scale)
    psc = write_psc_snapshot(out_dir / "uk", world, seed=seed, scale=scale,
                             companies=filler_companies(scale), mentions=[m.psc for m in filler])
    bods = write_bods(out_dir / "bods")
    mentions += filler
    canonical = {m.mention_id: m.register_id for m in mentions if m.register_id}
    truth = scenario_truth(world, [m.psc for m in filler], canonical, register.roots)
    return UkSummary(companies, psc, bods, truth, _cases(world), mentions)


def scenario_truth(world: UkWorld, filler: list[Psc], canonical: Mapping[str, str],
                   register_roots: frozenset[str]) -> dict[str, tuple[str, str]]:
    """cn_control of the scenario and mention records, each PSC resolved by ``canonical``."""
    records = [json.loads(psc_line(p)) for p in world.pscs + filler]
    records += [json.loads(statement_line(s)) for s in world.statements]
    return _cn_control(records, statements(), canonical, register_roots)


def truth_from_files(out_dir: Path, canonical: Mapping[str, str] | None = None,
                     register_roots: frozenset[str] = frozenset()) -> dict[str, tuple[str, str]]:
    """The same rows, recomputed from the written files and the labels alone."""
    psc = next((out_dir / "uk").glob("persons-with-significant-control-snapshot-*.zip"))
    bods = truth_uk.read_bods(out_dir / "bods" / "statements.jsonl")
    return _cn_control(truth_uk.read_psc(psc), bods, canonical or {}, register_roots)


def _cn_control(psc_records: Iterable[dict[str, Any]], bods: list[dict[str, Any]],
                canonical: Mapping[str, str], register_roots: frozenset[str]
                ) -> dict[str, tuple[str, str]]:
    psc_roots, psc_links = truth_uk.psc_facts(psc_records, AS_OF)
    bods_roots, bods_links = truth_uk.bods_facts(bods)
    roots, links = resolved_facts(psc_roots | bods_roots, psc_links + bods_links, canonical,
                                  set(register_roots))
    return truth_uk.cn_control(roots, links)


def _cases(world: UkWorld) -> list[dict[str, Any]]:
    def row(name: str, entity_id: str, expect: tuple[str, str] | None, note: str
            ) -> dict[str, Any]:
        return {"case": name, "entity_id": entity_id, "cn_control": expect[1] if expect else None,
                "status": expect[0] if expect else None, "note": note}

    cases = [row(c.name, company_entity_id(c.company), c.expect, c.note) for c in world.cases]
    cases += [row(c.name, truth_uk.bods_entity_id(PUBLISHER, c.record), c.expect, c.note)
              for c in BODS_CASES]
    return cases
