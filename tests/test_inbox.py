"""The inbox over HTTP: editors only, paste and upload, dedupe, hostile text, edit and reject."""

from __future__ import annotations

import io

import pytest
from sqlmodel import select
from werkzeug.test import EnvironBuilder

from tests.helpers import post_form, token
from tests.inbox_support import FIXTURES, TIN_TEXT, article_id, count, paste, read
from tracker.inbox.service import MAX_UPLOAD_BYTES
from tracker.models import AuditEntry, InboxArticle, InboxProposal


@pytest.mark.parametrize("url", ["/inbox", "/inbox/1"])
def test_inbox_pages_need_an_editor(seeded, url):
    response = seeded.get(url)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_inbox_writes_need_an_editor(seeded, seeded_app):
    response = seeded.post("/inbox/paste", data={"text": TIN_TEXT})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert count(seeded_app, InboxArticle) == 0


def test_inbox_forms_need_a_csrf_token(editor, seeded_app):
    response = editor.post("/inbox/paste", data={"text": TIN_TEXT})
    assert response.status_code == 400
    assert count(seeded_app, InboxArticle) == 0


def test_paste_stores_article_and_proposals(editor, seeded_app):
    response = paste(editor, TIN_TEXT, url="https://News.Example.org/tin?utm_source=feed#top")
    assert response.status_code == 302
    aid = article_id(response)
    article = read(seeded_app, lambda s: s.get(InboxArticle, aid))
    assert article.url == "https://news.example.org/tin"
    assert article.title == "Example Metals agrees tin offtake with Bolivia"
    assert article.origin == "paste" and article.status == "pending"
    kinds = read(
        seeded_app,
        lambda s: {
            (p.kind, p.payload.get("commodity") or p.payload.get("iso3") or p.payload.get("amount"))
            for p in s.exec(select(InboxProposal).where(InboxProposal.article_id == aid))
        },
    )
    assert {("commodity", "tin"), ("country", "BOL"), ("money", "80000000")} <= kinds
    page = editor.get(f"/inbox/{aid}").get_data(as_text=True)
    assert "<mark" in page and "up to USD 80 million" in page
    listing = editor.get("/inbox").get_data(as_text=True)
    assert "Example Metals agrees tin offtake with Bolivia" in listing


def test_same_text_twice_is_linked_not_duplicated(editor, seeded_app):
    first = article_id(paste(editor, TIN_TEXT))
    again = paste(editor, "\r\n" + TIN_TEXT.replace("\n", "\r\n") + "\n\n")
    assert article_id(again) == first
    assert count(seeded_app, InboxArticle) == 1
    assert read(seeded_app, lambda s: s.get(InboxArticle, first).arrivals) == 2
    assert "already in the inbox" in editor.get(f"/inbox/{first}").get_data(as_text=True)


def test_same_url_twice_is_linked_even_with_other_text(editor, seeded_app):
    first = article_id(paste(editor, TIN_TEXT, url="https://example.org/a?utm_medium=x"))
    again = paste(editor, TIN_TEXT + "\nUpdated.", url="HTTPS://EXAMPLE.ORG/a#comments")
    assert article_id(again) == first
    assert count(seeded_app, InboxArticle) == 1


def test_empty_paste_is_refused_with_a_reason(editor, seeded_app):
    response = paste(editor, "   \n  ")
    assert response.status_code == 400
    assert "the article text is empty" in response.get_data(as_text=True)
    assert count(seeded_app, InboxArticle) == 0


def test_bad_url_on_paste_is_refused(editor, seeded_app):
    response = paste(editor, TIN_TEXT, url="ftp://example.org/x")
    assert response.status_code == 400
    assert "is not an http(s) address" in response.get_data(as_text=True)
    assert count(seeded_app, InboxArticle) == 0


def _upload(client, name: str, data: bytes):
    """POST a file to /inbox/upload, closing the body werkzeug spools to disk past 500 KB."""
    fields = {"csrf_token": token(client, "/inbox"), "file": (io.BytesIO(data), name)}
    builder = EnvironBuilder(path="/inbox/upload", method="POST", data=fields)
    environ = builder.get_environ()
    try:
        return client.open(environ)
    finally:
        environ["wsgi.input"].close()
        builder.close()


def test_upload_html_takes_main_text(editor, seeded_app):
    html = (FIXTURES / "zinc-article.html").read_bytes()
    response = _upload(editor, "zinc.html", html)
    assert response.status_code == 302
    article = read(seeded_app, lambda s: s.get(InboxArticle, article_id(response)))
    assert article.origin == "upload"
    assert article.title == "Ruritania signs zinc concentrate deal with Acme Mining"
    assert "valued at about USD 120 million" in article.text
    assert "Subscribe" not in article.text and "Copyright" not in article.text
    assert str(article.published_on) == "2025-03-04"


def test_upload_txt(editor, seeded_app):
    response = _upload(editor, "tin.txt", TIN_TEXT.encode())
    assert response.status_code == 302
    assert count(seeded_app, InboxArticle, InboxArticle.origin == "upload") == 1


