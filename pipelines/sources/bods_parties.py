"""Entity and person statements: type, names, identifiers, addresses, unspecified details.

``details`` is ``recordDetails`` for 0.4 and the statement itself for 0.2/0.3;
``base`` is the path prefix used in leftovers and error messages.
"""

from __future__ import annotations

from typing import Any

from pipelines.sources.bods_identifiers import normalise
from pipelines.sources.bods_statement import Malformed, Statement

# Fields read on purpose and dropped, with the reason (strict interpretation).
IGNORED = {
    "formedByStatute": "the stateBody entity type already carries the state signal",
    "taxResidencies": "tax residence is neither an ownership fact nor a matching key",
    "pepStatusDetails": "PEP details are out of scope; hasPepStatus is kept",
    "politicalExposure.details": "PEP details are out of scope; the status is kept",
    "publicListing.companyFilingsURLs": "links to filings, not facts",
    "securitiesListings[].market": "exchange and ticker metadata; the security id is kept",
}
_ENTITY = {
    "entityType", "unspecifiedEntityDetails", "name", "alternateNames", "identifiers",
    "foundingDate", "dissolutionDate", "addresses", "uri", "publicListing", "formedByStatute",
}  # fmt: skip
_PERSON = {
    "personType", "unspecifiedPersonDetails", "names", "identifiers", "nationalities",
    "placeOfBirth", "birthDate", "deathDate", "taxResidencies", "addresses",
    "politicalExposure",
}  # fmt: skip
_KEYS_04 = {
    "entity": frozenset(_ENTITY | {"isComponent", "jurisdiction"}),
    "person": frozenset(_PERSON | {"isComponent"}),
}
_KEYS_LEGACY = {
    # 0.2 says incorporatedInJurisdiction, 0.3 jurisdiction; 0.3 adds entitySubtype.
    "entity": frozenset(_ENTITY | {"incorporatedInJurisdiction", "jurisdiction", "entitySubtype"}),
    "person": frozenset(_PERSON | {"placeOfResidence", "hasPepStatus", "pepStatusDetails"}),
}
_LISTING = ("marketIdentifierCode", "operatingMarketIdentifierCode",
            "stockExchangeJurisdiction", "stockExchangeName", "security")  # fmt: skip


def legacy_keys(record_type: str) -> frozenset[str]:
    return _KEYS_LEGACY[record_type]


def read(st: Statement, row: dict[str, Any], details: dict[str, Any], base: str) -> None:
    kind = row["record_type"]
    if not st.legacy:
        st.obj(details, base, _KEYS_04[kind])
        row["is_component"] = st.flag(details.get("isComponent"), f"{base}.isComponent")
    keys = (row["statement_id"], row["record_id"])
    if kind == "entity":
        _entity(st, row, details, base)
    else:
        _person(st, row, details, base)
    _identifiers(st, keys, details, base)
    _addresses(st, keys, details.get("addresses"), f"{_p(base)}addresses")
    unspecified = f"unspecified{kind.capitalize()}Details"
    _unspecified(st, keys, kind, details.get(unspecified), f"{_p(base)}{unspecified}")


def _p(base: str) -> str:
    return f"{base}." if base else ""


