"""Resolution measured on real names: labelled linkage tasks from the real files.

    .venv/bin/python -m bench.real_labels                 # ownergraph and Splink
    .venv/bin/python -m bench.real_labels --tools ownergraph

The files are the official copies in ../shared/data/real (their PROVENANCE.md
files say where each comes from). They are read by the project's own parsers: a
run config per group of files, then fetch, parse, load, conformed and canonical
stages into a warehouse under /tmp/ownergraph-bench-linkage/real/<run>/ (the
same stages bench/linkage_data.py drives for the demo).

Each labelled set is one linkage task (bench/linkage_data.py: register, mentions,
truth; written to /tmp/ownergraph-bench-linkage/real/<set>/ so splink_compare can
rerun it). The truth comes from an identifier both sides carry; the mention side
gets only its name and a country, never the identifier (regno is null on both
sides). A key value carried by more than one mention record is dropped (it names
none of them: OFSI's free text cites the UN reference of a related entry, five
North Korean entries cite KPe.023). Name = the record's primary name in
canonical.entities; country = jurisdiction, else headquarters, else the first of
its canonical.countries by role (jurisdiction, registration, headquarters,
nationality, citizenship, country, then addresses), as ISO-2.

The labels are the publishers' own cross-references and are not all right: of
ownergraph's five false positives on ``ofsi -> un`` (April 2018 list against
2026), four link the mention to the UN entry of the very same name while OFSI's
text cites another entry's reference (BEN AL-HAKIM cites QDi.345, which the UN
gives to BATIRASHVILI). Document numbers shared by two lists sometimes join a
primary name to an entry listed under another name, which no name matcher finds.

- ``ofsi -> un``: mentions = the UK OFSI ConList (April 2018) entries that cite a
  UN reference (``un-sc``, e.g. QDi.004); register = the UN SC consolidated list
  (February 2026). An OFSI entry whose UN reference is no longer in the UN list
  has no counterpart (the UN gives each reference to one entry): a negative.
- ``ofsi -> ofac``: mentions = OFSI entries sharing a passport, national id or IMO
  number (6 characters or more) with an OFAC SDN entry (July 2021 snapshot);
  register = the whole SDN list. A passport does not name one list entry, so
  only mentions with a counterpart are kept (no negatives).
- ``un -> ofac``: the same, UN entries against the SDN list.
- ``csl -> ofac``: mentions = the Consolidated Screening List rows (2025 excerpt)
  citing an OFAC uid; register = the SDN list (2021) and the non-SDN
  consolidated list (CONS_ENHANCED, January 2025). A uid absent from both (a
  later designation) is a negative.
- ``opensanctions -> ofac``: mentions = the companies, organisations and persons
  of the two OpenSanctions FtM fixtures (the Zala cluster and the eu_fsf
  excerpt) whose referents name an OFAC id (``ofac-<uid>``); register = the SDN
  list (2021). A uid absent from it (designated after July 2021) is a negative.
- ``bods -> gleif``: mentions = the BODS 0.2 entity statements Open Ownership
  derived from GLEIF records (their LEI identifier); register = the GLEIF Level 1
  XML excerpt (June 2023).

Not built: GLEIF against UK Companies House records sharing a company number.
The real PSC records hold one corporate PSC (registration number 00686734),
which no GLEIF record in the excerpts carries, and the real basic company data
file is hard-wrapped and unparseable (its PROVENANCE.md), so no pair exists.
Splink's threshold is tuned per set on that set's labels (best F1), as in
bench/splink_compare.py; ownergraph runs with config/resolution.yaml as is.
"""

from __future__ import annotations

import argparse
import traceback
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl
import yaml

from bench.linkage_data import (
    WORK,
    Task,
    best_threshold,
    build_canonical,
    load_task,
    read_task,
    register_groups,
    score_links,
    write_task,
)
from bench.pipeline import REPO
from pipelines.lib.resolve.evaluate import Scores

REAL = REPO.parent / "shared" / "data" / "real"
OUT = WORK / "real"

