"""The Dagster UI as a person uses it: `dagster dev` on 127.0.0.1 with a temporary
DAGSTER_HOME, opened in headless Chromium (Debian's /usr/bin/chromium, driven by
Playwright; no browser download).

The test checks the asset graph shows the stage groups, clicks "Materialize all",
waits for the run to succeed and reads the published denylist's metadata,
saving a screenshot of each page under tmp_path. With OWNERGRAPH_UI_SCREENSHOTS
set to a folder (`docs/ui` for the README), the screenshots are copied there.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from pipelines.lib.demo import generate

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
GROUPS = ["raw", "staging", "conformed", "canonical", "resolve", "graph", "policy", "publish"]
SCREENSHOTS_ENV = "OWNERGRAPH_UI_SCREENSHOTS"
RUNS_QUERY = "{ runsOrError { ... on Runs { results { runId status } } } }"

pytestmark = pytest.mark.timeout(1800)


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing in CI: the setup must install Debian's chromium")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass(frozen=True)
class DagsterUi:
    url: str
    data_dir: Path

    def graphql(self, query: str) -> dict[str, Any]:
        response = httpx.post(f"{self.url}/graphql", json={"query": query}, timeout=30)
        response.raise_for_status()
        data: dict[str, Any] = response.json()["data"]
        return data

    def runs(self) -> list[dict[str, str]]:
        found: list[dict[str, str]] = self.graphql(RUNS_QUERY)["runsOrError"]["results"]
        return found


def _wait_until_serving(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"dagster dev exited: {log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{url}/server_info", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(2)
    pytest.fail(f"dagster dev did not answer in 300 s: {log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def dagster_ui(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DagsterUi]:
    _require_chromium()
    root = tmp_path_factory.mktemp("ui")
    work, home = root / "work", root / "dagster_home"
    work.mkdir()
    home.mkdir()
    # The resource's defaults (config/demo.yaml, data/) resolve against the working folder.
    (work / "config").symlink_to(REPO / "config")
    generate(work / "data" / "demo")
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    port, log = _free_port(), root / "dagster-dev.log"
    env = {**os.environ, "DAGSTER_HOME": str(home), "PYTHONPATH": str(REPO)}
    command = [str(Path(sys.executable).parent / "dagster"), "dev", "-m", "pipelines.definitions",
               "-h", "127.0.0.1", "-p", str(port)]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=work, env=env, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(url, process, log)
        yield DagsterUi(url, work / "data")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait_for_run(ui: DagsterUi, timeout: float = 1200) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        runs = ui.runs()
        if runs and runs[0]["status"] in ("SUCCESS", "FAILURE", "CANCELED"):
            return runs[0]["status"]
        time.sleep(5)
    pytest.fail(f"the run did not finish in {timeout:.0f} s: {ui.runs()}")


def test_a_user_materializes_the_demo_from_the_ui(dagster_ui: DagsterUi, tmp_path: Path) -> None:
    from playwright.sync_api import Page, sync_playwright

    def visit(page: Page, path: str, shot: str) -> str:
        page.goto(dagster_ui.url + path, wait_until="networkidle", timeout=180_000)
        page.wait_for_timeout(2000)
        dismiss_prompt(page)
        page.screenshot(path=str(tmp_path / shot))
        text: str = page.inner_text("body")
        return text

    def dismiss_prompt(page: Page) -> None:
        """Dagster's newsletter prompt, which opens a moment after a page loads (on a
        busy machine after the page looked settled) and covers the page."""
        skip = page.get_by_role("button", name="Skip")
        if skip.count():
            skip.click()
            page.wait_for_timeout(500)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
                                             headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        visit(page, "/asset-groups", "graph.png")
        for group in GROUPS:  # the sidebar's group list and the graph's group nodes
            assert page.get_by_text(group, exact=True).count() >= 2, group
        assert dagster_ui.runs() == []
        dismiss_prompt(page)
        page.get_by_role("button", name=re.compile(r"Materialize all \(\d+\)")).click()
        assert _wait_for_run(dagster_ui) == "SUCCESS", dagster_ui.runs()

        run_id = dagster_ui.runs()[0]["runId"]
        run_page = visit(page, f"/runs/{run_id}", "run.png")
        assert "Success" in run_page and "Errored (0)" in run_page
        published = visit(page, "/assets/publish/published_denylist", "published_denylist.png")
        version = (dagster_ui.data_dir / "published" / "latest").resolve().name
        assert f"version {version}" in published
        checks = visit(page, "/assets/publish/denylist?view=checks", "checks.png")
        assert "sources_fresh" in checks and "shrink_guard" in checks
        automation = visit(page, "/automation", "automation.png")
        assert "refresh_global_gleif_lei_schedule" in automation and "inbox" in automation
        browser.close()

    assert (dagster_ui.data_dir / "published" / "latest" / "denylist.csv").is_file()
    _copy_screenshots(tmp_path)


def _copy_screenshots(folder: Path) -> None:
    target = os.environ.get(SCREENSHOTS_ENV)
    if not target:
        return
    Path(target).mkdir(parents=True, exist_ok=True)
    for shot in sorted(folder.glob("*.png")):
        shutil.copy(shot, Path(target) / shot.name)
