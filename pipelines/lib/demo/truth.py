"""Ground truth: a small reference implementation of the ``listed`` and ``cn_control`` policies
(the sanctions regimes are in truth_regimes.py).

Deliberately independent of the pipeline: plain Python sets and a breadth-first
walk. ``cn_control`` (docs/POLICY_RULES.md §7, GLEIF semantics §6):

- roots: Level 1 entities whose EntityCategory is not SOLE_PROPRIETOR and whose
  HeadquartersAddress/Country is CN, HK or MO (basis ``headquarters``);
- caught: a Level 1 entity with an ACTIVE IS_DIRECTLY_CONSOLIDATED_BY,
  IS_ULTIMATELY_CONSOLIDATED_BY or IS_INTERNATIONAL_BRANCH_OF relationship, valid on
  the as-of date by its RELATIONSHIP_PERIOD, to a root or caught parent (basis
  ``control``). Fund relations never catch; entities that appear only as
  relationship endpoints are never caught and so transmit nothing.

``listed``: every SDN entry. The generator judges each group as it is written (groups
share no relationships); ``reference_from_files`` re-reads the published files and
must agree, which is what the tests check.

The published denylist is the one after entity resolution: ``to_json`` moves
every row to its labelled cluster's canonical id (truth_resolved.py).
``same_entity`` holds every labelled pair, and only these:

- an SDN entry and the GLEIF record it names (its LEI remark, or the party
  the scenario tied it to: the same name, country and registration number);
- an entry of another list and that GLEIF record, when it is a scenario
  party the list names (list_parties.py);
- a company's entry on another list and its SDN entry: the same name and the
  same country, enough for a careful matcher. Persons are not paired across
  lists: the other lists' copies carry no passport, national id or exact
  birth date to agree on (a shared name is not enough), so each stays its own
  entity and its own row;
- a corporate PSC and the GLEIF record it names (psc_mentions.py,
  resolution_scenarios.py).

``mentions`` has one row per labelled record that is not the register record
(``register_id``: its GLEIF id) and per hard negative (``register_id`` null).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from lxml import etree

from pipelines.lib.demo.list_files import Listed
from pipelines.lib.demo.list_parties import country_of
from pipelines.lib.demo.psc_mentions import Mention
from pipelines.lib.demo.truth_regimes import RegimeTruth
from pipelines.lib.demo.truth_resolved import canonical_denylist, canonical_ids
from pipelines.lib.demo.world import AS_OF, CONTROL_TYPES, Group, Listing
from pipelines.lib.ids import lei_entity_id, ofac_entity_id

ROOT_COUNTRIES = frozenset({"CN", "HK", "MO"})
LEI_NS = "{http://www.gleif.org/data/schema/leidata/2016}"
RR_NS = "{http://www.gleif.org/data/schema/rr/2016}"


@dataclass(frozen=True)
class Edge:
    child: str
    parent: str
    rtype: str
    status: str
    start: date | None
    end: date | None


def in_force(edge: Edge, as_of: date = AS_OF) -> bool:
    if edge.status != "ACTIVE" or edge.rtype not in CONTROL_TYPES:
        return False
    started = edge.start is None or edge.start <= as_of
    return started and (edge.end is None or edge.end > as_of)


def cn_control(entities: Mapping[str, tuple[str, str]], edges: Iterable[Edge],
               as_of: date = AS_OF) -> dict[str, str]:
    """LEI -> basis, for ``entities`` = LEI -> (EntityCategory, HQ country).

    An LEI that only appears as a relationship endpoint (no Level 1 record) is
    never a root (its headquarters are unknown) but is caught, and passes
    control on, like any other entity: it is a legal entity a customer may
    present, and GLEIF says who consolidates it.
    """
    basis = {lei: "headquarters" for lei, (category, hq) in entities.items()
             if category != "SOLE_PROPRIETOR" and hq in ROOT_COUNTRIES}
    children: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        if in_force(edge, as_of):
            children[edge.parent].append(edge.child)
    queue = deque(basis)
    while queue:
        for child in children.get(queue.popleft(), ()):
            if child not in basis:
                basis[child] = "control"
                queue.append(child)
    return basis


def _group_inputs(group: Group) -> tuple[dict[str, tuple[str, str]], list[Edge]]:
    entities = {o.lei: (o.category, o.hq_address.country) for o in group.orgs}
    edges = [Edge(r.child, r.parent, r.rtype, r.status, r.start, r.end) for r in group.rels]
    return entities, edges


def cn_control_roots(group: Group) -> set[str]:
    """Entity ids of the group's cn_control roots (basis ``headquarters``)."""
    return {lei_entity_id(lei) for lei, basis in cn_control(*_group_inputs(group)).items()
            if basis == "headquarters"}


