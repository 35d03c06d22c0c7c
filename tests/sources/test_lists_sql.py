"""The one conformed view of every list's memberships (sql/conformed/lists__memberships.sql)."""

from __future__ import annotations

import pytest

from pipelines.lib.sqlmodels import SQL_DIR
from pipelines.sources.lists import is_list
from pipelines.sources.registry import SOURCES

VIEW = SQL_DIR / "conformed" / "lists__memberships.sql"
LISTS = [source.spec.id for source in SOURCES if is_list(source.spec)]


def test_there_are_lists() -> None:
    assert "us_ofac_sdn" in LISTS and "opensanctions" in LISTS


@pytest.mark.parametrize("source_id", LISTS)
def test_every_list_source_is_in_the_view(source_id: str) -> None:
    # A new list source that is not added here would silently have no memberships.
    sql = VIEW.read_text(encoding="utf-8")
    for table in ("memberships", "delistings"):
        assert f"'{source_id}' as source" in sql
        assert f"staging.stg_{source_id}__{table}\n" in sql, table


def test_no_per_source_membership_views_are_left() -> None:
    assert sorted((SQL_DIR / "conformed").glob("*__list_memberships.sql")) == []
