"""The world model: organisations, relationships, reporting exceptions, listings, stakes.

A world is produced as a stream of independent ``Group`` objects (a corporate group,
a batch of unrelated companies, a sanctioned network). Every relationship, stake and
"same entity" link stays inside its group, so each group can be written and judged
on its own and the whole world never has to sit in memory.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from pipelines.lib.demo import codes, places
from pipelines.lib.demo.names import ChineseName, chinese_company
from pipelines.lib.demo.places import Address, Lou

AS_OF = date(2026, 11, 20)
CONTENT_DATE = "2026-11-20T08:00:00Z"
CONTROL_TYPES = ("IS_DIRECTLY_CONSOLIDATED_BY", "IS_ULTIMATELY_CONSOLIDATED_BY",
                 "IS_INTERNATIONAL_BRANCH_OF")


@dataclass(frozen=True)
class Registration:
    registered: date
    updated: date
    status: str
    renewal: date
    lou: Lou
    validation: str


@dataclass(frozen=True)
class Org:
    lei: str
    legal_name: str
    lang: str
    legal_address: Address
    hq_address: Address
    ra_id: str
    ra_entity_id: str | None
    jurisdiction: str
    category: str
    elf: str
    other_form: str | None
    created: date | None
    registration: Registration
    other_names: tuple[tuple[str, str, str], ...] = ()  # (type, xml:lang, name)
    translit_names: tuple[tuple[str, str, str], ...] = ()
    status: str = "ACTIVE"


@dataclass(frozen=True)
class Rel:
    child: str
    parent: str
    rtype: str
    registration: Registration
    start: date
    end: date | None = None
    status: str = "ACTIVE"
    accounting: tuple[date, date] | None = None
    standard: str | None = None
    quantifier: str | None = None
    documents: str = "ACCOUNTS_FILING"
    reference: str | None = None


@dataclass(frozen=True)
class RepEx:
    lei: str
    category: str
    reason: str


@dataclass
class Listing:
    """One SDN entry; ``ent_num`` is given when the entry is written."""

    name: str
    sdn_type: str | None  # None = entity (OFAC writes -0-)
    programs: tuple[str, ...]
    remarks: tuple[str, ...] = ()
    addresses: tuple[tuple[str | None, str | None, str | None], ...] = ((None, None, None),)
    aliases: tuple[tuple[str, str], ...] = ()
    title: str | None = None
    vessel: tuple[str | None, ...] | None = None  # call sign, type, tonnage, GRT, flag, owner
    lei: str | None = None  # the GLEIF record of the same real-world entity, if any
    case: str | None = None
    ent_num: int = 0


@dataclass(frozen=True)
class Stake:
    """An ownership interest as an interval (PSC bands, BODS share ranges)."""

    owner: str
    owned: str
    lo: float
    hi: float
    lo_inclusive: bool
    hi_inclusive: bool
    interest: str = "shareholding"
    band: str | None = None


@dataclass(frozen=True)
class Case:
    name: str
    lei: str
    expect: str | None  # expected cn_control basis, None = must be absent
    note: str


@dataclass
class Group:
    kind: str
    orgs: list[Org] = field(default_factory=list)
    rels: list[Rel] = field(default_factory=list)
    exceptions: list[RepEx] = field(default_factory=list)
    listings: list[Listing] = field(default_factory=list)
    stakes: list[Stake] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)


def rand_date(rng: random.Random, first_year: int, last_year: int) -> date:
    start = date(first_year, 1, 1)
    return start + timedelta(days=rng.randrange((date(last_year, 12, 31) - start).days))


def registration(rng: random.Random, lou: Lou, lapsed: bool = False) -> Registration:
    registered = rand_date(rng, 2012, 2024)
    if lapsed:
        renewal = rand_date(rng, max(registered.year + 1, 2015), 2025)
        updated = renewal + timedelta(days=rng.randint(1, 30))
    else:
        updated = date(2025, 12, 1) + timedelta(days=rng.randint(0, 320))  # renewal after AS_OF
        renewal = updated + timedelta(days=365)
    validation = rng.choices(
        ("FULLY_CORROBORATED", "ENTITY_SUPPLIED_ONLY", "PARTIALLY_CORROBORATED"), (8, 2, 1))[0]
    return Registration(registered, updated, "LAPSED" if lapsed else "ISSUED", renewal, lou,
                        validation)


@dataclass(frozen=True)
class OrgSpec:
    name: str
    legal: str  # country of the legal address
    hq: str | None = None  # country of the headquarters; defaults to ``legal``
    lang: str | None = None
    category: str = "GENERAL"
    other_names: tuple[tuple[str, str, str], ...] = ()
    translit: str | None = None
    city: int | None = None
    jurisdiction: str | None = None
    lapsed: bool = False
    lei: str | None = None


def make_org(rng: random.Random, spec: OrgSpec) -> Org:
    profile = places.COUNTRIES[spec.legal]
    legal_address = places.address(rng, spec.legal, spec.city)
    hq_country = spec.hq or spec.legal
    same = hq_country == spec.legal and rng.random() < 0.7
    hq_address = legal_address if same else places.address(rng, hq_country, spec.city)
    lou = places.lou_for(rng, spec.legal)
    ra_number = places.register_number(rng, spec.legal, legal_address.city)
    translit = (("AUTO_ASCII_TRANSLITERATED_LEGAL_NAME", "en", spec.translit),) if spec.translit else ()
    return Org(
        lei=spec.lei or codes.make_lei(rng, lou.prefix),
        legal_name=spec.name, lang=spec.lang or profile.lang,
        legal_address=legal_address, hq_address=hq_address,
        ra_id=profile.ra, ra_entity_id=ra_number,
        jurisdiction=spec.jurisdiction or profile.jurisdiction or spec.legal,
        category=spec.category,
        elf="8888" if spec.category != "GENERAL" else profile.elf,
        other_form=spec.category if spec.category != "GENERAL" else profile.other_form,
        created=rand_date(rng, 1985, 2022) if rng.random() < 0.8 else None,
        registration=registration(rng, lou, spec.lapsed),
        other_names=spec.other_names, translit_names=translit,
    )


def rr_registration(rng: random.Random, child: Org, lapsed: bool = False) -> Registration:
    base = registration(rng, child.registration.lou, lapsed)
    return Registration(base.registered, base.updated, "LAPSED" if lapsed else "PUBLISHED",
                        base.renewal, base.lou, base.validation)


def relation(rng: random.Random, child: Org, parent_lei: str, rtype: str, *,
             status: str = "ACTIVE", end: date | None = None) -> Rel:
    """A relationship record with the usual periods, qualifier and registration.

    Consolidation records carry a closed ACCOUNTING_PERIOD beside the open
    RELATIONSHIP_PERIOD, as real ones do: only the latter says whether the
    relationship still holds.
    """
    start = rand_date(rng, 2008, 2024)
    if rtype not in CONTROL_TYPES[:2]:
        return Rel(child.lei, parent_lei, rtype, rr_registration(rng, child), start, end, status,
                   documents="SUPPORTING_DOCUMENTS")
    return Rel(
        child.lei, parent_lei, rtype, rr_registration(rng, child), start, end, status,
        accounting=(date(2025, 1, 1), date(2025, 12, 31)),
        standard=rng.choice(("IFRS", "US_GAAP", "OTHER_ACCOUNTING_STANDARD")),
        quantifier=rng.choice(("100.00", "1.00", None, None)),
        documents=rng.choice(("ACCOUNTS_FILING", "REGULATORY_FILING")),
    )


class Builder:
    """Builds one group: organisations, their relationships, exceptions and cases."""

    def __init__(self, rng: random.Random, kind: str) -> None:
        self.rng = rng
        self.group = Group(kind)

    def org(self, spec: OrgSpec) -> Org:
        org = make_org(self.rng, spec)
        self.group.orgs.append(org)
        return org

    def chinese(self, city: str = "深圳市", hq: str = "CN", english: bool = True,
                brand: tuple[str, str] | None = None, industry: int | None = None,
                category: str = "GENERAL", lapsed: bool = False) -> tuple[Org, ChineseName]:
        """A company registered in mainland China: Chinese legal name, pinyin, English."""
        name = chinese_company(self.rng, city, industry, brand)
        others = (("ALTERNATIVE_LANGUAGE_LEGAL_NAME", "en", name.english),) if english else ()
        city_index = list(places.CN_DIVISIONS).index(city)
        spec = OrgSpec(name.hanzi, "CN", hq, "zh", category, others, name.pinyin, city_index,
                       lapsed=lapsed)
        return self.org(spec), name

    def link(self, child: Org, parent: Org | str, rtype: str = CONTROL_TYPES[0], *,
             status: str = "ACTIVE", end: date | None = None) -> Rel:
        parent_lei = parent if isinstance(parent, str) else parent.lei
        rel = relation(self.rng, child, parent_lei, rtype, status=status, end=end)
        self.group.rels.append(rel)
        return rel

    def chain(self, child: Org, parents: list[Org]) -> None:
        """Direct link to the first parent; an ultimate link to the last when they differ."""
        self.link(child, parents[0])
        if len(parents) > 1:
            self.link(child, parents[-1], CONTROL_TYPES[1])

    def top(self, org: Org, reason: str) -> None:
        """A top parent: reporting exceptions for both the direct and the ultimate parent."""
        for category in ("DIRECT_ACCOUNTING_CONSOLIDATION_PARENT",
                         "ULTIMATE_ACCOUNTING_CONSOLIDATION_PARENT"):
            self.group.exceptions.append(RepEx(org.lei, category, reason))

    def case(self, name: str, org: Org, expect: str | None, note: str) -> None:
        self.group.cases.append(Case(name, org.lei, expect, note))

    def stake(self, owner: Org, owned: Org, lo: float, hi: float, band: str | None = None,
              lo_inclusive: bool = True) -> None:
        self.group.stakes.append(Stake(owner.lei, owned.lei, lo, hi, lo_inclusive, True,
                                       band=band))
