"""Parse rate of the gb_coh_companies parser on a generated BasicCompanyData file.

    .venv/bin/python bench/gb_coh_companies.py --rows 1000000           # zipped, one member
    .venv/bin/python bench/gb_coh_companies.py --rows 1000000 --plain   # plain CSV

Rows mimic the product: every field quoted, the published header with its
leading spaces, real category/status texts, a previous name on one company
in ten, one to four SIC codes. Prints rows/s (wall clock and per CPU-second) for the parse alone.
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
import zipfile
from pathlib import Path

from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot
from pipelines.sources.coh_basic_columns import HEADER, previous_name_columns
from pipelines.sources.gb_coh_companies import SPEC, parse

# Which names carry a leading space in the published header (PROVENANCE.md).
SPACED = {"CompanyNumber", "RegAddress.AddressLine2", "ConfStmtLastMadeUpDate"} | {
    name for seq in range(1, 11) for name in previous_name_columns(seq)
}
CATEGORIES = [
    "Private Limited Company",
    "Public Limited Company",
    "Limited Liability Partnership",
    "PRI/LTD BY GUAR/NSC (Private, limited by guarantee, no share capital)",
]
STATUSES = ["Active", "Active - Proposal to Strike off", "Liquidation", "In Administration"]
SIC = [
    "99999 - Dormant Company",
    "62020 - Information technology consultancy activities",
    "47710 - Retail sale of clothing in specialised stores",
    "None Supplied",
]


def _date(rng: random.Random) -> str:
    return f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(1950, 2025)}"


def _row(rng: random.Random, i: int) -> dict[str, str]:
    row = dict.fromkeys(HEADER, "")
    number = f"{i:08d}" if i % 10 else f"SC{i % 10**6:06d}"
    row |= {
        "CompanyName": f"EXAMPLE {i} LIMITED",
        "CompanyNumber": number,
        "RegAddress.AddressLine1": f"{i % 300} HIGH STREET",
        "RegAddress.PostTown": "LONDON",
        "RegAddress.Country": rng.choice(["ENGLAND", "UNITED KINGDOM", "SCOTLAND", "WALES"]),
        "RegAddress.PostCode": "EC1A 1BB",
        "CompanyCategory": rng.choice(CATEGORIES),
        "CompanyStatus": rng.choice(STATUSES),
        "CountryOfOrigin": "United Kingdom",
        "IncorporationDate": _date(rng),
        "Accounts.AccountRefDay": "31",
        "Accounts.AccountRefMonth": "12",
        "Accounts.NextDueDate": _date(rng),
        "Accounts.AccountCategory": "MICRO ENTITY",
        "Mortgages.NumMortCharges": "0",
        "URI": f"http://business.data.gov.uk/id/company/{number}",
        "ConfStmtNextDueDate": _date(rng),
        "ConfStmtLastMadeUpDate": _date(rng),
    }
    for n in range(1, rng.randint(1, 4) + 1):
        row[f"SICCode.SicText_{n}"] = rng.choice(SIC)
    if i % 10 == 3:
        condate, name = previous_name_columns(1)
        row |= {condate: _date(rng), name: f"OLD EXAMPLE {i} LIMITED"}
    return row


def generate(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(f" {n}" if n in SPACED else n for n in HEADER) + "\r\n")
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        for i in range(1, rows + 1):
            writer.writerow(_row(rng, i).values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--plain", action="store_true", help="plain CSV instead of a zip")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = folder / "BasicCompanyDataAsOneFile-2025-01-01.csv"
        generate(data, args.rows)
        if not args.plain:
            zipped = data.with_suffix(".zip")
            with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.write(data, data.name)
            data.unlink()
            data = zipped
        size = data.stat().st_size
        snapshot = Snapshot(SPEC.id, "bench", folder, {"data": data})
        start, cpu = time.perf_counter(), time.process_time()
        with StagingWriter(folder / "out", SPEC.tables) as writer:
            parse(snapshot, writer, ParseOptions())
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        counts = writer.counts()
    # CPU time too: on a shared machine the wall clock also measures the neighbours.
    print(
        f"{data.name}: {size:,} bytes, {args.rows:,} rows in {elapsed:.2f} s wall "
        f"= {args.rows / elapsed:,.0f} rows/s ({cpu:.2f} s CPU = {args.rows / cpu:,.0f} "
        f"rows per CPU-second); staged {counts}"
    )


if __name__ == "__main__":
    main()
