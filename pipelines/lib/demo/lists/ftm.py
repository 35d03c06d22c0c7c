"""Write an OpenSanctions FollowTheMoney export (``entities.ftm.json``).

The layout of the real exports (../shared/data/real/opensanctions_ftm/ and
sanctions/opensanctions/): JSON Lines, one entity per line with the members
id, caption, schema, properties, referents, datasets, first_seen, last_seen,
last_change and target; every property value is a list of strings, country
codes are lower case. Ids carry the dataset's prefix as OpenSanctions writes
them ("ofac-12345", "eu-fsf-eu-8282-49"). Each entry becomes its party, an
Address when it has one, one Sanction per program, a Security per ISIN
(as OpenSanctions publishes OFAC's NS-CMIC ISINs) and an Ownership from its
owner (no percentage: the lists state none).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from pipelines.lib.demo.lists import ListEntry
from pipelines.sources.ftm_values import dataset_lists

FILE_NAME = "entities.ftm.json"
SCHEMATA = {"person": "Person", "company": "Company", "organization": "Organization",
            "vessel": "Vessel", "aircraft": "Airplane"}  # fmt: skip
# Id prefixes of OpenSanctions datasets; any other dataset: its name, dashed.
PREFIXES = {"us_ofac_sdn": "ofac", "us_ofac_cons": "ofac", "eu_fsf": "eu-fsf",
            "gb_hmt_sanctions": "gb-hmt", "gb_fcdo_sanctions": "gb-fcdo",
            "un_sc_sanctions": "unsc", "us_trade_csl": "trade-csl"}  # fmt: skip
# Canonical identifier scheme -> FtM property of the party.
ID_PROPERTIES = {"lei": "leiCode", "cn-uscc": "registrationNumber", "passport": "passportNumber",
                 "registration": "registrationNumber"}  # fmt: skip
_SLUG = re.compile(r"[^a-z0-9]+")


def entity_id(key: str, dataset: str) -> str:
    """The id OpenSanctions gives the entry ``key`` of ``dataset``."""
    prefix = PREFIXES.get(dataset, dataset.replace("_", "-"))
    return f"{prefix}-{_SLUG.sub('-', key.lower()).strip('-')}"


def write(
    path: Path, entries: Iterable[ListEntry], published: date, dataset: str = "us_ofac_sdn"
) -> Path:
    """Write ``entries``; ``path`` is the file or its folder. Streams: any number of
    entries. An entity is written once (parties sharing an address share its entity)."""
    target = path / FILE_NAME if path.is_dir() or not path.suffix else path
    target.parent.mkdir(parents=True, exist_ok=True)
    written: set[str] = set()
    with target.open("w", encoding="utf-8", newline="\n") as handle:
        for entry in entries:
            for entity in entities_of(entry, published, dataset):
                if entity["id"] not in written:
                    written.add(entity["id"])
                    handle.write(json.dumps(entity, ensure_ascii=False) + "\n")
    return target


def entities_of(entry: ListEntry, published: date, dataset: str) -> Iterator[dict[str, Any]]:
    """The FtM entities of one entry: party, address, sanctions, securities, ownership."""
    party_id = entity_id(entry.key, dataset)
    props: dict[str, list[str]] = {"name": [entry.name], "topics": ["sanction"]}
    for alias, strength in entry.aliases:
        props.setdefault("weakAlias" if strength == "weak" else "alias", []).append(alias)
    if entry.country:
        country_prop = "nationality" if entry.kind == "person" else "country"
        props[country_prop] = [entry.country.lower()]
    if entry.birth_date:
        props["birthDate"] = [entry.birth_date.isoformat()]
    isins = _identifiers(entry, props)
    address = _address(entry, published, dataset)
    if address is not None:
        props["address"] = address["properties"]["full"]
        props["addressEntity"] = [address["id"]]
    yield _entity(party_id, entry.name, SCHEMATA[entry.kind], props, published, dataset, True)
    if address is not None:
        yield address
    yield from _sanctions(entry, party_id, published, dataset)
    for isin in isins:
        security = {"isin": [isin], "issuer": [party_id], "name": [f"{entry.name} ({isin})"]}
        yield _entity(f"{party_id}-{isin.lower()}", isin, "Security", security, published,
                      dataset, False)  # fmt: skip
    if entry.owner_key is not None:
        owner_id = entity_id(entry.owner_key, dataset)
        link = {"owner": [owner_id], "asset": [party_id]}
        yield _entity(f"{party_id}-owned-by-{owner_id}", "Ownership", "Ownership", link,
                      published, dataset, False)  # fmt: skip


def _identifiers(entry: ListEntry, props: dict[str, list[str]]) -> list[str]:
    """Put the entry's identifiers on the party; return its ISINs (Security entities)."""
    isins = []
    for scheme, value in entry.identifiers:
        if scheme == "isin":
            isins.append(value)
            continue
        if scheme not in ID_PROPERTIES:
            raise ValueError(f"no FtM property for identifier scheme {scheme!r}")
        props.setdefault(ID_PROPERTIES[scheme], []).append(value)
        if scheme == "cn-uscc":
            props["jurisdiction"] = ["cn"]
    return isins


def _address(entry: ListEntry, published: date, dataset: str) -> dict[str, Any] | None:
    parts = [part for part in (entry.address, entry.city) if part]
    if not parts:
        return None
    full = ", ".join(parts)
    props = {"full": [full]}
    if entry.address:
        props["street"] = [entry.address]
    if entry.city:
        props["city"] = [entry.city]
    if entry.country:
        props["country"] = [entry.country.lower()]
    digest = hashlib.sha1(f"{full}|{entry.country}".encode()).hexdigest()
    return _entity(f"addr-{digest}", full, "Address", props, published, dataset, False)


def _sanctions(
    entry: ListEntry, party_id: str, published: date, dataset: str
) -> Iterator[dict[str, Any]]:
    """One Sanction per program (one without a program when the entry has none).
    Datasets whose list depends on the program (us_trade_csl) get programId too."""
    by_program = dataset in dataset_lists().by_program
    for n, program in enumerate(entry.programs or (None,)):
        props = {"entity": [party_id]}
        if program is not None:
            props["program"] = [program]
            if by_program:
                props["programId"] = [program]
        if entry.listed_on is not None:
            props["listingDate"] = [entry.listed_on.isoformat()]
        yield _entity(f"{party_id}-sanction-{n}", program or "Sanction", "Sanction", props,
                      published, dataset, False)  # fmt: skip


def _entity(
    id_: str, caption: str, schema: str, props: dict[str, list[str]], published: date,
    dataset: str, target: bool,
) -> dict[str, Any]:  # fmt: skip
    seen = f"{published.isoformat()}T00:00:00"
    return {
        "id": id_, "caption": caption, "schema": schema, "properties": props,
        "referents": [], "datasets": [dataset], "first_seen": seen, "last_seen": seen,
        "last_change": seen, "target": target,
    }  # fmt: skip
