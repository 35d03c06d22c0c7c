"""Golden-file comparison. Regenerate with ``OWNERGRAPH_UPDATE_GOLDEN=1 pytest``."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"


def assert_golden(name: str, actual: Any) -> None:
    """Compare ``actual`` (JSON-serialisable) with ``tests/golden/<name>.json``."""
    path = GOLDEN_DIR / f"{name}.json"
    text = json.dumps(actual, indent=1, ensure_ascii=False, sort_keys=True, default=str) + "\n"
    if os.environ.get("OWNERGRAPH_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"missing golden file {path}; run with OWNERGRAPH_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs from its golden file {path}"
