"""Throughput of the bods parser on a generated file (JSON Lines and JSON array).

    .venv/bin/python bench/bods.py [statements]

Statements come in threes (company, person, shareholding relationship with a
band), shaped like the BODS 0.4 examples. Prints statements per second.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot
from pipelines.sources.bods import SPEC, parse

PUB = {"publicationDate": "2024-08-12", "bodsVersion": "0.4", "publisher": {"name": "Bench"}}
SOURCE = {"type": ["officialRegister"], "description": "bench"}


def _statement(n: int, record_type: str, details: dict[str, Any]) -> dict[str, Any]:
    return {
        "statementId": f"st-{n}", "statementDate": "2024-06-06", "publicationDetails": PUB,
        "source": SOURCE, "recordId": f"rec-{n}", "recordType": record_type,
        "recordStatus": "new", "recordDetails": {"isComponent": False, **details},
    }  # fmt: skip


def triple(n: int) -> list[dict[str, Any]]:
    company = {
        "entityType": {"type": "registeredEntity"}, "name": f"Company {n} Ltd",
        "jurisdiction": {"name": "United Kingdom", "code": "GB"},
        "identifiers": [{"scheme": "GB-COH", "id": str(n)}],
        "addresses": [{"type": "registered", "address": f"{n} High St, London",
                       "country": {"name": "United Kingdom", "code": "GB"}}],
    }  # fmt: skip
    person = {
        "personType": "knownPerson", "names": [{"type": "legal", "fullName": f"Person {n}"}],
        "nationalities": [{"name": "United Kingdom", "code": "GB"}], "birthDate": "1970-01",
    }  # fmt: skip
    interest = {
        "type": "shareholding", "directOrIndirect": "direct", "beneficialOwnershipOrControl": True,
        "share": {"exclusiveMinimum": 25, "maximum": 50}, "startDate": "2016-04-06",
    }  # fmt: skip
    relation = {"subject": f"rec-{n}", "interestedParty": f"rec-{n + 1}", "interests": [interest]}
    return [
        _statement(n, "entity", company),
        _statement(n + 1, "person", person),
        _statement(n + 2, "relationship", relation),
    ]


def generate(folder: Path, count: int) -> tuple[Path, Path]:
    lines, array = folder / "bench.jsonl", folder / "bench.json"
    with lines.open("w", encoding="utf-8") as jl, array.open("w", encoding="utf-8") as ja:
        ja.write("[\n")
        for n in range(0, count, 3):
            for i, statement in enumerate(triple(n)):
                text = json.dumps(statement)
                jl.write(text + "\n")
                ja.write(("" if n == 0 and i == 0 else ",\n") + text)
        ja.write("\n]\n")
    return lines, array


def measure(path: Path, out: Path) -> None:
    started, cpu = time.perf_counter(), time.process_time()
    with StagingWriter(out, SPEC.tables) as writer:
        parse(Snapshot("bods", "bench", path.parent, {"data": path}), writer, ParseOptions())
        counts = writer.counts()
    # CPU time as well as wall time: on a shared machine the wall clock mostly
    # measures the neighbours.
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    rows, size = counts["statements"], path.stat().st_size / 1e6
    print(f"{path.name}: {rows:,} statements, {size:.0f} MB: wall {seconds:.2f} s "
          f"({rows / seconds:,.0f}/s), CPU {cpu:.2f} s ({rows / cpu:,.0f}/s)")  # fmt: skip


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for path in generate(folder, count):
            measure(path, folder / f"out-{path.suffix[1:]}")


if __name__ == "__main__":
    main()
