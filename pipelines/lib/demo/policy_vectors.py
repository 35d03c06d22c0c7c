"""POLICY_RULES.md §9 golden vectors (and the §8 cross-regime cases they
cover) as official-format source files, with the determinations each built-in
policy must reach, so the whole pipeline can be tested on them.

Every entity is a GLEIF Level 1 record (headquarters and incorporation). Lists
and exact percentages come from an OpenSanctions FtM export (Sanctions by
dataset and program, Ownership with `percentage` and dates); PSC-style bands,
board appointment and ended interests from a BODS 0.4 file; consolidation,
branches and inactive links from a GLEIF Level 2 file. The FtM and BODS
records carry the entity's LEI, so resolution joins them to the GLEIF record.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pipelines.lib.demo.gleif_writer import GleifWriter
from pipelines.lib.demo.world import Group, Org, OrgSpec, make_org, relation

AS_OF = date(2026, 11, 20)
REGIMES = ("ofac_50", "bis_affiliates", "eu_50", "uk_50", "cn_control")
# Listed on every root list: SDN under an EAR 744.8 program, Entity List, EU, UK.
EVERYWHERE = (("us_ofac_sdn", "RUSSIA-EO14024"), ("us_trade_csl", "US-BIS-EL"),
              ("eu_fsf", None), ("gb_fcdo_sanctions", None))
PROGRAM_ID_DATASETS = frozenset({"us_trade_csl", "us_ofac_cons"})


@dataclass(frozen=True)
class Vector:
    key: str
    # local name -> (incorporation country, headquarters country)
    entities: dict[str, tuple[str, str]]
    # (local, dataset, program, delisted on)
    listings: tuple[tuple[str, str, str | None, date | None], ...] = ()
    # FtM Ownership: (owner, subject, percentage, end date)
    shares: tuple[tuple[str, str, float, date | None], ...] = ()
    # BODS interests: (owner, subject, interest type, share or None, end date)
    interests: tuple[tuple[str, str, str, dict[str, float] | None, date | None], ...] = ()
    # GLEIF Level 2: (child, parent, relationship type, status)
    gleif: tuple[tuple[str, str, str, str], ...] = ()
    # policy -> {local: status} of every derived (non-root) determination
    expect: dict[str, dict[str, str]] = field(default_factory=dict)


def everywhere(*locals_: str) -> tuple[tuple[str, str, str | None, None], ...]:
    return tuple((x, d, p, None) for x in locals_ for d, p in EVERYWHERE)


def gb(*locals_: str) -> dict[str, tuple[str, str]]:
    return {x: ("GB", "GB") for x in locals_}


def band(lo: float, hi: float) -> dict[str, float]:
    return {"exclusiveMinimum": lo, "maximum": hi}


def four(statuses: dict[str, str], uk: dict[str, str] | None = None) -> dict[str, dict[str, str]]:
    """The same answer under OFAC, BIS and the EU; the UK's own (default: none)."""
    out = {p: statuses for p in ("ofac_50", "bis_affiliates", "eu_50")}
    out["uk_50"] = statuses if uk is None else uk
    return out


