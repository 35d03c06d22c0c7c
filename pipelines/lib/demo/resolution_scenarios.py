"""Named cases whose answer depends on entity resolution, present at every scale.

GLEIF side (``resolution_group``): Tencent Holdings Limited, incorporated in
the Cayman Islands and headquartered in China (a cn_control root), with its
Chinese name as an alternative name; and a Shenzhen company with a Chinese
legal name, its pinyin transliteration and an English name.

UK side (``add_resolution_cases``), each a company of its own:

- ``resolution_psc_tencent_cayman``: a corporate PSC "TENCENT HOLDINGS LTD"
  registered in the Cayman Islands, at a Cayman address, with 75-100% of the
  shares. Alone it is no root (its office is not in China); resolved to the
  GLEIF record it is, so the company is definite, ownership.
- ``resolution_psc_hanzi`` / ``resolution_psc_pinyin``: the Shenzhen company
  named in Chinese script (75-100% of shares) and in upper-case pinyin (board
  appointment). Its Chinese office makes it a root either way; resolution
  merges both PSC records into the GLEIF record.
- ``resolution_near_miss_other_country``: "TENGLONG TECHNOLOGY (MALAYSIA) SDN.
  BHD.", registered in Malaysia, with 75-100%: not the Singapore company of the
  Tenglong group (caught in GLEIF), so the company must stay clear; a wrong
  merge would catch it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from pipelines.lib.demo.psc_mentions import Mention
from pipelines.lib.demo.uk_scenarios import APPOINT, DEFINITE_OWNED, SHARES, UkBuilder
from pipelines.lib.demo.uk_world import SCENARIO_FIRST, Address, Psc, UkWorld
from pipelines.lib.demo.world import Builder, Group, OrgSpec
from pipelines.lib.ids import lei_entity_id

CORPORATE = "corporate-entity-person-with-significant-control"
ZH_ALT = "ALTERNATIVE_LANGUAGE_LEGAL_NAME"
YUNFAN_HANZI = "深圳市云帆智能科技有限公司"
YUNFAN_PINYIN = "SHENZHENSHI YUNFAN ZHINENG KEJI YOUXIAN GONGSI"
NOTIFIED = date(2019, 7, 1)


@dataclass(frozen=True)
class ResolutionLeis:
    tencent: str
    yunfan: str


def resolution_group(seed: int) -> tuple[Group, ResolutionLeis]:
    b = Builder(random.Random(seed * 7919 + 3), "resolution")
    tencent = b.org(OrgSpec("Tencent Holdings Limited", "KY", hq="CN", city=0,
                            other_names=((ZH_ALT, "zh", "腾讯控股有限公司"),)))
    yunfan = b.org(OrgSpec(YUNFAN_HANZI, "CN", lang="zh", city=0, translit=YUNFAN_PINYIN,
                           other_names=((ZH_ALT, "en",
                                         "Shenzhen Yunfan Intelligent Technology Co., Ltd."),)))
    for org in (tencent, yunfan):
        b.top(org, "NATURAL_PERSONS")
    b.case("tencent_cayman_hq_cn", tencent, "headquarters", "legal address KY, headquarters CN")
    b.case("yunfan_shenzhen", yunfan, "headquarters", "named by UK PSCs in Hanzi and pinyin")
    return b.group, ResolutionLeis(tencent.lei, yunfan.lei)


CAYMAN = {"country_registered": "Cayman Islands", "legal_authority": "Companies Act (As Revised)",
          "legal_form": "Exempted Company Limited By Shares",
          "place_registered": "Registrar Of Companies, Cayman Islands"}
PRC = {"country_registered": "People's Republic Of China",
       "legal_authority": "Company Law Of The People's Republic Of China",
       "legal_form": "Limited Liability Company",
       "place_registered": "Shenzhen Administration For Market Regulation"}
MALAYSIA = {"country_registered": "Malaysia", "legal_authority": "Companies Act 2016",
            "legal_form": "Private Company Limited By Shares",
            "place_registered": "Companies Commission Of Malaysia"}
GRAND_CAYMAN = Address("Cricket Square", "Hutchins Drive, PO Box 2681", "Grand Cayman",
                       "Cayman Islands", "KY1-1111")
SHENZHEN = Address("Floor 18, Yunfan Building", "No. 9 Keyuan Road", "Shenzhen", "China",
                   region="Guangdong")
KUALA_LUMPUR = Address("Level 21", "Menara Tenglong, Jalan Ampang", "Kuala Lumpur", "Malaysia",
                       "50450")


@dataclass(frozen=True)
class _Case:
    name: str
    company: str
    psc_name: str
    office: Address
    natures: tuple[str, ...]
    identification: dict[str, str]
    expect: tuple[str, str] | None
    register: str | None  # "tencent" or "yunfan": the GLEIF record the PSC is
    country: str
    variation: str
    note: str


CASES = (
    _Case("resolution_psc_tencent_cayman", "Harbourline Games Studio Limited",
          "TENCENT HOLDINGS LTD", GRAND_CAYMAN, (SHARES.format("75-to-100"),), CAYMAN,
          DEFINITE_OWNED, "tencent", "KY", "legal_form+case",
          "a Cayman PSC resolved by name to a GLEIF record headquartered in China"),
    _Case("resolution_psc_hanzi", "Lakeland Drone Imaging Ltd", YUNFAN_HANZI, SHENZHEN,
          (SHARES.format("75-to-100"),), PRC, DEFINITE_OWNED, "yunfan", "CN", "hanzi",
          "a PSC named in Chinese script"),
    _Case("resolution_psc_pinyin", "Mercia Smart Sensors Limited",
          "SHENZHEN YUNFAN ZHINENG KEJI YOUXIAN GONGSI", SHENZHEN, (APPOINT,), PRC,
          ("definite", "control"), "yunfan", "CN", "pinyin",
          "a PSC named in pinyin, the same company as the Hanzi one"),
    _Case("resolution_near_miss_other_country", "Wolds Marine Electronics Ltd",
          "TENGLONG TECHNOLOGY (MALAYSIA) SDN. BHD.", KUALA_LUMPUR, (SHARES.format("75-to-100"),),
          MALAYSIA, None, None, "MY", "near_miss_country",
          "not the Singapore company of the Tenglong group: must stay clear"),
)


def add_resolution_cases(world: UkWorld, seed: int, leis: ResolutionLeis) -> list[Mention]:
    """Append the UK companies, PSCs and cases; return their labelled or near-miss mentions."""
    b = UkBuilder(seed)
    b.rng, b.world = random.Random(seed * 7919 + 14), world
    b.next_number = SCENARIO_FIRST + len(world.companies)
    found = []
    for case in CASES:
        number = b.company(case.company)
        b.psc(Psc(number, CORPORATE, case.psc_name, case.office, case.natures, NOTIFIED,
                  identification=case.identification))
        b.case(case.name, number, case.expect, case.note)
        lei = {"tencent": leis.tencent, "yunfan": leis.yunfan}.get(case.register or "")
        found.append(Mention(world.pscs[-1], lei_entity_id(lei) if lei else None, case.country,
                             None, case.variation))
    return found
