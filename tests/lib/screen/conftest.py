from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.lib.screen.index import ScreenIndex, build_index
from pipelines.lib.screen.settings import load_screening
from pipelines.lib.screen.version import load_version
from tests.lib.screen.fixture import write_version


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_version(tmp_path_factory.mktemp("published"))


@pytest.fixture(scope="module")
def index(published: Path) -> ScreenIndex:
    return build_index(load_version(published), load_screening())