CONSOLIDATED = "IS_DIRECTLY_CONSOLIDATED_BY"
D, P = "definite", "possible"
VECTORS = (
    Vector("v01", gb("x", "a", "b"), everywhere("x"),
           shares=(("x", "a", 50, None), ("a", "b", 50, None)),
           expect=four({"a": D, "b": D}, uk={})),
    Vector("v02", gb("x", "a", "b", "c"), everywhere("x"),
           shares=(("x", "a", 50, None), ("x", "b", 50, None), ("a", "c", 25, None),
                   ("b", "c", 25, None)),
           expect=four({"a": D, "b": D, "c": D}, uk={})),
    Vector("v03", gb("x", "a", "b"), everywhere("x"),
           shares=(("x", "a", 50, None), ("x", "b", 10, None), ("a", "b", 40, None)),
           expect=four({"a": D, "b": D}, uk={})),
    Vector("v04", gb("x", "a", "b"), everywhere("x"),
           shares=(("x", "a", 49.99, None), ("a", "b", 100, None))),
    Vector("v05", gb("x", "y", "c"), everywhere("x", "y"),
           shares=(("x", "c", 25, None), ("y", "c", 25, None)), expect=four({"c": D}, uk={})),
    Vector("v06", gb("x", "z", "c", "d"), everywhere("x"),
           shares=(("x", "c", 45, None), ("z", "c", 55, None), ("x", "d", 45, None)),
           interests=(("x", "d", "appointmentOfBoard", None, None),),
           expect={"eu_50": {"d": D}, "uk_50": {"d": D}}),
    Vector("v07", gb("x", "y", "c"), everywhere("x", "y"),
           interests=(("x", "c", "shareholding", band(25, 50), None),
                      ("y", "c", "shareholding", band(25, 50), None)),
           expect=four({"c": D}, uk={})),
    Vector("v08", gb("x", "c"), everywhere("x"),
           interests=(("x", "c", "shareholding", band(25, 50), None),),
           expect=four({"c": P}, uk={})),
    Vector("v09", gb("x", "c"), everywhere("x"),
           interests=(("x", "c", "shareholding", band(50, 75), None),), expect=four({"c": D})),
    Vector("v10", gb("x", "y", "c", "d"), everywhere("x"),
           interests=(("x", "c", "shareholding", band(75, 100), None),
                      ("y", "c", "shareholding", band(50, 75), None)),
           shares=(("c", "d", 100, None),)),
    Vector("v11", gb("x", "a", "b"), everywhere("x"),
           interests=(("x", "a", "shareholding", {"exact": 100}, date(2026, 1, 1)),),
           gleif=(("b", "x", CONSOLIDATED, "INACTIVE"),)),
    Vector("v12", {"p": ("GB", "CN"), "s": ("GB", "GB")}, everywhere("p"),
           gleif=(("s", "p", CONSOLIDATED, "ACTIVE"),),
           expect={"ofac_50": {"s": P}, "bis_affiliates": {"s": P}, "eu_50": {"s": D},
                   "uk_50": {"s": D}, "cn_control": {"s": D}}),
    Vector("v13", gb("h", "b"), everywhere("h"),
           gleif=(("b", "h", "IS_INTERNATIONAL_BRANCH_OF", "ACTIVE"),), expect=four({"b": D})),
    Vector("v14", {"p": ("CN", "CN"), "s": ("GB", "GB")},
           (("p", "us_ofac_cons", "US-NS-CMIC", None),), shares=(("p", "s", 100, None),),
           expect={"cn_control": {"s": D}}),
    Vector("v15", {"e": ("GB", "GB"), "gbsub": ("GB", "GB"), "ussub": ("US", "US")},
           (("e", "us_trade_csl", "US-BIS-EL", None),),
           shares=(("e", "gbsub", 60, None), ("e", "ussub", 60, None)),
           expect={"bis_affiliates": {"gbsub": D}}),
    Vector("v16", {"ky": ("KY", "CN"), "sg": ("SG", "SG"), "cna": ("CN", "CN"),
                   "cnb": ("CN", "CN"), "usb": ("US", "US"), "jv": ("GB", "GB"),
                   "jv2": ("GB", "GB"), "agg": ("GB", "GB")},
           shares=(("ky", "sg", 100, None), ("cna", "jv", 50, None), ("usb", "jv", 50, None),
                   ("cna", "jv2", 50, None), ("usb", "jv2", 50, None), ("cna", "agg", 30, None),
                   ("cnb", "agg", 25, None)),
           gleif=(("jv2", "cna", CONSOLIDATED, "ACTIVE"),),
           expect={"cn_control": {"sg": D, "jv2": D, "agg": D}}),
    Vector("v17", gb("a", "b"), everywhere("a"),
           shares=(("a", "b", 60, None), ("b", "a", 60, None)), expect=four({"b": D})),
    Vector("v18", gb("x", "a"), (("x", "us_ofac_sdn", "SDGT", date(2026, 6, 1)),),
           shares=(("x", "a", 100, None),)),
)
# Determinations that differ on another as-of date: BIS suspended, X not yet delisted.
SUSPENDED_AS_OF = date(2026, 1, 15)
EXPECT_WHEN_SUSPENDED = {("v15", "bis_affiliates"): {}, ("v18", "ofac_50"): {"a": D}}


@dataclass
class Written:
    leis: dict[tuple[str, str], str]  # (vector, local) -> LEI
    files: dict[str, Path]


def write(out_dir: Path, seed: int = 401) -> Written:
    """Write the vectors' GLEIF, FtM and BODS files under ``out_dir``."""
    rng = random.Random(seed)
    orgs = {(v.key, x): make_org(rng, _spec(v, x)) for v in VECTORS for x in v.entities}
    leis = {k: o.lei for k, o in orgs.items()}
    group = Group("policy_vectors", orgs=list(orgs.values()),
                  rels=[relation(rng, orgs[(v.key, c)], leis[(v.key, p)], t, status=s)
                        for v in VECTORS for c, p, t, s in v.gleif])
    with GleifWriter(out_dir / "gleif") as writer:
        writer.write(group)
    ftm = out_dir / "entities.ftm.json"
    ftm.write_text("".join(json.dumps(e, sort_keys=True) + "\n" for e in _ftm(orgs)),
                   encoding="utf-8")
    bods = out_dir / "statements.jsonl"
    bods.write_text("".join(json.dumps(s, sort_keys=True) + "\n" for s in _bods(orgs)),
                    encoding="utf-8")
    return Written(leis, {"gleif_lei": out_dir / "gleif" / GleifWriter.FILES["lei2"],
                          "gleif_rr": out_dir / "gleif" / GleifWriter.FILES["rr"],
                          "ftm": ftm, "bods": bods})


