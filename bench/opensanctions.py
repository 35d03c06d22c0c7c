"""Parse rate of the opensanctions parser on a generated FtM export.

    .venv/bin/python bench/opensanctions.py [entities]    # default 1,000,000 lines

The file is written by the demo writer (pipelines/lib/demo/lists/ftm.py) from
random list entries: persons, companies and organizations with aliases,
countries, addresses and identifiers, one or two Sanctions each, and an
Ownership for a third of the companies. Prints the parse time (wall and
CPU), entities per second and the parse's peak RSS (measured in a child
process, so the generation does not count).
"""

from __future__ import annotations

import multiprocessing
import random
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from pipelines.lib.demo.lists import ListEntry
from pipelines.lib.demo.lists.ftm import write
from pipelines.lib.staging import StagingWriter
from pipelines.sources.base import ParseOptions, Snapshot
from pipelines.sources.opensanctions import SPEC, parse

PROGRAMS = ("SDGT", "RUSSIA-EO14024", "IRAN", "NPWMD", "CYBER2", "DPRK3")
COUNTRIES = ("ru", "cn", "ir", "ae", "tr", "kp", "by", "hk", "sy", "ve")
# Lines per entry on average: party, 1.5 Sanctions, 0.6 Address, 0.15 Ownership.
LINES_PER_ENTRY = 3.2


def entries(count: int, seed: int = 7) -> Iterator[ListEntry]:
    rng = random.Random(seed)
    for n in range(count):
        kind = rng.choices(("person", "company", "organization"), (55, 30, 15))[0]
        country = rng.choice(COUNTRIES).upper()
        ids: tuple[tuple[str, str], ...] = ()
        if kind == "person" and rng.random() < 0.4:
            ids = (("passport", f"P{rng.randrange(10**8):08d}"),)
        elif kind != "person" and rng.random() < 0.5:
            ids = (("registration", f"{rng.randrange(10**12):013d}"),)
        yield ListEntry(
            key=str(10_000 + n),
            name=f"{kind.title()} {n} {rng.choice(('Trading', 'Holding', 'Ivanov', 'Li'))}",
            kind=kind,
            programs=tuple(rng.sample(PROGRAMS, rng.choice((1, 1, 2)))),
            aliases=tuple((f"Alias {n}-{i}", rng.choice(("strong", "weak"))) for i in range(2)),
            country=country,
            address=f"{n} Main Street" if rng.random() < 0.6 else None,
            city="Moscow" if country == "RU" else None,
            identifiers=ids,
            listed_on=date(2015 + n % 10, 1 + n % 12, 1 + n % 28),
            birth_date=date(1950 + n % 50, 1 + n % 12, 1 + n % 28) if kind == "person" else None,
            owner_key=str(10_000 + n - 1) if kind == "company" and n % 2 else None,
        )


def measure(path: Path, out: Path) -> None:
    started, cpu = time.perf_counter(), time.process_time()
    with StagingWriter(out, SPEC.tables) as writer:
        parse(Snapshot("opensanctions", "bench", path.parent, {"data": path}), writer,
              ParseOptions())  # fmt: skip
        counts = writer.counts()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    lines = sum(
        counts[name] for name in SPEC.tables if name not in ("memberships", "country_codes")
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size = path.stat().st_size / 1e6
    print(f"{lines:,} entities ({size:.0f} MB): parse wall {seconds:.1f} s, CPU {cpu:.1f} s, "
          f"{lines / seconds:,.0f} entities/s, peak RSS {peak:,.0f} MB")  # fmt: skip
    print({name: rows for name, rows in counts.items() if rows})


def main() -> None:
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        path = write(folder / "entities.ftm.json", entries(int(target / LINES_PER_ENTRY)),
                     date(2026, 11, 20))  # fmt: skip
        print(f"generated in {time.perf_counter() - started:.1f} s")
        # A child process, so the peak RSS is the parse's alone.
        child = multiprocessing.get_context("spawn").Process(
            target=measure, args=(path, folder / "out")
        )
        child.start()
        child.join()


if __name__ == "__main__":
    main()
