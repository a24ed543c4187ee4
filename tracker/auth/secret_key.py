"""The key that signs sessions: configured, or generated once and kept in the data directory.

A key everyone knows (a default in the code) lets anyone forge a session cookie, so there is
none: without TRACKER_SECRET_KEY the first process to start writes a random key to
`<data dir>/secret_key` (mode 0600, git-ignored) and every later process, and every worker
starting at the same moment, reads that same file.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

KEY_FILE_NAME = "secret_key"
# 32 random bytes, as 64 hex characters: the length Flask's docs suggest and more.
GENERATED_KEY_BYTES = 32
# Shortest key accepted: shorter ones can be guessed or were typed by hand.
MIN_KEY_BYTES = 32


class SecretKeyError(RuntimeError):
    """The key file is unusable; the message says what to do."""


def load_or_create(data_dir: Path) -> str:
    """The key in DATA_DIR's key file, written first (atomically) when there is none."""
    path = Path(data_dir) / KEY_FILE_NAME
    if not path.exists():
        _create(path)
    key = path.read_text(encoding="ascii").strip()
    if len(key.encode()) < MIN_KEY_BYTES:
        raise SecretKeyError(
            f"{path} holds no usable key (fewer than {MIN_KEY_BYTES} bytes); delete it and "
            "start again, or set TRACKER_SECRET_KEY (everyone is logged out either way)"
        )
    return key


def _create(path: Path) -> None:
    """Write a new key to PATH unless another process already did; never a half-written file.

    The key goes to a private temporary file first, then is hard-linked to PATH: os.link fails
    if PATH exists, so of several workers starting at once exactly one key wins and the others
    read it, and nobody can read PATH before it is complete.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as fh:
            fh.write(secrets.token_hex(GENERATED_KEY_BYTES) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another worker was first: its key is the one
    finally:
        temporary.unlink(missing_ok=True)