def _mention_row(mention_id: str, register_id: str, name: str, country: str | None,
                 source: str, regno: str | None = None) -> dict[str, Any]:
    return {"mention_id": mention_id, "register_id": register_id, "name": name,
            "country": country, "kind": "company", "source": source, "regno": regno,
            "variation": "list"}


@dataclass
class Truth:
    seed: int
    scale: float
    denylist: list[tuple[str, str, str, str]] = field(default_factory=list)  # policy, id, status, basis
    same_entity: list[tuple[str, str]] = field(default_factory=list)
    stakes: list[dict[str, Any]] = field(default_factory=list)
    cases: list[dict[str, Any]] = field(default_factory=list)
    listings: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    # ofac_50, bis_affiliates, eu_50 and uk_50 (truth_regimes.py).
    regimes: RegimeTruth = field(default_factory=RegimeTruth)

    def add(self, group: Group) -> dict[str, str]:
        """Judge one written group (its listings must already carry ent_nums): LEI -> basis."""
        self.regimes.add_group(group)
        judged = cn_control(*_group_inputs(group))
        for lei, basis in judged.items():
            self.denylist.append(("cn_control", lei_entity_id(lei), "definite", basis))
        for entry in group.listings:
            self.denylist.append(("listed", ofac_entity_id(entry.ent_num), "definite", "listed"))
            if entry.lei:
                self._label(lei_entity_id(entry.lei), ofac_entity_id(entry.ent_num), entry.name,
                            country_of(entry), "us_ofac_sdn")
        self.stakes += [_stake_row(s.__dict__) for s in group.stakes]
        self.cases += [{"case": c.name, "entity_id": lei_entity_id(c.lei),
                        "cn_control": c.expect, "note": c.note} for c in group.cases]
        return judged

    def _label(self, register_id: str, mention_id: str, name: str, country: str | None,
               source: str) -> None:
        self.same_entity.append((register_id, mention_id))
        self.mentions.append(_mention_row(mention_id, register_id, name, country, source))

    def add_mentions(self, mentions: Iterable[Mention]) -> None:
        """Corporate PSCs: labelled (paired with their GLEIF id) or near misses (unpaired)."""
        for mention in mentions:
            if mention.register_id:
                self.same_entity.append((mention.register_id, mention.mention_id))
            self.mentions.append(mention.row())

    def add_rows(self, rows: Mapping[str, tuple[str, str]], cases: list[dict[str, Any]]) -> None:
        """``cn_control`` rows judged elsewhere (truth_uk.py): id -> (status, basis)."""
        self.denylist += [("cn_control", e, status, basis) for e, (status, basis) in rows.items()]
        self.cases += cases

    def add_listed(self, listed: Iterable[Listed], scenario: Iterable[Listing]) -> None:
        """Entries of the other lists: each is listed; a scenario party keeps its LEI twin,
        and a company its SDN entry when name and country agree."""
        parties = {entry.name: entry for entry in scenario if entry.lei}
        for entry in listed:
            party = parties.get(entry.name)
            self.regimes.add_listed(entry.list_code, entry.entity_ids, party.lei if party else None)
            for entity_id in entry.entity_ids:
                self.denylist.append(("listed", entity_id, "definite", "listed"))
                if party and party.lei:
                    self._label(lei_entity_id(party.lei), entity_id, entry.name, entry.country,
                                entry.source)
                if party and party.sdn_type is None and entry.country == country_of(party):
                    self.same_entity.append((ofac_entity_id(party.ent_num), entity_id))
            self.listings.append({"source": entry.source, "list_code": entry.list_code,
                                  "key": entry.key, "name": entry.name,
                                  "entity_ids": list(entry.entity_ids)})

    def to_json(self) -> dict[str, Any]:
        rows = canonical_denylist(self.denylist + self.regimes.rows(),
                                  canonical_ids(self.same_entity))
        return {
            "generator": {"seed": self.seed, "scale": self.scale, "as_of": AS_OF.isoformat()},
            "denylist": [{"policy": p, "entity_id": e, "status": s, "basis": b}
                         for p, e, s, b in rows],
            "same_entity": sorted([list(p) for p in set(self.same_entity)]),
            "mentions": sorted(self.mentions, key=lambda m: m["mention_id"]),
            "stakes": sorted(self.stakes, key=lambda s: (s["owned"], s["owner"])),
            "cases": sorted(self.cases, key=lambda c: (c["case"], c["entity_id"])),
            "listings": sorted(self.listings, key=lambda r: (r["source"], r["list_code"], r["key"])),
        }


