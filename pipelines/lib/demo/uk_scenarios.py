"""Hand-made UK cases: companies known only from Companies House (no LEI).

Each subject company appears in the BasicCompanyData CSV and in the PSC
snapshot; its owners are foreign corporate PSCs or individuals, never UK
companies of the CSV (a corporate PSC is linked to its company only by free
text, which is entity resolution, a later stage). Expectations are
declarations: truth_uk.py must reach them independently (docs/POLICY_RULES.md
§5 bands, §7 cn_control).
"""

from __future__ import annotations

import random
import zlib
from dataclasses import replace
from datetime import date

from pipelines.lib.demo.uk_world import (
    SCENARIO_FIRST,
    Address,
    Psc,
    PscStatement,
    UkCase,
    UkCompany,
    UkWorld,
    ch_id,
    company_number,
    etag,
)

CORPORATE = "corporate-entity-person-with-significant-control"
INDIVIDUAL = "individual-person-with-significant-control"
SHARES = "ownership-of-shares-{}-percent"
VOTES = "voting-rights-{}-percent"
APPOINT = "right-to-appoint-and-remove-directors"
INFLUENCE = "significant-influence-or-control"
REGIME_START = date(2016, 4, 6)  # the PSC register began on 6 April 2016
DEFINITE_OWNED = ("definite", "ownership")

# (premises, street, town, postcode) of the subjects' registered offices.
UK_OFFICES = (
    ("Unit 4", "Kingsway Business Park", "Rochdale", "OL16 4NW"),
    ("2nd Floor", "45 Gresham Street", "London", "EC2V 7BG"),
    ("Suite 12", "Cathedral Road", "Cardiff", "CF11 9HA"),
    ("The Old Mill", "Station Road", "Harrogate", "HG1 1TX"),
)


class UkBuilder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed * 7919 + 12)
        self.world = UkWorld()
        self.next_number = SCENARIO_FIRST

    def company(self, name: str, previous: tuple[tuple[date, str], ...] = ()) -> str:
        number = company_number(self.next_number)
        self.next_number += 1
        premises, street, town, postcode = self.rng.choice(UK_OFFICES)
        office = Address(premises, street, town, "England", postcode)
        incorporated = date(2010 + self.rng.randrange(12), 1 + self.rng.randrange(12), 1 + self.rng.randrange(28))
        self.world.companies.append(UkCompany(number, name, office, incorporated,
                                              previous_names=previous))
        return number

    def psc(self, record: Psc) -> None:
        self.world.pscs.append(replace(record, psc_id=ch_id(self.rng), etag=etag(self.rng)))

    def statement(self, record: PscStatement) -> None:
        self.world.statements.append(replace(record, psc_id=ch_id(self.rng), etag=etag(self.rng)))

    def case(self, name: str, company: str, expect: tuple[str, str] | None, note: str) -> None:
        self.world.cases.append(UkCase(name, company, expect, note))


def chinese_corporate(company: str, name: str, natures: tuple[str, ...], *,
                      registered: str = "People's Republic Of China", country: str = "China",
                      city: str = "Shenzhen", ceased: date | None = None) -> Psc:
    """A relevant legal entity incorporated in the PRC (or HK): free-text identification."""
    identification = {
        "country_registered": registered,
        "legal_authority": f"Company Law Of The {registered}",
        "legal_form": "Limited Liability Company",
        "place_registered": f"{city} Administration For Market Regulation",
        "registration_number": f"91440300MA5D{zlib.crc32(name.encode()) % 10**6:06d}",
    }
    office = Address("Floor 12", f"No. {len(name) * 3} Keji South 12th Road", city, country,
                     region="Guangdong" if city == "Shenzhen" else None)
    return Psc(company, CORPORATE, name, office, natures, REGIME_START, ceased, identification)


def individual(company: str, forename: str, surname: str, natures: tuple[str, ...],
                       nationality: str = "British", country: str = "England") -> Psc:
    person: dict[str, object] = {
        "name_elements": {"title": "Mr", "forename": forename, "surname": surname},
        "nationality": nationality, "country_of_residence": country,
        "date_of_birth": {"month": 3, "year": 1968},
    }
    office = (Address("Room 1203", "88 Century Avenue", "Shanghai", country) if country == "China"
              else Address("7", "Station Road", "Harrogate", country, "HG1 1TX"))
    return Psc(company, INDIVIDUAL, f"Mr {forename} {surname}", office, natures, REGIME_START,
               person=person)


def uk_scenarios(seed: int) -> UkWorld:
    b = UkBuilder(seed)
    for build in (_majority, _aggregated, _below_majority, _board_and_influence, _ceased,
                  _hong_kong, _votes_only, _statement_only, _chinese_individual):
        build(b)
    return b.world


