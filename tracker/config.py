"""Settings read from the environment once, when the app is built."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_ROOT / "data"
DEFAULT_SEEDS_DIR = REPO_ROOT / "seeds"
DEFAULT_DATABASE_URL = f"sqlite:///{DEFAULT_DATA_DIR / 'tracker.db'}"
# The development key earlier versions shipped: public, so no environment may sign with it.
KNOWN_SECRET_KEYS = frozenset({"dev-only-not-secret"})
# Shortest TRACKER_SECRET_KEY production accepts (bytes); a generated key is 64.
MIN_SECRET_KEY_BYTES = 32
# TRACKER_ENV's values: a typo ("prod") must not quietly turn the production checks off.
ENVIRONMENTS = ("development", "production")
# Hours a login lasts: a working day. Flask's default of 31 days outlives a lost laptop's owner.
DEFAULT_SESSION_HOURS = 12
# A CSV of every deal is well under 1 MB today; 5 MB leaves room and stops runaway uploads.
DEFAULT_MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# Nightly backups kept; older ones are deleted after a successful backup (two weeks back).
DEFAULT_BACKUPS_KEPT = 14
# Months without an event before a deal is asked about ("stalled?").
DEFAULT_STALE_MONTHS = 6
# Minutes between feed polls: news feeds change hourly at most; 30 min is fresh and polite.
DEFAULT_POLL_MINUTES = 30
# Seconds to wait for a feed or page to connect or send more; a silent server is an error.
DEFAULT_FETCH_TIMEOUT_S = 10.0
# Seconds between two requests to one host: polite to small publishers' servers.
DEFAULT_HOST_DELAY_S = 2.0


class ConfigError(RuntimeError):
    """The configuration cannot work; the message says which variable to set."""


def from_environment(environ: Mapping[str, str] | None = None) -> dict[str, object]:
    """Flask config keys from TRACKER_* environment variables, with development defaults."""
    env = os.environ if environ is None else environ
    environment = env.get("TRACKER_ENV", "development")
    _check_environment(environment)
    production = environment == "production"
    data_dir = Path(env.get("TRACKER_DATA_DIR", DEFAULT_DATA_DIR))
    return {
        "TRACKER_ENV": environment,
        "TRACKER_DATABASE_URL": env.get("TRACKER_DATABASE_URL", DEFAULT_DATABASE_URL),
        # None: create_app reads (or first writes) the key kept in the data directory.
        "SECRET_KEY": env.get("TRACKER_SECRET_KEY") or None,
        "TRACKER_DATA_DIR": Path(env.get("TRACKER_DATA_DIR", DEFAULT_DATA_DIR)),
        "TRACKER_SEEDS_DIR": Path(env.get("TRACKER_SEEDS_DIR", DEFAULT_SEEDS_DIR)),
        # The country map's world geometry, fetched at install time (`tracker geo fetch`): an
        # installed asset like the static files, so not under a deployment's data directory.
        "TRACKER_GEO_DIR": Path(env.get("TRACKER_GEO_DIR", DEFAULT_DATA_DIR / "geo")),
        "SESSION_COOKIE_HTTPONLY": True,
        # A form's token lives as long as the session: an editor's long edit is not refused.
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "PERMANENT_SESSION_LIFETIME": _session_lifetime(env.get("TRACKER_SESSION_HOURS")),
        # Production is served over HTTPS; a laptop on http://127.0.0.1 could not log in with it.
        "SESSION_COOKIE_SECURE": _flag(env.get("TRACKER_COOKIE_SECURE"), default=production),
        # Behind a reverse proxy: how many proxies set X-Forwarded-For/-Proto (0: none trusted).
        "TRACKER_PROXIES": int(env.get("TRACKER_PROXIES", "0")),
        "MAX_CONTENT_LENGTH": int(env.get("TRACKER_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)),
        # Uploads with more rows are imported in the background (a request would time out).
        "TRACKER_IMPORT_BACKGROUND_ROWS": int(env.get("TRACKER_IMPORT_BACKGROUND_ROWS", "2000")),
        **_job_settings(env, data_dir),
    }


def _job_settings(env: Mapping[str, str], data_dir: Path) -> dict[str, object]:
    """Scheduled jobs: where their files live, how often and how politely they run."""
    return {
        # Only `make run` sets it: the development server then runs the jobs itself.
        "TRACKER_SCHEDULER": _flag(env.get("TRACKER_SCHEDULER"), default=False),
        "TRACKER_SCHEDULER_LOCK": Path(
            env.get("TRACKER_SCHEDULER_LOCK", data_dir / "scheduler.lock")
        ),
        "TRACKER_FEEDS_FILE": Path(env.get("TRACKER_FEEDS_FILE", data_dir / "feeds.toml")),
        "TRACKER_BACKUP_DIR": Path(env.get("TRACKER_BACKUP_DIR", data_dir / "backups")),
        "TRACKER_BACKUPS_KEPT": int(env.get("TRACKER_BACKUPS_KEPT", DEFAULT_BACKUPS_KEPT)),
        "TRACKER_STALE_MONTHS": int(env.get("TRACKER_STALE_MONTHS", DEFAULT_STALE_MONTHS)),
        # Fractions allowed (0.05 = 3 s): the end-to-end scheduler test polls quickly.
        "TRACKER_POLL_MINUTES": _minutes(env.get("TRACKER_POLL_MINUTES", DEFAULT_POLL_MINUTES)),
        "TRACKER_FETCH_TIMEOUT_S": float(
            env.get("TRACKER_FETCH_TIMEOUT_S", DEFAULT_FETCH_TIMEOUT_S)
        ),
        "TRACKER_HOST_DELAY_S": float(env.get("TRACKER_HOST_DELAY_S", DEFAULT_HOST_DELAY_S)),
        # Networks fetched although not public (tests, a local mirror); none unless set.
        "TRACKER_FETCH_ALLOW": fetch_allow(env.get("TRACKER_FETCH_ALLOW", "")),
    }


def _session_lifetime(value: str | None) -> timedelta:
    """TRACKER_SESSION_HOURS (fractions allowed) as a timedelta; at least a minute."""
    try:
        hours = float(value) if value not in (None, "") else DEFAULT_SESSION_HOURS
    except ValueError:
        hours = 0.0
    if not hours * 60 >= 1:  # also refuses nan
        raise ConfigError(f"TRACKER_SESSION_HOURS must be at least 1/60 (a minute), not {value!r}")
    return timedelta(hours=hours)


def fetch_allow(text: str) -> tuple:
    """TRACKER_FETCH_ALLOW's comma-separated CIDRs ('127.0.0.1/32,::1/128') as networks."""
    from tracker.fetching.addresses import parse_networks

    try:
        return parse_networks(text)
    except ValueError as exc:
        raise ConfigError(f"TRACKER_FETCH_ALLOW: {exc}") from None