def _stake_row(stake: Mapping[str, Any]) -> dict[str, Any]:
    row = dict(stake)
    row["owner"], row["owned"] = lei_entity_id(row["owner"]), lei_entity_id(row["owned"])
    return row


# --- the same policies, from the published files ------------------------------------------


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def _records(path: Path, tag: str) -> Iterator[Any]:
    for _, element in etree.iterparse(str(path), tag=tag):
        yield element
        element.clear()


def read_entities(path: Path) -> dict[str, tuple[str, str]]:
    out = {}
    for rec in _records(path, f"{LEI_NS}LEIRecord"):
        hq = rec.findtext(f"{LEI_NS}Entity/{LEI_NS}HeadquartersAddress/{LEI_NS}Country")
        out[rec.findtext(f"{LEI_NS}LEI")] = (rec.findtext(f"{LEI_NS}Entity/{LEI_NS}EntityCategory"), hq)
    return out


def read_edges(path: Path) -> list[Edge]:
    edges = []
    for rec in _records(path, f"{RR_NS}RelationshipRecord"):
        rel = rec.find(f"{RR_NS}Relationship")
        start = end = None
        for period in rel.iter(f"{RR_NS}RelationshipPeriod"):
            if period.findtext(f"{RR_NS}PeriodType") == "RELATIONSHIP_PERIOD":
                start = _day(period.findtext(f"{RR_NS}StartDate"))
                end = _day(period.findtext(f"{RR_NS}EndDate"))
        edges.append(Edge(rel.findtext(f"{RR_NS}StartNode/{RR_NS}NodeID"),
                          rel.findtext(f"{RR_NS}EndNode/{RR_NS}NodeID"),
                          rel.findtext(f"{RR_NS}RelationshipType"),
                          rel.findtext(f"{RR_NS}RelationshipStatus"), start, end))
    return edges


def read_sdn(path: Path) -> list[list[str]]:
    raw = path.read_bytes().decode("utf-8").rstrip("\x1a")
    return list(csv.reader(io.StringIO(raw, newline="")))


def reference_from_files(out_dir: Path, same_entity: Iterable[Sequence[str]] = ()
                         ) -> list[dict[str, str]]:
    """The denylist recomputed from the published files and the labelled pairs alone."""
    from pipelines.lib.demo.uk_demo import truth_from_files

    canonical = canonical_ids(same_entity)
    entities = read_entities(out_dir / "gleif" / "lei2-golden-copy.xml")
    basis = cn_control(entities, read_edges(out_dir / "gleif" / "rr-golden-copy.xml"))
    rows = [("cn_control", lei_entity_id(lei), "definite", b) for lei, b in basis.items()]
    roots = frozenset(canonical.get(e, e) for _, e, _, b in rows if b == "headquarters")
    rows += [("cn_control", e, s, b)
             for e, (s, b) in truth_from_files(out_dir, canonical, roots).items()]
    rows += [("listed", ofac_entity_id(r[0]), "definite", "listed")
             for r in read_sdn(out_dir / "ofac" / "sdn.csv")]
    return [{"policy": p, "entity_id": e, "status": s, "basis": b}
            for p, e, s, b in canonical_denylist(rows, canonical)]
