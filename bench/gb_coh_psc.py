"""Parse rate of the gb_coh_psc parser on a generated snapshot of realistic lines.

    .venv/bin/python bench/gb_coh_psc.py --lines 1000000           # zipped, one member
    .venv/bin/python bench/gb_coh_psc.py --lines 1000000 --plain   # plain JSON Lines

The lines mimic the official snapshot: individuals, corporate entities (with
identification), legal persons, super-secure, ROE beneficial owners and
statements, then the totals line. Prints lines/s for the parse alone.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

NATURES = [
    ["ownership-of-shares-75-to-100-percent", "voting-rights-75-to-100-percent"],
    ["ownership-of-shares-25-to-50-percent"],
    [
        "ownership-of-shares-50-to-75-percent",
        "voting-rights-50-to-75-percent",
        "right-to-appoint-and-remove-directors",
    ],
    ["significant-influence-or-control"],
]
ADDRESS = {
    "address_line_1": "Princes Square",
    "country": "England",
    "locality": "Harrogate",
    "postal_code": "HG1 1ND",
    "premises": "9",
}


def _record(rng: random.Random, i: int) -> dict[str, Any]:
    number = f"{rng.randrange(10**8):08d}"
    roll = rng.random()
    data: dict[str, Any] = {
        "etag": f"{rng.getrandbits(160):040x}",
        "notified_on": "2016-04-06",
        "links": {"self": f"/company/{number}/persons-with-significant-control/x/{i}"},
        "address": ADDRESS,
        "natures_of_control": rng.choice(NATURES),
    }
    if roll < 0.6:
        data |= {
            "kind": "individual-person-with-significant-control",
            "name": "Mr Marc Feldman",
            "name_elements": {"forename": "Marc", "surname": "Feldman", "title": "Mr"},
            "nationality": "British",
            "country_of_residence": "England",
            "date_of_birth": {"month": 12, "year": 1961},
        }
    elif roll < 0.9:
        data |= {
            "kind": "corporate-entity-person-with-significant-control",
            "name": "Robert Hitchins Limited",
            "identification": {
                "country_registered": "England & Wales",
                "legal_authority": "Companies Act",
                "legal_form": "Limited",
                "place_registered": "Companies House",
                "registration_number": str(rng.randrange(10**7)),
            },
        }
    elif roll < 0.93:
        data = {
            "kind": "persons-with-significant-control-statement",
            "etag": data["etag"],
            "links": data["links"],
            "notified_on": "2016-09-11",
            "statement": "psc-exists-but-not-identified",
        }
    else:
        data |= {
            "kind": "legal-person-person-with-significant-control",
            "name": "State Administration Of Foreign Exchange",
            "identification": {
                "legal_authority": "People'S Republic Of China",
                "legal_form": "Government Department",
            },
        }
    if rng.random() < 0.2:
        data["ceased_on"] = "2021-12-13"
    return {"company_number": number, "data": data}


def generate(path: Path, lines: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    counts = {"psc": 0, "statement": 0}
    with path.open("w", encoding="utf-8") as out:
        for i in range(lines - 1):
            record = _record(rng, i)
            is_statement = record["data"]["kind"].endswith("statement")
            counts["statement" if is_statement else "psc"] += 1
            out.write(json.dumps(record, separators=(",", ":")) + "\n")
        totals = {
            "kind": "totals#persons-of-significant-control-snapshot",
            "persons_of_significant_control_count": counts["psc"],
            "statements_count": counts["statement"],
            "exemptions_count": 0,
            "generated_at": "2024-11-22T03:43:03Z",
        }
        out.write(json.dumps({"data": totals}) + "\n")


def main() -> None:
    from pipelines.lib.staging import StagingWriter
    from pipelines.sources.base import ParseOptions, Snapshot
    from pipelines.sources.gb_coh_psc import SPEC, parse

    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--plain", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = folder / "snapshot.txt"
        generate(data, args.lines)
        if not args.plain:
            zipped = folder / "snapshot.zip"
            with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.write(data, "persons-with-significant-control-snapshot.txt")
            data.unlink()
            data = zipped
        snapshot = Snapshot("gb_coh_psc", "bench", folder, {"data": data})
        started = time.perf_counter()
        with StagingWriter(folder / "out", SPEC.tables) as writer:
            parse(snapshot, writer, ParseOptions())
        elapsed = time.perf_counter() - started
        print(
            json.dumps(
                {
                    "lines": args.lines,
                    "zip": not args.plain,
                    "seconds": round(elapsed, 2),
                    "lines_per_second": round(args.lines / elapsed),
                    "counts": writer.counts(),
                }
            )
        )


if __name__ == "__main__":
    main()
