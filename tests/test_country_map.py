"""The country map: /map counts deals by country for the Filter, tells plotly.js to read the
geometry from the app's own /geo/, and `tracker geo fetch` installs that geometry only when
the registry's file is the pinned one."""

from __future__ import annotations

import hashlib
import io
import json
import re
import tarfile

import pytest

from tracker.geo import fetch as geometry
from tracker.queries.country_map import deals_by_country
from tracker.queries.filters import Filter

WORLD = {
    "type": "Topology",
    "objects": {name: {"type": "GeometryCollection", "geometries": []} for name in geometry.LAYERS},
    "arcs": [],
}


def _tarball(member: bytes) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        info = tarfile.TarInfo(geometry.MEMBER)
        info.size = len(member)
        archive.addfile(info, io.BytesIO(member))
    return out.getvalue()


@pytest.fixture
def geo_dir(seeded_app, tmp_path):
    directory = tmp_path / "geo"
    directory.mkdir()
    (directory / geometry.FILE_NAME).write_text(json.dumps(WORLD))
    seeded_app.config["TRACKER_GEO_DIR"] = directory
    return directory


def test_map_counts_deals_by_country_as_the_deals_list_does(seeded, seeded_app, geo_dir):
    page = seeded.get("/map?commodity=antimony")
    assert page.status_code == 200
    assert 'data-topojson="/geo/"' in page.text
    figure = json.loads(re.search(r'id="chart-map-deals-data">([^<]+)<', page.text).group(1))
    trace = figure["data"][0]
    assert trace["type"] == "choropleth" and trace["locationmode"] == "ISO-3"
    for iso3, n in zip(trace["locations"], trace["z"], strict=True):
        listed = seeded.get(f"/deals?commodity=antimony&country={iso3}").text
        assert f"{n} deal" in listed, iso3


def test_a_deal_counts_once_per_country_and_value_sums_its_deals(seeded_app):
    with seeded_app.app_context():
        from tracker import db

        rows = deals_by_country(db.get_session(), Filter())
    assert rows and len({r[0] for r in rows}) == len(rows)
    assert [r[2] for r in rows] == sorted((r[2] for r in rows), reverse=True)


def test_geometry_is_served_by_the_app(seeded, geo_dir):
    with seeded.get("/geo/world_110m.json") as response:
        assert response.status_code == 200 and response.json["type"] == "Topology"
    assert seeded.get("/geo/world_50m.json").status_code == 404
    assert seeded.get("/geo/..%2Fsecret_key").status_code == 404


def test_without_geometry_the_page_says_how_to_install_it(seeded, seeded_app, tmp_path):
    seeded_app.config["TRACKER_GEO_DIR"] = tmp_path / "none"
    page = seeded.get("/map")
    assert page.status_code == 200
    assert 'data-geometry="missing"' in page.text and "tracker geo fetch" in page.text
    assert "data-map=" not in page.text and "<table>" in page.text


def test_dashboard_links_to_the_map_with_its_filter(seeded):
    page = seeded.get("/?commodity=antimony").text
    assert 'href="/map?commodity=antimony"' in page


def test_fetch_installs_only_the_pinned_file(tmp_path, monkeypatch):
    good = _tarball(json.dumps(WORLD).encode())
    monkeypatch.setattr(geometry, "TARBALL_SHA512", hashlib.sha512(good).hexdigest())
    target = geometry.install(tmp_path, fetch=lambda: good)
    assert json.loads(target.read_text())["type"] == "Topology"
    # Present and valid: nothing is fetched again.
    assert geometry.install(tmp_path, fetch=lambda: pytest.fail("fetched twice")) == target


def test_fetch_refuses_a_tarball_that_is_not_the_pinned_one(tmp_path):
    other = _tarball(json.dumps(WORLD).encode())
    with pytest.raises(geometry.GeometryError, match="SHA-512"):
        geometry.install(tmp_path, fetch=lambda: other)
    assert not (tmp_path / geometry.FILE_NAME).exists()


def test_fetch_refuses_a_file_that_is_not_a_world(tmp_path, monkeypatch):
    bad = _tarball(b'{"type": "Topology", "objects": {}}')
    monkeypatch.setattr(geometry, "TARBALL_SHA512", hashlib.sha512(bad).hexdigest())
    with pytest.raises(geometry.GeometryError, match="missing"):
        geometry.install(tmp_path, fetch=lambda: bad)


def test_fetch_command_reports_failure_clearly(seeded_app, tmp_path, monkeypatch):
    seeded_app.config["TRACKER_GEO_DIR"] = tmp_path / "geo"

    def offline():
        raise OSError("network unreachable")

    monkeypatch.setattr(geometry, "download", offline)
    result = seeded_app.test_cli_runner().invoke(args=["geo", "fetch"])
    assert result.exit_code == 1 and "no map geometry: network unreachable" in result.output