def _majority(b: UkBuilder) -> None:
    co = b.company("Kestrel Precision Engineering Ltd")
    b.psc(chinese_corporate(co, "Shenzhen Huarui Electronics Co., Ltd.", (SHARES.format("75-to-100"),)))
    b.case("uk_psc_cn_75_to_100", co, DEFINITE_OWNED, "one Chinese corporate PSC, (75, 100]")


def _aggregated(b: UkBuilder) -> None:
    co = b.company("Albion Battery Systems Limited")
    for name, city in (("Ningbo Ruifeng New Energy Co., Ltd.", "Ningbo"),
                       ("Hefei Xinyuan Power Technology Co., Ltd.", "Hefei")):
        b.psc(chinese_corporate(co, name, (SHARES.format("25-to-50"), VOTES.format("25-to-50")),
                                city=city))
    b.case("uk_psc_two_cn_25_to_50", co, DEFINITE_OWNED,
           "two Chinese PSCs, (25, 50] each: the sum is more than 50 on lower bounds")


def _below_majority(b: UkBuilder) -> None:
    co = b.company("Linden Home Textiles Ltd")
    b.psc(chinese_corporate(co, "Hangzhou Tianyuan Textile Co., Ltd.", (SHARES.format("25-to-50"),),
                            city="Hangzhou", registered="Prc"))
    b.psc(individual(co, "Thomas", "Whitfield", (SHARES.format("50-to-75"),)))
    b.case("uk_psc_cn_minority_uk_majority", co, None,
           "Chinese (25, 50] + British individual (50, 75]: at most 50 is Chinese")


def _board_and_influence(b: UkBuilder) -> None:
    co = b.company("Halcyon Drone Works Limited")
    b.psc(chinese_corporate(co, "Beijing Xinrui Aviation Technology Co., Ltd.", (APPOINT,),
                            city="Beijing"))
    b.case("uk_psc_cn_appoints_board", co, ("definite", "control"),
           "right to appoint and remove directors: board control")
    co = b.company("Corbel Smart Lighting Ltd")
    b.psc(chinese_corporate(co, "Guangzhou Boyuan Lighting Co., Ltd.", (INFLUENCE,),
                            city="Guangzhou", country="People's Republic Of China"))
    b.case("uk_psc_cn_significant_influence", co, ("possible", "control"),
           "significant influence or control is a caution, not a determination")


def _ceased(b: UkBuilder) -> None:
    earlier = ((date(2024, 4, 2), "Dingsheng Marine (UK) Limited"),)
    co = b.company("Fairmont Marine Supplies Limited", previous=earlier)
    b.psc(chinese_corporate(co, "Dingsheng Marine Engineering Co., Ltd.",
                            (SHARES.format("75-to-100"), VOTES.format("75-to-100"), APPOINT),
                            ceased=date(2024, 3, 31)))
    b.psc(replace(individual(co, "Gareth", "Pryce", (SHARES.format("75-to-100"),),
                                     country="Wales"), notified=date(2024, 3, 31)))
    b.case("uk_psc_cn_ceased", co, None, "the Chinese PSC ceased on 2024-03-31, before the as-of date")


def _hong_kong(b: UkBuilder) -> None:
    co = b.company("Silverline Port Services Ltd")
    b.psc(chinese_corporate(co, "Haichuan Shipping (Hong Kong) Limited",
                            (SHARES.format("50-to-75"), VOTES.format("50-to-75")),
                            registered="Hong Kong Sar", country="Hong Kong Sar", city="Kowloon"))
    b.case("uk_psc_hk_50_to_75", co, DEFINITE_OWNED, "Hong Kong corporate PSC, (50, 75]")


def _votes_only(b: UkBuilder) -> None:
    co = b.company("Oakridge Cloud Hosting Limited")
    b.psc(chinese_corporate(co, "Chengdu Hengtong Data Co., Ltd.", (VOTES.format("75-to-100"),),
                            city="Chengdu"))
    b.case("uk_psc_cn_votes_only", co, None, "votes are not ownership under cn_control (bases: shares)")


def _statement_only(b: UkBuilder) -> None:
    co = b.company("Redwood Data Centres Ltd")
    b.statement(PscStatement(co, "psc-exists-but-not-identified", date(2019, 6, 1)))
    b.case("uk_psc_statement_gap", co, None, "a statement is a gap, not an owner")


def _chinese_individual(b: UkBuilder) -> None:
    co = b.company("Vantage Tea Importers Limited")
    b.psc(individual(co, "Wei", "Zhang", (SHARES.format("75-to-100"),),
                             nationality="Chinese", country="China"))
    b.case("uk_psc_cn_natural_person", co, None, "natural persons are not roots under cn_control")