def _minutes(value: str | float) -> int | float:
    """A positive number of minutes; whole numbers stay ints so schedules print as "30"."""
    minutes = float(value)
    if minutes <= 0:
        raise ConfigError(f"TRACKER_POLL_MINUTES must be above 0, not {value!r}")
    return int(minutes) if minutes.is_integer() else minutes


def _flag(value: str | None, *, default: bool) -> bool:
    """An on/off variable: 1/true/yes/on, 0/false/no/off, or DEFAULT when unset."""
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def _check_environment(environment: object) -> None:
    if environment not in ENVIRONMENTS:
        raise ConfigError(
            f"TRACKER_ENV={environment!r} is not one of {', '.join(ENVIRONMENTS)}; "
            "set it to production on a server"
        )


def check(config: Mapping[str, object]) -> None:
    """Refuse settings that would be unsafe: an unknown environment, a known or short key."""
    _check_environment(config.get("TRACKER_ENV"))
    key = config.get("SECRET_KEY")
    key_bytes = key.encode() if isinstance(key, str) else key or b""
    if key in KNOWN_SECRET_KEYS or not key_bytes:
        raise ConfigError(
            "the session key is missing or published: unset TRACKER_SECRET_KEY to have one "
            "generated in the data directory, or set it to a long random string, e.g. "
            "python -c 'import secrets; print(secrets.token_hex(32))'"
        )
    if config.get("TRACKER_ENV") == "production" and len(key_bytes) < MIN_SECRET_KEY_BYTES:
        raise ConfigError(
            f"TRACKER_ENV=production needs a TRACKER_SECRET_KEY of at least "
            f"{MIN_SECRET_KEY_BYTES} bytes, e.g. python -c 'import secrets; "
            "print(secrets.token_hex(32))' (or unset it to have one generated)"
        )
