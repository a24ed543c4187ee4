"""Sources have a type, shown beside every citation and filterable; a status resting only on
analysis or blog posts is marked; an archived copy and the link check keep a dead link useful."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

from sqlalchemy import select

from tests.helpers import post_form
from tracker import db
from tracker.models import Source

LYNAS = "/deals/lynas-dod-texas-heavy-rare-earths-contract-2023"
SOURCE = {
    "url": "https://example.org/news/typed",
    "publisher": "Example Regulator",
    "title": "A typed source",
    "published": "2025-09-08",
    "language": "en",
    "source_type": "government",
    "archive_url": "https://web.archive.org/web/2025/https://example.org/news/typed",
}


def _source_id(app, url: str) -> int:
    with app.app_context(), db.unit_of_work(db.engine()) as session:
        return session.scalar(select(Source.id).where(Source.url == url))


def test_seeded_sources_have_types_shown_and_filterable(seeded):
    every = seeded.get("/sources").text
    assert "Samarium.dev" in every and "Reuters" in every
    blogs = seeded.get("/sources?source_type=analysis").text
    assert "Samarium.dev" in blogs and ">Reuters<" not in blogs
    filings = seeded.get("/sources?source_type=filing").text
    assert "SEC EDGAR" in filings and "Samarium.dev" not in filings
    assert 'data-source-type="filing"' in filings and "Exchange filing" in filings
    refused = seeded.get("/sources?source_type=rumour")
    assert refused.status_code == 400 and "source_type" in refused.text


def test_the_sources_download_holds_the_sources_the_list_shows(seeded):
    page = seeded.get("/sources?source_type=news&commodity=antimony&sort=-facts").text
    link = html.unescape(re.search(r'<a href="([^"]+)" data-download="sources"', page)[1])
    assert link.startswith("/export/sources.csv?")
    assert "source_type=news" in link and "commodity=antimony" in link
    assert "sort=" not in link  # the list's own sorts are not columns of the CSV
    csv_text = seeded.get(link).text
    titles = re.findall(r'<th scope="row"><a href="/sources/\d+">([^<]+)</a>', page)
    assert titles and all(html.unescape(t) in csv_text for t in titles)
    assert len(csv_text.strip().splitlines()) == len(titles) + 1  # the header and each source


def test_every_citation_shows_its_source_type(seeded):
    html = seeded.get("/deals/ussm-fwo-critical-minerals-mou-2025").text
    notes = html[html.index('id="sources"') :]
    lines = re.findall(r'<p class="meta">(.*?)</p>', notes, re.S)
    assert lines and all("data-source-type=" in line for line in lines)


def test_a_status_resting_only_on_a_blog_post_is_marked(seeded):
    html = seeded.get(LYNAS).text
    status = html[html.index('data-field="status"') :]
    status = status[: status.index("</dd>")]
    assert "Stalled" in status and "rests on analysis/blog only" in status
    # A value cited by news reports is not marked.
    usm = seeded.get("/deals/ussm-fwo-critical-minerals-mou-2025").text
    value = usm[usm.index('data-field="value"') :]
    assert "analysis/blog only" not in value[: value.index("</dd>")]


def test_editors_set_type_and_archived_copy_and_the_page_shows_the_link_check(editor, seeded_app):
    assert post_form(editor, "/sources/new", SOURCE).status_code == 302
    source_id = _source_id(seeded_app, SOURCE["url"])
    with seeded_app.app_context(), db.unit_of_work(db.engine()) as session:
        source = session.get(Source, source_id)
        source.link_status, source.link_dead = 404, True
        source.link_checked_at = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)
        source.link_error = "HTTP 404"
    page = seeded_app.test_client().get(f"/sources/{source_id}").text
    assert "Government or regulator document" in page
    assert f'href="{SOURCE["archive_url"]}"' in page
    checked = re.search(r"<dd data-link-check>(.*?)</dd>", page, re.S).group(1)
    assert "dead" in checked and "HTTP 404" in checked and "2026-11-22" in checked
    assert "read the archived copy" in checked
    form = editor.get(f"/sources/{source_id}/edit").text
    assert SOURCE["archive_url"] in form and '<option selected value="government">' in form


def test_bad_type_or_archive_address_is_refused_naming_the_field(editor, seeded_app):
    bad = post_form(
        editor, "/sources/new", SOURCE | {"source_type": "rumour"}, form_url="/sources/new"
    )
    assert bad.status_code == 400 and "rumour" in bad.text
    js = post_form(
        editor,
        "/sources/new",
        SOURCE | {"archive_url": "javascript:alert(1)"},
        form_url="/sources/new",
    )
    assert js.status_code == 400 and "http" in js.text
    assert _source_id(seeded_app, SOURCE["url"]) is None


def test_sources_csv_exports_the_type(seeded):
    rows = seeded.get("/export/sources.csv?source_type=analysis").text.splitlines()
    assert len(rows) > 1 and all(",analysis," in r for r in rows[1:])