NAMES = ("Alder", "Birch", "Cedar", "Damson", "Elm", "Fir", "Gorse", "Hazel")


def _spec(vector: Vector, local: str) -> OrgSpec:
    legal, hq = vector.entities[local]
    name = f"{NAMES[int(vector.key[1:]) % len(NAMES)]} {vector.key.upper()} {local.upper()} Trading"
    return OrgSpec(f"{name} Limited", legal, hq=hq)


def _ftm(orgs: dict[tuple[str, str], Org]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for v in VECTORS:
        datasets = {x: sorted({d for y, d, _, _ in v.listings if y == x}) for x in v.entities}
        for x in v.entities:
            org = orgs[(v.key, x)]
            party = {"name": [org.legal_name], "leiCode": [org.lei],
                     "jurisdiction": [org.legal_address.country.lower()]}
            out.append(_entity(f"{v.key}-{x}", "Company", party, datasets[x] or ["eu_fsf"]))
        for n, (x, dataset, program, ended) in enumerate(v.listings):
            props: dict[str, list[str]] = {"entity": [f"{v.key}-{x}"]}
            if program:
                props["program"] = [program]
                if dataset in PROGRAM_ID_DATASETS:
                    props["programId"] = [program]
            if ended:
                props["endDate"] = [ended.isoformat()]
            out.append(_entity(f"{v.key}-{x}-sanction-{n}", "Sanction", props, [dataset]))
        for n, (owner, subject, pct, ended) in enumerate(v.shares):
            stake = {"owner": [f"{v.key}-{owner}"], "asset": [f"{v.key}-{subject}"],
                     "percentage": [f"{pct:g}"], "startDate": ["2020-01-01"]}
            if ended:
                stake["endDate"] = [ended.isoformat()]
            out.append(_entity(f"{v.key}-own-{n}", "Ownership", stake, ["eu_fsf"]))
    return out


def _entity(id_: str, schema: str, props: dict[str, list[str]], datasets: list[str]
            ) -> dict[str, Any]:
    seen = f"{AS_OF.isoformat()}T00:00:00"
    return {"id": id_, "caption": props.get("name", [id_])[0], "schema": schema,
            "properties": props, "referents": [], "datasets": datasets, "first_seen": seen,
            "last_seen": seen, "last_change": seen, "target": schema == "Company"}


def _bods(orgs: dict[tuple[str, str], Org]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    used = {(v.key, x) for v in VECTORS for o, s, _, _, _ in v.interests for x in (o, s)}
    for key, local in sorted(used):
        org = orgs[(key, local)]
        details = {"isComponent": False, "entityType": {"type": "registeredEntity"},
                   "name": org.legal_name, "identifiers": [{"scheme": "XI-LEI", "id": org.lei}]}
        out.append(_statement(len(out), f"{key}-{local}", "entity", details))
    for v in VECTORS:
        for n, (owner, subject, kind, share, ended) in enumerate(v.interests):
            interest: dict[str, Any] = {"type": kind, "directOrIndirect": "direct",
                                        "beneficialOwnershipOrControl": False,
                                        "startDate": "2020-01-01"}
            if share:
                interest["share"] = share
            if ended:
                interest["endDate"] = ended.isoformat()
            details = {"isComponent": False, "subject": f"{v.key}-{subject}",
                       "interestedParty": f"{v.key}-{owner}", "interests": [interest]}
            out.append(_statement(len(out), f"{v.key}-rel-{n}", "relationship", details))
    return out


def _statement(n: int, record: str, rtype: str, details: dict[str, Any]) -> dict[str, Any]:
    return {"statementId": f"vector-bods-{n:04d}", "declarationSubject": record,
            "statementDate": "2024-01-15", "recordId": record, "recordType": rtype,
            "recordStatus": "new", "recordDetails": details,
            "publicationDetails": {"publicationDate": "2026-11-18", "bodsVersion": "0.4",
                                   "publisher": {"name": "ownergraph policy vectors"}},
            "source": {"type": ["officialRegister"], "description": "POLICY_RULES §9"}}
