"""Hand-made edge cases, present at every scale. Each names the answer it expects.

The expectations (``Case.expect``) are declarations, not computations: the tests
check that the reference implementation in truth.py reaches the same answers.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from pipelines.lib.demo import codes
from pipelines.lib.demo.world import CONTROL_TYPES, Builder, Case, Group, OrgSpec

DIRECT, ULTIMATE, BRANCH = CONTROL_TYPES
HQ, CONTROL, ABSENT = "headquarters", "control", None
ZH_ALT = "ALTERNATIVE_LANGUAGE_LEGAL_NAME"


def scenario_group(seed: int) -> Group:
    b = Builder(random.Random(seed * 7919 + 1), "scenarios")
    for build in (_cn_offshore_group, _bvi_group, _hk_and_macau_groups, _us_group_with_cn_sub,
                  _joint_ventures, _dead_links, _funds, _cycles, _orphans, _near_misses,
                  _malformed):
        build(b)
    return b.group


def _cn_offshore_group(b: Builder) -> None:
    """Cayman top (HQ CN) -> HK -> SG -> GB -> DE, a Shenzhen VIE and a German branch."""
    opco, name = b.chinese("深圳市", brand=("腾龙", "Tenglong"), industry=0)
    ky = b.org(OrgSpec("Tenglong Holdings Limited", "KY", hq="CN", city=0))
    hk = b.org(OrgSpec("Tenglong International (Hong Kong) Limited", "HK",
                       other_names=((ZH_ALT, "zh", "腾龙国际(香港)有限公司"),)))
    sg = b.org(OrgSpec("Tenglong Technology (Singapore) Pte. Ltd.", "SG"))
    gb = b.org(OrgSpec("Tenglong UK Limited", "GB"))
    de = b.org(OrgSpec("Tenglong Deutschland GmbH", "DE"))
    branch = b.org(OrgSpec(f"{name.english} Zweigniederlassung Frankfurt am Main", "DE",
                           lang="de", category="BRANCH", jurisdiction="CN", city=0))
    b.chain(opco, [ky])
    b.chain(hk, [ky])
    b.chain(sg, [hk, ky])
    b.chain(gb, [sg, ky])
    b.link(de, gb)  # depth 4, direct links only
    b.link(branch, opco, BRANCH)
    b.top(ky, "NATURAL_PERSONS")
    b.case("cn_cayman_holdco_hq_cn", ky, HQ, "legal address KY, headquarters CN")
    b.case("cn_opco_vie", opco, HQ, "Shenzhen operating company")
    b.case("cn_hk_intermediate", hk, HQ, "HK headquarters")
    b.case("cn_sub_sg_depth2", sg, CONTROL, "direct to HK, ultimate to Cayman")
    b.case("cn_sub_gb_depth3", gb, CONTROL, "direct to SG, ultimate to Cayman")
    b.case("cn_sub_de_depth4", de, CONTROL, "only a direct link to GB; chain of four")
    b.case("cn_branch_de", branch, CONTROL, "international branch of the Shenzhen company")
    b.stake(ky, hk, 100, 100)
    b.stake(hk, sg, 75, 100, "75-100", lo_inclusive=False)
    b.stake(sg, gb, 50, 75, "50-75", lo_inclusive=False)


def _bvi_group(b: Builder) -> None:
    top = b.org(OrgSpec("Jinqiao Investment Holdings Ltd.", "VG", hq="CN", city=2))
    nl = b.org(OrgSpec("Jinqiao Netherlands B.V.", "NL"))
    ie = b.org(OrgSpec("Jinqiao Aviation Leasing (Ireland) Limited", "IE"))
    br = b.org(OrgSpec("Jinqiao do Brasil Participações Ltda.", "BR"))
    b.chain(nl, [top])
    b.chain(ie, [nl, top])
    b.link(br, nl)
    b.top(top, "NON_PUBLIC")
    b.case("cn_bvi_holdco_hq_cn", top, HQ, "legal address VG, headquarters CN")
    b.case("cn_bvi_sub_br", br, CONTROL, "BR -> NL -> BVI(HQ CN)")
    b.case("cn_bvi_sub_ie", ie, CONTROL, "direct NL, ultimate BVI")


def _hk_and_macau_groups(b: Builder) -> None:
    hk = b.org(OrgSpec("Haichuan Holdings Limited", "HK",
                       other_names=((ZH_ALT, "zh", "海川控股有限公司"),)))
    jp = b.org(OrgSpec("Haichuan Japan K.K.", "JP"))
    b.link(jp, hk)
    b.top(hk, "NO_KNOWN_PERSON")
    mo = b.org(OrgSpec("Sociedade de Entretenimento Xinghe (Macau), Limitada", "MO", lang="pt",
                       other_names=((ZH_ALT, "zh", "星河娛樂(澳門)有限公司"),)))
    sg = b.org(OrgSpec("Xinghe Leisure (Singapore) Pte. Ltd.", "SG"))
    b.link(sg, mo)
    b.case("hk_group_top", hk, HQ, "HK headquarters")
    b.case("hk_group_sub_jp", jp, CONTROL, "JP subsidiary of an HK group")
    b.case("mo_group_top", mo, HQ, "Macau headquarters")
    b.case("mo_group_sub_sg", sg, CONTROL, "SG subsidiary of a Macau group")


def _us_group_with_cn_sub(b: Builder) -> None:
    """Restriction flows downward only: the US parent and its other subsidiaries stay clear."""
    us = b.org(OrgSpec("Meridian Analytics Inc.", "US"))
    gb = b.org(OrgSpec("Meridian Analytics UK Limited", "GB"))
    cn = b.org(OrgSpec("美瑞迪安(上海)信息技术有限公司", "CN", lang="zh", city=2,
                       other_names=((ZH_ALT, "en", "Meridian Analytics (Shanghai) Co., Ltd."),),
                       translit="MEIRUIDIAN (SHANGHAI) XINXI JISHU YOUXIAN GONGSI"))
    sg = b.org(OrgSpec("Meridian Analytics Asia Pte. Ltd.", "SG"))
    b.chain(gb, [us])
    b.chain(cn, [us])
    b.chain(sg, [cn, us])
    b.top(us, "NO_KNOWN_PERSON")
    b.case("us_parent_of_cn_sub", us, ABSENT, "restriction never flows upward")
    b.case("us_sibling_of_cn_sub", gb, ABSENT, "sibling of the CN subsidiary")
    b.case("us_group_cn_sub", cn, HQ, "CN-headquartered subsidiary of a US group is a root")
    b.case("us_group_cn_sub_child", sg, CONTROL, "directly consolidated by the CN subsidiary")


def _joint_ventures(b: Builder) -> None:
    huaxin, _ = b.chinese("北京市", brand=("华信", "Huaxin"), industry=6)
    northwind = b.org(OrgSpec("Northwind Energy Inc.", "US"))
    jv_us = b.org(OrgSpec("Northwind Huaxin Energy Storage Pte. Ltd.", "SG"))
    b.link(jv_us, northwind)
    ruifeng, _ = b.chinese("杭州市", brand=("瑞丰", "Ruifeng"), industry=9)
    calder = b.org(OrgSpec("Calder Materials PLC", "GB"))
    jv_cn = b.org(OrgSpec("Ruifeng Calder Advanced Materials GmbH", "DE"))
    b.link(jv_cn, ruifeng)
    for jv, partners in ((jv_us, (huaxin, northwind)), (jv_cn, (ruifeng, calder))):
        for partner in partners:
            b.stake(partner, jv, 50, 50, None)
    b.top(northwind, "NO_KNOWN_PERSON")
    b.case("jv_consolidated_by_us_partner", jv_us, ABSENT, "50/50, consolidated by the US side")
    b.case("jv_consolidated_by_cn_partner", jv_cn, CONTROL, "50/50, consolidated by the CN side")


def _dead_links(b: Builder) -> None:
    boyuan, _ = b.chinese("广州市", brand=("博远", "Boyuan"), industry=8)
    nl = b.org(OrgSpec("Boyuan Logistics Netherlands B.V.", "NL"))
    westbury = b.org(OrgSpec("Westbury Logistics Holdings Limited", "GB"))
    b.link(nl, boyuan, status="INACTIVE")
    b.link(nl, westbury)
    hengtong, _ = b.chinese("成都市", brand=("恒通", "Hengtong"), industry=2)
    uk = b.org(OrgSpec("Hengtong Trading (UK) Limited", "GB"))
    b.link(uk, hengtong, end=date(2020, 12, 31))
    b.case("inactive_link_to_cn_parent", nl, ABSENT, "INACTIVE relationship; now owned in GB")
    b.case("expired_link_to_cn_parent", uk, ABSENT, "RELATIONSHIP_PERIOD ended 2020-12-31")


def _funds(b: Builder) -> None:
    manager, _ = b.chinese("上海市", brand=("安泰", "Antai"), industry=5)
    umbrella = b.org(OrgSpec("Antai Funds ICAV", "IE", category="FUND"))
    fund = b.org(OrgSpec("Antai Funds ICAV - Antai Global Opportunities Fund", "IE",
                         category="FUND"))
    b.link(umbrella, manager, "IS_FUND-MANAGED_BY")
    b.link(fund, manager, "IS_FUND-MANAGED_BY")
    b.link(fund, umbrella, "IS_SUBFUND_OF")
    b.case("fund_managed_by_cn_manager", fund, ABSENT, "fund management is not control")
    b.case("umbrella_managed_by_cn_manager", umbrella, ABSENT, "fund management is not control")


def _cycles(b: Builder) -> None:
    gb = b.org(OrgSpec("Stirling Holdings Limited", "GB"))
    de = b.org(OrgSpec("Stirling Beteiligungen GmbH", "DE"))
    b.link(gb, de)
    b.link(de, gb)
    root, _ = b.chinese("深圳市", brand=("鼎盛", "Dingsheng"), industry=5)
    sg = b.org(OrgSpec("Dingsheng Capital Pte. Ltd.", "SG"))
    ie = b.org(OrgSpec("Dingsheng Ireland Limited", "IE"))
    b.link(sg, ie)
    b.link(ie, sg)
    b.link(sg, root, ULTIMATE)
    b.case("cycle_without_cn", gb, ABSENT, "A -> B -> A, no root in reach")
    b.case("cycle_without_cn_b", de, ABSENT, "A -> B -> A, no root in reach")
    b.case("cycle_with_caught_sg", sg, CONTROL, "in a cycle, ultimately consolidated by CN")
    b.case("cycle_with_caught_ie", ie, CONTROL, "in a cycle with a caught entity")


def _orphans(b: Builder) -> None:
    """Relationship endpoints that have no Level 1 record."""
    xinrui, _ = b.chinese("北京市", brand=("新锐", "Xinrui"), industry=9)
    nl = b.org(OrgSpec("Xinrui Semiconductor Europe B.V.", "NL"))
    missing_parent = codes.make_lei(b.rng, "3003")
    b.link(nl, missing_parent)
    ghost = b.org(OrgSpec("Xinrui Semiconductor (Deutschland) GmbH", "DE"))
    b.group.orgs.remove(ghost)  # its relationship is published, its Level 1 record is not
    b.link(ghost, xinrui)
    b.case("orphan_parent_not_in_level1", nl, ABSENT, "parent LEI missing from Level 1")
    b.group.cases.append(Case("orphan_child_not_in_level1", ghost.lei, CONTROL,
                              "child of a CN root, known only from Level 2: still caught"))


def _near_misses(b: Builder) -> None:
    sole, _ = b.chinese("深圳市", brand=("张伟", "Zhangwei"), industry=2,
                        category="SOLE_PROPRIETOR")
    ky = b.org(OrgSpec("Chenguang Holdings Ltd.", "KY", hq="SG"))
    sg = b.org(OrgSpec("Chenguang Marine Engineering Pte. Ltd.", "SG"))
    b.link(sg, ky)
    b.top(ky, "NATURAL_PERSONS")
    lapsed, _ = b.chinese("杭州市", brand=("晨光", "Chenguang"), industry=3, lapsed=True)
    target = b.org(OrgSpec("Harrow Robotics Limited", "GB"))
    b.top(target, "NON_CONSOLIDATING")
    tenglong = next(o for o in b.group.orgs if o.legal_name == "Tenglong Holdings Limited")
    huaxin = next(o for o in b.group.orgs if o.legal_name.startswith("北京华信"))
    b.stake(tenglong, target, 25, 50, "25-50", lo_inclusive=False)
    b.stake(huaxin, target, 25, 50, "25-50", lo_inclusive=False)
    b.case("sole_proprietor_hq_cn", sole, ABSENT, "SOLE_PROPRIETOR is never a root")
    b.case("cayman_holdco_hq_sg", ky, ABSENT, "Cayman incorporation alone is not Chinese")
    b.case("cayman_holdco_hq_sg_sub", sg, ABSENT, "subsidiary of a Singapore-run holdco")
    b.case("lapsed_lei_cn", lapsed, HQ, "registration status does not matter")
    b.case("aggregated_minority_stakes", target, ABSENT,
           "two CN owners, PSC bands 25-50 each: only in stakes, not in GLEIF")


def _broken_lei(lei: str) -> str:
    """The same LEI with check digits that fail ISO 7064 MOD 97-10."""
    return lei[:18] + f"{(int(lei[18:]) + 1) % 100:02d}"


def _malformed(b: Builder) -> None:
    """Records real golden copies also carry: the pipeline quarantines them, and nothing else."""
    broken = b.org(OrgSpec("Broken Check Digits Trading Limited", "GB"))
    b.group.orgs[-1] = replace(broken, lei=_broken_lei(broken.lei))
    child = b.org(OrgSpec("Malformed Parent Reference Limited", "GB"))
    b.link(child, _broken_lei(child.lei))
    b.case("relationship_to_malformed_lei", child, ABSENT, "its RR record is quarantined")
