"""The UK part of the demo world: companies, their PSC register entries and statements.

Companies House numbers are 8 characters: digits for England & Wales, or a
two-letter prefix (SC Scotland, NI Northern Ireland, OC LLP, OE overseas
entity) and 6 digits. Every number here is either prefixed or above
``places.GB_LEI_NUMBERS``, the range the GLEIF generator draws RA000585 numbers
from, so no UK demo company also has an LEI: linking the two registers is
entity resolution, a later stage, and the truth must not depend on it.
"""

from __future__ import annotations

import base64
import hashlib
import random
from dataclasses import dataclass, field
from datetime import date

from pipelines.lib.demo.places import GB_LEI_NUMBERS

UK_ONLY_FIRST = GB_LEI_NUMBERS[1] + 1  # 16000000
SCENARIO_FIRST = UK_ONLY_FIRST + 1  # hand-made PSC scenarios: 16000001...
BODS_FIRST = UK_ONLY_FIRST + 901  # BODS scenario subjects: 16000901...
FILLER_FIRST = UK_ONLY_FIRST + 1_000  # the company filler (filler_macros.sql)

SNAPSHOT_DAY = "2026-11-20"
COMPANIES_DAY = "2026-11-01"
PSC_GENERATED_AT = "2026-11-20T03:43:02Z"


@dataclass(frozen=True)
class Address:
    premises: str | None
    line_1: str | None
    locality: str | None
    country: str | None
    postal_code: str | None = None
    region: str | None = None
    line_2: str | None = None

    def as_psc(self) -> dict[str, str]:
        """The PSC snapshot's address object: absent parts are left out, not null."""
        parts = {"premises": self.premises, "address_line_1": self.line_1,
                 "address_line_2": self.line_2, "locality": self.locality,
                 "region": self.region, "postal_code": self.postal_code, "country": self.country}
        return {k: v for k, v in parts.items() if v is not None}


@dataclass(frozen=True)
class UkCompany:
    number: str
    name: str
    address: Address
    incorporated: date
    category: str = "Private Limited Company"
    status: str = "Active"
    sic: str = "62090 - Other information technology service activities"
    previous_names: tuple[tuple[date, str], ...] = ()  # (date of change, earlier name)


@dataclass(frozen=True)
class Psc:
    """One PSC snapshot record of a company (a person, corporate or legal person)."""

    company: str
    kind: str
    name: str
    address: Address
    natures: tuple[str, ...]
    notified: date
    ceased: date | None = None
    identification: dict[str, str] | None = None
    person: dict[str, object] | None = None  # name_elements, nationality, date_of_birth...
    psc_id: str = ""  # the last part of links.self
    etag: str = ""


@dataclass(frozen=True)
class PscStatement:
    company: str
    statement: str
    notified: date
    ceased: date | None = None
    psc_id: str = ""
    etag: str = ""


@dataclass(frozen=True)
class UkCase:
    """A scenario's declared answer for its subject company (None = must be absent)."""

    name: str
    company: str
    expect: tuple[str, str] | None  # (status, basis)
    note: str


@dataclass
class UkWorld:
    companies: list[UkCompany] = field(default_factory=list)
    pscs: list[Psc] = field(default_factory=list)
    statements: list[PscStatement] = field(default_factory=list)
    cases: list[UkCase] = field(default_factory=list)


def company_number(n: int) -> str:
    return f"{n:08d}"


def company_entity_id(number: str) -> str:
    """The pipeline's id for a Companies House company (POLICY brief, issue 12)."""
    return "gb-coh-" + number.upper().zfill(8)


def ch_id(rng: random.Random) -> str:
    """A 27-character URL-safe id like the last part of a PSC ``links.self``."""
    raw = bytes(rng.getrandbits(8) for _ in range(20))
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def etag(rng: random.Random) -> str:
    return hashlib.sha1(rng.getrandbits(64).to_bytes(8, "big")).hexdigest()


KIND_PATHS = {
    "individual-person-with-significant-control": "individual",
    "corporate-entity-person-with-significant-control": "corporate-entity",
    "legal-person-person-with-significant-control": "legal-person",
    "super-secure-person-with-significant-control": "super-secure",
    "individual-beneficial-owner": "individual-beneficial-owner",
    "corporate-entity-beneficial-owner": "corporate-entity-beneficial-owner",
    "legal-person-beneficial-owner": "legal-person-beneficial-owner",
    "super-secure-beneficial-owner": "super-secure-beneficial-owner",
}
