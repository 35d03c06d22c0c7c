"""Remarks splitter on real-looking OFAC remarks."""

from __future__ import annotations

from pipelines.sources.ofac_remarks import KEYS, Fact, WeakAlias, split_remarks, weak_alias


def triples(remarks: str) -> list[tuple[str | None, str | None, str | None, bool]]:
    return [(f.key, f.value, f.qualifier, f.is_alt) for f in split_remarks(remarks)]


def test_person_facts_dob_alt_dob_passport_with_country() -> None:
    remarks = (
        "DOB 12 Jul 1986; alt. DOB 1987; POB Tehran, Iran; nationality China; "
        "Passport E12345678 (China); alt. Passport G0987 (Korea, North); Gender Male."
    )
    assert triples(remarks) == [
        ("DOB", "12 Jul 1986", None, False),
        ("DOB", "1987", None, True),
        ("POB", "Tehran, Iran", None, False),
        ("nationality", "China", None, False),
        ("Passport", "E12345678", "China", False),
        ("Passport", "G0987", "Korea, North", True),
        ("Gender", "Male", None, False),
    ]


def test_company_identifiers_longest_prefix() -> None:
    remarks = (
        "Unified Social Credit Code (USCC) 91110000710930195X (China); "
        "Registration Number 1027700132195 (Russia); "
        "Digital Currency Address - ETH 0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c; "
        "Organization Type: Activities of holding companies; "
        "Secondary sanctions risk: See Section 11 of Executive Order 14024."
    )
    assert triples(remarks) == [
        ("Unified Social Credit Code (USCC)", "91110000710930195X", "China", False),
        ("Registration Number", "1027700132195", "Russia", False),
        (
            "Digital Currency Address - ETH",
            "0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c",
            None,
            False,
        ),
        ("Organization Type", "Activities of holding companies", None, False),
        ("Secondary sanctions risk:", "See Section 11 of Executive Order 14024", None, False),
    ]


def test_linked_to_keeps_parentheses_and_abbreviation_period() -> None:
    facts = split_remarks(
        "Linked To: KATA'IB HIZBALLAH (KH); Linked To: MAHAN AIR; Linked To: R D I S.A."
    )
    assert [(f.key, f.value, f.qualifier) for f in facts] == [
        ("Linked To", "KATA'IB HIZBALLAH (KH)", None),
        ("Linked To", "MAHAN AIR", None),
        ("Linked To", "R D I S.A.", None),
    ]
    # The closing period of the field is dropped after a full word.
    assert split_remarks("Linked To: MAHAN AIR.")[0].value == "MAHAN AIR"


def test_weak_aliases() -> None:
    facts = split_remarks("a.k.a. 'BNC'; f.k.a. 'ANA I'; a.k.a. 'EL CHAPO'.")
    assert [weak_alias(f) for f in facts] == [
        WeakAlias("aka", "BNC"),
        WeakAlias("fka", "ANA I"),
        WeakAlias("aka", "EL CHAPO"),
    ]
    assert weak_alias(split_remarks("DOB 1960.")[0]) is None


def test_unclassified_fact_is_kept_with_raw_text() -> None:
    [first, second] = split_remarks("Scientific Studies and Research Center Employee; DOB 1960.")
    assert first == Fact(
        1,
        None,
        "Scientific Studies and Research Center Employee",
        None,
        False,
        "Scientific Studies and Research Center Employee",
    )
    assert (second.seq, second.key, second.raw) == (2, "DOB", "DOB 1960.")


def test_key_must_end_at_word_boundary() -> None:
    # "DOBROV" must not be read as a DOB.
    assert split_remarks("DOBROV Group.")[0].key is None
    assert split_remarks("all offices worldwide.")[0].key == "all offices worldwide"


def test_empty_and_vocabulary() -> None:
    assert split_remarks(None) == [] and split_remarks("  ") == []
    assert len(KEYS) == len(set(KEYS))
    for key in ("DOB", "Passport", "Legal Entity Number", "ISIN", "Website", "Email Address"):
        assert key in KEYS


def test_weak_alias_fact_value_is_unquoted() -> None:
    [fact] = split_remarks("a.k.a. 'BNC'.")
    assert (fact.key, fact.value, fact.raw) == ("a.k.a.", "BNC", "a.k.a. 'BNC'.")
