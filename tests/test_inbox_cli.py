"""`tracker inbox add` and `tracker inbox list`, and the seed article's proposals."""

from __future__ import annotations

from sqlmodel import select

from tests.inbox_support import FIXTURES, SEED_ARTICLE, count, paste, read
from tracker.models import (
    Commodity,
    Deal,
    DealParty,
    InboxArticle,
    InboxProposal,
    Party,
    Shipment,
    ShipmentItem,
)

# The seeded first consignment (seeds/e01-pakistan-ussm.toml).
CONSIGNMENT = "pakistan-us-first-critical-minerals-consignment-2025"


def test_inbox_add_file_then_list(seeded_app):
    runner = seeded_app.test_cli_runner()
    added = runner.invoke(args=["inbox", "add", str(FIXTURES / "tin-article.txt")])
    assert added.exit_code == 0, added.output
    assert "added as article 1: Example Metals agrees tin offtake with Bolivia" in added.output
    again = runner.invoke(args=["inbox", "add", str(FIXTURES / "tin-article.txt")])
    assert "already in the inbox as article 1" in again.output
    listed = runner.invoke(args=["inbox", "list"])
    assert listed.exit_code == 0
    assert listed.output == "-\tExample Metals agrees tin offtake with Bolivia\t2025-05-12\n"


def test_inbox_add_html_file(seeded_app):
    runner = seeded_app.test_cli_runner()
    added = runner.invoke(args=["inbox", "add", str(FIXTURES / "zinc-article.html")])
    assert added.exit_code == 0, added.output
    listed = runner.invoke(args=["inbox", "list"]).output
    assert listed == "-\tRuritania signs zinc concentrate deal with Acme Mining\t2025-03-04\n"


def test_inbox_add_refuses_missing_file_and_keeps_failed_url(seeded_app):
    runner = seeded_app.test_cli_runner()
    missing = runner.invoke(args=["inbox", "add", "no/such/file.txt"])
    assert missing.exit_code != 0 and "is not a file or an http(s) URL" in missing.output
    failed = runner.invoke(args=["inbox", "add", "http://127.0.0.1:9/gone"])
    assert failed.exit_code != 0 and "kept in the inbox but not fetched" in failed.output
    assert count(seeded_app, InboxArticle, InboxArticle.error.is_not(None)) == 1


def test_inbox_commands_have_help(seeded_app):
    runner = seeded_app.test_cli_runner()
    for args in (["inbox", "--help"], ["inbox", "list", "--help"], ["inbox", "add", "--help"]):
        result = runner.invoke(args=args)
        assert result.exit_code == 0 and "Usage:" in result.output


def test_seed_article_proposes_the_facts_seeded_by_hand(editor, seeded_app):
    paste(editor, SEED_ARTICLE.read_text(encoding="utf-8"))

    def facts(s):
        proposals = s.exec(select(InboxProposal)).all()
        by_kind: dict[str, list[dict]] = {}
        for p in proposals:
            by_kind.setdefault(p.kind, []).append(p.payload)
        deal = s.exec(select(Deal).where(Deal.slug == "ussm-fwo-critical-minerals-mou-2025")).one()
        signatories = set(
            s.exec(
                select(Party.slug)
                .join(DealParty, DealParty.party_id == Party.id)
                .where(DealParty.deal_id == deal.id, DealParty.role == "signatory")
            )
        )
        consigned = set(
            s.exec(
                select(Commodity.slug)
                .join(ShipmentItem, ShipmentItem.commodity_id == Commodity.id)
                .join(Shipment, Shipment.id == ShipmentItem.shipment_id)
                .where(Shipment.slug == CONSIGNMENT)
            )
        )
        return by_kind, deal, signatories, consigned

    by_kind, deal, signatories, consigned = read(seeded_app, facts)
    assert (
        {o["party"] for o in by_kind["organisation"]}
        >= signatories
        == {
            "us-strategic-metals",
            "frontier-works-organisation",
        }
    )
    money = by_kind["money"][0]
    assert (money["amount"], money["currency"], money["approximate"]) == ("500000000", "USD", True)
    assert deal.value_amount == 500_000_000 and deal.value_approximate
    assert {c["commodity"] for c in by_kind["commodity"]} >= consigned
    assert consigned == {"antimony", "copper-concentrate", "neodymium", "praseodymium"}
    assert {c["iso3"] for c in by_kind["country"]} == {"PAK", "USA"}
