"""canonical.entities names each GLEIF entity's legal form through the ISO 20275 list.

A real DuckDB file in tmp_path, loaded with the real LEI excerpt and the real ELF
list; every other source is loaded empty, as in a run where it is not configured.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from pipelines.lib import warehouse
from pipelines.lib.sqlmodels import SqlModel, discover, run_model
from pipelines.sources.registry import SOURCES
from tests.lib.test_gleif_deltas import LEI_XML, parse
from tests.sources.test_gleif_elf import ELF_CSV

REAL_FILES = {"global_gleif_lei": LEI_XML, "global_gleif_elf": ELF_CSV}


def _build(con: duckdb.DuckDBPyConnection, table: str, models: dict[str, SqlModel]) -> None:
    """Build ``table`` after the models it reads (staging tables are already loaded)."""
    model = models[table]
    for dep in sorted(model.deps):
        if dep in models:
            _build(con, dep, models)
    run_model(con, model, {"as_of": "2023-06-06"})


@pytest.fixture(scope="module")
def entities(real_data: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("legal_forms")
    with warehouse.connect(tmp) as con:
        for source in SOURCES:
            file = REAL_FILES.get(source.spec.id)
            out = parse(source, real_data / file, tmp / source.spec.id) if file else None
            warehouse.load_staging(con, source.spec.id, source.spec.tables, out, "s1" if out else None)
        _build(con, "canonical.entities", {m.table: m for m in discover()})
        found = con.execute(
            "select source_record, legal_form_code, legal_form from canonical.entities "
            "where source = 'global_gleif_lei'"
        ).fetchall()
    return {lei: (code, form) for lei, code, form in found}


def test_an_elf_code_gets_its_name(entities: dict[str, Any]) -> None:
    # DENTSU INTERNATIONAL LIMITED (legal name in English): H0PO, "Private Limited Company"
    # in English, not the Welsh "cyfyngedig" the list also has for H0PO.
    assert entities["213800FERQ5LE3H7WJ58"] == ("H0PO", "Private Limited Company")


def test_8888_and_9999_take_the_other_legal_form(entities: dict[str, Any]) -> None:
    others = {form for code, form in entities.values() if code == "8888"}
    assert others == {"FUND", "TRUST"}
    # 9999 (no separate legal form), with the LOU's own text in OtherLegalForm.
    assert [form for code, form in entities.values() if code == "9999"] == [
        "CAYMAN ISLANDS ORDINARY NON-RESIDENT COMPANY"
    ]


def test_every_code_in_the_excerpt_is_named(entities: dict[str, Any]) -> None:
    assert len(entities) == 13
    assert [lei for lei, (_, form) in entities.items() if form is None] == []
