"""Countries of the demo world: addresses, registers, legal forms and LEI issuers.

Registration Authority codes and ELF codes are the ones real GLEIF records of that
jurisdiction carry (RA000092 CN, RA000388 HK, RA000585 Companies House, RA000087
Cayman, RA000063 BVI, RA000523 ACRA, ...). Where no reliable code was at hand the
record says RA999999 ("not on the RA list") and ELF 8888 with an OtherLegalForm,
as real records do.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from pipelines.lib.demo import codes


@dataclass(frozen=True)
class Address:
    lang: str
    lines: tuple[str, ...]
    city: str
    region: str | None
    country: str
    postal: str | None


@dataclass(frozen=True)
class Lou:
    prefix: str
    lei: str
    stamp: str  # strftime-like suffix of this LOU's timestamps ("Z", ".000Z", "+08:00")


def _lou(prefix: str, lei: str | None, stamp: str) -> Lou:
    base = f"{prefix}00LOUDEMO{prefix}X"
    return Lou(prefix, lei or base + codes.lei_check_digits(base), stamp)


# Real LOU LEIs where one was seen in the real files; synthetic (valid) otherwise.
LOUS = {
    "5493": _lou("5493", "EVK05KS7XY1DEII3R011", ".000Z"),
    "2138": _lou("2138", "213800WAVVOPS85N2205", "Z"),
    "9845": _lou("9845", "98450045AN5EB5FDC780", "+01:00"),
    "2549": _lou("2549", "254900LXHEVKYGERER05", ".000Z"),
    "3003": _lou("3003", None, "+08:00"),
    "8156": _lou("8156", None, "Z"),
}


@dataclass(frozen=True)
class Country:
    code: str
    ofac_name: str
    lang: str
    cities: tuple[tuple[str, str | None, str | None, str], ...]  # city, region, postal, street
    ra: str
    elf: str
    other_form: str | None
    lous: tuple[str, ...]
    jurisdiction: str | None = None


_C = Country
COUNTRIES: dict[str, Country] = {c.code: c for c in (
    _C("CN", "China", "zh", (
        ("深圳市", "CN-GD", "518057", "南山区粤海街道科技南十二路{n}号"),
        ("北京市", "CN-BJ", "100080", "海淀区中关村大街{n}号"),
        ("上海市", "CN-SH", "200120", "浦东新区世纪大道{n}号"),
        ("杭州市", "CN-ZJ", "310052", "滨江区网商路{n}号"),
        ("广州市", "CN-GD", "510623", "天河区珠江新城华夏路{n}号"),
        ("成都市", "CN-SC", "610041", "高新区天府大道中段{n}号"),
    ), "RA000092", "8888", "有限责任公司", ("3003",)),
    _C("HK", "Hong Kong", "en", (
        ("Hong Kong", None, None, "Room {n}, 18/F, Tower 1, Times Square, 1 Matheson Street"),
        ("Kowloon", None, None, "Unit {n}, 9/F, Millennium City 1, 388 Kwun Tong Road"),
    ), "RA000388", "254M", None, ("2549", "5493")),
    _C("MO", "Macau", "en", (
        ("Macau", None, None, "Avenida da Praia Grande, No. {n}, 12 andar"),
    ), "RA999999", "8888", "Sociedade por quotas", ("3003",)),
    _C("KY", "Cayman Islands", "en", (
        ("George Town", None, "KY1-1104", "c/o Maples Corporate Services Limited, PO Box {n}"),
        ("Grand Cayman", None, "KY1-1111", "Cricket Square, PO Box {n}"),
    ), "RA000087", "6XB7", None, ("5493",)),
    _C("VG", "British Virgin Islands", "en", (
        ("Road Town", None, "VG1110", "Vistra Corporate Services Centre, Wickhams Cay II, {n}"),
    ), "RA000063", "6EH6", None, ("5493",)),
    _C("SG", "Singapore", "en", (
        ("Singapore", None, "048623", "{n} Raffles Place, #20-01"),
        ("Singapore", None, "038987", "{n} Temasek Boulevard, #12-03"),
    ), "RA000523", "8888", "PRIVATE COMPANY LIMITED BY SHARES", ("2549",)),
    _C("GB", "United Kingdom", "en", (
        ("London", "GB-LND", "EC2V 7HH", "{n} Gresham Street"),
        ("Manchester", "GB-MAN", "M2 3AW", "{n} King Street"),
    ), "RA000585", "H0PO", None, ("2138", "9845")),
    _C("DE", "Germany", "de", (
        ("Frankfurt am Main", "DE-HE", "60311", "Neue Mainzer Straße {n}"),
        ("München", "DE-BY", "80331", "Maximilianstraße {n}"),
    ), "RA000304", "2HBR", None, ("8156", "5493")),
    _C("US", "United States", "en", (
        ("Wilmington", "US-DE", "19801", "1209 Orange Street, Suite {n}"),
        ("New York", "US-NY", "10017", "{n} Park Avenue"),
        ("San Jose", "US-CA", "95113", "{n} West Santa Clara Street"),
    ), "RA000602", "XTIQ", None, ("5493",), "US-DE"),
    _C("NL", "Netherlands", "nl", (
        ("Amsterdam", "NL-NH", "1082 MD", "Gustav Mahlerlaan {n}"),
    ), "RA000463", "54M6", None, ("8156",)),
    _C("IE", "Ireland", "en", (
        ("Dublin", "IE-D", "D02 X285", "{n} Sir John Rogerson's Quay"),
    ), "RA000402", "8888", "PRIVATE COMPANY LIMITED BY SHARES", ("2138", "8156")),
    _C("JP", "Japan", "ja", (
        ("Tokyo", "JP-13", "100-0005", "Marunouchi 1-{n}-1, Chiyoda-ku"),
    ), "RA999999", "8888", "Kabushiki Kaisha", ("5493",)),
    _C("BR", "Brazil", "pt", (
        ("São Paulo", "BR-SP", "01310-100", "Avenida Paulista, {n}"),
    ), "RA000681", "8888", "Sociedade Limitada", ("5493",)),
    _C("FR", "France", "fr", (
        ("Paris", "FR-75", "75008", "{n} Avenue des Champs-Élysées"),
    ), "RA000189", "6CHY", None, ("8156",)),
    _C("CY", "Cyprus", "en", (
        ("Limassol", "CY-02", "3036", "{n} Arch. Makariou III Avenue"),
    ), "RA000161", "8888", "Private Limited Company", ("8156",)),
    _C("RU", "Russia", "ru", (
        ("Москва", "RU-MOW", "125009", "ул. Тверская, д. {n}"),
    ), "RA999999", "8888", "Акционерное общество", ("5493",)),
    _C("AE", "United Arab Emirates", "en", (
        ("Dubai", "AE-DU", None, "Office {n}, Al Maktoum Road, Deira"),
    ), "RA999999", "8888", "Limited Liability Company", ("5493",)),
)}

# Companies House numbers the GLEIF records carry (RA000585): all digits, in this
# range. The UK-only companies of uk_world.py sit above it or carry a letter
# prefix, so no demo company is in both registers (resolution is a later stage).
GB_LEI_NUMBERS = (1, 15_999_999)

CN_DIVISIONS = {"深圳市": "440305", "北京市": "110108", "上海市": "310115",
                "杭州市": "330108", "广州市": "440106", "成都市": "510107"}


def address(rng: random.Random, country: str, city_index: int | None = None) -> Address:
    profile = COUNTRIES[country]
    index = rng.randrange(len(profile.cities)) if city_index is None else city_index
    city, region, postal, street = profile.cities[index % len(profile.cities)]
    line = street.format(n=rng.randint(1, 399))
    return Address(profile.lang, (line,), city, region, country, postal)


def register_number(rng: random.Random, country: str, city: str) -> str | None:
    """The RegistrationAuthorityEntityID a register of this country issues."""
    digits = rng.randint
    numbers = {
        "CN": lambda: codes.make_uscc(rng, CN_DIVISIONS.get(city, "440305")),
        "HK": lambda: str(digits(1_000_000, 79_999_999)),
        "KY": lambda: str(digits(100_000, 1_999_999)),
        "VG": lambda: str(digits(1_000_000, 2_199_999)),
        "SG": lambda: f"{digits(2005, 2024)}{digits(0, 99_999):05d}{rng.choice('KHMNRWZDEG')}",
        "GB": lambda: f"{digits(*GB_LEI_NUMBERS):08d}",
        "DE": lambda: f"HRB {digits(10_000, 299_999)}",
        "US": lambda: str(digits(2_000_000, 7_999_999)),
        "NL": lambda: f"{digits(10_000_000, 99_999_999)}",
        "IE": lambda: str(digits(100_000, 759_999)),
        "BR": lambda: _cnpj(rng),
        "FR": lambda: str(digits(300_000_000, 999_999_999)),
        "CY": lambda: f"\u0397\u0395 {digits(100_000, 459_999)}",  # Greek Eta Epsilon, as GLEIF stores it
    }
    make = numbers.get(country)
    return make() if make else None


def _cnpj(rng: random.Random) -> str:
    n = f"{rng.randint(10_000_000, 99_999_999)}"
    return f"{n[:2]}.{n[2:5]}.{n[5:]}/0001-{rng.randint(10, 99)}"


def lou_for(rng: random.Random, country: str) -> Lou:
    return LOUS[rng.choice(COUNTRIES[country].lous)]
