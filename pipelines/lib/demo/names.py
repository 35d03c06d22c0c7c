"""Company and person names, and the ways sources spell them differently.

Chinese names are built from parts that each carry their Hanzi, their pinyin and
an English rendering, so one company has a consistent Chinese legal name, a GLEIF
auto-transliteration (upper-case pinyin, one word per part) and an English name.
OFAC spells the same company in upper case, with its own legal-form abbreviation,
sometimes a typo or a different word order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# (Hanzi, pinyin, English) parts.
CITY_PARTS = {
    "深圳市": ("深圳市", "SHENZHENSHI", "Shenzhen"), "北京市": ("北京", "BEIJING", "Beijing"),
    "上海市": ("上海", "SHANGHAI", "Shanghai"), "杭州市": ("杭州", "HANGZHOU", "Hangzhou"),
    "广州市": ("广州市", "GUANGZHOUSHI", "Guangzhou"), "成都市": ("成都", "CHENGDU", "Chengdu"),
}
SYLLABLES = (
    ("腾", "Teng"), ("龙", "long"), ("华", "Hua"), ("信", "xin"), ("金", "Jin"), ("桥", "qiao"),
    ("天", "Tian"), ("元", "yuan"), ("星", "Xing"), ("河", "he"), ("瑞", "Rui"), ("丰", "feng"),
    ("海", "Hai"), ("川", "chuan"), ("宏", "Hong"), ("达", "da"), ("博", "Bo"), ("远", "yuan"),
    ("恒", "Heng"), ("通", "tong"), ("鼎", "Ding"), ("盛", "sheng"), ("安", "An"), ("泰", "tai"),
    ("鑫", "Xin"), ("源", "yuan"), ("晨", "Chen"), ("光", "guang"), ("新", "Xin"), ("锐", "rui"),
)
INDUSTRIES = (
    ("科技", "KEJI", "Technology"), ("电子", "DIANZI", "Electronics"),
    ("贸易", "MAOYI", "Trading"), ("网络", "WANGLUO", "Network"),
    ("信息技术", "XINXI JISHU", "Information Technology"), ("投资", "TOUZI", "Investment"),
    ("新能源", "XIN NENGYUAN", "New Energy"), ("生物医药", "SHENGWU YIYAO", "Biopharmaceutical"),
    ("物流", "WULIU", "Logistics"), ("半导体", "BANDAOTI", "Semiconductor"),
)
CN_FORMS = (
    ("有限公司", "YOUXIAN GONGSI", "Co., Ltd."),
    ("股份有限公司", "GUFEN YOUXIAN GONGSI", "Co., Ltd."),
    ("集团有限公司", "JITUAN YOUXIAN GONGSI", "Group Co., Ltd."),
)
WESTERN_BRANDS = (
    "Northwind", "Bluestone", "Harrow", "Meridian", "Calder", "Vantage", "Ashford", "Brightwater",
    "Kestrel", "Linden", "Redwood", "Stirling", "Halcyon", "Albion", "Fairmont", "Corbel",
    "Granite Peak", "Silverline", "Oakridge", "Westbury", "Kessler", "Lindqvist", "Moreau",
)
WESTERN_INDUSTRIES = (
    "Systems", "Analytics", "Capital", "Logistics", "Pharma", "Energy", "Industries",
    "Software", "Foods", "Materials", "Components", "Robotics",
)
FORMS_BY_COUNTRY = {
    "US": ("Inc.", "LLC", "Corp."), "GB": ("Limited", "Ltd", "PLC"), "DE": ("GmbH", "AG"),
    "JP": ("K.K.", "Co., Ltd."), "FR": ("SAS", "S.A."), "NL": ("B.V.",), "IE": ("Limited", "DAC"),
    "SG": ("Pte. Ltd.",), "BR": ("Ltda.",), "CY": ("Limited",), "HK": ("Limited",),
    "KY": ("Holdings Limited", "Group Holdings Ltd."), "VG": ("Holdings Limited", "Ltd."),
    "AE": ("LLC", "General Trading LLC"), "MO": ("Limitada",), "LU": ("S.à r.l.",),
}
COUNTRY_TAGS = {
    "SG": "Singapore", "GB": "UK", "DE": "Deutschland", "US": "America", "NL": "Netherlands",
    "IE": "Ireland", "JP": "Japan", "BR": "do Brasil", "HK": "Hong Kong", "FR": "France",
    "CY": "Cyprus", "AE": "Middle East", "KY": "Cayman", "VG": "BVI", "MO": "Macau",
}
# OFAC's renderings of one legal form (all seen on the SDN list).
OFAC_FORM_VARIANTS = ("CO., LTD.", "CO. LTD", "CO LTD", "COMPANY LIMITED", "CO., LIMITED")


@dataclass(frozen=True)
class ChineseName:
    hanzi: str
    pinyin: str
    english: str
    brand_hanzi: str
    brand_pinyin: str
    industry_english: str


# Brands of the hand-made scenarios (scenarios.py, sanctions.py, uk_scenarios.py,
# bods_writer.py). Random companies never draw them: a filler company named like a
# scenario company would be the same company to any careful matcher, and the
# truth, which keeps them apart, would be wrong once resolution runs.
SCENARIO_BRANDS = frozenset({
    "antai", "boyuan", "chenguang", "dingsheng", "haichuan", "hengtong", "hongda", "huarui",
    "huaxin", "jinqiao", "ruifeng", "tenglong", "tianyuan", "xinghe", "xinrui", "xinyuan"})


def brand(rng: random.Random) -> tuple[str, str]:
    """Two syllables: (Hanzi, pinyin), e.g. ("腾龙", "Tenglong"); never a scenario's brand."""
    while True:
        first, second = rng.sample(SYLLABLES, 2)
        pinyin = first[1] + second[1].lower()
        if pinyin.casefold() not in SCENARIO_BRANDS:
            return first[0] + second[0], pinyin


