"""Ground truth for the UK PSC and BODS demo files: ``cn_control`` on stated stakes.

Independent of the pipeline's SQL, in plain Python (docs/POLICY_RULES.md §5, §7):

- roots: corporate and legal-person PSCs, and BODS registered entities and state
  bodies, whose office is in CN, HK or MO (the PSC address, the BODS business
  address), basis ``headquarters``;
- a subject is owned (``ownership``) when the share bands of its root owners
  sum to more than 50 on their lower bounds (``definite``), or only on their
  upper bounds (``possible``); an open bound (25, 50] counts as just above 25,
  so two such stakes pass;
- board appointment is ``definite`` control, significant influence
  ``possible`` control; voting rights are not ownership (bases: shares);
- a PSC that has ceased, or a BODS relationship whose record is closed, counts
  for nothing; statements are gaps, never owners.

Entity ids follow the pipeline's documented keys: ``gb-coh-<NUMBER>`` for a
company, ``psc-`` + sha1("<company>|<links.self>")[:16] for a PSC, ``bods-`` +
sha1("<publisher>|<recordId>")[:16] for a BODS record.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT_COUNTRIES = {"china": "CN", "people's republic of china": "CN", "prc": "CN",
                  "hong kong": "HK", "hong kong sar": "HK", "macau": "MO", "macao": "MO"}
ROOT_KINDS = {"company", "state_body"}
EPSILON = 1e-6
BANDS = {"25-to-50": (25.0, 50.0), "50-to-75": (50.0, 75.0), "75-to-100": (75.0, 100.0)}


@dataclass(frozen=True)
class Link:
    owner: str
    subject: str
    basis: str  # shares | votes | board_appointment | significant_influence | other
    lo: float = 0.0  # lower bound, already nudged up when open
    hi: float = 100.0


def _hashed(prefix: str, key: str) -> str:
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:16]}"


def root_country(text: str | None) -> str | None:
    return ROOT_COUNTRIES.get(" ".join((text or "").split()).casefold())


def cn_control(roots: Iterable[str], links: Iterable[Link]) -> dict[str, tuple[str, str]]:
    """Entity id -> (status, basis). Subjects here own nothing, so one step suffices."""
    result = {root: ("definite", "headquarters") for root in roots}
    lo: dict[str, float] = defaultdict(float)
    hi: dict[str, float] = defaultdict(float)
    control: dict[str, str] = {}
    for link in links:
        if link.owner not in result or result[link.owner][1] != "headquarters":
            continue
        if link.basis == "shares":
            lo[link.subject] += link.lo
            hi[link.subject] += link.hi
        elif link.basis == "board_appointment":
            control[link.subject] = "definite"
        elif link.basis == "significant_influence":
            control.setdefault(link.subject, "possible")
    for subject in set(lo) | set(control):
        candidates = [(control[subject], "control")] if subject in control else []
        if lo[subject] > 50:
            candidates.append(("definite", "ownership"))
        elif hi[subject] > 50:
            candidates.append(("possible", "ownership"))
        if candidates and subject not in result:
            # As the engine picks: definite first, then the basis name.
            result[subject] = min(candidates, key=lambda c: (c[0] != "definite", c[1]))
    return result


# --- PSC snapshot ----------------------------------------------------------------------------


def psc_id(company: str, links_self: str) -> str:
    return _hashed("psc", f"{company}|{links_self}")


def _nature(nature: str) -> tuple[str, float, float]:
    if nature.startswith("ownership-of-shares-more-than-25-percent"):  # ROE: (25, 100]
        return "shares", 25 + EPSILON, 100.0
    if nature.startswith("ownership-of-shares-"):
        band = BANDS.get(nature.removeprefix("ownership-of-shares-")[:9].rstrip("-"))
        if band:  # every band is open below and closed above: (25, 50]
            return "shares", band[0] + EPSILON, band[1]
    if nature.startswith("voting-rights-"):
        return "votes", 0.0, 100.0
    if nature.startswith("right-to-appoint-and-remove-directors"):
        return "board_appointment", 0.0, 100.0
    if nature.startswith("significant-influence-or-control"):
        return "significant_influence", 0.0, 100.0
    return "other", 0.0, 100.0


def psc_facts(records: Iterable[dict[str, Any]], as_of: date) -> tuple[set[str], list[Link]]:
    roots: set[str] = set()
    links: list[Link] = []
    for record in records:
        data, company = record["data"], record.get("company_number", "")
        kind = data["kind"]
        if "natures_of_control" not in data:
            continue  # statements, exemptions, super-secure, totals
        owner = psc_id(company, data["links"]["self"])
        office = (data.get("principal_office_address") or data.get("address") or {})
        if kind.startswith(("corporate-entity", "legal-person")) and root_country(
                office.get("country")):
            roots.add(owner)
        if data.get("ceased_on") or date.fromisoformat(data["notified_on"]) > as_of:
            continue
        subject = "gb-coh-" + company.upper().zfill(8)
        for nature in data["natures_of_control"]:
            links.append(Link(owner, subject, *_nature(nature)))
    return roots, links


def read_psc(path: Path) -> Iterator[dict[str, Any]]:
    with zipfile.ZipFile(path) as archive, archive.open(archive.namelist()[0]) as member:
        for raw in member:
            # Only owners that can be roots, and what they own, matter: skip the rest unparsed.
            if b'"kind":"corporate-entity' in raw or b'"kind":"legal-person' in raw:
                yield json.loads(raw)


# --- BODS ------------------------------------------------------------------------------------


def _share(share: dict[str, float]) -> tuple[float, float]:
    if "exact" in share:
        return share["exact"], share["exact"]
    lo, hi = 0.0, 100.0
    if "minimum" in share:
        lo = share["minimum"]
    elif "exclusiveMinimum" in share:
        lo = share["exclusiveMinimum"] + EPSILON
    if "maximum" in share:
        hi = share["maximum"]
    elif "exclusiveMaximum" in share:
        hi = share["exclusiveMaximum"] - EPSILON
    return float(lo), float(hi)


def bods_facts(statements: Iterable[dict[str, Any]]) -> tuple[set[str], list[Link]]:
    latest: dict[str, dict[str, Any]] = {}
    for s in sorted(statements, key=lambda s: s["statementDate"]):
        latest[s["recordId"]] = s
    publisher = {r: s["publicationDetails"]["publisher"]["name"] for r, s in latest.items()}
    ident = {r: _hashed("bods", f"{publisher[r]}|{r}") for r in latest}
    roots, links = set(), []
    for record, s in latest.items():
        details = s["recordDetails"]
        if s["recordType"] == "entity" and details["entityType"]["type"] in (
                "registeredEntity", "stateBody", "state"):
            business = [a for a in details.get("addresses", []) if a["type"] == "business"]
            if business and business[0]["country"]["code"] in ("CN", "HK", "MO"):
                roots.add(ident[record])
        if s["recordType"] == "relationship" and s["recordStatus"] != "closed":
            for interest in details["interests"]:
                basis = {"shareholding": "shares", "appointmentOfBoard": "board_appointment",
                         "otherInfluenceOrControl": "significant_influence"}.get(
                    interest["type"], "other")
                lo, hi = _share(interest.get("share", {})) if basis == "shares" else (0.0, 100.0)
                links.append(Link(ident[details["interestedParty"]], ident[details["subject"]],
                                  basis, lo, hi))
    return roots, links


def bods_entity_id(publisher: str, record: str) -> str:
    return _hashed("bods", f"{publisher}|{record}")


def read_bods(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
