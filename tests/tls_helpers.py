"""A self-signed certificate for 127.0.0.1, made with openssl for a test's own
TLS server (the test is skipped where openssl is missing or cannot make one)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """(key, certificate) PEM files in ``folder``, valid for 127.0.0.1 for a day."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    key, cert = folder / "key.pem", folder / "cert.pem"
    made = subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        capture_output=True, check=False,
    )
    if made.returncode != 0:
        pytest.skip("openssl cannot make a certificate here")
    return key, cert
