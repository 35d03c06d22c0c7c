"""Random filler: the bulk of the register, scaled by ``scale``.

Each chunk is built from its own seed (``seed`` and chunk number), so chunks are
independent and any one can be regenerated alone. The mix is tuned so that about
one relationship is published per five entities, as in the real golden copy, and
most entities stand alone with a reporting exception.
"""

from __future__ import annotations

import random

from pipelines.lib.demo import names, places
from pipelines.lib.demo.sanctions import PROGRAMS_BY_COUNTRY, SECONDARY
from pipelines.lib.demo.world import CONTROL_TYPES, Builder, Group, Listing, Org, OrgSpec

DIRECT, ULTIMATE, BRANCH = CONTROL_TYPES
FOREIGN = ("SG", "GB", "DE", "US", "NL", "IE", "JP", "BR")
WESTERN = ("US", "GB", "DE", "JP", "FR")
REASONS = ("NATURAL_PERSONS", "NON_CONSOLIDATING", "NO_KNOWN_PERSON", "NON_PUBLIC")
CITIES = tuple(places.CN_DIVISIONS)


def chunk_rng(seed: int, stream: int, index: int) -> random.Random:
    return random.Random((seed * 1_000_003 + stream) * 10_000_019 + index)


def gleif_chunk(seed: int, index: int) -> Group:
    rng = chunk_rng(seed, 1, index)
    b = Builder(rng, "filler")
    kind = rng.choices(("standalone", "cn", "offshore", "western", "funds", "hk"),
                       (62, 12, 6, 12, 5, 3))[0]
    {"standalone": _standalones, "cn": _cn_group, "offshore": _offshore_group,
     "western": _western_group, "funds": _fund_family, "hk": _hk_group}[kind](b)
    return b.group


def _standalones(b: Builder) -> None:
    for _ in range(b.rng.randint(10, 30)):
        country = b.rng.choices(("CN", *WESTERN, "SG", "NL", "IE", "HK"),
                                (6, 8, 5, 5, 2, 3, 2, 2, 1, 2))[0]
        if country == "CN":
            category = "SOLE_PROPRIETOR" if b.rng.random() < 0.1 else "GENERAL"
            org, _ = b.chinese(b.rng.choice(CITIES), english=b.rng.random() < 0.5,
                               category=category, lapsed=b.rng.random() < 0.15)
        else:
            category = "FUND" if b.rng.random() < 0.08 else "GENERAL"
            _, legal = names.western_company(b.rng, country)
            org = b.org(OrgSpec(legal, country, category=category, lapsed=b.rng.random() < 0.15))
        if b.rng.random() < 0.7:
            b.top(org, b.rng.choice(REASONS))


def _subsidiaries(b: Builder, top: Org, brand: str, industry: str, depth: int) -> None:
    """Foreign subsidiaries, each consolidated by a member one to ``depth`` levels up."""
    levels: list[list[Org]] = [[top]]
    for level in range(1, depth + 1):
        members = []
        for _ in range(b.rng.randint(1, 3)):
            country = b.rng.choice(FOREIGN)
            org = b.org(OrgSpec(names.group_company(brand, industry, country, b.rng), country))
            parent = b.rng.choice(levels[-1])
            b.link(org, parent)
            if level > 1 and b.rng.random() < 0.6:
                b.link(org, top, ULTIMATE)
            members.append(org)
        levels.append(members)


def _cn_group(b: Builder) -> None:
    city = b.rng.choice(CITIES)
    top, name = b.chinese(city)
    for _ in range(b.rng.randint(0, 2)):
        opco, _ = b.chinese(b.rng.choice(CITIES), industry=None, brand=(name.brand_hanzi, name.brand_pinyin))
        b.chain(opco, [top])
    _subsidiaries(b, top, name.brand_pinyin, name.industry_english, b.rng.randint(1, 3))
    if b.rng.random() < 0.3:
        country = b.rng.choice(("DE", "GB", "SG"))
        branch = b.org(OrgSpec(f"{name.english} {country} Branch", country, category="BRANCH",
                               jurisdiction="CN", lang="en"))
        b.link(branch, top, BRANCH)
    b.top(top, b.rng.choice(REASONS[:2]))


def _offshore_group(b: Builder) -> None:
    city = b.rng.choice(CITIES)
    brand_h, brand_p = names.brand(b.rng)
    industry = b.rng.choice(names.INDUSTRIES)[2]
    offshore = b.rng.choice(("KY", "VG"))
    top = b.org(OrgSpec(names.group_company(brand_p, industry, offshore, b.rng), offshore,
                        hq="CN", city=CITIES.index(city)))
    opco, _ = b.chinese(city, brand=(brand_h, brand_p))
    b.chain(opco, [top])
    _subsidiaries(b, top, brand_p, industry, b.rng.randint(2, 4))
    b.top(top, "NATURAL_PERSONS")


