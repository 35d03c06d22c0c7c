"""Ground truth for the sanctions regimes (``ofac_50``, ``bis_affiliates``, ``eu_50``,
``uk_50``): a small reference written from POLICY_RULES.md, independent of the engine.

In the demo world the parties those regimes start from are list entries: SDN
entries (the OFAC files), Entity List and MEU entries (the CSL), EU and UK
designations; a scenario party also has its GLEIF record (``lei``), which
resolution merges with the entries. The only links out of such parties are
GLEIF Level 2 relationships (the UK PSC, BODS and list files state no stake
held by a listed party), so:

- roots: each regime's list entries in force on the as-of date (every demo
  listing is), with the GLEIF twin of a scenario party; BIS also takes SDN
  entries under the EAR 744.8(a)(1) programs;
- a branch of a caught head office is caught as it is (same legal person);
- accounting consolidation by a caught parent is control: the EU (criterion g)
  and the UK (limb 3) count it as definite; OFAC and BIS count it only as
  possible (control is not ownership, FAQ 398);
- a possible parent makes its children possible; fund relations never count;
- the BIS Affiliates Rule covers foreign entities only (no U.S. jurisdiction)
  and is in force on the demo's as-of date (2026-11-20).
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pipelines.lib.demo.world import AS_OF, Group, Listing
from pipelines.lib.ids import lei_entity_id, ofac_entity_id

ROOT_LISTS = {
    "ofac_50": frozenset({"us_ofac_sdn"}),
    "bis_affiliates": frozenset({"us_bis_el", "us_bis_meu"}),
    "eu_50": frozenset({"eu_fsf"}),
    "uk_50": frozenset({"gb_hmt"}),
}
# 31 CFR parts 536, 544, 548, 587, 589, 590, 594, 597, 598, 599 (EAR 744.8(a)(1)).
BIS_SDN_PROGRAMS = frozenset({
    "SDNT", "SDNTK", "ILLICIT-DRUGS-EO14059", "SDGT", "FTO", "NPWMD", "TCO", "RUSSIA-EO14024",
    "UKRAINE-EO13660", "UKRAINE-EO13661", "UKRAINE-EO13662", "UKRAINE-EO13685", "BELARUS",
    "BELARUS-EO14038"})
CONSOLIDATION = frozenset({"IS_DIRECTLY_CONSOLIDATED_BY", "IS_ULTIMATELY_CONSOLIDATED_BY"})
BRANCH = "IS_INTERNATIONAL_BRANCH_OF"
CONSOLIDATION_STATUS = {"ofac_50": "possible", "bis_affiliates": "possible",
                        "eu_50": "definite", "uk_50": "definite"}


@dataclass
class RegimeTruth:
    """Collects the GLEIF links and list entries as the demo writes them."""

    children: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    us_entities: set[str] = field(default_factory=set)
    roots: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add_group(self, group: Group) -> None:
        for org in group.orgs:
            if (org.jurisdiction or "").split("-")[0] == "US":
                self.us_entities.add(lei_entity_id(org.lei))
        for rel in group.rels:
            started = rel.start <= AS_OF and (rel.end is None or rel.end > AS_OF)
            if rel.status == "ACTIVE" and started and (rel.rtype in CONSOLIDATION
                                                       or rel.rtype == BRANCH):
                self.children[lei_entity_id(rel.parent)].append(
                    (lei_entity_id(rel.child), rel.rtype))
        for entry in group.listings:
            self._sdn(entry)

    def _sdn(self, entry: Listing) -> None:
        ids = {ofac_entity_id(entry.ent_num)} | ({lei_entity_id(entry.lei)} if entry.lei else set())
        self.roots["ofac_50"] |= ids
        if BIS_SDN_PROGRAMS & set(entry.programs):
            self.roots["bis_affiliates"] |= ids

    def add_listed(self, list_code: str, entity_ids: Iterable[str], lei: str | None) -> None:
        twin = {lei_entity_id(lei)} if lei else set()
        for policy, codes in ROOT_LISTS.items():
            if list_code in codes and policy != "ofac_50":
                self.roots[policy] |= set(entity_ids) | twin

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(policy, entity id, status, basis) for every regime."""
        out: list[tuple[str, str, str, str]] = []
        for policy in ROOT_LISTS:
            out += [(policy, e, "definite", "listed") for e in sorted(self.roots[policy])]
            out += [(policy, e, status, "control")
                    for e, status in sorted(self._derived(policy).items())]
        return out

    def _derived(self, policy: str) -> Mapping[str, str]:
        status = dict.fromkeys(self.roots[policy], "definite")
        queue = deque(sorted(status))
        while queue:
            parent = queue.popleft()
            for child, rtype in self.children.get(parent, ()):
                if policy == "bis_affiliates" and child in self.us_entities:
                    continue
                kind = "definite" if rtype == BRANCH else CONSOLIDATION_STATUS[policy]
                new = "definite" if status[parent] == kind == "definite" else "possible"
                if child not in status or (status[child] == "possible" and new == "definite"):
                    status[child] = new
                    queue.append(child)
        return {e: s for e, s in status.items() if e not in self.roots[policy]}
