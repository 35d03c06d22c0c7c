"""Check a published version: the manifest's signature, then every file's sha256 and size.

Returns the problems found, each naming the file and what is wrong; none means
the version is exactly what was signed. A file the manifest does not list is a
problem too (nothing may be slipped into a version).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from pipelines.lib.publish import MANIFEST, SIGNATURE
from pipelines.lib.publish_files import describe
from pipelines.lib.signing import fingerprint, signature_valid


def verify_version(version_dir: Path, public_key: Ed25519PublicKey | None,
                   allow_unsigned: bool = False) -> list[str]:
    manifest_path = version_dir / MANIFEST
    if not manifest_path.is_file():
        return [f"{manifest_path}: missing"]
    data = manifest_path.read_bytes()
    try:
        manifest = json.loads(data)
    except ValueError as error:
        return [f"{MANIFEST}: not valid JSON ({error})"]
    problems = _signature_problems(version_dir, data, manifest, public_key, allow_unsigned)
    return problems + _file_problems(version_dir, manifest.get("files") or {})


def _signature_problems(version_dir: Path, data: bytes, manifest: dict[str, Any],
                        public_key: Ed25519PublicKey | None, allow_unsigned: bool) -> list[str]:
    signature = version_dir / SIGNATURE
    if not signature.is_file():
        if allow_unsigned:
            return []
        why = manifest.get("unsigned_reason") or "no reason recorded"
        return [f"{SIGNATURE}: missing; the version is unsigned ({why})"]
    if public_key is None:
        return [f"{SIGNATURE}: no public key to check it with "
                "(give --public-key or publish.public_key_file in --config)"]
    if signature_valid(public_key, signature.read_bytes(), data):
        return []
    signed_by = (manifest.get("signature") or {}).get("public_key_sha256")
    given = fingerprint(public_key)
    if signed_by and signed_by != given:
        return [f"{SIGNATURE}: does not match; the manifest names key {signed_by[:16]}..., "
                f"the public key given is {given[:16]}..."]
    return [f"{SIGNATURE}: does not match {MANIFEST} (the manifest or the signature was "
            "changed after signing)"]


def _file_problems(version_dir: Path, files: dict[str, Any]) -> list[str]:
    problems = []
    for name, expected in sorted(files.items()):
        path = version_dir / name
        if not path.is_file():
            problems.append(f"{name}: missing")
            continue
        found = describe(path)
        if found["bytes"] != expected.get("bytes"):
            problems.append(f"{name}: {found['bytes']} bytes, the manifest says "
                            f"{expected.get('bytes')}")
        if found["sha256"] != expected.get("sha256"):
            problems.append(f"{name}: sha256 {found['sha256']}, the manifest says "
                            f"{expected.get('sha256')}")
    listed = set(files) | {MANIFEST, SIGNATURE}
    extra = sorted(p.name for p in version_dir.iterdir() if p.name not in listed)
    problems += [f"{name}: not listed in the manifest" for name in extra]
    return problems
