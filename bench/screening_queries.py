"""Labelled customer-style queries for the screening benchmark.

Each query spells one entity of a version written by ``bench.screening_data``
the way a customer file would: a typo, another legal form, an abbreviation,
another word order, capitals, no punctuation (``demo.mentions.spell``, the
demo's own noise for corporate PSCs and lists), a transliteration (Hanzi <->
pinyin, GLEIF's pinyin without the legal form in title case, Cyrillic <-> Latin, another Latin spelling
of an Arabic or Russian name), a person's names in another order or without
the middle name. Half give the entity's country.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipelines.lib.demo import mentions
from pipelines.lib.demo import names as demo_names
from pipelines.lib.screen.screen import Query

# Other Latin spellings of the same name, as lists and customers write them.
SPELLINGS = {"Mohammad": "Muhammad", "Hossein": "Husain", "Youssef": "Yusuf", "Omar": "Umar",
             "Khalid": "Khaled", "Mahmoud": "Mahmud", "Dmitri": "Dmitry", "Sergei": "Sergey",
             "Aleksandr": "Alexander", "Yuri": "Yury", "Nikolai": "Nikolay", "Andrei": "Andrey",
             "Sergeyevich": "Sergeevich", "Yuryevich": "Yurievich", "Semenov": "Semyonov",
             "Zaitsev": "Zaytsev", "Egorov": "Yegorov", "Haidar": "Haydar", "Qasim": "Kasim"}
# GLEIF's pinyin of the legal forms, longest first: a customer leaves them out.
PINYIN_FORMS = tuple(sorted((form[1] for form in demo_names.CN_FORMS), key=len, reverse=True))


@dataclass(frozen=True)
class Labelled:
    query: Query
    entity_id: str
    ops: tuple[str, ...]


def labelled_queries(version: Path, n: int, seed: int = 11) -> list[Labelled]:
    denylist = pl.read_parquet(version / "denylist.parquet", columns=["entity_id", "kind",
                                                                        "countries"])
    sample = denylist.sample(n, seed=seed).sort("entity_id")
    names = pl.read_parquet(version / "names.parquet").filter(
        pl.col("entity_id").is_in(sample["entity_id"].implode()))
    by_entity = {key[0]: frame for key, frame in names.group_by("entity_id")}
    rng = random.Random(seed)
    return [_labelled(row, by_entity[row["entity_id"]], rng)
            for row in sample.iter_rows(named=True)]


def _labelled(entity: dict[str, str], names: pl.DataFrame, rng: random.Random) -> Labelled:
    typed = dict(zip(names["name_type"], names["name"], strict=True))
    if entity["kind"] == "person":
        text, ops = _person(typed, rng)
    elif "legal_name" in typed:
        text, ops = _chinese(typed, rng)
    else:
        name = typed["primary"] if "former_name" not in typed or rng.random() < 0.8 \
            else typed["former_name"]
        spelling = mentions.spell(name, rng)
        text, ops = spelling.text, spelling.ops
    country = entity["countries"] if rng.random() < 0.5 else None
    return Labelled(Query(text, country=country), entity["entity_id"], ops)


def _chinese(typed: dict[str, str], rng: random.Random) -> tuple[str, tuple[str, ...]]:
    hanzi = typed["legal_name"]
    draw = rng.random()
    if draw < 0.2:
        pinyin = typed["transliterated"]
        core = next((pinyin[: -len(f)] for f in PINYIN_FORMS if pinyin.endswith(f)), pinyin)
        return core.strip().title(), ("pinyin_words",)
    if draw < 0.3:
        return hanzi, ("hanzi_exact",)
    spelling = mentions.spell(typed["primary"], rng, hanzi=hanzi, pinyin=typed["transliterated"])
    return spelling.text, spelling.ops


def _person(typed: dict[str, str], rng: random.Random) -> tuple[str, tuple[str, ...]]:
    if "alias" in typed and rng.random() < 0.25:
        return typed["alias"], ("other_script",)
    last, _, given = typed["primary"].partition(", ")
    parts = given.split() if given else typed["primary"].split()
    last = last.title() if given else parts.pop()
    ops: list[str] = []
    if len(parts) > 1 and rng.random() < 0.4:
        parts, ops = parts[:1], [*ops, "drop_middle"]
    respelled = [SPELLINGS.get(p, p) for p in (*parts, last)]
    if respelled != [*parts, last] and rng.random() < 0.6:
        *parts, last = respelled
        ops.append("transliteration")
    text = f"{' '.join(parts)} {last}"
    if rng.random() < 0.3:
        text, ops = f"{last.upper()}, {' '.join(parts)}", [*ops, "word_order"]
    if rng.random() < 0.4 or not ops:
        text, ops = mentions.typo(text, rng), [*ops, "typo"]
    return text, tuple(ops)
