"""Accepting proposals over HTTP: source, records and citations in one audited transaction."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.helpers import post_form
from tests.inbox_support import SEED_ARTICLE, TIN_TEXT, article_id, count, paste, read
from tracker.inbox import accept as accept_module
from tracker.models import (
    AuditEntry,
    Citation,
    Commodity,
    Deal,
    DealCommodity,
    Event,
    InboxArticle,
    InboxProposal,
    Source,
)


def _accept(client, aid: int, **fields):
    return post_form(client, f"/inbox/{aid}/accept", fields, form_url=f"/inbox/{aid}")


def _proposals(app, aid: int) -> list[InboxProposal]:
    return read(
        app,
        lambda s: list(s.exec(select(InboxProposal).where(InboxProposal.article_id == aid))),
    )


def test_accept_into_a_new_deal_writes_source_records_and_citations(editor, seeded_app):
    aid = article_id(paste(editor, TIN_TEXT, url="https://example.org/tin-offtake"))
    chosen = [str(p.id) for p in _proposals(seeded_app, aid)]
    response = _accept(
        editor, aid, proposal=chosen, deal="new", title="Bolivia tin offtake", kind="offtake",
        status="signed",
    )  # fmt: skip
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/deals/bolivia-tin-offtake")

    def check(s):
        deal = s.exec(select(Deal).where(Deal.slug == "bolivia-tin-offtake")).one()
        source = s.exec(select(Source).where(Source.url == "https://example.org/tin-offtake")).one()
        article = s.get(InboxArticle, aid)
        assert source.text == article.text and source.content_hash == article.text_hash
        assert (deal.kind, deal.status, deal.value_currency) == ("offtake", "signed", "USD")
        assert deal.value_amount == 80_000_000 and deal.value_up_to
        events = s.exec(select(Event).where(Event.deal_id == deal.id)).all()
        assert [(str(e.date), e.kind) for e in events] == [("2025-05-09", "agreement_signed")]
        citations = s.exec(select(Citation).where(Citation.source_id == source.id)).all()
        assert len(citations) == len(chosen)
        for c in citations:
            assert c.quote and c.quote in source.text
        proposals = s.exec(select(InboxProposal).where(InboxProposal.article_id == aid)).all()
        for p in proposals:
            assert p.status == "accepted" and article.text[p.start : p.end] == p.sentence
        assert article.status == "accepted" and article.source_id == source.id
        return deal, source, events, citations

    deal, source, events, citations = read(seeded_app, check)
    audited = read(
        seeded_app,
        lambda s: {
            (e.record_type, e.record_id)
            for e in s.exec(select(AuditEntry).where(AuditEntry.actor == "user:ed"))
        },
    )
    assert ("deal", deal.id) in audited and ("source", source.id) in audited
    assert {("event", e.id) for e in events} <= audited
    assert {("citation", c.id) for c in citations} <= audited
    page = editor.get("/deals/bolivia-tin-offtake").get_data(as_text=True)
    assert "The contract is worth up to USD 80 million over five years, officials said." in page


def test_rejected_and_unticked_proposals_are_not_written(editor, seeded_app):
    aid = article_id(paste(editor, TIN_TEXT))
    proposals = {p.kind: p for p in _proposals(seeded_app, aid)}
    url = f"/inbox/{aid}/proposals/{proposals['country'].id}/reject"
    post_form(editor, url, {}, form_url=f"/inbox/{aid}")
    chosen = [str(proposals["commodity"].id), str(proposals["country"].id)]
    response = _accept(editor, aid, proposal=chosen, deal="new", title="Tin only", kind="offtake")
    assert response.status_code == 302
    deal = read(seeded_app, lambda s: s.exec(select(Deal).where(Deal.slug == "tin-only")).one())
    assert (
        count(seeded_app, Citation, Citation.record_type == "deal", Citation.record_id == deal.id)
        == 1
    )
    after = {p.kind: p.status for p in _proposals(seeded_app, aid)}
    assert after == {"commodity": "accepted", "country": "rejected", "money": "pending",
                     "organisation": "pending", "event": "pending"}  # fmt: skip


def test_seed_article_attaches_to_the_seeded_deal_and_reuses_its_source(editor, seeded_app):
    sources_before = count(seeded_app, Source)
    slugs = lambda s: set(  # noqa: E731
        s.exec(
            select(Commodity.slug)
            .join(DealCommodity, DealCommodity.commodity_id == Commodity.id)
            .join(Deal, Deal.id == DealCommodity.deal_id)
            .where(Deal.slug == "ussm-fwo-critical-minerals-mou-2025")
        )
    )
    before = read(seeded_app, slugs)
    aid = article_id(paste(editor, SEED_ARTICLE.read_text(encoding="utf-8")))
    page = editor.get(f"/inbox/{aid}").get_data(as_text=True)
    assert 'value="ussm-fwo-critical-minerals-mou-2025"' in page  # suggested
    assert "parties: Frontier Works Organisation" in page
    money = [p for p in _proposals(seeded_app, aid) if p.kind in ("money", "commodity")]
    response = _accept(
        editor, aid, proposal=[str(p.id) for p in money], deal="ussm-fwo-critical-minerals-mou-2025"
    )
    assert response.status_code == 302
    assert count(seeded_app, Source) == sources_before
    deal = read(
        seeded_app,
        lambda s: s.exec(
            select(Deal).where(Deal.slug == "ussm-fwo-critical-minerals-mou-2025")
        ).one(),
    )
    after = read(seeded_app, slugs)
    assert after == before | {"antimony", "copper-concentrate", "neodymium", "praseodymium",
                              "rare-earth-elements"}  # fmt: skip
    assert deal.value_amount == 500_000_000  # the seeded value stays


def test_a_failure_mid_accept_leaves_nothing(editor, seeded_app, monkeypatch):
    aid = article_id(paste(editor, TIN_TEXT, url="https://example.org/tin-offtake"))
    counts = {m: count(seeded_app, m) for m in (Deal, Source, Event, Citation, AuditEntry)}
    real_create = accept_module.records.create

    def failing_create(session, *, model, **kwargs):
        if model is Citation:  # the source, deal and events are written by now
            raise RuntimeError("disk full")
        return real_create(session, model=model, **kwargs)

    monkeypatch.setattr(accept_module.records, "create", failing_create)
    chosen = [str(p.id) for p in _proposals(seeded_app, aid)]
    with pytest.raises(RuntimeError, match="disk full"):  # TESTING propagates view errors
        _accept(editor, aid, proposal=chosen, deal="new", title="Bolivia tin", kind="offtake")
    assert {m: count(seeded_app, m) for m in counts} == counts
    assert {p.status for p in _proposals(seeded_app, aid)} == {"pending"}
    assert read(seeded_app, lambda s: s.get(InboxArticle, aid).status) == "pending"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"deal": "new", "title": ""}, "deal title: is required"),
        (
            {"deal": "new", "title": "X", "kind": "barter"},
            "deal kind: &#39;barter&#39; is not one of",
        ),
        ({"deal": "no-such-deal"}, "no deal is called &#39;no-such-deal&#39;"),
        ({"deal": "new", "title": "X", "proposal": ["999999"]}, "no open proposal was chosen"),
    ],
)
def test_bad_accept_is_refused_and_writes_nothing(editor, seeded_app, fields, message):
    aid = article_id(paste(editor, TIN_TEXT))
    deals = count(seeded_app, Deal)
    everything = [str(p.id) for p in _proposals(seeded_app, aid)]
    response = _accept(editor, aid, **({"proposal": everything} | fields))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert count(seeded_app, Deal) == deals and count(seeded_app, Citation, Citation.id > 0) > 0
    assert {p.status for p in _proposals(seeded_app, aid)} == {"pending"}


def test_nul_in_the_accept_form_is_refused(editor, seeded_app):
    aid = article_id(paste(editor, TIN_TEXT))
    everything = [str(p.id) for p in _proposals(seeded_app, aid)]
    response = _accept(editor, aid, proposal=everything, deal="no-such\x00deal")
    assert response.status_code == 400
    assert "contains a NUL character" in response.get_data(as_text=True)
    assert {p.status for p in _proposals(seeded_app, aid)} == {"pending"}


def test_attach_to_another_deal_by_slug(editor, seeded_app):
    aid = article_id(paste(editor, TIN_TEXT))
    commodity = [str(p.id) for p in _proposals(seeded_app, aid) if p.kind == "commodity"]
    slug = "ussm-fwo-critical-minerals-mou-2025"
    response = _accept(editor, aid, proposal=commodity, deal="other", other_deal=slug)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/deals/{slug}")
    cited = read(
        seeded_app,
        lambda s: s.exec(
            select(Citation.value, Citation.quote)
            .join(Deal, Deal.id == Citation.record_id)
            .where(Citation.record_type == "deal", Deal.slug == slug, Citation.value == "tin")
        ).all(),
    )
    sentence = next(p.sentence for p in _proposals(seeded_app, aid) if p.kind == "commodity")
    assert cited == [("tin", sentence)]
