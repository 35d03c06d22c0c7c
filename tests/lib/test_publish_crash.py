"""Crash safety: a publisher killed (SIGKILL) at any moment never leaves a partial version.

A child process publishes signed versions in a loop; the test kills it after a
random delay, many times, and after each kill checks that ``latest`` names a
complete version that verifies, and that every visible version verifies. A
later publish removes what the killed ones left (``.tmp-*``, ``latest.tmp``).
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from pipelines.lib.publish import latest_version
from pipelines.lib.signing import find_signer, generate_key_pair, load_public_key
from pipelines.lib.verify import verify_version
from tests.lib.publish_support import publish_at, table

REPO = Path(__file__).resolve().parents[2]
KILLS = 12
CHILD = """
import sys
from pathlib import Path
from pipelines.lib.publish import publish
from pipelines.lib.signing import find_signer
from tests.lib.publish_support import table

root, key = Path(sys.argv[1]), Path(sys.argv[2])
signer, rows = find_signer(key, env={}), table(3000)
print("ready", flush=True)
while True:
    publish(root, rows, {"as_of": "2026-11-20"}, policies=("listed",), max_shrink=0.05,
            keep_versions=3, signer=signer)
    print("published", flush=True)
"""


def _start_publisher(root: Path, key: Path) -> subprocess.Popen[bytes]:
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(root), str(key)],
                             cwd=REPO, stdout=subprocess.PIPE, env={"PYTHONPATH": str(REPO)})
    assert child.stdout is not None and child.stdout.readline() == b"ready\n"
    return child


def _kill(child: subprocess.Popen[bytes]) -> None:
    child.send_signal(signal.SIGKILL)
    assert child.wait(timeout=30) == -signal.SIGKILL


def _first_publish_seconds(root: Path, key: Path) -> float:
    """How long a fresh publisher process takes to publish once (cold: its first
    publish pays for lazy imports, which this test's warm process would not)."""
    child = _start_publisher(root, key)
    started = time.perf_counter()
    assert child.stdout is not None and child.stdout.readline() == b"published\n"
    seconds = time.perf_counter() - started
    _kill(child)
    return seconds


def _kill_while_publishing(root: Path, key: Path, delay: float) -> None:
    child = _start_publisher(root, key)
    time.sleep(delay)
    _kill(child)


def _visible_versions(root: Path) -> list[Path]:
    return [p for p in root.iterdir()
            if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")]


def test_a_killed_publisher_leaves_latest_complete_and_verifiable(tmp_path: Path) -> None:
    private, public = generate_key_pair(tmp_path / "keys")
    key = load_public_key(public)
    root = tmp_path / "published"
    publish_at(root, table(3000), signer=find_signer(private, env={}))
    # Kills spread over about three of a fresh publisher's publishes, however loaded
    # the machine is.
    spread = 3 * _first_publish_seconds(root, private)
    before = latest_version(root)
    assert before is not None
    rng = random.Random(7)
    seen, interrupted = {before.name}, 0
    for _ in range(KILLS):
        _kill_while_publishing(root, private, rng.uniform(0.0, spread))
        latest = latest_version(root)
        assert latest is not None and latest.is_dir()
        assert verify_version(latest, key) == [], latest
        for version in _visible_versions(root):
            assert verify_version(version, key) == [], version
        seen.add(latest.name)
        interrupted += any(p.name.startswith(".tmp-") for p in root.iterdir())
    # Both cases happened: kills after a completed publish, and kills in the middle of one.
    assert len(seen) > 1 and interrupted > 0, (seen, interrupted)
    publish_at(root, table(3000), minutes=60 * 24 * 365, signer=find_signer(private, env={}))
    leftovers = [p.name for p in root.iterdir() if p.name.startswith(".tmp-")
                 or p.name == "latest.tmp"]
    assert leftovers == []