def _entity(st: Statement, row: dict[str, Any], details: dict[str, Any], base: str) -> None:
    p = _p(base)
    if st.legacy:
        row["entity_type"] = st.code("entityType", details.get("entityType"), f"{p}entityType")
        sub = st.obj(
            details.get("entitySubtype"), "entitySubtype", ("generalCategory", "localTerm")
        )
        row["entity_subtype"] = st.code(
            "entitySubtype", sub.get("generalCategory"), "entitySubtype.generalCategory"
        )
        row["entity_type_details"] = st.text(sub.get("localTerm"), "entitySubtype.localTerm")
    else:
        kind = st.obj(details.get("entityType"), f"{p}entityType", ("type", "subtype", "details"))
        row["entity_type"] = st.code("entityType", kind.get("type"), f"{p}entityType.type")
        row["entity_subtype"] = st.code(
            "entitySubtype", kind.get("subtype"), f"{p}entityType.subtype"
        )
        row["entity_type_details"] = st.text(kind.get("details"), f"{p}entityType.details")
    place = details.get("jurisdiction", details.get("incorporatedInJurisdiction"))
    jurisdiction = st.obj(place, f"{p}jurisdiction", ("name", "code"))
    row.update(
        name=st.text(details.get("name"), f"{p}name"),
        jurisdiction_code=st.text(jurisdiction.get("code"), f"{p}jurisdiction.code"),
        jurisdiction_name=st.text(jurisdiction.get("name"), f"{p}jurisdiction.name"),
        founding_date=st.text(details.get("foundingDate"), f"{p}foundingDate"),
        dissolution_date=st.text(details.get("dissolutionDate"), f"{p}dissolutionDate"),
        uri=st.text(details.get("uri"), f"{p}uri"),
    )
    names = [row["name"], *st.items(details.get("alternateNames"), f"{p}alternateNames")]
    for pos, name in enumerate(names):
        if name is not None:
            full = st.text(name, f"{p}alternateNames[]")
            st.add(
                "names",
                {
                    "statement_id": row["statement_id"],
                    "record_id": row["record_id"],
                    "name_pos": pos,
                    "name_type": "legal" if pos == 0 else "alternative",
                    "full_name": full,
                },
            )
    row["has_public_listing"] = _listing(st, row, details.get("publicListing"), p)


def _listing(st: Statement, row: dict[str, Any], value: Any, p: str) -> bool | None:
    listing = st.obj(
        value, f"{p}publicListing", ("hasPublicListing", "companyFilingsURLs", "securitiesListings")
    )
    for item in st.items(listing.get("securitiesListings"), f"{p}securitiesListings"):
        entry = st.obj(item, f"{p}publicListing.securitiesListings[]", _LISTING)
        security = st.obj(entry.get("security"), "security", ("idScheme", "id", "ticker"))
        scheme = st.code(
            "securitiesIdentifierSchemes", security.get("idScheme"), "security.idScheme"
        )
        value_ = st.text(security.get("id"), "security.id")
        if scheme and value_:
            st.add(
                "identifiers",
                {
                    "statement_id": row["statement_id"],
                    "record_id": row["record_id"],
                    "scheme": scheme,
                    "value": value_.strip().upper(),
                    "scheme_raw": scheme,
                    "id_raw": value_,
                },
            )
    return st.flag(listing.get("hasPublicListing"), f"{p}publicListing.hasPublicListing")


def _person(st: Statement, row: dict[str, Any], details: dict[str, Any], base: str) -> None:
    p = _p(base)
    row["person_type"] = st.code("personType", details.get("personType"), f"{p}personType")
    row["birth_date"] = st.text(details.get("birthDate"), f"{p}birthDate")
    row["death_date"] = st.text(details.get("deathDate"), f"{p}deathDate")
    row["nationalities"] = [
        _country(st, item, f"{p}nationalities[]")
        for item in st.items(details.get("nationalities"), f"{p}nationalities")
    ]
    row["pep_status"] = _pep(st, details, p)
    names = st.items(details.get("names"), f"{p}names")
    for pos, item in enumerate(names):
        name = st.obj(
            item, f"{p}names[]", ("type", "fullName", "familyName", "givenName", "patronymicName")
        )
        st.add("names", {
            "statement_id": row["statement_id"], "record_id": row["record_id"], "name_pos": pos,
            "name_type": st.code("nameType", name.get("type"), f"{p}names[].type"),
            "full_name": st.text(name.get("fullName"), f"{p}names[].fullName"),
            "given_name": st.text(name.get("givenName"), f"{p}names[].givenName"),
            "family_name": st.text(name.get("familyName"), f"{p}names[].familyName"),
            "patronymic_name": st.text(name.get("patronymicName"), f"{p}names[].patronymicName"),
        })  # fmt: skip
    if names and isinstance(names[0], dict):
        row["name"] = names[0].get("fullName")
    keys = (row["statement_id"], row["record_id"])
    # 0.4 places of birth and 0.2 places of residence are Address objects outside `addresses`.
    for field, kind in (("placeOfBirth", "placeOfBirth"), ("placeOfResidence", "residence")):
        if details.get(field) is not None:
            _addresses(st, keys, [details[field]], f"{p}{field}", kind)


