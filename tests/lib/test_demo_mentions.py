"""The demo's labelled entity-resolution set: name variants, PSC mentions, near misses, and
the truth over canonical ids."""

from __future__ import annotations

import json
import random
import re
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from rapidfuzz.distance import Levenshtein

from pipelines.lib.countries import country_code
from pipelines.lib.demo import DemoSummary, generate, names
from pipelines.lib.demo.mentions import (
    abbreviate,
    legal_form,
    place_first,
    place_last,
    spell,
    swap_form,
    transliterate,
    variant,
)
from pipelines.lib.demo.psc_mentions import REGISTRIES, MentionPlan, psc_mentions
from pipelines.lib.demo.resolution_scenarios import CASES as RESOLUTION_CASES
from pipelines.lib.demo.targets import RESERVED, near_miss, target_groups
from pipelines.lib.demo.truth_resolved import canonical_denylist, canonical_ids
from pipelines.lib.demo.truth_uk import psc_id
from pipelines.lib.demo.uk_demo import truth_from_files

LEI_NS = "{http://www.gleif.org/data/schema/leidata/2016}"
# (name, its distinctive word)
NAMES = (("Tencent Holdings Limited", "tencent"),
         ("Bramford International Logistics (Deutschland) GmbH", "bramford"),
         ("Shenzhen Tenglong Technology Co., Ltd.", "tenglong"),
         ("Jiarunzhi Trading (Singapore) Pte. Ltd.", "jiarunzhi"),
         ("Thornbury Communications Group Inc.", "thornbury"), ("Kilton Textiles DAC", "kilton"),
         ("Loxby Foods K.K.", "loxby"))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoSummary, dict[str, Any]]:
    out = tmp_path_factory.mktemp("demo")
    summary = generate(out)
    return out, summary, json.loads((out / "truth.json").read_text("utf-8"))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


@pytest.mark.parametrize(("name", "brand"), NAMES)
def test_variants_differ_but_keep_the_distinctive_word(name: str, brand: str) -> None:
    for seed in range(60):
        spelling = spell(name, random.Random(seed))
        assert spelling.text != name, spelling
        # At most one slip (a swap is two edits) in the brand, wherever it moved.
        assert min(Levenshtein.distance(brand, w) for w in _words(spelling.text)) <= 2, spelling


def test_each_operation_spells_the_same_company() -> None:
    rng = random.Random(1)
    assert {swap_form("Tencent Holdings Limited", random.Random(s)) for s in range(40)} == {
        "Tencent Holdings Ltd", "Tencent Holdings Ltd.", "Tencent Holdings"}
    assert abbreviate("Quarry International Technology Holdings Group Company", rng) in {
        "Quarry Intl Tech Hldgs Grp Co", "Quarry Intl. Tech. Hldgs. Grp. Co."}
    assert place_first("Tenglong Technology (Shenzhen) Co., Ltd.") == (
        "Shenzhen Tenglong Technology Co., Ltd.")
    assert place_last("Shenzhen Tenglong Technology Co., Ltd.", ("Shenzhen",)) == (
        "Tenglong Technology (Shenzhen) Co., Ltd.")
    assert transliterate("腾讯控股有限公司") == "TENGXUN KONGGU YOUXIAN GONGSI"
    assert transliterate("深圳市腾龙科技有限公司") == "SHENZHENSHI TENGLONG KEJI YOUXIAN GONGSI"
    hanzi = spell("Tencent Holdings Limited", rng, hanzi="腾讯控股有限公司", ops=("hanzi",))
    assert hanzi.text == "腾讯控股有限公司"
    pinyin = spell("Tencent Holdings Limited", rng, hanzi="腾讯控股有限公司", ops=("pinyin",))
    assert pinyin.text == "TENGXUN KONGGU YOUXIAN GONGSI"
    assert variant("Kilton Textiles DAC", rng) != "Kilton Textiles DAC"


def _psc_records(out: Path) -> dict[str, dict[str, Any]]:
    path = next((out / "uk").glob("persons-with-significant-control-snapshot-*.zip"))
    with zipfile.ZipFile(path) as archive, archive.open(archive.namelist()[0]) as member:
        records = [json.loads(line) for line in member if b'"kind":"corporate-entity' in line]
    return {psc_id(r["company_number"], r["data"]["links"]["self"]): r for r in records}


def _gleif(out: Path) -> dict[str, tuple[str, str | None, set[str]]]:
    """LEI entity id -> (legal address country, RA entity id, every name)."""
    found = {}
    for _, rec in etree.iterparse(str(out / "gleif" / "lei2-golden-copy.xml"),
                                  tag=f"{LEI_NS}LEIRecord"):
        entity = rec.find(f"{LEI_NS}Entity")
        assert entity is not None
        names_ = {n.text or "" for n in entity.iter(f"{LEI_NS}LegalName",
                                                    f"{LEI_NS}OtherEntityName")}
        found["lei-" + (rec.findtext(f"{LEI_NS}LEI") or "").lower()] = (
            entity.findtext(f"{LEI_NS}LegalAddress/{LEI_NS}Country") or "",
            entity.findtext(f".//{LEI_NS}RegistrationAuthorityEntityID"), names_)
        rec.clear()
    return found