def _hk_group(b: Builder) -> None:
    _, brand_p = names.brand(b.rng)
    industry = b.rng.choice(names.INDUSTRIES)[2]
    top = b.org(OrgSpec(f"{brand_p} {industry} Holdings Limited", "HK"))
    _subsidiaries(b, top, brand_p, industry, b.rng.randint(1, 2))
    b.top(top, "NO_KNOWN_PERSON")


def _western_group(b: Builder) -> None:
    home = b.rng.choice(WESTERN)
    brand, legal = names.western_company(b.rng, home)
    top = b.org(OrgSpec(legal, home))
    industry = legal.split(" ")[-2] if len(legal.split(" ")) > 2 else "Group"
    _subsidiaries(b, top, brand, industry, b.rng.randint(1, 3))
    if b.rng.random() < 0.35:  # a subsidiary in China, itself a cn_control root
        cn, _ = b.chinese(b.rng.choice(CITIES))
        b.chain(cn, [top])
        if b.rng.random() < 0.5:
            child = b.org(OrgSpec(f"{brand} Asia Pacific Pte. Ltd.", "SG"))
            b.chain(child, [cn, top])
    b.top(top, "NO_KNOWN_PERSON")


def _fund_family(b: Builder) -> None:
    home = b.rng.choice(("US", "IE", "GB", "CN"))
    if home == "CN":
        manager, _ = b.chinese(b.rng.choice(CITIES), industry=5)
    else:
        brand, _ = names.western_company(b.rng, home)
        manager = b.org(OrgSpec(f"{brand} Asset Management {names.FORMS_BY_COUNTRY[home][0]}", home))
    domicile = "IE" if home != "US" else "US"
    umbrella = b.org(OrgSpec(f"{manager.legal_name.split(' ')[0]} Funds ICAV", domicile,
                             category="FUND"))
    b.link(umbrella, manager, "IS_FUND-MANAGED_BY")
    for n in range(b.rng.randint(2, 6)):
        fund = b.org(OrgSpec(f"{umbrella.legal_name} - Sub-Fund {n + 1}", domicile, category="FUND"))
        b.link(fund, manager, "IS_FUND-MANAGED_BY")
        b.link(fund, umbrella, "IS_SUBFUND_OF")


def listing_chunk(seed: int, index: int) -> Listing:
    """One random SDN entry, not tied to any GLEIF record."""
    rng = chunk_rng(seed, 2, index)
    kind = rng.choices(("individual", "entity", "vessel", "aircraft"), (55, 38, 5, 2))[0]
    country = rng.choice(tuple(PROGRAMS_BY_COUNTRY))
    choices = PROGRAMS_BY_COUNTRY[country]
    programs = tuple(sorted(rng.sample(choices, min(len(choices), rng.choice((1, 1, 2))))))
    if kind == "individual":
        if country not in names.OTHER_PEOPLE:
            name, _ = names.chinese_person(rng)
        else:
            surname, given = rng.choice(names.OTHER_PEOPLE[country])
            name = f"{surname}, {given}"
        facts = (f"DOB {rng.randint(1, 28):02d} {rng.choice(('Jan', 'Mar', 'Jun', 'Oct'))} "
                 f"{rng.randint(1950, 1995)}", f"nationality {country}",
                 rng.choice(("Gender Male", "Gender Female")))
        return Listing(name, "individual", programs, facts, ((None, None, country),))
    if kind == "entity":
        brand, legal = names.western_company(rng, "GB")
        label = names.brand(rng)[1] if country in ("China", "Hong Kong") else brand
        return Listing(f"{label} {legal.split(' ', 1)[1]}".upper(), None, programs,
                       (SECONDARY,) if "IFSR" in programs else (), ((None, None, country),))
    if kind == "vessel":
        return Listing(f"{rng.choice(('OCEAN', 'SEA', 'GOLDEN', 'STAR'))} {rng.randint(1, 99)}",
                       "vessel", programs, (), vessel=(None, "Crude Oil Tanker", None,
                                                      str(rng.randint(5000, 90000)), "Panama", None))
    return Listing(f"EP-{''.join(rng.choice('ABCDEFGHIJKLMNOPQRSTUVWXYZ') for _ in range(3))}",
                   "aircraft", programs, ("Aircraft Operator MAHAN AIR",))
