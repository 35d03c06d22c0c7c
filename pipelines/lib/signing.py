"""Ed25519 signatures of the manifest, with the ``cryptography`` package.

``manifest.sig`` holds the raw 64-byte signature of the exact bytes of
``manifest.json``, so it also checks with OpenSSL::

    openssl pkeyutl -verify -pubin -inkey public_key.pem -rawin \
        -in manifest.json -sigfile manifest.sig

The private key is PEM text (PKCS#8), from the environment variable
``OWNERGRAPH_SIGNING_KEY`` or, failing that, the config's
``publish.signing_key_file``. Keys never appear in logs or in the manifest; the
manifest names the public key by its sha256 fingerprint.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

KEY_ENV = "OWNERGRAPH_SIGNING_KEY"
PRIVATE_KEY_FILE = "signing_key.pem"
PUBLIC_KEY_FILE = "public_key.pem"


class SigningKeyError(ValueError):
    """A key is missing, unreadable or not Ed25519; the message says which and where."""


@dataclass(frozen=True)
class Signer:
    key: Ed25519PrivateKey
    origin: str  # where the key came from, for the manifest (never the key itself)

    def sign(self, data: bytes) -> bytes:
        return self.key.sign(data)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.key.public_key())


def find_signer(key_file: Path | None, env: Mapping[str, str] | None = None) -> Signer | None:
    """The configured signing key: the environment variable first, then the key file.

    None when neither is set; a key file that is configured but missing is an error."""
    env = os.environ if env is None else env
    if env.get(KEY_ENV, "").strip():
        return Signer(_private_key(env[KEY_ENV].encode("utf-8"), f"${KEY_ENV}"), f"env:{KEY_ENV}")
    if key_file is None:
        return None
    if not key_file.is_file():
        raise SigningKeyError(f"signing key file {key_file} does not exist")
    return Signer(_private_key(key_file.read_bytes(), str(key_file)), "file")


def load_public_key(path: Path) -> Ed25519PublicKey:
    if not path.is_file():
        raise SigningKeyError(f"public key file {path} does not exist")
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except ValueError as error:
        raise SigningKeyError(f"{path}: not a PEM public key ({error})") from None
    if not isinstance(key, Ed25519PublicKey):
        raise SigningKeyError(f"{path}: not an Ed25519 public key")
    return key


def signature_valid(key: Ed25519PublicKey, signature: bytes, data: bytes) -> bool:
    try:
        key.verify(signature, data)
    except InvalidSignature:
        return False
    return True


def fingerprint(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def generate_key_pair(directory: Path) -> tuple[Path, Path]:
    """A key pair in ``directory`` (private key mode 0600). An existing private key is
    kept, never replaced; its public key is (re)written beside it."""
    private, public = directory / PRIVATE_KEY_FILE, directory / PUBLIC_KEY_FILE
    if private.is_file():
        key = _private_key(private.read_bytes(), str(private))
    else:
        directory.mkdir(parents=True, exist_ok=True)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        fd = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pem)
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    if not public.is_file() or public.read_bytes() != public_pem:
        public.write_bytes(public_pem)
    return private, public


def _private_key(pem: bytes, where: str) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as error:
        raise SigningKeyError(f"{where}: not an unencrypted PEM private key ({error})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(f"{where}: not an Ed25519 private key")
    return key
