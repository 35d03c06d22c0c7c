"""Name normalisation for entity resolution: what each spelling of a name becomes."""

from __future__ import annotations

import csv
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rigour.text.normalize import normalize

from pipelines.lib.demo import names as demo
from pipelines.lib.resolve.names import (
    BATCH,
    FORMS_CSV,
    NAME_FLAGS,
    NameKey,
    _fold_ascii,
    name_key,
    name_keys,
)

# Words that make rigour and the table act, and punctuation between them.
WORDS = ["Acme", "co", "Co.,", "Ltd", "LIMITED", "company", "GmbH", "&", "KG", "AG", "S.A.",
         "de", "C.V.", "holdings", "Intl", "youxian", "gongsi", "the", "(HK)", "sa", "rl", "-"]


def key(name: str, person: bool = False) -> NameKey:
    found = name_key(name, person)
    assert found is not None, name
    return found


def same_key(*names: str) -> bool:
    keys = [key(name) for name in names]
    return all((k.core, k.forms) == (keys[0].core, keys[0].forms) for k in keys)


def test_nfkc_and_case_folding() -> None:
    fullwidth = "ＴＥＮＣＥＮＴ　ＨＯＬＤＩＮＧＳ"  # noqa: RUF001 - full-width on purpose
    assert key(fullwidth).core == key("Tencent Holdings").core == "holdings tencent"
    assert key("Großmann Straße").core == "grossmann strasse"


def test_punctuation_goes_and_words_in_brackets_stay() -> None:
    found = key("Tenglong Technology (Singapore) Pte. Ltd.")
    assert found.core == "singapore technology tenglong"
    assert found.compact == "tenglongtechnologysingapore"
    assert found.forms == ("ltd", "pte")
    assert key("Acme [Holdings], Int'l.").core == "acme holdings international"


def test_ampersand_and_the_word_and_are_both_dropped() -> None:
    assert same_key("Procter & Gamble", "Procter and Gamble", "PROCTER AND GAMBLE",
                    "Procter Gamble")
    assert key("Marks&Spencer").compact == key("MARKS AND SPENCER").compact == "marksspencer"


def test_legal_forms_agree_whatever_the_spelling() -> None:
    assert same_key("Tencent Holdings Limited", "TENCENT HOLDINGS LTD", "Tencent Holdings Ltd.")
    assert key("Tencent Holdings Limited").forms == ("ltd",)
    assert same_key("Siemens Aktiengesellschaft", "SIEMENS AG")
    assert key("SIEMENS AG") == NameKey("siemens", "siemens", ("siemens",), ("ag",), ("siemens",),
                                        "latin")
    co_ltd = ["Hongda Co., Ltd.", "HONGDA CO LTD", "HONGDA COMPANY LIMITED", "Hongda Co. Limited",
              "HONGDA CO., LIMITED", "HONGDA CO. LTD"]
    assert {(key(n).core, key(n).forms) for n in co_ltd} == {("hongda", ("co", "ltd"))}


def test_legal_forms_leave_the_core() -> None:
    assert key("Acme GmbH & Co. KG").core == "acme"
    assert key("Acme S.A. de C.V.").forms == ("sacv",)
    assert key("Meridian Capital S.à r.l.").forms == ("sarl",)
    assert key("Acme Corporation").forms == key("ACME CORP.").forms == ("corp",)
    assert key("Acme State Enterprise").forms == ("soe",)  # rigour's compare form is empty


def test_abbreviations_map_to_one_token() -> None:
    assert same_key("Hongda Intl Grp Co., Ltd.", "Hongda International Group Company Limited")
    assert key("Hongda International Group Company Limited").core == "group hongda international"
    spelled = {
        "holdings": ["Holdings", "HLDGS", "Holding"], "group": ["Group", "GRP"],
        "technology": ["Technology", "Technologies", "TECH"], "international": ["International", "INTL"],
        "communications": ["Communications", "COMM"], "manufacturing": ["Manufacturing", "MFG"],
        "industries": ["Industries", "Industry", "Industrial"],
    }
    for canonical, words in spelled.items():
        assert {key(f"Acme {word}").core for word in words} == {f"acme {canonical}"}


def test_every_table_row_does_what_it_says() -> None:
    with FORMS_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len({row["form"] for row in rows}) == len(rows)
    # rigour reads the ASCII "sa rl" as S.A. first: the row serves the accented spelling.
    spelled = {"sa rl": "S.à r.l."}
    for row in rows:
        form = spelled.get(row["form"], row["form"])
        found = key(f"腾龙{form}" if row["script"] == "han" else f"Zorblax {form}")
        canonical = tuple(row["canonical"].split())
        if row["kind"] == "legal_form":
            assert set(canonical) <= set(found.forms), row
            assert "zorblax" in found.core or found.core == "tenglong", row
        else:
            assert set(canonical) <= set(found.tokens), row
            assert not found.forms, row


def test_chinese_forms_and_words_before_pinyin() -> None:
    found = key("腾讯控股有限公司")
    assert found.core == "holdings tengxun"
    assert "ltd" in found.forms
    assert found.script == "han"
    assert key("騰訊控股有限公司").core == found.core  # traditional script


def test_hanzi_and_gleif_pinyin_agree_on_compact_and_forms() -> None:
    hanzi, pinyin = key("深圳市腾龙科技有限公司"), key("SHENZHENSHI TENGLONG KEJI YOUXIAN GONGSI")
    assert hanzi.compact == pinyin.compact == "shenzhenshitenglongtechnology"
    assert hanzi.forms == pinyin.forms == ("co", "ltd")
    assert {"tenglong", "shenzhen", "technology"} <= set(hanzi.block_tokens)
    assert "tenglong" in pinyin.block_tokens


