"""Filters by name: countries and parties typed as people name them, codes and slugs in the URL,
the closest names offered when nothing matches, and empty fields dropped from shared URLs."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from tracker.db import get_session
from tracker.queries.conditions import resolve_names
from tracker.queries.filters import PARAMETERS, Filter
from tracker.views import records
from tracker.views.common import current_filter


@pytest.mark.parametrize(
    ("query", "target"),
    [
        ("country=United+States", "/deals?country=USA"),
        ("country=pakistan", "/deals?country=PAK"),
        ("country=Russia", "/deals?country=RUS"),
        ("party=US+Strategic+Metals", "/deals?party=us-strategic-metals"),
        ("party=ussm", "/deals?party=us-strategic-metals"),
        ("commodity=Antimony", "/deals?commodity=antimony"),
        ("commodity=&country=&party=&kind=&status=&event_kind=&from=&to=&q=ussm", "/deals?q=ussm"),
        ("commodity=&country=&q=", "/deals"),
    ],
)
def test_names_and_empty_fields_redirect_to_the_clean_url(seeded, query, target):
    response = seeded.get(f"/deals?{query}")
    assert response.status_code in (301, 302, 307, 308), response.status_code
    assert response.headers["Location"].endswith(target)
    assert seeded.get(response.headers["Location"]).status_code == 200


def test_codes_and_slugs_answer_without_a_redirect(seeded):
    assert seeded.get("/deals?country=PAK&party=us-strategic-metals").status_code == 200
    assert seeded.get("/deals?country=pak").status_code == 200


def test_the_api_takes_names_without_redirecting(seeded):
    by_name = seeded.get("/api/v1/deals?country=United+States&party=USSM").get_json()
    by_code = seeded.get("/api/v1/deals?country=USA&party=us-strategic-metals").get_json()
    assert by_name["total"] == by_code["total"] >= 1


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [
        ("country=Pakistn", "Pakistan"),
        ("country=Untied+States", "United States"),
        ("party=US+Strategic+Metal", "US Strategic Metals (us-strategic-metals)"),
    ],
)
def test_a_name_that_matches_nothing_gets_a_400_with_the_closest(seeded, query, suggestion):
    response = seeded.get(f"/deals?{query}")
    assert response.status_code == 400
    assert suggestion in response.text
    api = seeded.get(f"/api/v1/deals?{query}")
    assert api.status_code == 400
    assert suggestion in api.get_json()["error"]["message"]


def test_form_offers_names_in_datalists(seeded):
    page = seeded.get("/deals").text
    assert 'list="country-names"' in page and '<option value="Pakistan">' in page
    assert 'list="party-names"' in page and '<option value="US Strategic Metals">' in page


def test_nav_links_keep_the_filter_where_the_page_takes_it(seeded):
    page = seeded.get("/deals?commodity=antimony&sort=title").text
    nav = page.split('<nav aria-label="Main">')[1].split("</nav>")[0]
    for path in (
        "/",
        "/timeline",
        "/deals",
        "/shipments",
        "/commodities",
        "/parties",
        "/sources",
        "/export",
    ):
        assert f'href="{path}?commodity=antimony"' in nav, path
    assert "sort=title" not in nav


def test_a_page_without_a_query_string_reads_the_same_filter_as_parsing_would(seeded_app):
    """current_filter skips parsing when there is no query string: what it returns must be what
    parsing, naming and checking nothing give, for every set of parameters a page accepts."""
    accepts = [PARAMETERS] + [
        getattr(records, name) for name in dir(records) if name.endswith("_PARAMETERS")
    ]
    with seeded_app.test_request_context("/deals/x"):
        for accept in accepts:
            parsed = Filter.from_args(MultiDict(), accept=accept)
            assert current_filter(accept) == resolve_names(get_session(), parsed) == parsed
            assert not parsed.active and parsed.to_args(paging=True) == []
