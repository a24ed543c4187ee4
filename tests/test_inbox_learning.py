"""Editors' inbox decisions as labelled examples: `tracker eval-extract --inbox` scores the
current extractor on what editors accepted, edited and rejected."""

from __future__ import annotations

from sqlmodel import select

from tests.helpers import post_form
from tests.inbox_support import TIN_TEXT, article_id, paste, read
from tracker.models import InboxProposal

# The editor rejects the commodity the extractor proposes for this article.
REJECTED_TEXT = """Harbour Tide agrees to buy rare earth oxide from Lynas Rare Earths

May 14, 2026

Reno-based Harbour Tide agreed on Tuesday to buy 500 tonnes a year of rare earth oxide \\
from Lynas Rare Earths for its magnet plant in Nevada, in the United States.
"""


def _by_kind(app, aid):
    rows = read(
        app, lambda s: s.exec(select(InboxProposal).where(InboxProposal.article_id == aid)).all()
    )
    out: dict[str, list[InboxProposal]] = {}
    for p in rows:
        out.setdefault(p.kind, []).append(p)
    return out


def _lines(output: str) -> dict[str, list[str]]:
    return {line.split()[0]: line.split()[1:] for line in output.splitlines() if line.strip()}


def test_eval_inbox_scores_accepts_edits_and_rejects(editor, seeded_app):
    runner = seeded_app.test_cli_runner()
    nothing = runner.invoke(args=["eval-extract", "--inbox"])
    assert nothing.exit_code != 0 and "no inbox article has an accepted" in nothing.output

    tin = article_id(paste(editor, TIN_TEXT))
    kinds = _by_kind(seeded_app, tin)
    money = kinds["money"][0]
    edit = f"/inbox/{tin}/proposals/{money.id}/edit"
    form = f"/inbox/{tin}"
    response = post_form(editor, edit, {"amount": "85,000,000", "currency": "USD"}, form_url=form)
    assert response.status_code == 302
    chosen = [str(p.id) for k in ("commodity", "country", "organisation") for p in kinds[k]]
    fields = {"proposal": chosen, "deal": "new", "title": "Tin", "kind": "offtake"}
    response = post_form(editor, f"/inbox/{tin}/accept", fields, form_url=form)
    assert response.status_code == 302, response.get_data(as_text=True)

    us = article_id(paste(editor, REJECTED_TEXT))
    rare_earths = _by_kind(seeded_app, us)["commodity"][0]
    reject = f"/inbox/{us}/proposals/{rare_earths.id}/reject"
    assert post_form(editor, reject, {}, form_url=f"/inbox/{us}").status_code == 302

    result = runner.invoke(args=["eval-extract", "--inbox"])
    assert result.exit_code == 0, result.output
    assert "inbox articles with decisions: 2" in result.output
    table = _lines(result.output)
    # Tin, Bolivia and Example Metals were accepted and are still found: true positives; the
    # rejected commodity is still found: a false positive.
    assert table["commodities"][3:6] == ["1", "1", "0"]
    assert table["countries"][3:6] == ["1", "0", "0"]
    assert table["organisations"][3:6] == ["1", "0", "0"]
    # The editor corrected the amount to 85 million; the extractor still reads 80: the 80 it
    # proposed is a false positive (the edit replaced it) and the 85 a miss.
    assert table["money"][3:6] == ["0", "1", "1"]


def test_an_edit_keeps_the_extractors_original_through_accept(editor, seeded_app):
    tin = article_id(paste(editor, TIN_TEXT))
    money = _by_kind(seeded_app, tin)["money"][0]
    original = dict(money.payload)
    edit = f"/inbox/{tin}/proposals/{money.id}/edit"
    form = f"/inbox/{tin}"
    for amount in ("85,000,000", "86,000,000"):
        fields = {"amount": amount, "currency": "USD", "proposed": "forged"}
        assert post_form(editor, edit, fields, form_url=form).status_code == 302
    edited = read(seeded_app, lambda s: s.get(InboxProposal, money.id))
    # The second edit keeps the extractor's original, not the first edit; a form cannot set it.
    assert edited.status == "edited" and edited.payload["amount"] == "86000000"
    assert edited.payload["proposed"] == original
    fields = {"proposal": [str(money.id)], "deal": "new", "title": "Tin", "kind": "offtake"}
    assert post_form(editor, f"/inbox/{tin}/accept", fields, form_url=form).status_code == 302
    accepted = read(seeded_app, lambda s: s.get(InboxProposal, money.id))
    assert accepted.status == "accepted" and accepted.payload["proposed"] == original


def test_eval_extract_needs_a_directory_or_inbox(seeded_app):
    runner = seeded_app.test_cli_runner()
    neither = runner.invoke(args=["eval-extract"])
    assert neither.exit_code != 0 and "or --inbox" in neither.output
    both = runner.invoke(args=["eval-extract", "some/dir", "--inbox"])
    assert both.exit_code != 0 and "not both" in both.output
