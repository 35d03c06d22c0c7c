"""Ed25519 signatures of the manifest, and `ownergraph verify` on good and tampered versions."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, generate_private_key

from pipelines.cli import main
from pipelines.lib.config import ConfigError, load_config
from pipelines.lib.signing import (
    KEY_ENV,
    SigningKeyError,
    find_signer,
    generate_key_pair,
    load_public_key,
)
from pipelines.lib.verify import verify_version
from pipelines.sources.registry import BY_ID
from tests.lib.publish_support import publish_at, table


@pytest.fixture()
def keys(tmp_path: Path) -> tuple[Path, Path]:
    return generate_key_pair(tmp_path / "keys")


@pytest.fixture()
def signed(tmp_path: Path, keys: tuple[Path, Path]) -> Path:
    signer = find_signer(keys[0], env={})
    return publish_at(tmp_path / "published", table(5), signer=signer)


def _verify(*args: str) -> Result:
    return CliRunner().invoke(main, ["verify", *args], catch_exceptions=False)


def test_key_pair_is_private_and_kept(keys: tuple[Path, Path]) -> None:
    private, _ = keys
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert b"BEGIN PRIVATE KEY" in private.read_bytes()
    pem, public_pem = private.read_bytes(), keys[1].read_bytes()
    keys[1].unlink()
    assert generate_key_pair(private.parent) == keys
    assert (private.read_bytes(), keys[1].read_bytes()) == (pem, public_pem)


def test_a_signed_version_verifies(signed: Path, keys: tuple[Path, Path]) -> None:
    assert verify_version(signed, load_public_key(keys[1])) == []
    manifest = json.loads((signed / "manifest.json").read_text())
    assert manifest["signature"]["algorithm"] == "ed25519"
    assert len((signed / "manifest.sig").read_bytes()) == 64
    result = _verify(str(signed), "--public-key", str(keys[1]))
    assert result.exit_code == 0, result.output
    assert "signature and every checksum verified" in result.output


def test_a_tampered_file_is_named(signed: Path, keys: tuple[Path, Path]) -> None:
    csv_path = signed / "denylist.csv"
    csv_path.write_text(csv_path.read_text().replace("e001", "e999"))
    result = _verify(str(signed), "--public-key", str(keys[1]))
    assert result.exit_code == 1
    assert "denylist.csv: sha256 " in result.output
    assert "denylist.parquet" not in result.output
    (signed / "extra.csv").write_text("x\n")
    (signed / "names.parquet").write_bytes(b"")
    problems = verify_version(signed, load_public_key(keys[1]))
    assert "extra.csv: not listed in the manifest" in problems
    assert "names.parquet: not listed in the manifest" in problems


def test_a_tampered_manifest_fails_the_signature(signed: Path, keys: tuple[Path, Path]) -> None:
    manifest = json.loads((signed / "manifest.json").read_text())
    manifest["rows"] = 6
    (signed / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    result = _verify(str(signed), "--public-key", str(keys[1]))
    assert result.exit_code == 1
    assert "manifest.sig: does not match manifest.json" in result.output


def test_another_key_is_refused(signed: Path, tmp_path: Path) -> None:
    _, other = generate_key_pair(tmp_path / "other")
    problems = verify_version(signed, load_public_key(other))
    assert len(problems) == 1 and "the manifest names key" in problems[0]


def test_unsigned_versions_fail_unless_allowed(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    path = publish_at(tmp_path / "published", table(5))
    assert verify_version(path, load_public_key(keys[1])) == [
        "manifest.sig: missing; the version is unsigned (no reason recorded)"]
    assert verify_version(path, None, allow_unsigned=True) == []
    assert _verify(str(path), "--allow-unsigned").exit_code == 0


def test_no_public_key_is_a_failure(signed: Path) -> None:
    result = _verify(str(signed))
    assert result.exit_code == 1
    assert "no public key to check it with" in result.output


def test_the_environment_key_wins_over_the_file(keys: tuple[Path, Path], tmp_path: Path) -> None:
    other, _ = generate_key_pair(tmp_path / "env")
    from_env = find_signer(keys[0], env={KEY_ENV: other.read_text()})
    from_file = find_signer(keys[0], env={KEY_ENV: "  "})
    assert from_env is not None and from_file is not None
    assert (from_env.origin, from_file.origin) == (f"env:{KEY_ENV}", "file")
    assert from_env.fingerprint != from_file.fingerprint
    assert find_signer(None, env={}) is None
    with pytest.raises(SigningKeyError, match="does not exist"):
        find_signer(tmp_path / "missing.pem", env={})


def test_a_key_that_is_not_ed25519_is_refused(tmp_path: Path) -> None:
    pem = generate_private_key(SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption())
    with pytest.raises(SigningKeyError, match="not an Ed25519 private key"):
        find_signer(None, env={KEY_ENV: pem.decode()})
    with pytest.raises(SigningKeyError, match="not an unencrypted PEM private key"):
        find_signer(None, env={KEY_ENV: "not a key"})


def test_verify_takes_the_public_key_from_the_config(signed: Path, keys: tuple[Path, Path],
                                                     tmp_path: Path) -> None:
    config = tmp_path / "run.yaml"
    config.write_text(yaml.safe_dump({
        "sources": {}, "policies": ["listed"],
        "publish": {"public_key_file": "{data_dir}/keys/public_key.pem"}}))
    latest = _verify("--config", str(config), "--data-dir", str(tmp_path),
                     str(signed.parent / "latest"))
    assert latest.exit_code == 0, latest.output
    default = _verify("--config", str(config), "--data-dir", str(tmp_path))
    assert default.exit_code == 0, default.output
    assert default.output.startswith(signed.name)  # DATA_DIR/published/latest
    (tmp_path / "keys" / "public_key.pem").unlink()
    missing = _verify("--config", str(config), "--data-dir", str(tmp_path))
    assert missing.exit_code == 2
    assert "public key file" in missing.output and "does not exist" in missing.output


def test_publish_keys_in_the_config_are_strict(tmp_path: Path) -> None:
    config = tmp_path / "run.yaml"
    config.write_text(yaml.safe_dump({"sources": {}, "policies": ["listed"], "publish": {
        "signing_key_file": "keys/k.pem", "require_signature": True}}))
    loaded = load_config(config, tmp_path / "data", set(BY_ID)).publish
    assert loaded.signing_key_file == tmp_path / "keys" / "k.pem"
    assert (loaded.require_signature, loaded.max_shrink, loaded.public_key_file) == (
        True, 0.05, None)
    config.write_text(yaml.safe_dump({"sources": {}, "policies": ["listed"],
                                      "publish": {"signing_key": "k.pem"}}))
    with pytest.raises(ConfigError, match=r"unknown key\(s\) \['signing_key'\]"):
        load_config(config, tmp_path, set(BY_ID))
