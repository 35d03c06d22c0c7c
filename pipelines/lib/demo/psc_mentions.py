"""Corporate PSC records naming GLEIF entities (labelled mentions) or near misses (hard negatives).

Each mention is a ``corporate-entity-person-with-significant-control`` of its
own UK filler company (an England & Wales number of the company data), with the
identification a foreign parent files: country and place registered, legal
authority and form, and sometimes its registration number (the number its
register gave it, so the GLEIF record's RegistrationAuthorityEntityID). A
labelled mention spells its target with ``mentions.spell``; a target named by
two or three mentions is named by two or three UK companies.

Fail-safe for the denylist: a target is never a cn_control root nor caught,
a mention's address is never in CN, HK or MO, and its natures of control are
at most (25, 50] of shares or votes, the only one of its company: whatever
resolution merges it with, rightly or wrongly, no company becomes more than
50% owned or controlled through it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pipelines.lib.demo import places
from pipelines.lib.demo.filler import chunk_rng
from pipelines.lib.demo.mentions import spell
from pipelines.lib.demo.targets import NearMiss, Target, near_miss
from pipelines.lib.demo.truth_uk import psc_id
from pipelines.lib.demo.uk_psc import links_self
from pipelines.lib.demo.uk_world import FILLER_FIRST, Address, Psc, ch_id, company_number, etag
from pipelines.lib.ids import lei_entity_id

CORPORATE = "corporate-entity-person-with-significant-control"
MENTIONS_AT_REGISTER_SIZE = 150_000
MIN_MENTIONS = 60
NEAR_MISS_SHARE = 0.15
SAFE_NATURES = (
    ("ownership-of-shares-25-to-50-percent", "voting-rights-25-to-50-percent"),
    ("ownership-of-shares-25-to-50-percent",),
    ("voting-rights-25-to-50-percent",),
)
FIRST_NOTICE = date(2016, 4, 6)  # the PSC register began on 6 April 2016
# Filler company k (sql/filler_macros.sql company_number) with k % 20 in this set
# has an England & Wales number and keeps a register (k % 20 == 0 may be exempt).
HOST_RESIDUES = frozenset(range(1, 20)) - {7, 13, 17, 19}

# Country -> (country_registered texts, place_registered, legal_authority, legal_form),
# in Companies House's capitalisation.
# fmt: off
REGISTRIES: dict[str, tuple[tuple[str, ...], str, str, str]] = {
    "US": (("United States", "United States Of America", "Usa"), "Delaware Secretary Of State",
           "Delaware General Corporation Law", "Corporation"),
    "GB": (("England And Wales", "United Kingdom"), "Companies House", "Companies Act 2006",
           "Private Limited Company"),
    "DE": (("Germany", "Federal Republic Of Germany"), "Amtsgericht Frankfurt Am Main",
           "German Commercial Code", "Gesellschaft Mit Beschränkter Haftung"),
    "FR": (("France",), "Registre Du Commerce Et Des Sociétés De Paris", "French Commercial Code",
           "Société Par Actions Simplifiée"),
    "NL": (("Netherlands", "The Netherlands"), "Kamer Van Koophandel", "Dutch Civil Code",
           "Besloten Vennootschap"),
    "IE": (("Ireland", "Republic Of Ireland"), "Companies Registration Office",
           "Companies Act 2014", "Private Company Limited By Shares"),
    "SG": (("Singapore", "Republic Of Singapore"), "Accounting And Corporate Regulatory Authority",
           "Companies Act 1967", "Private Company Limited By Shares"),
    "JP": (("Japan",), "Tokyo Legal Affairs Bureau", "Companies Act Of Japan", "Kabushiki Kaisha"),
    "CY": (("Cyprus",), "Department Of Registrar Of Companies", "Companies Law Cap. 113",
           "Private Company Limited By Shares"),
    "KY": (("Cayman Islands",), "Registrar Of Companies, Cayman Islands",
           "Companies Act (As Revised)", "Exempted Company Limited By Shares"),
    "BR": (("Brazil",), "Junta Comercial Do Estado De São Paulo", "Brazilian Civil Code",
           "Sociedade Limitada"),
    "AE": (("United Arab Emirates",), "Dubai Department Of Economy And Tourism",
           "Federal Commercial Companies Law", "Limited Liability Company"),
    "AT": (("Austria",), "Firmenbuch Handelsgericht Wien", "Austrian Commercial Code",
           "Gesellschaft Mit Beschränkter Haftung"),
    "CH": (("Switzerland",), "Handelsregisteramt Zürich", "Swiss Code Of Obligations",
           "Aktiengesellschaft"),
    "BE": (("Belgium",), "Crossroads Bank For Enterprises", "Belgian Companies Code",
           "Naamloze Vennootschap"),
    "SE": (("Sweden",), "Bolagsverket", "Swedish Companies Act", "Aktiebolag"),
    "DK": (("Denmark",), "Danish Business Authority", "Danish Companies Act", "Aktieselskab"),
    "IT": (("Italy",), "Registro Delle Imprese Di Milano", "Italian Civil Code",
           "Società A Responsabilità Limitata"),
    "ES": (("Spain",), "Registro Mercantil De Madrid", "Spanish Companies Act",
           "Sociedad Limitada"),
    "AU": (("Australia",), "Australian Securities And Investments Commission",
           "Corporations Act 2001", "Proprietary Company Limited By Shares"),
    "CA": (("Canada",), "Corporations Canada", "Canada Business Corporations Act", "Corporation"),
    "NO": (("Norway",), "Brønnøysund Register Centre", "Norwegian Companies Act", "Aksjeselskap"),
    "MY": (("Malaysia",), "Companies Commission Of Malaysia", "Companies Act 2016",
           "Private Company Limited By Shares"),
}
# Registered offices of near misses in countries without targets (places.py has none).
OFFICES = {"AT": ("Mariahilfer Straße", "Wien"), "CH": ("Bahnhofstrasse", "Zürich"),
           "BE": ("Avenue Louise", "Bruxelles"), "SE": ("Sveavägen", "Stockholm"),
           "DK": ("Vesterbrogade", "København"), "IT": ("Via Montenapoleone", "Milano"),
           "ES": ("Calle de Serrano", "Madrid"), "AU": ("George Street", "Sydney"),
           "CA": ("Bay Street", "Toronto"), "NO": ("Karl Johans gate", "Oslo"),
           "MY": ("Jalan Ampang", "Kuala Lumpur")}
# fmt: on


@dataclass(frozen=True)
class MentionPlan:
    labelled: int
    near_misses: int

    @classmethod
    def at(cls, scale: float) -> MentionPlan:
        total = max(MIN_MENTIONS, round(MENTIONS_AT_REGISTER_SIZE * scale))
        near = max(8, round(total * NEAR_MISS_SHARE))
        return cls(total - near, near)


@dataclass(frozen=True)
class Mention:
    """A corporate PSC record and what it truly is (``register_id`` None: not in GLEIF)."""

    psc: Psc
    register_id: str | None
    country: str  # ISO code of the country it is registered in
    regno: str | None
    variation: str

    @property
    def mention_id(self) -> str:
        return psc_id(self.psc.company, links_self(self.psc))

    def row(self) -> dict[str, Any]:
        return {"mention_id": self.mention_id, "register_id": self.register_id,
                "name": self.psc.name, "country": self.country, "kind": "company",
                "source": "gb_coh_psc", "regno": self.regno, "variation": self.variation}


def host(m: int, total: int, companies: int) -> str:
    """The m-th mention's UK company: spread over the filler, one mention each."""
    spacing = max(3, companies // max(total, 1))
    k = m * spacing
    while k % 20 not in HOST_RESIDUES:
        k += 1
    return company_number(FILLER_FIRST + k)


def identification(country: str, rng: random.Random, regno: str | None) -> dict[str, str]:
    registered, place, authority, form = REGISTRIES[country]
    found = {"country_registered": rng.choice(registered), "legal_authority": authority,
             "legal_form": form, "place_registered": place}
    if regno:
        found["registration_number"] = regno
    return found


def _typed_number(regno: str, rng: random.Random) -> str:
    """The number as a filer types it: GB without its leading zeros, spaces dropped."""
    if regno.isdigit() and rng.random() < 0.4:
        return regno.lstrip("0") or regno
    return regno.replace(" ", "") if rng.random() < 0.3 else regno


def _psc(company: str, name: str, address: Address, rng: random.Random,
         ident: dict[str, str]) -> Psc:
    notified = FIRST_NOTICE + timedelta(days=rng.randrange(3800))
    return Psc(company, CORPORATE, name, address, rng.choice(SAFE_NATURES), notified,
               identification=ident, psc_id=ch_id(rng), etag=etag(rng))


def _country_text(country: str) -> str:
    return "United Kingdom" if country == "GB" else REGISTRIES[country][0][0]


def labelled(target: Target, company: str, rng: random.Random) -> Mention:
    spelled = spell(target.name, rng, hanzi=target.hanzi)
    regno = _typed_number(target.regno, rng) if target.regno and rng.random() < 0.45 else None
    address = Address(None, target.street, target.city, _country_text(target.country),
                      target.postal)
    psc = _psc(company, spelled.text, address, rng, identification(target.country, rng, regno))
    return Mention(psc, lei_entity_id(target.lei), target.country, regno, "+".join(spelled.ops))


def negative(miss: NearMiss, company: str, rng: random.Random) -> Mention:
    spelled = spell(miss.name, rng) if rng.random() < 0.6 else None
    name = spelled.text if spelled else miss.name
    if miss.country in OFFICES:
        street, city = OFFICES[miss.country]
        address = Address(str(rng.randint(1, 199)), street, city, _country_text(miss.country))
        # Numbers only where no register of the world issues any: never a GLEIF number.
        regno = f"{rng.randrange(10**6, 10**7)}" if rng.random() < 0.4 else None
    else:
        where = places.address(rng, miss.country)
        address = Address(None, where.lines[0], where.city, _country_text(miss.country),
                          where.postal)
        regno = None
    ident = identification(miss.country, rng, regno)
    return Mention(_psc(company, name, address, rng, ident), None, miss.country, regno,
                   f"near_miss_{miss.how}")


def psc_mentions(targets: list[Target], plan: MentionPlan, seed: int,
                 companies: int) -> list[Mention]:
    """Every filler mention: each target's labelled mentions, then the near misses."""
    total = plan.labelled + plan.near_misses
    found: list[Mention] = []
    for target in targets:
        for _ in range(target.mentions):
            m = len(found)
            found.append(labelled(target, host(m, total, companies), chunk_rng(seed, 17, m)))
    seen: set[tuple[str, str]] = set()
    n = 0
    while targets and len(found) < total:
        rng = chunk_rng(seed, 18, n)
        miss = near_miss(targets[(n // 2) % len(targets)], n, rng)
        n += 1
        if (miss.name.casefold(), miss.country) in seen:
            continue  # two near misses of one name and country would be one company
        seen.add((miss.name.casefold(), miss.country))
        found.append(negative(miss, host(len(found), total, companies), rng))
    return found
