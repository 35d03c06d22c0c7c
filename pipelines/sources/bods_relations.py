"""Relationship (0.4) and ownership-or-control (0.2/0.3) statements.

The two ends are record ids (0.4) or ``describedBy*Statement`` statement ids
(0.2/0.3). An end that is not identified is an Unspecified Record (0.4) or
``interestedParty.unspecified`` (0.2/0.3): it becomes a row of
``unspecified`` with its reason, so "not disclosed" never reads as "no owner".
"""

from __future__ import annotations

from typing import Any

from pipelines.sources.bods_parties import add_unspecified
from pipelines.sources.bods_statement import Malformed, Statement

LEGACY_KEYS = frozenset({"subject", "interestedParty", "interests", "componentStatementIDs"})
_KEYS_04 = ("isComponent", "componentRecords", "subject", "interestedParty", "interests")
_INTEREST = ("type", "directOrIndirect", "interestLevel", "beneficialOwnershipOrControl",
             "details", "share", "startDate", "endDate")  # fmt: skip
_SHARE = ("exact", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
_UNSPECIFIED = ("reason", "description", "details")
_LEGACY_PARTY = ("describedByEntityStatement", "describedByPersonStatement", "unspecified")


def read(st: Statement, row: dict[str, Any], details: dict[str, Any], base: str) -> None:
    p = f"{base}." if base else ""
    keys = (row["statement_id"], row["record_id"])
    if st.legacy:
        components = details.get("componentStatementIDs")
        subject, _ = _legacy_party(st, keys, "subject", details.get("subject"))
        party, kind = _legacy_party(st, keys, "interestedParty", details.get("interestedParty"))
    else:
        st.obj(details, base, _KEYS_04)
        row["is_component"] = st.flag(details.get("isComponent"), f"{p}isComponent")
        components = details.get("componentRecords")
        subject, _ = _party(st, keys, "subject", details.get("subject"), p)
        party, kind = _party(st, keys, "interestedParty", details.get("interestedParty"), p)
    row.update(subject_record=subject, interested_party_record=party, interested_party_kind=kind)
    row["component_records"] = [
        st.text(item, f"{p}componentRecords[]") for item in st.items(components, "components")
    ]
    for pos, item in enumerate(st.items(details.get("interests"), f"{p}interests")):
        st.add(
            "interests",
            {
                "statement_id": keys[0],
                "record_id": keys[1],
                "interest_pos": pos,
                **_interest(st, item, f"{p}interests[]"),
            },
        )


def _party(
    st: Statement, keys: tuple[str, str], role: str, value: Any, p: str
) -> tuple[str | None, str | None]:
    if isinstance(value, dict):
        add_unspecified(st, keys, role, st.obj(value, f"{p}{role}", _UNSPECIFIED), f"{p}{role}")
        return None, "unspecified"
    record = st.text(value, f"{p}{role}")
    if not record:
        raise Malformed(f"missing {p}{role}")
    return record, "record"


def _legacy_party(
    st: Statement, keys: tuple[str, str], role: str, value: Any
) -> tuple[str | None, str | None]:
    party = st.obj(value, role, _LEGACY_PARTY)
    if party.get("unspecified") is not None:
        reason = st.obj(party["unspecified"], f"{role}.unspecified", _UNSPECIFIED)
        add_unspecified(st, keys, role, reason, f"{role}.unspecified")
        return None, "unspecified"
    for key, kind in (("describedByEntityStatement", "entity"),
                      ("describedByPersonStatement", "person")):  # fmt: skip
        statement = st.text(party.get(key), f"{role}.{key}")
        if statement:
            return statement, kind
    raise Malformed(f"{role} names no statement and is not unspecified")


def _interest(st: Statement, value: Any, path: str) -> dict[str, Any]:
    interest = st.obj(value, path, _INTEREST)
    # 0.2 calls it interestLevel; 0.3 renamed it directOrIndirect.
    level = interest.get("directOrIndirect", interest.get("interestLevel"))
    raw_type = st.text(interest.get("type"), f"{path}.type")
    return {
        "interest_type": st.code("interestType", raw_type, f"{path}.type"),
        "interest_type_raw": raw_type,
        "direct_or_indirect": st.code("directOrIndirect", level, f"{path}.directOrIndirect"),
        "beneficial_ownership_or_control": st.flag(
            interest.get("beneficialOwnershipOrControl"), f"{path}.beneficialOwnershipOrControl"
        ),
        "start_date": st.text(interest.get("startDate"), f"{path}.startDate") or None,
        "end_date": st.text(interest.get("endDate"), f"{path}.endDate") or None,
        "details": st.text(interest.get("details"), f"{path}.details"),
        **_share(st, interest.get("share"), f"{path}.share"),
    }


def _share(st: Statement, value: Any, path: str) -> dict[str, Any]:
    share = st.obj(value, path, _SHARE)
    lo, lo_open = _bound(st, share, "minimum", "exclusiveMinimum", path)
    hi, hi_open = _bound(st, share, "maximum", "exclusiveMaximum", path)
    if lo is not None and hi is not None and lo > hi:
        raise Malformed(f"{path}: minimum {lo} above maximum {hi}")
    return {
        "share_exact": st.number(share.get("exact"), f"{path}.exact"),
        "share_minimum": lo,
        "share_maximum": hi,
        "share_min_exclusive": lo_open,
        "share_max_exclusive": hi_open,
    }


def _bound(
    st: Statement, share: dict[str, Any], inclusive: str, exclusive: str, path: str
) -> tuple[float | None, bool | None]:
    """A bound and whether it is open.

    0.2/0.3 write ``minimum: 25, exclusiveMinimum: true`` (a flag on the bound);
    0.4 writes ``exclusiveMinimum: 25`` instead of ``minimum`` (changelog 0.4).
    """
    flag_or_value = share.get(exclusive)
    if isinstance(flag_or_value, bool):
        bound = st.number(share.get(inclusive), f"{path}.{inclusive}")
        return bound, (flag_or_value if bound is not None else None)
    if flag_or_value is not None:
        if share.get(inclusive) is not None:
            raise Malformed(f"{path} has both {inclusive} and {exclusive}")
        return st.number(flag_or_value, f"{path}.{exclusive}"), True
    bound = st.number(share.get(inclusive), f"{path}.{inclusive}")
    return bound, (False if bound is not None else None)
