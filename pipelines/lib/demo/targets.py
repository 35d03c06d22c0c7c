"""GLEIF entities that UK corporate PSCs name (mention targets), and near-miss names that are not.

Targets are standalone foreign companies written into the golden copy like any
other entity. Their names are unique in the whole world by construction, so a
careful matcher can resolve a mention from its name and country alone:

- western targets: a brand built from two parts ("Bram" + "ford") no other
  generator uses, and an industry phrase; the brand x industry grid is walked
  by a stride coprime with its size, and a name seen before goes to another
  country (each country at most once per name);
- Singapore targets of Chinese brands: a three-syllable brand from syllables
  no other Chinese brand of the world uses, with the Chinese legal name as an
  alternative name, so a PSC may write it in Hanzi.

Targets are never cn_control roots nor caught (no CN/HK/MO headquarters, no
relationship): a mention merged into one changes no denylist row.

Hard negatives (``near_miss``) are foreign companies not in GLEIF whose names
are close to a target's: the same brand with an industry word no target uses,
or the same name registered in a country where no target is.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from pipelines.lib.demo import names
from pipelines.lib.demo.filler import chunk_rng
from pipelines.lib.demo.world import Builder, Group, OrgSpec

ZH_ALT = "ALTERNATIVE_LANGUAGE_LEGAL_NAME"
_PREFIXES = ("Alder", "Bram", "Carrow", "Dun", "Fern", "Glen", "Hallow", "Ivy", "Kings",
             "Lang", "Marl", "Orm", "Pem", "Quarry", "Raven", "Stan", "Thorn", "Umber", "Val",
             "Yar", "Bex", "Cran", "Dray", "Ever", "Fox", "Gray", "Hart", "Kil", "Lox", "Mel",
             "Nor", "Rush", "Sel", "Tarn", "Wold", "Brack", "Cole", "Hay", "Amber", "Sand")
_SUFFIXES = ("bury", "dale", "field", "ford", "gate", "ham", "holm", "hurst", "ley", "mere",
             "moor", "mouth", "stead", "stone", "thorpe", "ton", "well", "wick", "worth",
             "brook", "by", "cliffe", "croft", "den", "low", "more", "shaw", "wood", "haven",
             "combe")
# Names the other generators use (names.py, sql/*_filler.sql): never a target brand.
RESERVED = frozenset(
    {b.casefold() for b in names.WESTERN_BRANDS}
    | {"northgate", "riverside", "pennine", "thameside", "highfield", "clyde", "severn",
       "greenway", "marston", "ashcombe", "wexford", "brindley", "castlegate", "elmfield"})
BRANDS = tuple(b for p in _PREFIXES for s in _SUFFIXES
               if (b := p + s).casefold() not in RESERVED)
INDUSTRIES = (
    "Technology", "International Trading", "Holdings", "Communications", "Group",
    "Precision Engineering", "Medical Devices", "Renewables", "Packaging", "Instruments",
    "Aerospace", "Textiles", "Chemicals", "Consulting Company", "Shipping", "Software",
    "Foods", "Biosciences", "Robotics", "Semiconductors", "Logistics", "Pharmaceuticals",
    "Capital Partners", "Industrial Services", "Data Systems", "Marine Services",
    "Financial Services", "Property Investments", "Automotive", "Agritech", "Optics",
    "Technology Group", "Communications Holdings", "International",
)
# Industry words no target uses: a near miss with one of them is not in GLEIF.
NEGATIVE_INDUSTRIES = ("Hospitality", "Media", "Furniture", "Mining", "Education", "Insurance",
                       "Fashion", "Recycling", "Security", "Travel")
COUNTRIES = ("US", "GB", "DE", "FR", "NL", "IE", "SG", "JP", "CY", "KY", "BR", "AE")
FORMS = {**names.FORMS_BY_COUNTRY, "KY": ("Limited", "Ltd."), "AE": ("LLC", "FZE")}
TAGS = {"GB": "UK", "DE": "Deutschland", "NL": "Netherlands", "IE": "Ireland", "JP": "Japan",
        "FR": "France", "SG": "Singapore", "CY": "Cyprus"}
# Countries with no target: the same name registered there is another company.
NEGATIVE_FORMS = {"AT": ("GmbH",), "CH": ("AG", "SA"), "BE": ("NV", "SA"), "SE": ("AB",),
                  "DK": ("A/S", "ApS"), "IT": ("S.r.l.", "S.p.A."), "ES": ("S.L.", "S.A."),
                  "AU": ("Pty Ltd",), "CA": ("Inc.", "Ltd."), "NO": ("AS",)}
NEGATIVE_COUNTRIES = tuple(NEGATIVE_FORMS)
_GRID = len(BRANDS) * len(INDUSTRIES)
_GRID_STEP = 7919  # prime, coprime with the grid: neighbours in t differ in brand
# Syllables of the Singapore targets' brands: none is a syllable of the filler's
# or the scenarios' Chinese brands (names.SYLLABLES, "Yunfan"), and no two share
# a pinyin, so a target's brand neither starts with another company's brand nor
# names two Hanzi brands.
SG_SYLLABLES = (("嘉", "Jia"), ("润", "run"), ("志", "Zhi"), ("豪", "hao"), ("凯", "Kai"),
                ("越", "yue"), ("明", "Ming"), ("朗", "lang"), ("卓", "Zhuo"), ("辉", "hui"),
                ("德", "De"), ("荣", "rong"), ("永", "Yong"), ("宇", "yu"), ("美", "Mei"),
                ("骏", "jun"), ("毅", "Yi"), ("琪", "qi"), ("诚", "Cheng"), ("康", "kang"))
_SG_GRID = (len(SG_SYLLABLES) * (len(SG_SYLLABLES) - 1) * (len(SG_SYLLABLES) - 2)
            * len(names.INDUSTRIES))
SG_EVERY = 8  # one target in eight is a Singapore company of a Chinese brand
SG_SLOT = 5  # ... the one with t % SG_EVERY == SG_SLOT
TARGETS_PER_GROUP = 40


@dataclass(frozen=True)
class Target:
    """What a UK mention needs of its GLEIF entity."""

    lei: str
    name: str
    country: str
    regno: str | None  # RegistrationAuthorityEntityID
    street: str
    city: str
    postal: str | None
    brand: str  # the distinctive word, for near misses
    core: str  # the name without legal form or place tag
    hanzi: str | None = None
    mentions: int = 1  # how many UK companies name it


def western(t: int, rng: random.Random) -> tuple[str, str, str]:
    """(name, core, country) of the t-th western target."""
    cell = (t * _GRID_STEP) % _GRID
    brand, industry = BRANDS[cell // len(INDUSTRIES)], INDUSTRIES[cell % len(INDUSTRIES)]
    country = COUNTRIES[(cell + 5 * (t // _GRID)) % len(COUNTRIES)]
    core = f"{brand} {industry}"
    form = rng.choice(FORMS[country])
    if country in TAGS and rng.random() < 0.3:
        return f"{core} ({TAGS[country]}) {form}", core, country
    return f"{core} {form}", core, country


def singapore_chinese(s: int, rng: random.Random) -> tuple[str, str, str, str]:
    """(name, core, Hanzi name, brand) of the s-th Singapore target of a Chinese brand."""
    cell = (s * _GRID_STEP) % _SG_GRID
    cell, industry = divmod(cell, len(names.INDUSTRIES))
    pool = list(SG_SYLLABLES)
    parts = []
    for _ in range(3):
        cell, pick = divmod(cell, len(pool))
        parts.append(pool.pop(pick))
    brand = parts[0][1].capitalize() + "".join(p[1].lower() for p in parts[1:])
    brand_h = "".join(p[0] for p in parts)
    ind_h, _, ind_e = names.INDUSTRIES[industry]
    core = f"{brand} {ind_e}"
    if rng.random() < 0.6:
        return f"{core} (Singapore) Pte. Ltd.", core, f"{brand_h}{ind_h}(新加坡)私人有限公司", brand
    return f"{core} Pte. Ltd.", core, f"{brand_h}{ind_h}私人有限公司", brand


def _mentions(rng: random.Random) -> int:
    return rng.choices((1, 2, 3), (65, 25, 10))[0]


def target_groups(seed: int, labelled: int) -> Iterator[tuple[Group, list[Target]]]:
    """GLEIF groups of targets until their mentions add up to ``labelled``."""
    t = made = 0
    while made < labelled:
        b = Builder(chunk_rng(seed, 16, t // TARGETS_PER_GROUP), "mention_targets")
        batch: list[Target] = []
        while made < labelled and len(batch) < TARGETS_PER_GROUP:
            target = _target(b, t, min(_mentions(b.rng), labelled - made))
            batch.append(target)
            made += target.mentions
            t += 1
        yield b.group, batch


def _target(b: Builder, t: int, mentions: int) -> Target:
    hanzi = None
    if t % SG_EVERY == SG_SLOT:
        name, core, hanzi, brand = singapore_chinese(t // SG_EVERY, b.rng)
        country = "SG"
        org = b.org(OrgSpec(name, country, other_names=((ZH_ALT, "zh", hanzi),)))
    else:
        # The western index counts only western targets: SG slots before t are skipped.
        name, core, country = western(t - (t + SG_EVERY - 1 - SG_SLOT) // SG_EVERY, b.rng)
        brand = core.split(" ")[0]
        org = b.org(OrgSpec(name, country))
    b.top(org, b.rng.choice(("NATURAL_PERSONS", "NO_KNOWN_PERSON", "NON_CONSOLIDATING")))
    address = org.legal_address
    return Target(org.lei, name, country, org.ra_entity_id, address.lines[0], address.city,
                  address.postal, brand, core, hanzi, mentions)


@dataclass(frozen=True)
class NearMiss:
    name: str
    country: str
    how: str  # "industry" or "country"


def near_miss(target: Target, n: int, rng: random.Random) -> NearMiss:
    """The n-th near miss of ``target``: same brand, other industry; or same name, other country."""
    if n % 2 == 0:
        industry = NEGATIVE_INDUSTRIES[(n // 2) % len(NEGATIVE_INDUSTRIES)]
        tag = " (Singapore)" if target.country == "SG" and target.hanzi else ""
        form = rng.choice(FORMS[target.country])
        return NearMiss(f"{target.brand} {industry}{tag} {form}", target.country, "industry")
    if target.hanzi:
        return NearMiss(f"{target.core} (Malaysia) Sdn. Bhd.", "MY", "country")
    country = NEGATIVE_COUNTRIES[(n // 2) % len(NEGATIVE_COUNTRIES)]
    return NearMiss(f"{target.core} {rng.choice(NEGATIVE_FORMS[country])}", country, "country")
