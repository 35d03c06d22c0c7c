"""ordered_map: results in input order, with a bounded number of items read ahead."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

from pipelines.sources.parallel import ordered_map


def _square(value: int) -> int:
    return value * value


def test_results_come_in_input_order_and_items_are_read_lazily() -> None:
    read: list[int] = []

    def items() -> Iterator[int]:
        for value in range(20):
            read.append(value)
            yield value

    with ThreadPoolExecutor(4) as pool:
        results = ordered_map(pool, _square, items(), in_flight=3)
        first = next(results)
        # One result taken: at most in_flight + 1 items were read to give it.
        assert first == 0 and len(read) == 4
        assert [first, *results] == [value * value for value in range(20)]
