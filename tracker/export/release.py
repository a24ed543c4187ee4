"""Versioned releases: a zip of every CSV, the data package and a changelog since the last one.

The previous release is the newest tracker-data-<version>.zip in the same directory (versions
are YYYY.MM.DD with .N for a second release on one day), so releasing into one folder keeps a
history without any state elsewhere.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from tracker.export.columns import KEYS, KINDS
from tracker.export.package import datapackage
from tracker.export.writer import stream_csv
from tracker.queries.filters import Filter

RELEASE_NAME = re.compile(r"^tracker-data-(\d{4})\.(\d{2})\.(\d{2})(?:\.(\d+))?\.zip$")
# Changelog ids listed per file and kind of change; past this the count says how many more.
MAX_LISTED_IDS = 10_000


def version_key(path: Path) -> tuple[int, ...]:
    """(year, month, day, n) of a release file, for ordering."""
    m = RELEASE_NAME.match(path.name)
    assert m, path
    return tuple(int(g or 1) for g in m.groups())


def releases(directory: Path) -> list[Path]:
    """Releases in DIRECTORY, oldest first."""
    found = [p for p in directory.glob("tracker-data-*.zip") if RELEASE_NAME.match(p.name)]
    return sorted(found, key=version_key)


def next_version(directory: Path, today: date) -> str:
    """YYYY.MM.DD, or YYYY.MM.DD.N when that day already has releases."""
    base = f"{today:%Y.%m.%d}"
    taken = {p.name for p in releases(directory)}
    if f"tracker-data-{base}.zip" not in taken:
        return base
    n = 2
    while f"tracker-data-{base}.{n}.zip" in taken:
        n += 1
    return f"{base}.{n}"


def fingerprints(lines: Iterable[str], kind: str) -> dict[str, str]:
    """{row id: digest of the row} of one CSV file."""
    reader = csv.DictReader(lines)
    keys = KEYS[kind]
    out = {}
    for row in reader:
        ident = "/".join(row[k] for k in keys)
        out[ident] = hashlib.blake2b("\x1f".join(row.values()).encode(), digest_size=8).hexdigest()
    return out


def _previous(path: Path | None) -> dict[str, dict[str, str]]:
    if path is None:
        return {kind: {} for kind in KINDS}
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        out = {}
        for kind in KINDS:
            if f"{kind}.csv" not in names:
                out[kind] = {}
                continue
            with zf.open(f"{kind}.csv") as fh:
                out[kind] = fingerprints(io.TextIOWrapper(fh, "utf-8", newline=""), kind)
        return out


def diff(old: dict[str, str], new: dict[str, str]) -> dict[str, object]:
    """Ids added, removed and changed between two fingerprint maps."""
    added = sorted(new.keys() - old.keys())
    removed = sorted(old.keys() - new.keys())
    changed = sorted(k for k in new.keys() & old.keys() if new[k] != old[k])
    out: dict[str, object] = {}
    for name, ids in (("added", added), ("removed", removed), ("changed", changed)):
        out[name] = ids[:MAX_LISTED_IDS]
        out[f"{name}_count"] = len(ids)
    return out


def changelog_text(log: dict) -> str:
    """The changelog for people."""
    lines = [f"# Release {log['version']}", ""]
    lines.append(f"Previous release: {log['previous'] or 'none (everything is new)'}")
    for kind, change in log["files"].items():
        lines += ["", f"## {kind}.csv"]
        for name in ("added", "removed", "changed"):
            ids = change[name]
            lines.append(f"- {name}: {change[f'{name}_count']}")
            lines += [f"  - {i}" for i in ids]
    return "\n".join(lines) + "\n"


def _chunks_to(path: Path, chunks: Iterator[bytes]) -> None:
    with path.open("wb") as fh:
        for chunk in chunks:
            fh.write(chunk)


def build(engine: Engine, directory: Path, today: date) -> Path:
    """Write the next release zip into DIRECTORY and return its path."""
    directory.mkdir(parents=True, exist_ok=True)
    previous = releases(directory)[-1] if releases(directory) else None
    version = next_version(directory, today)
    old = _previous(previous)
    target = directory / f"tracker-data-{version}.zip"
    log: dict = {"version": version, "previous": previous.name if previous else None, "files": {}}
    with (
        tempfile.TemporaryDirectory() as tmp,
        zipfile.ZipFile(target.with_suffix(".part"), "w", zipfile.ZIP_DEFLATED) as zf,
    ):
        for kind in KINDS:
            path = Path(tmp) / f"{kind}.csv"
            _chunks_to(path, stream_csv(engine, kind, Filter()))
            with path.open(encoding="utf-8", newline="") as fh:
                log["files"][kind] = diff(old[kind], fingerprints(fh, kind))
            zf.write(path, f"{kind}.csv")
        package = datapackage(version=version, today=today)
        zf.writestr("datapackage.json", json.dumps(package, indent=2) + "\n")
        zf.writestr("changelog.json", json.dumps(log, indent=2) + "\n")
        zf.writestr("CHANGELOG.md", changelog_text(log))
    target.with_suffix(".part").rename(target)  # a reader never sees half a release
    return target
