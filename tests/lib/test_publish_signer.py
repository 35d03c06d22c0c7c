"""Which key signs a run's manifest, and when a run refuses to publish unsigned."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from pipelines.lib.publish import PublishRefused
from pipelines.lib.publish_stage import signer
from pipelines.lib.signing import KEY_ENV, generate_key_pair
from pipelines.lib.stages import RunContext

REPO = Path(__file__).resolve().parents[2]


def _context(tmp_path: Path, **publish: Any) -> RunContext:
    config = tmp_path / "run.yaml"
    config.write_text(yaml.safe_dump({
        "sources": {}, "policies": ["listed"],
        "policy_file": str(REPO / "config" / "policies.yaml"), "publish": publish}))
    return RunContext.create(config, tmp_path / "data", "2026-11-20")


def test_without_a_key_the_version_is_unsigned_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    assert signer(_context(tmp_path)) == (None, "no signing key configured")
    key, reason = signer(_context(tmp_path, signing_key_file="missing.pem"))
    assert key is None and reason is not None and "missing.pem does not exist" in reason


def test_a_required_signature_without_a_key_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    with pytest.raises(PublishRefused, match="require_signature is set but no signing key"):
        signer(_context(tmp_path, require_signature=True))
    with pytest.raises(PublishRefused, match=r"missing\.pem does not exist"):
        signer(_context(tmp_path, require_signature=True, signing_key_file="missing.pem"))


def test_the_key_comes_from_the_environment_or_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    private, _ = generate_key_pair(tmp_path / "keys")
    monkeypatch.delenv(KEY_ENV, raising=False)
    from_file, _ = signer(_context(tmp_path, signing_key_file="keys/signing_key.pem"))
    assert from_file is not None and from_file.origin == "file"
    monkeypatch.setenv(KEY_ENV, private.read_text())
    from_env, _ = signer(_context(tmp_path, require_signature=True))
    assert from_env is not None and from_env.origin == f"env:{KEY_ENV}"
    monkeypatch.setenv(KEY_ENV, "garbage")
    with pytest.raises(PublishRefused, match="not an unencrypted PEM private key"):
        signer(_context(tmp_path))