@pytest.mark.parametrize(
    ("name", "data", "status", "message"),
    [
        ("report.pdf", b"%PDF-1.4", 400, "is not a .txt or .html file"),
        ("latin.txt", "Bolivia exportó estaño".encode("latin-1"), 400, "is not UTF-8"),
        ("huge.txt", b"a" * (MAX_UPLOAD_BYTES + 1), 413, "nothing was stored"),
    ],
)
def test_bad_uploads_are_refused(editor, seeded_app, name, data, status, message):
    response = _upload(editor, name, data)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert count(seeded_app, InboxArticle) == 0


def test_hostile_article_text_is_escaped(editor, seeded_app):
    hostile = (
        'Hostile <script>alert("t")</script> title\n\n'
        "Bolivia and Example Metals signed an offtake agreement for tin on Friday "
        "<img src=x onerror=alert(1)>, officials said."
    )
    aid = article_id(paste(editor, hostile, published="2025-05-12"))
    page = editor.get(f"/inbox/{aid}").get_data(as_text=True)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script>alert" not in editor.get("/inbox").get_data(as_text=True)


def test_hostile_html_upload_is_escaped(editor):
    response = _upload(editor, "hostile.html", (FIXTURES / "hostile.html").read_bytes())
    page = editor.get(f"/inbox/{article_id(response)}").get_data(as_text=True)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page


def _proposal(app, aid: int, kind: str) -> InboxProposal:
    return read(
        app,
        lambda s: s.exec(
            select(InboxProposal).where(InboxProposal.article_id == aid, InboxProposal.kind == kind)
        ).first(),
    )


def test_edit_and_reject_proposals(editor, seeded_app):
    aid = article_id(paste(editor, TIN_TEXT))
    money = _proposal(seeded_app, aid, "money")
    url = f"/inbox/{aid}/proposals/{money.id}/edit"
    response = post_form(
        editor,
        url,
        {"amount": "85,000,000", "currency": "usd", "up_to": "on"},
        form_url=f"/inbox/{aid}",
    )
    assert response.status_code == 302
    edited = read(seeded_app, lambda s: s.get(InboxProposal, money.id))
    assert edited.status == "edited"
    assert edited.payload["amount"] == "85000000" and edited.payload["currency"] == "USD"
    assert edited.payload["up_to"] is True and edited.payload["approximate"] is False
    country = _proposal(seeded_app, aid, "country")
    url = f"/inbox/{aid}/proposals/{country.id}/reject"
    assert post_form(editor, url, {}, form_url=f"/inbox/{aid}").status_code == 302
    assert read(seeded_app, lambda s: s.get(InboxProposal, country.id).status) == "rejected"


def test_bad_edit_names_the_field_and_changes_nothing(editor, seeded_app):
    aid = article_id(paste(editor, TIN_TEXT))
    money = _proposal(seeded_app, aid, "money")
    url = f"/inbox/{aid}/proposals/{money.id}/edit"
    response = post_form(
        editor, url, {"amount": "lots", "currency": "USD"}, form_url=f"/inbox/{aid}"
    )
    assert response.status_code == 400
    assert "amount: &#39;lots&#39; is not a number" in response.get_data(as_text=True)
    after = read(seeded_app, lambda s: s.get(InboxProposal, money.id))
    assert after.status == "pending" and after.payload == money.payload


def test_ingest_is_in_the_audit_history(editor, seeded_app):
    aid = article_id(paste(editor, TIN_TEXT))
    entries = read(
        seeded_app,
        lambda s: s.exec(
            select(AuditEntry).where(
                AuditEntry.record_type == "inbox_article", AuditEntry.record_id == aid
            )
        ).all(),
    )
    assert [(e.action, e.actor) for e in entries] == [("create", "user:ed")]


@pytest.mark.parametrize(
    "fields",
    [
        {"text": TIN_TEXT + "\x00"},
        {"text": TIN_TEXT, "url": "https://example.org/a\x00b"},
        {"text": TIN_TEXT, "title": "Tin\x00"},
    ],
)
def test_nul_characters_are_refused_not_a_server_error(editor, seeded_app, fields):
    response = post_form(editor, "/inbox/paste", fields, form_url="/inbox")
    assert response.status_code == 400
    assert "contains a NUL character" in response.get_data(as_text=True)
    assert count(seeded_app, InboxArticle) == 0


def test_nul_in_any_inbox_form_is_refused(editor, seeded_app):
    aid = article_id(paste(editor, TIN_TEXT))
    event = _proposal(seeded_app, aid, "event")
    url = f"/inbox/{aid}/proposals/{event.id}/edit"
    fields = {"date": "2025-05", "kind": "other", "summary": "bad\x00summary"}
    response = post_form(editor, url, fields, form_url=f"/inbox/{aid}")
    assert response.status_code == 400
    assert "&#39;summary&#39; contains a NUL character" in response.get_data(as_text=True)
    assert read(seeded_app, lambda s: s.get(InboxProposal, event.id).status) == "pending"
