"""Writers of the official list formats, for the demo and for tests.

Each module writes one format from :class:`ListEntry` values, so the same
demo parties can be published on every list, and tests can generate files
for formats with no real copy in ``../shared`` (the EU XML, the UK Sanctions
List XML) or with cases the real copies lack.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ListEntry:
    """One listed party, in terms every list format can express."""

    key: str  # the entry's id in the list (ent_num, reference number, group id, ...)
    name: str
    kind: str  # person, company, organization, vessel, aircraft
    programs: tuple[str, ...] = ()
    # (name, strength): strength is "strong" or "weak" (OFAC weak, UN Low, EU strong=false).
    aliases: tuple[tuple[str, str], ...] = ()
    country: str | None = None  # ISO 3166-1 alpha-2 of the main address or nationality
    address: str | None = None  # street line
    city: str | None = None
    # (scheme, value) in the canonical schemes: lei, cn-uscc, isin, passport, registration.
    identifiers: tuple[tuple[str, str], ...] = ()
    listed_on: date | None = None
    birth_date: date | None = None  # persons only
    # Key of another entry of the same list that owns or controls this one.
    owner_key: str | None = None