def chinese_company(rng: random.Random, city: str, industry: int | None = None,
                    given_brand: tuple[str, str] | None = None) -> ChineseName:
    city_h, city_p, city_e = CITY_PARTS.get(city, CITY_PARTS["深圳市"])
    brand_h, brand_p = given_brand or brand(rng)
    ind_h, ind_p, ind_e = INDUSTRIES[rng.randrange(len(INDUSTRIES)) if industry is None else industry]
    form_h, form_p, form_e = CN_FORMS[rng.randrange(len(CN_FORMS))]
    return ChineseName(
        hanzi=f"{city_h}{brand_h}{ind_h}{form_h}",
        pinyin=f"{city_p} {brand_p.upper()} {ind_p} {form_p}",
        english=f"{city_e} {brand_p} {ind_e} {form_e}",
        brand_hanzi=brand_h, brand_pinyin=brand_p, industry_english=ind_e,
    )


def group_company(brand_name: str, industry: str, country: str, rng: random.Random) -> str:
    """A foreign member of a group: "Tenglong Technology (Singapore) Pte. Ltd." etc."""
    form = rng.choice(FORMS_BY_COUNTRY[country])
    tag = COUNTRY_TAGS[country]
    if country in ("KY", "VG"):
        return f"{brand_name} {industry} {form}"
    if country in ("SG", "HK", "JP") or rng.random() < 0.4:
        return f"{brand_name} {industry} ({tag}) {form}"
    return f"{brand_name} {tag} {form}"


def western_company(rng: random.Random, country: str) -> tuple[str, str]:
    """(brand, legal name) of a non-Chinese company."""
    name = rng.choice(WESTERN_BRANDS)
    return name, f"{name} {rng.choice(WESTERN_INDUSTRIES)} {rng.choice(FORMS_BY_COUNTRY[country])}"


def ofac_form(name: str, rng: random.Random) -> str:
    """Upper-case the name and swap its legal form for another OFAC rendering."""
    upper = name.upper()
    for suffix in ("GROUP CO., LTD.", "CO., LTD.", "COMPANY LIMITED", "LIMITED", "LTD."):
        if upper.endswith(suffix):
            return upper[: -len(suffix)] + rng.choice(OFAC_FORM_VARIANTS)
    return upper


def typo(name: str, rng: random.Random) -> str:
    """Swap two adjacent letters inside a longer word (a transcription slip)."""
    words = name.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) > 5 and w.isalpha()]
    if not candidates:
        return name
    i = rng.choice(candidates)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(words)


def city_last(name: str, city_english: str) -> str:
    """"SHENZHEN TENGLONG TECHNOLOGY CO., LTD." -> "TENGLONG TECHNOLOGY (SHENZHEN) CO., LTD."."""
    upper_city = city_english.upper()
    if not name.startswith(upper_city + " "):
        return name
    rest = name[len(upper_city) + 1:]
    for form in OFAC_FORM_VARIANTS:
        if rest.endswith(" " + form):
            return f"{rest[: -len(form) - 1]} ({upper_city}) {form}"
    return f"{rest} ({upper_city})"


SURNAMES = (("李", "LI"), ("王", "WANG"), ("张", "ZHANG"), ("刘", "LIU"), ("陈", "CHEN"),
            ("杨", "YANG"), ("黄", "HUANG"), ("赵", "ZHAO"), ("周", "ZHOU"), ("吴", "WU"))
GIVEN = ("Wei", "Fang", "Jianguo", "Xiaoming", "Lei", "Jing", "Hao", "Yong", "Min", "Tao")
OTHER_PEOPLE = {
    "Russia": (("PETROV", "Ivan Sergeyevich"), ("VOLKOV", "Dmitri Aleksandrovich"),
               ("SOKOLOVA", "Yelena Viktorovna"), ("KUZNETSOV", "Oleg Nikolayevich")),
    "Iran": (("RAHIMI", "Hossein"), ("KARIMI", "Mohammad Reza"), ("TEHRANI", "Ali Akbar")),
    "Korea, North": (("KIM", "Chol Min"), ("PAK", "Song Il"), ("RI", "Jong Won")),
    "Mexico": (("GARCIA LOPEZ", "Jose Luis"), ("HERNANDEZ RUIZ", "Carlos Alberto")),
    "Lebanon": (("HAIDAR", "Ali Muhammad"), ("NASRALLAH", "Hassan Kamel")),
    "Syria": (("AL-ASSAD", "Samir"), ("MAKHLOUF", "Rami Hassan")),
}


def chinese_person(rng: random.Random) -> tuple[str, str]:
    """OFAC style "SURNAME, Given" plus the Chinese-script name."""
    (sur_h, sur_p), given = rng.choice(SURNAMES), rng.choice(GIVEN)
    return f"{sur_p}, {given}", sur_h
