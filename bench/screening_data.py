"""A published denylist version of any size, with aliases, for the screening benchmark.

Entities are Chinese companies (a Hanzi legal name, its GLEIF-style pinyin and
an English name, built from the demo's city, industry and legal-form parts and
two characters from a few hundred common ones), other companies (a made-up
brand of two or three syllables, one or two industry words and a legal form of
the demo's country list, sometimes a former name) and persons (Western,
Russian in Latin and Cyrillic, Arabic and Chinese names). Names are distinct
after normalisation, and persons by first and last name (a list with two
entities of one name makes a query for either ambiguous by nature); near
neighbours one letter apart are common, as on real lists.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from pypinyin import lazy_pinyin

from pipelines.lib.demo import names as demo_names

VERSION = "20261205T000000Z-cn_control+listed"
# Common characters of Chinese company brands.
HAN_CHARS = ("华中国金银龙凤天地海山川江河湖星月日光明东南西北新宏达兴盛昌隆泰安康福"
             "瑞祥和信诚德仁义智博远通恒鼎鑫源晨锐丰盈佳嘉美宇宙鸿鹏飞腾跃远航联创"
             "科技电子网络数码云智能微芯力源环球世纪万象永久长青松柏梅兰竹菊晶钢铁"
             "矿石油气能化工医药生物农牧渔港湾桥路城乡州京沪粤闽浙苏皖湘鄂川渝滇黔")
CITIES = (("深圳", "Shenzhen"), ("北京", "Beijing"), ("上海", "Shanghai"), ("杭州", "Hangzhou"),
          ("广州", "Guangzhou"), ("成都", "Chengdu"), ("武汉", "Wuhan"), ("南京", "Nanjing"),
          ("天津", "Tianjin"), ("重庆", "Chongqing"), ("西安", "Xian"), ("苏州", "Suzhou"),
          ("厦门", "Xiamen"), ("青岛", "Qingdao"), ("大连", "Dalian"), ("宁波", "Ningbo"))
ONSETS = ("b", "br", "c", "cl", "d", "dr", "f", "g", "gr", "h", "j", "k", "l", "m", "n", "p",
          "pr", "r", "s", "st", "t", "tr", "v", "w", "z", "sh", "ch", "qu", "fl", "bl")
VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "ou", "y", "io")
CODAS = ("", "", "n", "r", "l", "s", "x", "m", "nd", "rt", "st", "ck")
INDUSTRIES = ("Systems", "Analytics", "Capital", "Logistics", "Pharma", "Energy", "Industries",
              "Software", "Foods", "Materials", "Components", "Robotics", "Trading", "Shipping",
              "Marine", "Mining", "Metals", "Chemicals", "Electronics", "Aviation", "Security",
              "Consulting", "Engineering", "Investments", "Partners", "Ventures", "Resources",
              "Technologies", "Holdings", "Group", "International", "Services", "Management",
              "Manufacturing", "Communications", "Petroleum", "Textiles", "Motors", "Medical",
              "Networks")
FORM_COUNTRIES = tuple(c for c in demo_names.FORMS_BY_COUNTRY if c not in ("KY", "VG"))
WESTERN_FIRST = ("James", "John", "Robert", "Michael", "William", "David", "Richard", "Thomas",
                 "Charles", "Daniel", "Matthew", "Anthony", "Mark", "Paul", "Steven", "Andrew",
                 "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan",
                 "Jessica", "Sarah", "Karen", "Nancy", "Lisa", "Margaret", "Sandra", "Ashley",
                 "Emily", "Hans", "Pierre", "Giovanni", "Carlos", "Jose", "Luis", "Miguel",
                 "Francesco", "Klaus", "Jean", "Marco", "Anna", "Sofia", "Elena", "Marta")
RUSSIAN = (("Ivan", "Иван", "Ivanovich", "Иванович"), ("Dmitri", "Дмитрий", "Dmitrievich", "Дмитриевич"),
           ("Sergei", "Сергей", "Sergeyevich", "Сергеевич"),
           ("Aleksandr", "Александр", "Aleksandrovich", "Александрович"),
           ("Oleg", "Олег", "Olegovich", "Олегович"), ("Yuri", "Юрий", "Yuryevich", "Юрьевич"),
           ("Nikolai", "Николай", "Nikolayevich", "Николаевич"),
           ("Viktor", "Виктор", "Viktorovich", "Викторович"),
           ("Mikhail", "Михаил", "Mikhailovich", "Михайлович"),
           ("Andrei", "Андрей", "Andreyevich", "Андреевич"),
           ("Pavel", "Павел", "Pavlovich", "Павлович"), ("Boris", "Борис", "Borisovich", "Борисович"))
RUSSIAN_SURNAMES = (("Petrov", "Петров"), ("Volkov", "Волков"), ("Sokolov", "Соколов"),
                    ("Kuznetsov", "Кузнецов"), ("Popov", "Попов"), ("Lebedev", "Лебедев"),
                    ("Kozlov", "Козлов"), ("Novikov", "Новиков"), ("Morozov", "Морозов"),
                    ("Orlov", "Орлов"), ("Zaitsev", "Зайцев"), ("Belov", "Белов"),
                    ("Medvedev", "Медведев"), ("Egorov", "Егоров"), ("Pavlov", "Павлов"),
                    ("Semenov", "Семенов"), ("Golubev", "Голубев"), ("Vinogradov", "Виноградов"))
ARABIC_FIRST = ("Mohammad", "Ali", "Hossein", "Hassan", "Reza", "Ahmad", "Omar", "Khalid",
                "Youssef", "Ibrahim", "Mahmoud", "Abdullah", "Karim", "Tariq", "Samir", "Nabil")
ARABIC_SURNAMES = ("Rahimi", "Karimi", "Tehrani", "Haidar", "Nasrallah", "Makhlouf", "Hashemi",
                   "Mansour", "Khalil", "Saleh", "Haddad", "Nasser", "Aziz", "Farouk", "Qasim",
                   "Rashid", "Suleiman", "Hamdan", "Jaber", "Yassin")
# Latin and Cyrillic syllables of made-up Russian surnames ("Karolov", "Каролов").
RU_SYLLABLES = (("ka", "ка"), ("lo", "ло"), ("mi", "ми"), ("ro", "ро"), ("vo", "во"),  # noqa: RUF001
                ("ba", "ба"), ("li", "ли"), ("to", "то"), ("ne", "не"), ("sa", "са"),  # noqa: RUF001
                ("gor", "гор"), ("dan", "дан"), ("zu", "зу"), ("pe", "пе"), ("kra", "кра"),  # noqa: RUF001
                ("sho", "шо"), ("tu", "ту"), ("ry", "ры"), ("mar", "мар"), ("bel", "бел"))
RU_ENDINGS = (("v", "в"), ("vin", "вин"), ("nov", "нов"), ("shin", "шин"), ("lev", "лев"))
HAN_SURNAMES = "李王张刘陈杨黄赵周吴徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁"


@dataclass
class Generated:
    entity_ids: list[str] = field(default_factory=list)
    rows: dict[str, list[object]] = field(default_factory=dict)
    names: dict[str, list[object]] = field(default_factory=dict)
    seen: set[tuple[str, ...]] = field(default_factory=set)


def syllable_word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS)
                   for _ in range(syllables)).capitalize()


def pinyin_of(han: str) -> str:
    return "".join(lazy_pinyin(han))


def _russian_surname(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.2:
        return rng.choice(RUSSIAN_SURNAMES)
    parts = [*rng.sample(RU_SYLLABLES, 2), rng.choice(RU_ENDINGS)]
    return "".join(p[0] for p in parts).capitalize(), "".join(p[1] for p in parts).capitalize()


def _chinese_company(rng: random.Random) -> tuple[tuple[str, ...], list[tuple[str, str, str]]]:
    city_h, city_e = rng.choice(CITIES)
    brand = "".join(rng.sample(HAN_CHARS, 2))
    ind_h, ind_p, ind_e = rng.choice(demo_names.INDUSTRIES)
    form_h, form_p, form_e = rng.choice(demo_names.CN_FORMS)
    brand_p = pinyin_of(brand)
    hanzi = f"{city_h}{brand}{ind_h}{form_h}"
    pinyin = f"{pinyin_of(city_h).upper()} {brand_p.upper()} {ind_p} {form_p}"
    english = f"{city_e} {brand_p.capitalize()} {ind_e} {form_e}"
    return (city_e, brand_p, ind_e), [(english, "primary", "latin"), (hanzi, "legal_name", "han"),
                                    (pinyin, "transliterated", "latin")]


def _company(rng: random.Random) -> tuple[tuple[str, ...], list[tuple[str, str, str]], str]:
    country = rng.choice(FORM_COUNTRIES)
    brand = syllable_word(rng, rng.choice((2, 2, 3)))
    words = rng.sample(INDUSTRIES, rng.choice((1, 1, 2)))
    name = f"{brand} {' '.join(words)} {rng.choice(demo_names.FORMS_BY_COUNTRY[country])}"
    found = [(name, "primary", "latin")]
    if rng.random() < 0.3:
        found.append((f"{syllable_word(rng, 2)} {words[0]} {rng.choice(('Ltd', 'Inc.', 'LLC'))}",
                      "former_name", "latin"))
    return (brand.lower(), *sorted(words)), found, country


def _person(rng: random.Random) -> tuple[tuple[str, ...], list[tuple[str, str, str]], str]:
    kind = rng.random()
    if kind < 0.25:
        (first, first_c, _, _), (last, last_c) = rng.choice(RUSSIAN), _russian_surname(rng)
        _, _, middle, middle_c = rng.choice(RUSSIAN)
        return (first, last), [(f"{last.upper()}, {first} {middle}", "primary", "latin"),
                                       (f"{last_c} {first_c} {middle_c}", "alias", "cyrillic")], "RU"
    if kind < 0.45:
        first, middle = rng.choice(ARABIC_FIRST), rng.choice(ARABIC_FIRST)
        last = rng.choice(ARABIC_SURNAMES) if rng.random() < 0.3 else syllable_word(rng, 2)
        return (first, last), [(f"{last.upper()}, {first} {middle}", "primary", "latin")], \
            rng.choice(("IR", "SY", "LB", "IQ"))
    if kind < 0.65:
        surname, given = rng.choice(HAN_SURNAMES), "".join(rng.sample(HAN_CHARS, 2))
        latin = f"{pinyin_of(surname).upper()}, {pinyin_of(given).capitalize()}"
        return (latin.casefold(),), [(latin, "primary", "latin"), (surname + given, "alias", "han")], "CN"
    first, last = rng.choice(WESTERN_FIRST), syllable_word(rng, rng.choice((2, 3)))
    middle = rng.choice(WESTERN_FIRST)
    return (first, last.lower()), [(f"{first} {middle} {last}", "primary", "latin")], \
        rng.choice(("US", "GB", "DE", "FR", "CY"))


def _entity(rng: random.Random) -> tuple[str, tuple[str, ...], list[tuple[str, str, str]], str]:
    """(kind, identity, names, country); the identity tells duplicates apart."""
    draw = rng.random()
    if draw < 0.35:
        identity, found = _chinese_company(rng)
        return "company", ("cn", *identity), found, "CN"
    if draw < 0.75:
        identity, found, country = _company(rng)
        return "company", ("co", *identity), found, country
    identity, found, country = _person(rng)
    return "person", ("pe", *identity), found, country


def _add(out: Generated, kind: str, found: list[tuple[str, str, str]], country: str) -> None:
    i = len(out.entity_ids)
    entity_id = f"gen-{i:07d}"
    out.entity_ids.append(entity_id)
    chinese = country == "CN" and kind == "company"
    row = {"entity_id": entity_id, "name": found[0][0], "kind": kind,
           "policy": "cn_control" if chinese else "listed", "status": "definite",
           "basis": "headquarters" if chinese else "listed", "risk_sources": entity_id,
           "path": f"{found[0][0]} ({'HQ ' if chinese else 'listed: '}{country})",
           "identifiers": f"lei:GEN{i:017d}", "countries": country, "stake_lo": None,
           "stake_hi": None, "source_records": f"bench:{i}", "as_of": "2026-12-05"}
    for column, value in row.items():
        out.rows.setdefault(column, []).append(value)
    for name, name_type, script in found:
        for column, value in (("entity_id", entity_id), ("name", name),
                              ("name_type", name_type), ("script", script)):
            out.names.setdefault(column, []).append(value)


def generate(published: Path, rows: int, seed: int = 7) -> Path:
    """``published/<VERSION>/`` with ``rows`` entities (one denylist row each) and
    their names, and the ``latest`` link; returns the version directory."""
    rng = random.Random(seed)
    out = Generated()
    while len(out.entity_ids) < rows:
        kind, identity, found, country = _entity(rng)
        if identity not in out.seen:
            out.seen.add(identity)
            _add(out, kind, found, country)
    version = published / VERSION
    version.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(out.rows), version / "denylist.parquet")
    pq.write_table(pa.table(out.names), version / "names.parquet")
    link = published / "latest"
    if not link.is_symlink():
        link.symlink_to(VERSION)
    return version
