"""The demo's labelled linkage task, in the shape a record-linkage benchmark takes.

``linkage_task(truth)`` turns ``truth.json`` into mention rows (``id``,
``name``, ``country``, ``regno``) and the true links (``mention_id``,
``register_id``); hard negatives are mentions with no true link.
``register_rows(path)`` streams the GLEIF golden copy as register rows, one per
name an entity carries (legal, other and transliterated names), with the
country of its legal address and its RegistrationAuthorityEntityID.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from pipelines.lib.ids import lei_entity_id

LEI_NS = "{http://www.gleif.org/data/schema/leidata/2016}"
NAME_TAGS = (f"{LEI_NS}LegalName", f"{LEI_NS}OtherEntityName",
             f"{LEI_NS}TransliteratedOtherEntityName")


def linkage_task(truth: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """(mentions, true links) of the labelled set, sorted by mention id."""
    rows = sorted(truth["mentions"], key=lambda m: m["mention_id"])
    mentions = [{"id": m["mention_id"], "name": m["name"], "country": m["country"],
                 "regno": m["regno"]} for m in rows]
    links = [{"mention_id": m["mention_id"], "register_id": m["register_id"]}
             for m in rows if m["register_id"]]
    return mentions, links


def register_rows(lei2: Path) -> Iterator[dict[str, Any]]:
    """One row per (GLEIF entity, name), in file order."""
    for _, record in etree.iterparse(str(lei2), tag=f"{LEI_NS}LEIRecord"):
        entity = record.find(f"{LEI_NS}Entity")
        lei = record.findtext(f"{LEI_NS}LEI") or ""
        if entity is not None:
            country = entity.findtext(f"{LEI_NS}LegalAddress/{LEI_NS}Country")
            regno = entity.findtext(
                f"{LEI_NS}RegistrationAuthority/{LEI_NS}RegistrationAuthorityEntityID")
            for name in entity.iter(*NAME_TAGS):
                yield {"id": lei_entity_id(lei), "name": name.text, "country": country,
                       "regno": regno}
        record.clear()