# Run name -> source id -> file (or folder) under REAL: one warehouse each.
RUNS: dict[str, dict[str, str]] = {
    "lists": {
        "gb_hmt_ofsi": "sanctions/uk_ofsi/ConList.csv",
        "un_sc_sanctions": "sanctions/un_sc/consolidated.xml",
        "us_ofac_sdn": "sanctions/ofac_sdn/snapshot_2021-07/",
        "us_ofac_cons_xml": "sanctions/ofac_consolidated/CONS_ENHANCED.XML",
        "us_trade_csl": "sanctions/trade_gov_csl/consolidated_excerpt_2025.csv",
        "opensanctions": "opensanctions_ftm/yente-zala-fixture/entities.ftm.json",
    },
    "opensanctions_eu": {
        "us_ofac_sdn": "sanctions/ofac_sdn/snapshot_2021-07/",
        "opensanctions": "sanctions/opensanctions/eu_fsf_excerpt_yente/entities.ftm.json",
    },
    "gleif": {
        "global_gleif_lei": "gleif/level1_xml/lei2-excerpt-2023-06-05.xml",
        "bods": "bods/bods-0.2-gleif-bodspipelines-fixtures/lei-data-out.json",
    },
}


@dataclass(frozen=True)
class LabelSet:
    name: str
    runs: tuple[str, ...]
    mentions: str
    register: tuple[str, ...]
    schemes: tuple[str, ...]
    # The key names one register entry, so a mention whose key is absent has no counterpart.
    exclusive: bool
    min_key_length: int = 1


SETS = (
    LabelSet("ofsi -> un", ("lists",), "gb_hmt_ofsi", ("un_sc_sanctions",), ("un-sc",), True),
    LabelSet("ofsi -> ofac", ("lists",), "gb_hmt_ofsi", ("us_ofac_sdn",),
             ("passport", "national-id", "imo"), False, 6),
    LabelSet("un -> ofac", ("lists",), "un_sc_sanctions", ("us_ofac_sdn",),
             ("passport", "national-id"), False, 6),
    LabelSet("csl -> ofac", ("lists",), "us_trade_csl", ("us_ofac_sdn", "us_ofac_cons_xml"),
             ("ofac",), True),
    LabelSet("opensanctions -> ofac", ("lists", "opensanctions_eu"), "opensanctions",
             ("us_ofac_sdn",), ("ofac",), True),
    LabelSet("bods -> gleif", ("gleif",), "bods", ("global_gleif_lei",), ("lei",), True),
)

ENTITIES_SQL = """
with ranked as (
    select entity_id, country,
           row_number() over (partition by entity_id order by
               case role when 'jurisdiction' then 0 when 'registration' then 1
                         when 'headquarters' then 2 when 'nationality' then 3
                         when 'citizenship' then 4 when 'country' then 5 else 6 end,
               country) as rank
    from canonical.countries
)
select e.entity_id as id, e.name,
       upper(left(coalesce(e.jurisdiction, e.hq_country, c.country), 2)) as country,
       cast(null as varchar) as regno
from canonical.entities e
left join ranked c on c.entity_id = e.entity_id and c.rank = 1
where e.source in (select unnest($sources)) and e.name is not null
order by id, e.source
"""

# A key cited by several mention records names none of them: OFSI's free text cites
# the UN reference of a related entry (five North Korean entries cite KPe.023).
KEYS_SQL = """
with keys as (
    select distinct i.entity_id, i.scheme, i.value, e.source
    from canonical.identifiers i
    join canonical.entities e using (entity_id)
    where i.scheme in (select unnest($schemes)) and length(i.value) >= $min_length
),
mention_keys as (
    select * from keys
    where source = $mentions
    qualify count(*) over (partition by scheme, value) = 1
)
select distinct m.entity_id as mention_id, r.entity_id as register_id
from mention_keys m
left join keys r
    on r.scheme = m.scheme and r.value = m.value
   and r.source in (select unnest($register)) and r.entity_id <> m.entity_id
order by mention_id, register_id
"""


