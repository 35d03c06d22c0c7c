"""Stable identifiers.

Authority identifiers get readable slugs (``lei-<LEI>``, ``ofac-<ent_num>``);
everything else is ``<prefix>-<hash of the raw source key>``. No names, dates
or row numbers ever enter an ID, so the same record keeps its ID across runs
and snapshots (see zavod's ``entity_id`` best practice).
"""

from __future__ import annotations

import hashlib
import re

_SLUG_UNSAFE = re.compile(r"[^a-z0-9]+")


def slug(*parts: str) -> str:
    """``slug("lei", "5493001KJTIIGC8Y1R12")`` -> ``lei-5493001kjtiigc8y1r12``."""
    text = "-".join(parts).lower()
    return _SLUG_UNSAFE.sub("-", text).strip("-")


def hashed(prefix: str, *key: str) -> str:
    """``<prefix>-<first 16 hex of sha1 over the key parts>``."""
    digest = hashlib.sha1("\x1f".join(key).encode("utf-8")).hexdigest()[:16]
    return f"{slug(prefix)}-{digest}"


def lei_entity_id(lei: str) -> str:
    return slug("lei", lei)


def ofac_entity_id(ent_num: int | str) -> str:
    return slug("ofac", str(ent_num))


# Which member's id a resolved cluster takes: an authority id before a list's,
# a list's before a hash, so a merged entity keeps the most recognisable id.
CANONICAL_PREFERENCE = ("lei-", "gb-coh-", "ofac-")


def canonical_order(entity_id: str) -> tuple[int, str]:
    """Sort key choosing a cluster's canonical id: the smallest member wins."""
    for rank, prefix in enumerate(CANONICAL_PREFERENCE):
        if entity_id.startswith(prefix):
            return rank, entity_id
    return len(CANONICAL_PREFERENCE), entity_id


def canonical_id(member_ids: list[str] | tuple[str, ...] | set[str]) -> str:
    """The canonical id of a cluster with these member entity ids."""
    return min(member_ids, key=canonical_order)
