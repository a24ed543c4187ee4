"""The inbox as an editor meets it: the headline as title, roles only where a sentence states
them, and existing deals suggested by shared parties before shared countries."""

from __future__ import annotations

import io
import re

from sqlmodel import select
from werkzeug.test import EnvironBuilder

from tests.helpers import post_form, token
from tests.inbox_support import article_id, paste, read
from tracker.models import InboxArticle, InboxProposal

PASTED_PAGE = """SUPPLY LINES
Tech supply chains, decoded
News · Analysis · Podcasts

Harbour Tide agrees to buy rare earth oxide from Lynas Rare Earths

Miner's first US customer outside defence

May 14, 2026 | By Jo Park

Reno-based Harbour Tide agreed on Tuesday to buy 500 tonnes a year of rare earth oxide \
from Lynas Rare Earths for its magnet plant in Nevada.

Pakistan and the United States signed a separate rare earths memorandum last year.
"""

PAGE_HTML = b"""<!doctype html><html><head>
<title>Harbour Tide agrees to buy rare earth oxide from Lynas | Supply Lines</title>
<meta property="og:title" content="Harbour Tide agrees to buy rare earth oxide from Lynas">
</head><body>
<header><p class="tagline">Tech supply chains, decoded</p></header>
<article><h1>Harbour Tide agrees to buy rare earth oxide from Lynas Rare Earths</h1>
<p>May 14, 2026</p>
<p>Reno-based Harbour Tide agreed on Tuesday to buy 500 tonnes a year of rare earth oxide from
Lynas Rare Earths for its magnet plant in Nevada, the companies said in a statement.</p>
<p>The contract runs for five years and starts in 2027, according to the statement.</p>
</article></body></html>"""


def _proposals(app, aid):
    return read(
        app,
        lambda s: s.exec(select(InboxProposal).where(InboxProposal.article_id == aid)).all(),
    )


def test_pasted_page_takes_the_headline_not_the_tagline(editor, seeded_app):
    aid = article_id(paste(editor, PASTED_PAGE))
    article = read(seeded_app, lambda s: s.get(InboxArticle, aid))
    assert article.title == "Harbour Tide agrees to buy rare earth oxide from Lynas Rare Earths"
    assert "Harbour Tide agrees to buy" in editor.get("/inbox").get_data(as_text=True)


def test_uploaded_page_takes_its_h1_without_the_site_name(editor, seeded_app):
    fields = {"csrf_token": token(editor, "/inbox"), "file": (io.BytesIO(PAGE_HTML), "p.html")}
    builder = EnvironBuilder(path="/inbox/upload", method="POST", data=fields)
    environ = builder.get_environ()
    try:
        response = editor.open(environ)
    finally:
        environ["wsgi.input"].close()
        builder.close()
    article = read(seeded_app, lambda s: s.get(InboxArticle, article_id(response)))
    assert article.title == "Harbour Tide agrees to buy rare earth oxide from Lynas Rare Earths"


def test_roles_are_proposed_only_where_a_sentence_states_them(editor, seeded_app):
    aid = article_id(paste(editor, PASTED_PAGE))
    roles = {
        (p.payload.get("name") or p.payload.get("iso3")): p.payload["role"]
        for p in _proposals(seeded_app, aid)
        if p.kind in ("organisation", "country")
    }
    assert roles["Harbour Tide"] == "buyer"
    assert roles["Lynas Rare Earths"] == "seller"
    # The US is the buyer's home and the plant's site, not a host government of anything.
    assert roles.get("USA", "") == ""
    page = editor.get(f"/inbox/{aid}").get_data(as_text=True)
    assert "Host government" not in re.sub(r"<select.*?</select>", "", page, flags=re.DOTALL)


def test_an_unstated_role_must_be_chosen_before_accepting(editor, seeded_app):
    aid = article_id(paste(editor, PASTED_PAGE))
    unstated = [
        p for p in _proposals(seeded_app, aid) if p.kind == "country" and not p.payload["role"]
    ]
    assert unstated
    response = post_form(
        editor,
        f"/inbox/{aid}/accept",
        {"proposal": [str(unstated[0].id)], "deal": "new", "title": "T", "kind": "offtake"},
        form_url=f"/inbox/{aid}",
    )
    assert response.status_code == 400 and "role" in response.get_data(as_text=True)
    assert read(seeded_app, lambda s: s.get(InboxArticle, aid)).status == "pending"


def test_a_party_with_no_stated_role_can_be_edited_as_no_role(editor, seeded_app):
    aid = article_id(paste(editor, PASTED_PAGE))
    unstated = next(
        p for p in _proposals(seeded_app, aid) if p.kind == "country" and not p.payload["role"]
    )
    page = editor.get(f"/inbox/{aid}").get_data(as_text=True)
    item = page[page.index(f'id="p{unstated.id}"') :]
    select_html = re.search(r'<select name="role">.*?</select>', item, re.DOTALL).group(0)
    # The empty choice is there and chosen, so saving an edit does not pick "Buyer" silently.
    assert '<option value="" selected>no role</option>' in select_html
    edit = f"/inbox/{aid}/proposals/{unstated.id}/edit"
    fields = {"iso3": unstated.payload["iso3"], "role": ""}
    assert post_form(editor, edit, fields, form_url=f"/inbox/{aid}").status_code == 302
    edited = read(seeded_app, lambda s: s.get(InboxProposal, unstated.id))
    assert edited.status == "edited" and edited.payload["role"] == ""
    bad = post_form(editor, edit, fields | {"role": "emperor"}, form_url=f"/inbox/{aid}")
    assert bad.status_code == 400 and "role" in bad.get_data(as_text=True)


# Shares a company with the seeded Lynas deals, but more countries and commodities with the
# seeded Pakistan MoU: a ranking by counts alone put the Pakistan MoU first.
LYNAS_IN_PAKISTAN = """Lynas Rare Earths signs minerals exploration agreement in Pakistan

June 2, 2026

Lynas Rare Earths signed an agreement with Pakistan on Monday to explore for rare earths, \
antimony, copper, gold and tungsten, with concentrates to be refined in the United States.
"""


def test_suggestions_rank_a_shared_company_above_shared_countries(editor, seeded_app):
    aid = article_id(paste(editor, LYNAS_IN_PAKISTAN))
    page = editor.get(f"/inbox/{aid}").get_data(as_text=True)
    suggested = re.findall(r'name="deal" value="([^"]+)"', page)
    suggested = [s for s in suggested if s not in ("new", "other")]
    assert suggested, page
    # Lynas is a party of the Texas deal; the Pakistan MoU shares only countries and rare earths.
    assert suggested[0].startswith("lynas-"), suggested