def run_config(run: str) -> Path:
    """The config file of ``run`` (only its sources, real files in place)."""
    folder = OUT / "runs" / run
    folder.mkdir(parents=True, exist_ok=True)
    sources = {sid: {"url": str(REAL / path), "expected_rows": [1, 10_000_000]}
               for sid, path in RUNS[run].items()}
    config = {"sources": sources, "policies": ["listed"],
              "policy_file": str(REPO / "config" / "policies.yaml"), "as_of": "2026-03-01"}
    path = folder / "real.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=True), encoding="utf-8")
    return path


def warehouse(run: str) -> Path:
    """The run's warehouse, built once (delete the folder to rebuild)."""
    path = OUT / "runs" / run / "warehouse.duckdb"
    return path if path.exists() else build_canonical(path.parent, run_config(run))


def _frames(con: duckdb.DuckDBPyConnection, label: LabelSet
            ) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    keys = con.execute(KEYS_SQL, {"schemes": list(label.schemes), "register": list(label.register),
                                  "mentions": label.mentions,
                                  "min_length": label.min_key_length}).pl()
    if not label.exclusive:
        keys = keys.filter(pl.col("register_id").is_not_null())
    register = con.execute(ENTITIES_SQL, {"sources": list(label.register)}).pl()
    mentions = con.execute(ENTITIES_SQL, {"sources": [label.mentions]}).pl().join(
        keys.select(pl.col("mention_id").alias("id")).unique(), on="id")
    return register, mentions, keys.filter(pl.col("register_id").is_not_null())


def build_set(label: LabelSet) -> Task:
    """The set's task, from its runs' warehouses, written under OUT/<set>."""
    parts = []
    for run in label.runs:
        with duckdb.connect(str(warehouse(run)), read_only=True) as con:
            parts.append(_frames(con, label))
    register, mentions, truth = (pl.concat([p[i] for p in parts]) for i in range(3))
    task = Task.in_dir(OUT / label.name.replace(" -> ", "_to_"))
    write_task(task, register.unique("id", keep="first", maintain_order=True).sort("id"),
               mentions.unique("id", keep="first", maintain_order=True).sort("id"),
               truth.unique().sort("mention_id", "register_id"))
    return task


def evaluate(task: Task, tool: str) -> tuple[Scores, str]:
    """Run ``tool`` on ``task`` in this process; its scores and a note."""
    from bench.splink_compare import RUNNERS

    con = duckdb.connect()
    register, mentions = load_task(con, task)
    _, _, truth = read_task(task)
    groups = register_groups(register, truth)
    links = RUNNERS[tool](con, register, mentions, {})
    if tool == "splink":
        threshold, scores = best_threshold(links, truth, groups)
        return scores, f"p >= {threshold:.3f}"
    return score_links(links, truth, groups), ""


def _cell(task: Task, tool: str) -> str:
    try:
        scores, note = evaluate(task, tool)
    except Exception as error:  # a tool failing on one set must not hide the others
        traceback.print_exc()
        return f"{tool} failed: {type(error).__name__}: {str(error)[:60]}"
    return (f"{tool} P {scores.precision:.3f} R {scores.recall:.3f} F1 {scores.f1:.3f} "
            f"(tp {scores.true_positives}, fp {scores.false_positives}, "
            f"fn {scores.false_negatives}) {note}").rstrip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tools", nargs="+", choices=("ownergraph", "splink"),
                        default=["ownergraph", "splink"])
    args = parser.parse_args()
    for label in SETS:
        task = build_set(label)
        register, mentions, truth = read_task(task)
        print(f"{label.name}: {mentions.height} mentions, {truth['mention_id'].n_unique()} with "
              f"a counterpart, register {register.height:,}  ({task.register.parent})", flush=True)
        for tool in args.tools:
            print(f"    {_cell(task, tool)}", flush=True)


if __name__ == "__main__":
    main()