def test_labelled_mentions_are_in_the_psc_snapshot_under_their_truth_ids(
    demo: tuple[Path, DemoSummary, dict[str, Any]],
) -> None:
    out, summary, truth = demo
    pscs, gleif = _psc_records(out), _gleif(out)
    mentions = [m for m in truth["mentions"] if m["source"] == "gb_coh_psc"]
    plan = MentionPlan.at(truth["generator"]["scale"])
    assert len(mentions) == plan.labelled + plan.near_misses + 4 == summary.mentions
    assert len(mentions) >= 60
    pairs = {tuple(p) for p in truth["same_entity"]}
    for m in mentions:
        data = pscs[m["mention_id"]]["data"]
        assert data["name"] == m["name"]
        ident = data["identification"]
        assert country_code(ident["country_registered"]) == m["country"]
        assert ident.get("registration_number") == m["regno"]
        if m["register_id"]:
            assert (m["register_id"], m["mention_id"]) in pairs
            country, regno, _ = gleif[m["register_id"]]
            assert country == m["country"]
            if m["regno"]:  # as typed: GB numbers may lose their leading zeros
                assert regno and m["regno"].replace(" ", "") in (
                    regno.replace(" ", ""), regno.lstrip("0"))
    # Some GLEIF entities are named by two or three UK companies.
    companies: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m["register_id"]:
            companies[m["register_id"]].add(pscs[m["mention_id"]]["company_number"])
    assert max(len(c) for c in companies.values()) >= 2


def test_near_misses_are_unlabelled_and_not_in_gleif(
    demo: tuple[Path, DemoSummary, dict[str, Any]],
) -> None:
    out, _, truth = demo
    gleif = _gleif(out)
    labelled = {i for pair in truth["same_entity"] for i in pair}
    negatives = [m for m in truth["mentions"] if m["register_id"] is None]
    assert len(negatives) >= 8
    assert {m["variation"] for m in negatives} == {"near_miss_industry", "near_miss_country"}
    brands = {_words(n)[0] for _, _, ns in gleif.values() for n in ns if n}
    exact = {(n.casefold(), c) for c, _, ns in gleif.values() for n in ns}
    for m in negatives:
        assert m["mention_id"] not in labelled
        assert (m["name"].casefold(), m["country"]) not in exact
        # Close to a GLEIF name: it carries a GLEIF brand, give or take a slip.
        assert any(Levenshtein.distance(w, b, score_cutoff=2) <= 2
                   for w in _words(m["name"]) for b in brands), m


def test_truth_canonicalisation_keeps_one_row_per_cluster() -> None:
    rows = [("listed", "ofac-7", "definite", "listed"), ("listed", "csl-3", "definite", "listed"),
            ("cn_control", "lei-a", "definite", "headquarters"),
            ("cn_control", "psc-1", "definite", "headquarters"),
            ("cn_control", "psc-2", "possible", "control"),
            ("cn_control", "gb-coh-00000001", "possible", "control"),
            ("cn_control", "psc-3", "definite", "ownership")]
    pairs = [("lei-a", "ofac-7"), ("ofac-7", "csl-3"), ("lei-a", "psc-1"),
             ("gb-coh-00000001", "psc-3"), ("gb-coh-00000001", "psc-2")]
    assert canonical_denylist(rows, canonical_ids(pairs)) == [
        ("cn_control", "gb-coh-00000001", "definite", "ownership"),
        ("cn_control", "lei-a", "definite", "headquarters"),
        ("listed", "lei-a", "definite", "listed")]


def test_a_list_party_and_its_gleif_twin_are_one_row(
    demo: tuple[Path, DemoSummary, dict[str, Any]],
) -> None:
    _, _, truth = demo
    rows = {(r["policy"], r["entity_id"]) for r in truth["denylist"]}
    hongda = next(c["entity_id"] for c in truth["cases"]
                  if c["case"] == "sanctioned_cn_company_in_gleif")
    twins = [b for a, b in truth["same_entity"] if a == hongda]
    assert any(t.startswith("ofac-") for t in twins) and any(t.startswith("csl-") for t in twins)
    assert {("listed", hongda), ("cn_control", hongda)} <= rows
    assert not any(entity in twins for _, entity in rows)
    # A company's entries on other lists are paired with its SDN entry (same name and
    # country); persons on several lists are not paired (no shared identifier).
    sdn = next(t for t in twins if t.startswith("ofac-"))
    assert {b for a, b in truth["same_entity"] if a == sdn} == {t for t in twins
                                                                 if not t.startswith("ofac-")}
    people = {e for row in truth["listings"] if row["list_code"] == "us_bis_dpl"
              for e in row["entity_ids"]}
    assert not people & {i for pair in truth["same_entity"] for i in pair}


