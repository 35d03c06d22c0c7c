"""Sanctioned parties: hand-made SDN entries tied to GLEIF records, and random filler entries.

OFAC spells a company that also has an LEI its own way (upper case, another legal
form, sometimes a typo or the city moved to the end); some entries cite the LEI
("Legal Entity Number ..."), others only the name.
"""

from __future__ import annotations

import random

from pipelines.lib.demo import codes, names
from pipelines.lib.demo.scenarios import CONTROL, HQ, ZH_ALT
from pipelines.lib.demo.world import Builder, Listing, Org, OrgSpec

SECONDARY = "Additional Sanctions Information - Subject to Secondary Sanctions"
PROGRAMS_BY_COUNTRY = {
    "China": ("NPWMD", "IFSR", "SDNTK", "CYBER2"), "Hong Kong": ("HK-EO13936", "IFSR", "SDNTK"),
    "Russia": ("RUSSIA-EO14024", "UKRAINE-EO13662", "CYBER2"), "Iran": ("IRAN", "IFSR", "SDGT"),
    "Korea, North": ("DPRK", "NPWMD"), "Mexico": ("SDNTK",), "Lebanon": ("SDGT",),
    "Syria": ("SDGT", "GLOMAG"), "United Arab Emirates": ("IFSR", "SDGT"),
    "Singapore": ("IFSR", "NPWMD"), "Cuba": ("CUBA",),
}
PROGRAMS = ("SDGT", "SDNTK", "IFSR", "NPWMD", "RUSSIA-EO14024", "UKRAINE-EO13662", "IRAN",
            "CUBA", "DPRK", "HK-EO13936", "GLOMAG", "CYBER2")


def uscc_of(org: Org) -> str:
    return org.ra_entity_id or ""


def add_sanctioned_parties(b: Builder) -> None:
    hongda = _hongda(b)
    _xinyuan(b)
    _zhongke(b)
    volga = _volga(b)
    _gulf_horizon(b)
    _people(b, hongda, volga)


def _list(b: Builder, entry: Listing) -> Listing:
    b.group.listings.append(entry)
    return entry


def _hongda(b: Builder) -> Listing:
    org, name = b.chinese("深圳市", brand=("宏达", "Hongda"), industry=1)
    sub = b.org(OrgSpec("Hongda Electronics (Singapore) Pte. Ltd.", "SG"))
    b.link(sub, org)
    b.case("sanctioned_cn_company_in_gleif", org, HQ, "also on the SDN list, with its LEI")
    b.case("sanctioned_cn_company_sub", sub, CONTROL, "subsidiary of a sanctioned CN company")
    return _list(b, Listing(
        names.ofac_form(name.english, b.rng), None, ("NPWMD", "IFSR"),
        ("Website www.hongda-elec.com.cn", SECONDARY, "Organization Established Date 12 Mar 2008",
         f"Unified Social Credit Code (USCC) {uscc_of(org)} (China)",
         f"Legal Entity Number {org.lei} (China)", "a.k.a. 'HONGDA ELEC'"),
        ((org.legal_address.lines[0], "Shenzhen, Guangdong", "China"),),
        (("aka", f"SHENZHEN HONGDA {name.industry_english.upper()} COMPANY LIMITED"),
         ("aka", name.pinyin)), lei=org.lei, case="sanctioned_cn_company_in_gleif"))


def _xinyuan(b: Builder) -> None:
    org = b.org(OrgSpec("Xinyuan Trading (Hong Kong) Limited", "HK",
                        other_names=((ZH_ALT, "zh", "鑫源貿易(香港)有限公司"),)))
    b.case("sanctioned_hk_company_name_only", org, HQ, "SDN entry carries no LEI, only a name")
    _list(b, Listing("XIN YUAN TRADING HONG KONG LTD", None, ("IFSR",),
                     (SECONDARY, "Organization Type: Wholesale trade"),
                     (("Room 1203, 12/F, Times Square", "Hong Kong", "China"),
                      (None, "Kowloon", "Hong Kong")),
                     (("aka", "XINYUAN TRADING HK CO., LIMITED"),), lei=org.lei))


def _zhongke(b: Builder) -> None:
    org, name = b.chinese("北京市", brand=("天元", "Tianyuan"), industry=4)
    spelled = names.city_last(names.ofac_form(name.english, b.rng), "Beijing")
    _list(b, Listing(names.typo(spelled, b.rng), None, ("CYBER2",),
                     (f"Unified Social Credit Code (USCC) {uscc_of(org)} (China)",
                      "Website www.tianyuan-it.cn", "a.k.a. 'TIANYUAN IT'"),
                     ((None, "Beijing", "China"),), (("aka", name.english.upper()),), lei=org.lei))
    b.case("sanctioned_cn_company_typo", org, HQ, "OFAC name has a typo and city moved last")


