"""A small BODS 0.4 publication (JSON Lines): entity, person and relationship records.

Shaped like ../shared/data/real/bods/bods-0.4-standard/examples: one statement
per line, ``recordDetails`` by ``recordType``, shares as ranges with exclusive
flags. Subjects carry GB-COH identifiers from their own number block
(uk_world.BODS_FIRST), so none is also in the CSV, the PSC file or GLEIF.
Roots have a ``business`` address in China: the BODS parser takes the
headquarters from it (conformed/bods__entities.sql).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipelines.lib.demo.uk_world import BODS_FIRST, company_number

PUBLISHER = "Ownergraph Demo Register"
PUBLISHED = "2026-11-18"


@dataclass(frozen=True)
class BodsLink:
    subject: str  # record ids
    party: str
    interest: dict[str, Any]
    closed: bool = False


@dataclass(frozen=True)
class BodsCase:
    name: str
    record: str  # the subject's recordId
    expect: tuple[str, str] | None
    note: str


def _statement(n: int, record: str, rtype: str, details: dict[str, Any], date: str,
               status: str = "new") -> dict[str, Any]:
    return {
        "statementId": f"demo-bods-{n:04d}", "declarationSubject": record,
        "statementDate": date, "recordId": record, "recordType": rtype,
        "recordStatus": status, "recordDetails": details,
        "publicationDetails": {"publicationDate": PUBLISHED, "bodsVersion": "0.4",
                               "publisher": {"name": PUBLISHER}},
        "source": {"type": ["officialRegister"], "description": "Demo register"},
    }


def _entity(name: str, kind: str, country: tuple[str, str], number: str | None,
            address: str) -> dict[str, Any]:
    details: dict[str, Any] = {
        "isComponent": False, "entityType": {"type": kind}, "name": name,
        "jurisdiction": {"name": country[0], "code": country[1]},
        "addresses": [{"type": t, "address": address, "country": {"name": country[0],
                                                                  "code": country[1]}}
                      for t in ("registered", "business")],
    }
    if number:
        details["identifiers"] = [{"scheme": "GB-COH", "id": number}]
    if kind == "stateBody":
        details["entityType"]["subtype"] = "governmentDepartment"
    return details


def _relationship(link: BodsLink) -> dict[str, Any]:
    return {"isComponent": False, "subject": link.subject, "interestedParty": link.party,
            "interests": [link.interest]}


GB = ("United Kingdom", "GB")
CN = ("China", "CN")
ROOTS = {
    "cn-xinghe": ("Shanghai Xinghe Semiconductor Co., Ltd.", "registeredEntity", CN, None,
                  "No. 1000 Zhangjiang Road, Pudong, Shanghai"),
    "cn-sasac": ("State-owned Assets Supervision and Administration Commission of the State "
                 "Council", "stateBody", CN, None, "26 Xuanwumen West Street, Beijing"),
}
SUBJECTS = ("Lakeside Components Limited", "Pennant Robotics Limited", "Marlow Analytics Limited",
            "Harbour Freight Services Ltd", "Eastgate Ceramics Ltd")


def _subject_id(i: int) -> str:
    return f"gb-{company_number(BODS_FIRST + i)}"


def _shares(**share: float) -> dict[str, Any]:
    return {"type": "shareholding", "directOrIndirect": "direct",
            "beneficialOwnershipOrControl": False, "share": share, "startDate": "2019-05-01"}


LINKS = (
    BodsLink(_subject_id(0), "cn-xinghe", _shares(exclusiveMinimum=75, maximum=100)),
    BodsLink(_subject_id(1), "cn-xinghe", {"type": "appointmentOfBoard",
                                           "directOrIndirect": "direct",
                                           "beneficialOwnershipOrControl": False}),
    BodsLink(_subject_id(2), "person-li-na", _shares(exact=100)),
    BodsLink(_subject_id(3), "cn-sasac", _shares(exact=51)),
    BodsLink(_subject_id(4), "cn-xinghe", _shares(exact=100), closed=True),
)
CASES = (
    BodsCase("bods_cn_owns_75_to_100", _subject_id(0), ("definite", "ownership"), "(75, 100]"),
    BodsCase("bods_cn_appoints_board", _subject_id(1), ("definite", "control"), "board"),
    BodsCase("bods_cn_person_owns", _subject_id(2), None, "natural persons are not roots"),
    BodsCase("bods_state_body_51", _subject_id(3), ("definite", "ownership"), "PRC state body"),
    BodsCase("bods_closed_relationship", _subject_id(4), None, "relationship record closed"),
)


def statements() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for record, (name, kind, country, number, address) in ROOTS.items():
        out.append(_statement(len(out), record, "entity",
                              _entity(name, kind, country, number, address), "2024-01-15"))
    for i, name in enumerate(SUBJECTS):
        number = company_number(BODS_FIRST + i)
        out.append(_statement(len(out), _subject_id(i), "entity",
                              _entity(name, "registeredEntity", GB, number,
                                      f"{i + 1} Canal Street, Manchester"), "2024-01-15"))
    person = {"isComponent": False, "personType": "knownPerson",
              "names": [{"type": "legal", "fullName": "Li Na"}],
              "nationalities": [{"name": "China", "code": "CN"}]}
    out.append(_statement(len(out), "person-li-na", "person", person, "2024-01-15"))
    for link in LINKS:
        record = f"rel-{link.subject}-{link.party}"
        out.append(_statement(len(out), record, "relationship", _relationship(link), "2024-02-01"))
        if link.closed:
            out.append(_statement(len(out), record, "relationship", _relationship(link),
                                  "2025-06-30", status="closed"))
    return out


def write_bods(out_dir: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(s, ensure_ascii=False, separators=(",", ":")) + "\n" for s in statements()]
    (out_dir / "statements.jsonl").write_text("".join(lines), encoding="utf-8")
    return len(lines)