def test_tencent_resolves_and_only_then_owns_its_uk_company(
    demo: tuple[Path, DemoSummary, dict[str, Any]],
) -> None:
    out, _, truth = demo
    case = next(c for c in truth["cases"] if c["case"] == "resolution_psc_tencent_cayman")
    rows = {r["entity_id"]: (r["status"], r["basis"]) for r in truth["denylist"]
            if r["policy"] == "cn_control"}
    assert rows[case["entity_id"]] == ("definite", "ownership")
    mention = next(m for m in truth["mentions"] if m["name"] == "TENCENT HOLDINGS LTD")
    data = _psc_records(out)[mention["mention_id"]]["data"]
    assert data["identification"]["country_registered"] == "Cayman Islands"
    assert data["natures_of_control"] == ["ownership-of-shares-75-to-100-percent"]
    assert _gleif(out)[mention["register_id"]][2] >= {"Tencent Holdings Limited"}
    assert [mention["register_id"], mention["mention_id"]] in truth["same_entity"]
    assert rows[mention["register_id"]] == ("definite", "headquarters")
    # Unresolved, the Cayman PSC is no root and the company stays clear.
    assert case["entity_id"] not in truth_from_files(out)
    near = next(c for c in truth["cases"] if c["case"] == "resolution_near_miss_other_country")
    assert near["entity_id"] not in rows


def test_mentions_add_no_row_even_if_every_one_is_wrongly_merged_with_a_root(
    demo: tuple[Path, DemoSummary, dict[str, Any]],
) -> None:
    out, _, truth = demo
    tencent = next(m["register_id"] for m in truth["mentions"]
                   if m["name"] == "TENCENT HOLDINGS LTD")
    named = {case.psc_name for case in RESOLUTION_CASES}
    filler = [m for m in truth["mentions"]
              if m["source"] == "gb_coh_psc" and m["name"] not in named]
    right = canonical_ids(truth["same_entity"])
    wrong = {**right, **{m["mention_id"]: tencent for m in filler}}
    companies = {e for e in truth_from_files(out, right, frozenset({tencent}))
                 if e.startswith("gb-coh-")}
    worst = {e for e in truth_from_files(out, wrong, frozenset({tencent}))
             if e.startswith("gb-coh-")}
    assert len(filler) >= 60 and worst == companies


def test_every_country_text_is_one_the_pipeline_reads() -> None:
    for code, (texts, *_) in REGISTRIES.items():
        assert {country_code(t) for t in texts} == {code}


def test_target_names_are_unique_and_near_misses_are_not_targets() -> None:
    targets = [t for _, batch in target_groups(5, 3000) for t in batch]
    assert sum(t.mentions for t in targets) == 3000
    keys = [(t.core.casefold(), t.country) for t in targets]
    assert len(set(keys)) == len(keys)
    assert not {t.brand.casefold() for t in targets} & RESERVED
    rng = random.Random(0)
    misses = [near_miss(t, n, rng) for n, t in enumerate(targets)]
    stems = {(_stem(m.name), m.country) for m in misses}
    assert len(stems) > 2000
    assert not stems & {(t.core, t.country) for t in targets}


def _stem(name: str) -> str:
    """The name without legal form and place tag."""
    found = legal_form(name)
    return (found[0] if found else name).split(" (")[0]


def test_filler_never_draws_a_scenario_brand() -> None:
    rng = random.Random(3)
    assert not {names.brand(rng)[1].casefold() for _ in range(5000)} & names.SCENARIO_BRANDS
    scenario = Path(names.__file__).parent
    text = " ".join((scenario / f).read_text("utf-8") for f in (
        "scenarios.py", "sanctions.py", "uk_scenarios.py", "bods_writer.py"))
    every = {(a[1] + b[1].lower()).casefold() for a in names.SYLLABLES for b in names.SYLLABLES}
    assert {w.casefold() for w in re.findall(r"[A-Za-z]+", text)} & every <= names.SCENARIO_BRANDS


def test_mentions_are_deterministic() -> None:
    def build(seed: int) -> list[dict[str, Any]]:
        targets = [t for _, batch in target_groups(seed, 200) for t in batch]
        return [m.row() for m in psc_mentions(targets, MentionPlan(200, 40), seed, 8000)]

    first = build(11)
    assert first == build(11) and first != build(12)
    assert len(first) == 240
    assert len({m["mention_id"] for m in first}) == 240
