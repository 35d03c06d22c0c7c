"""Shared fixtures. Real files are read in place from ../shared/data/real."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
REAL = REPO.parent / "shared" / "data" / "real"


@pytest.fixture(scope="session")
def real_data() -> Path:
    if not REAL.is_dir():
        pytest.fail(f"real fixtures not found at {REAL} (../shared must sit beside the checkout)")
    return REAL
