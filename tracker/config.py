"""Settings read from the environment once, when the app is built."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_ROOT / "data"
DEFAULT_SEEDS_DIR = REPO_ROOT / "seeds"
DEFAULT_DATABASE_URL = f"sqlite:///{DEFAULT_DATA_DIR / 'tracker.db'}"
# Only good enough for a laptop: production refuses to start with it.
DEFAULT_SECRET_KEY = "dev-only-not-secret"


class ConfigError(RuntimeError):
    """The configuration cannot work; the message says which variable to set."""


def from_environment(environ: Mapping[str, str] | None = None) -> dict[str, object]:
    """Flask config keys from TRACKER_* environment variables, with development defaults."""
    env = os.environ if environ is None else environ
    return {
        "TRACKER_ENV": env.get("TRACKER_ENV", "development"),
        "TRACKER_DATABASE_URL": env.get("TRACKER_DATABASE_URL", DEFAULT_DATABASE_URL),
        "SECRET_KEY": env.get("TRACKER_SECRET_KEY", DEFAULT_SECRET_KEY),
        "TRACKER_DATA_DIR": Path(env.get("TRACKER_DATA_DIR", DEFAULT_DATA_DIR)),
        "TRACKER_SEEDS_DIR": Path(env.get("TRACKER_SEEDS_DIR", DEFAULT_SEEDS_DIR)),
    }


def check(config: Mapping[str, object]) -> None:
    """Refuse settings that would be unsafe in production."""
    if config.get("TRACKER_ENV") == "production" and config.get("SECRET_KEY") in (
        None,
        "",
        DEFAULT_SECRET_KEY,
    ):
        raise ConfigError(
            "TRACKER_ENV=production needs a real secret: set TRACKER_SECRET_KEY to a long "
            "random string, e.g. python -c 'import secrets; print(secrets.token_hex(32))'"
        )