def test_other_scripts_are_transliterated() -> None:
    gazprom = key("ООО Газпром нефть")  # noqa: RUF001 - Cyrillic on purpose
    assert (gazprom.core, gazprom.forms, gazprom.script) == ("gazprom neft", ("ooo",), "cyrillic")
    greek = key("Ελληνική Εταιρεία Α.Ε.")  # noqa: RUF001 - Greek on purpose
    assert (greek.core, greek.forms, greek.script) == ("elliniki etaireia", ("ae",), "greek")
    assert key("شركة النفط").script == "arabic"
    assert key("T&Teenus OÜ").forms == key("T&Teenus OU").forms == ("ou",)


def test_word_order_is_normalised_in_core_not_in_compact() -> None:
    a, b = key("Holdings Tencent"), key("Tencent Holdings")
    assert a.core == b.core == "holdings tencent"
    assert (a.compact, b.compact) == ("holdingstencent", "tencentholdings")


def test_nothing_meaningful_left_is_none() -> None:
    assert [name_key(n) for n in ["", "   ", ".,;()&", "Limited", "Co., Ltd."]] == [None] * 5


def test_person_names() -> None:
    assert {key(n, person=True).core for n in ["LI, Wei", "Wei Li", "LI WEI", "Mr. Wei Li"]} == {
        "li wei"}
    assert key("LI, Wei", person=True).compact == key("李伟", person=True).compact == "liwei"
    assert key("Dr Ivan Petrov", person=True).core == key("Иван Петров", person=True).core
    # No legal forms or abbreviations in a person's name.
    assert key("Ag Holding", person=True) == NameKey("ag holding", "agholding", ("ag", "holding"),
                                                     (), ("ag", "holding"), "latin")
    assert key("Ag Holding").core == "holdings"


def test_keys_are_sorted_and_distinct() -> None:
    found = key("Zeta Alpha Zeta Holdings Company Ltd")
    assert found.core == "alpha holdings zeta zeta"
    assert found.compact == "zetaalphazetaholdings"
    assert found.tokens == ("alpha", "holdings", "zeta")
    assert found.forms == ("co", "ltd")


def test_name_keys_matches_name_key_and_honours_persons() -> None:
    names = ["Tencent Holdings Ltd", "", "LI, Wei", "Tencent Holdings Ltd", "Ag Holding"]
    persons = [False, False, True, False, True]
    one_by_one = [name_key(n, p) for n, p in zip(names, persons, strict=True)]
    assert name_keys(names, persons) == one_by_one
    assert name_keys(names) == [name_key(n) for n in names]
    with pytest.raises(ValueError):
        name_keys(names, persons[:2])


@given(st.lists(st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join), max_size=8))
def test_batches_agree_with_one_name_at_a_time(names: list[str]) -> None:
    assert name_keys(names) == [name_key(n) for n in names]


def test_batch_edges() -> None:
    odd = ["Acme\nHoldings Ltd", "", "Limited", "腾讯控股有限公司", "Acme Holdings Ltd", "ÄCME AG"]
    assert name_keys(odd) == [name_key(n) for n in odd]  # a line break inside a name
    many = [f"Acme {i} Holdings Ltd" for i in range(BATCH + 3)]
    found = name_keys(many)
    assert [k.core if k else None for k in found[-2:]] == [f"{BATCH + 1} acme holdings",
                                                          f"{BATCH + 2} acme holdings"]


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_fast_path_equals_rigour(text: str) -> None:
    assert _fold_ascii(text) == (normalize(text, NAME_FLAGS) or "")


def test_demo_spellings_of_one_company_agree() -> None:
    rng = random.Random(5)
    for city in demo.CITY_PARTS:
        for industry in range(len(demo.INDUSTRIES)):
            company = demo.chinese_company(rng, city, industry)
            hanzi, pinyin, english = key(company.hanzi), key(company.pinyin), key(company.english)
            assert (hanzi.compact, hanzi.forms) == (pinyin.compact, pinyin.forms), company
            ofac = demo.ofac_form(company.english, rng)
            # The demo's OFAC spelling may drop "Group" from "Group Co., Ltd.".
            assert key(ofac).tokens == tuple(t for t in english.tokens if t != "group"), ofac
            assert key(ofac).forms == english.forms == ("co", "ltd"), ofac
            moved = key(demo.city_last(ofac, demo.CITY_PARTS[city][2]))
            assert moved.core == key(ofac).core
    # Where the city's pinyin is its English name, GLEIF's pinyin meets the English name.
    beijing = demo.chinese_company(rng, "北京市", 0, ("腾龙", "Tenglong"))
    assert key(beijing.pinyin).core == key(beijing.english).core == "beijing technology tenglong"


def test_private_limited_is_singapores_pte_ltd_and_typos_stay_small_in_long_forms() -> None:
    assert same_key("Selwood Chemicals Private Limited", "Selwood Chemicals Pte. Ltd.")
    assert key("Private Bank Holdings Ltd").core == "bank holdings private"
    # Abbreviations map to the long form, so a typo in the long form stays one edit away.
    assert key("Glenstead Intl Trading").core == "glenstead international trading"
    assert key("Glenstead Intrenational Trading").core == "glenstead intrenational trading"


def test_a_misspelt_legal_form_at_the_end_is_still_a_legal_form() -> None:
    for typo in ("Bexcombe Robotics Limmited", "BEXCOMBE ROBOTICS LIIMTED",
                 "Bexcombe Robotics Limiyed"):
        assert same_key(typo, "Bexcombe Robotics Limited"), typo
    # Only the name's last word, and only a long form: "Compamy Holdings" keeps its words.
    assert key("Compamy Holdings").core == "compamy holdings"
