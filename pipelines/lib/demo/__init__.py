"""Demo data: a small, realistic world written as official GLEIF and OFAC files, plus its truth.

``generate(out_dir)`` writes::

    gleif/lei2-golden-copy.xml   LEI-CDF 3.1
    gleif/rr-golden-copy.xml     RR-CDF 2.1
    gleif/repex-golden-copy.xml  reporting exceptions
    ofac/sdn.csv, add.csv, alt.csv, sdn_comments.csv   the legacy SDN CSV set
    uk/BasicCompanyDataAsOneFile-2026-11-01.zip                  Companies House company data
    uk/persons-with-significant-control-snapshot-2026-11-20.zip  the PSC snapshot
    bods/statements.jsonl        a small BODS 0.4 publication (see uk_demo.py)
    lists/...                    every other list format (see list_files.py)
    truth.json                   what the pipeline must publish once resolution has run,
                                 and the labelled entity-resolution set (see truth.py,
                                 truth_uk.py, truth_resolved.py)

``scale=1.0`` is register size (about 3,000,000 entities, 15,000 SDN entries,
5.5 million UK companies, 13.6 million PSC snapshot lines, 150,000 corporate
PSCs that name GLEIF entities or near misses: psc_mentions.py).
Files are streamed group by group; only the truth rows and the mention
targets are kept in memory.
Same seed and scale give byte-identical files.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipelines.lib.demo.filler import gleif_chunk, listing_chunk
from pipelines.lib.demo.gleif_writer import GleifWriter
from pipelines.lib.demo.list_files import write_lists
from pipelines.lib.demo.ofac_writer import OfacWriter
from pipelines.lib.demo.psc_mentions import MentionPlan
from pipelines.lib.demo.resolution_scenarios import resolution_group
from pipelines.lib.demo.sanctions import add_sanctioned_parties
from pipelines.lib.demo.scenarios import scenario_group
from pipelines.lib.demo.targets import Target, target_groups
from pipelines.lib.demo.truth import Truth
from pipelines.lib.demo.uk_demo import Register, UkSummary, write_uk
from pipelines.lib.demo.world import Builder, Group
from pipelines.lib.ids import lei_entity_id

DEFAULT_SCALE = 0.0005
DEFAULT_SEED = 20240601
REGISTER_ENTITIES = 3_000_000
REGISTER_SDN_ENTRIES = 15_000


@dataclass(frozen=True)
class DemoSummary:
    out_dir: Path
    entities: int
    relationships: int
    exceptions: int
    sdn_entries: int
    continued_remarks: int
    denylist: dict[str, int]
    uk: UkSummary
    list_entries: int
    mentions: int = 0  # corporate PSCs labelled with their GLEIF record, or near misses


def _scenarios(seed: int) -> Group:
    group = scenario_group(seed)
    builder = Builder(random.Random(seed * 7919 + 2), "sanctions")
    builder.group = group
    add_sanctioned_parties(builder)
    return group


def generate(out_dir: Path, scale: float = DEFAULT_SCALE, seed: int = DEFAULT_SEED) -> DemoSummary:
    truth = Truth(seed, scale)
    with GleifWriter(out_dir / "gleif") as gleif, OfacWriter(out_dir / "ofac") as ofac:
        def emit(group: Group) -> dict[str, str]:
            gleif.write(group)
            for entry in group.listings:
                ofac.write(entry)
            return truth.add(group)

        scenario = _scenarios(seed)
        emit(scenario)
        register = _register(seed, scale, emit)
        index = 0
        while gleif.counts["lei2"] < REGISTER_ENTITIES * scale:
            emit(gleif_chunk(seed, index))
            index += 1
        for n in range(round(REGISTER_SDN_ENTRIES * scale)):
            emit(Group("listing", listings=[listing_chunk(seed, n)]))
    uk = write_uk(out_dir, seed, scale, register)
    listed = write_lists(out_dir, scenario.listings, seed, scale)
    truth.add_listed(listed, scenario.listings)
    truth.add_rows(uk.denylist, uk.cases)
    truth.add_mentions(uk.mentions)
    document = truth.to_json()
    (out_dir / "truth.json").write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n",
                                        encoding="utf-8")
    policies: dict[str, int] = {}
    for row in document["denylist"]:
        policies[row["policy"]] = policies.get(row["policy"], 0) + 1
    return DemoSummary(out_dir, gleif.counts["lei2"], gleif.counts["rr"], gleif.counts["repex"],
                       ofac.count, ofac.continued, policies, uk, len(listed), len(uk.mentions))


def _register(seed: int, scale: float, emit: Callable[[Group], dict[str, str]]) -> Register:
    """Write the GLEIF records UK PSCs name; the named cases' roots go to the UK truth."""
    group, leis = resolution_group(seed)
    roots = frozenset(lei_entity_id(lei) for lei, basis in emit(group).items()
                      if basis == "headquarters")
    targets: list[Target] = []
    for group, batch in target_groups(seed, MentionPlan.at(scale).labelled):
        if emit(group):  # the mentions' fail-safe rests on this
            raise ValueError("a mention target is judged cn_control")
        targets += batch
    return Register(targets, leis, roots)