def _volga(b: Builder) -> Listing:
    """A Russian sanctioned parent with a Cypriot subsidiary: not reached by cn_control."""
    parent = b.org(OrgSpec('АКЦИОНЕРНОЕ ОБЩЕСТВО "ВОЛГА ТЕХНОЛОГИИ"', "RU",
                           translit="AKTSIONERNOE OBSHCHESTVO VOLGA TEKHNOLOGII"))
    cy = b.org(OrgSpec("Volga Technologies (Cyprus) Limited", "CY"))
    b.chain(cy, [parent])
    b.case("sanctioned_ru_parent", parent, None, "listed, but not a cn_control root")
    b.case("sanctioned_ru_parent_cy_sub", cy, None, "owned by a listed party, no CN root in reach")
    return _list(b, Listing(
        "AKTSIONERNOE OBSHCHESTVO VOLGA TEKHNOLOGII", None, ("RUSSIA-EO14024",),
        (f"Tax ID No. 77{b.rng.randrange(10**8):08d} (Russia)",
         f"Legal Entity Number {parent.lei} (Russia)",
         f"Registration Number 10277{b.rng.randrange(10**8):08d} (Russia)",
         "a.k.a. 'AO VOLGA TEKHNOLOGII'"),
        (("ul. Tverskaya, d. 7", "Moscow 125009", "Russia"),),
        (("aka", "JOINT STOCK COMPANY VOLGA TECHNOLOGIES"), ("fka", "ZAO VOLGA TEKHNOLOGII")),
        lei=parent.lei))


def _gulf_horizon(b: Builder) -> None:
    parent = b.org(OrgSpec("Gulf Horizon General Trading LLC", "AE"))
    sub = b.org(OrgSpec("Gulf Horizon Shipping Pte. Ltd.", "SG"))
    b.link(sub, parent)
    b.case("sanctioned_ae_parent_sg_sub", sub, None, "owned by a listed party, no CN root")
    _list(b, Listing("GULF HORIZON GENERAL TRADING L.L.C.", None, ("IFSR", "SDGT"),
                     (SECONDARY, "Linked To: XIN HAI 8."),
                     (("Office 1406, Al Maktoum Road", "Dubai", "United Arab Emirates"),),
                     (), lei=parent.lei))
    _list(b, Listing("XIN HAI 8", "vessel", ("IFSR",),
                     (f"Vessel Registration Identification IMO {_imo(b.rng)}",
                      f"MMSI 35200{b.rng.randrange(10**4):04d}",
                      "Linked To: GULF HORIZON GENERAL TRADING L.L.C."),
                     vessel=("3FXY8", "Crude Oil Tanker", "159681", "84598", "Panama", None)))


def _imo(rng: random.Random) -> str:
    digits = [rng.randrange(1, 10)] + [rng.randrange(10) for _ in range(5)]
    check = sum(d * (7 - i) for i, d in enumerate(digits)) % 10
    return "".join(map(str, digits)) + str(check)


BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def _wallet(rng: random.Random, ether: bool) -> str:
    if ether:
        return f"ETH 0x{rng.getrandbits(160):040x}"
    return "XBT 1" + "".join(rng.choice(BASE58) for _ in range(33))


def _people(b: Builder, hongda: Listing, volga: Listing) -> None:
    rng = b.rng
    li_id = codes.make_cn_resident_id(rng, "440305", "19680314")
    _list(b, Listing("LI, Wei", "individual", ("NPWMD", "IFSR"), (
        "DOB 14 Mar 1968", "POB Shenzhen, Guangdong, China", "nationality China", "Gender Male",
        SECONDARY, f"Passport E{rng.randrange(10**8):08d} (China)",
        f"National ID No. {li_id} (China)", f"Linked To: {hongda.name}"),
        ((None, "Shenzhen", "China"),), (("aka", "LI, Wei Ming"),)))
    _list(b, Listing("CHAN, Ka Ming", "individual", ("HK-EO13936",), (
        "DOB 02 Jul 1966", "POB Hong Kong", "nationality Hong Kong", "Gender Male",
        f"Passport K{rng.randrange(10**8):08d} (Hong Kong)", "Deputy Commissioner of Police"),
        ((None, "Hong Kong", "China"),), title="Deputy Commissioner of Police"))
    _list(b, Listing("PETROV, Ivan Sergeyevich", "individual",
                     ("RUSSIA-EO14024", "UKRAINE-EO13662"), (
        "DOB 21 Sep 1971", "POB Saint Petersburg, Russia", "nationality Russia", "Gender Male",
        f"Tax ID No. 78{rng.randrange(10**10):010d} (Russia)", f"Linked To: {volga.name}"),
        ((None, None, "Russia"),)))
    _list(b, Listing("RAHIMI, Hossein", "individual", ("IRAN", "SDGT"), (
        "DOB 1975", "POB Tehran, Iran", "nationality Iran", "Gender Male"),
        ((None, "Tehran", "Iran"),)))
    wallets = tuple(f"{'alt. ' if i else ''}Digital Currency Address - {_wallet(rng, i % 2 == 1)}"
                    for i in range(14))
    _list(b, Listing("ZHANG, Jianguo", "individual", ("CYBER2", "DPRK"), (
        "DOB 03 Jan 1987", "POB Dandong, Liaoning, China", "nationality China", "Gender Male",
        "Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210",
        *wallets, "a.k.a. 'zjg1987'", "Linked To: LAZARUS GROUP"),
        ((None, "Dandong", "China"),), case="remarks_over_1000_characters"))
    _list(b, Listing("EP-MNX", "aircraft", ("SDGT", "IRAN"), (
        "Aircraft Manufacture Date 01 Jan 2004", "Aircraft Model A340-642",
        f"Aircraft Manufacturer's Serial Number (MSN) {rng.randrange(400, 1200)}",
        "Aircraft Operator MAHAN AIR", "Linked To: MAHAN AIR"), ((None, None, None),)))