def _pep(st: Statement, details: dict[str, Any], p: str) -> str | None:
    if "hasPepStatus" in details:
        flag = st.flag(details.get("hasPepStatus"), "hasPepStatus")
        return None if flag is None else ("isPep" if flag else "isNotPep")
    exposure = st.obj(
        details.get("politicalExposure"), f"{p}politicalExposure", ("status", "details")
    )
    return st.code("pepStatus", exposure.get("status"), f"{p}politicalExposure.status")


def _country(st: Statement, value: Any, path: str) -> dict[str, Any]:
    # 0.4 Country objects; 0.2/0.3 addresses give the ISO 3166-1 code as a string.
    if isinstance(value, str):
        return {"code": value, "name": None}
    country = st.obj(value, path, ("name", "code"))
    return {
        "code": st.text(country.get("code"), f"{path}.code"),
        "name": st.text(country.get("name"), f"{path}.name"),
    }


def _identifiers(st: Statement, keys: tuple[str, str], details: dict[str, Any], base: str) -> None:
    path = f"{_p(base)}identifiers[]"
    for item in st.items(details.get("identifiers"), path):
        ident = st.obj(item, path, ("id", "scheme", "schemeName", "uri"))
        raw_id = st.text(ident.get("id"), f"{path}.id")
        scheme_raw = st.text(ident.get("scheme"), f"{path}.scheme")
        scheme_name = st.text(ident.get("schemeName"), f"{path}.schemeName")
        uri = st.text(ident.get("uri"), f"{path}.uri")
        if raw_id is None or not raw_id.strip():
            st.leftover(path, ident)  # a scheme or uri without an id identifies nothing here
            continue
        scheme, value = normalise(scheme_raw, scheme_name, raw_id)
        st.add("identifiers", {
            "statement_id": keys[0], "record_id": keys[1], "scheme": scheme, "value": value,
            "scheme_raw": scheme_raw, "scheme_name": scheme_name, "id_raw": raw_id, "uri": uri,
        })  # fmt: skip


def _addresses(
    st: Statement, keys: tuple[str, str], value: Any, path: str, kind: str | None = None
) -> None:
    for item in st.items(value, path):
        address = st.obj(item, f"{path}[]", ("type", "address", "postCode", "country"))
        country = _country(st, address.get("country"), f"{path}[].country")
        st.add("addresses", {
            "statement_id": keys[0], "record_id": keys[1],
            "address_type": kind or st.code("addressType", address.get("type"), f"{path}[].type"),
            "address": st.text(address.get("address"), f"{path}[].address"),
            "post_code": st.text(address.get("postCode"), f"{path}[].postCode"),
            "country_code": country["code"], "country_name": country["name"],
        })  # fmt: skip


def _unspecified(st: Statement, keys: tuple[str, str], role: str, value: Any, path: str) -> None:
    if value is None:
        return
    details = st.obj(value, path, ("reason", "description"))
    add_unspecified(st, keys, role, details, path)


def add_unspecified(
    st: Statement, keys: tuple[str, str], role: str, details: dict[str, Any], path: str
) -> None:
    """One unspecified party: the reason is required (BODS UnspecifiedRecord)."""
    reason_raw = st.text(details.get("reason"), f"{path}.reason")
    if reason_raw is None:
        raise Malformed(f"{path} without a reason")
    st.add("unspecified", {
        "statement_id": keys[0], "record_id": keys[1], "role": role,
        "reason": st.code("unspecifiedReason", reason_raw, f"{path}.reason"),
        "reason_raw": reason_raw,
        # The Open Ownership GLEIF pipeline writes `details` where the schema says
        # `description` (bods_repex_issued.json); both are read (callers allow both keys).
        "description": st.text(details.get("description", details.get("details")),
                               f"{path}.description"),
    })  # fmt: skip
