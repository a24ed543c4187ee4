"""/inbox: editors bring articles in (paste, URL, upload) and accept, edit or reject proposals."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from sqlmodel import select

from tracker.auth.guard import actor, editor_required
from tracker.db import engine, get_session
from tracker.inbox import review, service
from tracker.inbox.accept import AcceptError, DealChoice, accept
from tracker.inbox.background import fetch_into_inbox, start_fetch
from tracker.inbox.highlight import highlight
from tracker.inbox.suggest import suggest_deals
from tracker.jobs import background
from tracker.models import InboxArticle, InboxProposal
from tracker.records import vocab

bp = Blueprint("inbox", __name__)
# The inbox list shows the newest articles; older ones stay reachable by id.
LIST_LIMIT = 200
# The article page of an address being fetched reloads itself this often (a meta refresh).
REFRESH_SECONDS = 1


def _data_dir():
    return current_app.config["TRACKER_DATA_DIR"]


def _articles():
    session = get_session()
    order = (InboxArticle.status != "pending", InboxArticle.id.desc())
    # A duplicate is only the trace of an arrival: its article is listed.
    query = select(InboxArticle).where(InboxArticle.status != "duplicate")
    return session.exec(query.order_by(*order).limit(LIST_LIMIT)).all()


def _list(error: str | None = None, status: int = 200):
    return render_template(
        "inbox/list.html",
        articles=_articles(),
        error=error,
        max_upload=service.MAX_UPLOAD_BYTES,
    ), status


@bp.before_request
def refuse_nul():
    """PostgreSQL can neither store nor even look up a NUL: refuse any form that carries one."""
    for name, value in request.form.items(multi=True):
        if "\x00" in value or "\x00" in name:
            return _list(f"{name!r} contains a NUL character; remove it and try again", 400)
    return None


@bp.get("/inbox")
@editor_required
def index():
    """The articles waiting for review, and the forms that bring new ones in."""
    return _list()


def _done(result: service.Ingested):
    """Commit the ingest and go to the article (saying when it was already here)."""
    get_session().commit()
    if result.duplicate:
        flash("This article was already in the inbox; the new arrival is linked to it.")
    return redirect(url_for("inbox.article", article_id=result.article.id))


@bp.post("/inbox/paste")
@editor_required
def paste():
    """Pasted text (with an optional URL, title and date) into the inbox."""
    form = request.form
    try:
        published = date.fromisoformat(form["published"]) if form.get("published") else None
    except ValueError:
        return _list(f"{form['published']!r} is not a date; use YYYY-MM-DD", 400)
    try:
        result = service.ingest_text(
            session=get_session(),
            actor=actor(),
            text=form.get("text", ""),
            url=form.get("url"),
            title=form.get("title"),
            published=published,
            data_dir=_data_dir(),
        )
    except service.IngestError as exc:
        get_session().rollback()
        return _list(str(exc), 400)
    return _done(result)


@bp.post("/inbox/url")
@editor_required
def from_url():
    """Queue an address for a background fetch and go to its article page, which reloads until
    the fetch has ended (a slow host never holds this web worker)."""
    session = get_session()
    try:
        result = start_fetch(session=session, url=request.form.get("url", ""))
    except service.IngestError as exc:
        session.rollback()
        return _list(str(exc), 400)
    session.commit()
    if result.queued:
        allow = current_app.config.get("TRACKER_FETCH_ALLOW", ())
        background.submit(
            fetch_into_inbox, engine(), result.article.id, actor(), _data_dir(), allow
        )
    if result.duplicate:
        flash("This article was already in the inbox; the new arrival is linked to it.")
    return redirect(url_for("inbox.article", article_id=result.article.id))


@bp.post("/inbox/upload")
@editor_required
def upload():
    """An uploaded .txt or .html article into the inbox."""
    file = request.files.get("file")
    if file is None or not file.filename:
        return _list("choose a .txt or .html file to upload", 400)
    try:
        data = file.stream.read(service.MAX_UPLOAD_BYTES + 1)
    finally:
        file.close()  # the spooled temporary file now, not whenever it is collected
    if len(data) > service.MAX_UPLOAD_BYTES:
        limit = f"{service.MAX_UPLOAD_BYTES:,}"
        return _list(f"{file.filename} is larger than {limit} bytes; nothing was stored", 413)
    session = get_session()
    try:
        result = service.ingest_upload(
            session=session, actor=actor(), filename=file.filename, data=data, data_dir=_data_dir()
        )
    except service.IngestError as exc:
        session.rollback()
        return _list(str(exc), 400)
    return _done(result)


def _load(article_id: int) -> tuple[InboxArticle, list[InboxProposal]]:
    session = get_session()
    article = session.get(InboxArticle, article_id)
    if article is None:
        abort(404, f"No inbox article has the id {article_id}.")
    proposals = session.exec(
        select(InboxProposal)
        .where(InboxProposal.article_id == article_id)
        .order_by(InboxProposal.start, InboxProposal.id)
    ).all()
    return article, list(proposals)


def _article_page(article_id: int, error: str | None = None, status: int = 200):
    article, proposals = _load(article_id)
    spans = [(p.start, p.end, p.id) for p in proposals if p.status != "rejected"]
    return render_template(
        "inbox/article.html",
        article=article,
        proposals=proposals,
        marked=highlight(article.text, spans),
        suggestions=suggest_deals(get_session(), proposals),
        error=error,
        vocab=vocab,
        refresh=REFRESH_SECONDS if article.status == "fetching" else None,
    ), status


@bp.get("/inbox/<int:article_id>")
@editor_required
def article(article_id: int):
    """The article with its proposals' sentences marked, and the forms to decide on them."""
    found = get_session().get(InboxArticle, article_id)
    if found is not None and found.status == "duplicate" and found.duplicate_of:
        flash("This article was already in the inbox; the new arrival is linked to it.")
        return redirect(url_for("inbox.article", article_id=found.duplicate_of))
    return _article_page(article_id)


def _proposal(article_id: int, proposal_id: int) -> InboxProposal:
    proposal = get_session().get(InboxProposal, proposal_id)
    if proposal is None or proposal.article_id != article_id:
        abort(404, f"Article {article_id} has no proposal {proposal_id}.")
    return proposal


@bp.post("/inbox/<int:article_id>/proposals/<int:proposal_id>/reject")
@editor_required
def reject_proposal(article_id: int, proposal_id: int):
    """Set one proposal aside."""
    return _decide(article_id, proposal_id, lambda s, p: review.reject(s, proposal=p))


@bp.post("/inbox/<int:article_id>/proposals/<int:proposal_id>/edit")
@editor_required
def edit_proposal(article_id: int, proposal_id: int):
    """Correct one proposal's values (checked); unticked flags are sent as false."""
    values = {k: v for k, v in request.form.items() if k != "csrf_token"}
    values |= {f: f in request.form for f in review.FLAGS if "amount" in request.form}
    return _decide(article_id, proposal_id, lambda s, p: review.edit(s, proposal=p, values=values))


def _decide(article_id: int, proposal_id: int, decision):
    session = get_session()
    proposal = _proposal(article_id, proposal_id)
    try:
        decision(session, proposal)
    except review.ProposalError as exc:
        session.rollback()
        return _article_page(article_id, f"Proposal {proposal_id}: {exc}", 400)
    session.commit()
    return redirect(url_for("inbox.article", article_id=article_id, _anchor=f"p{proposal_id}"))


@bp.post("/inbox/<int:article_id>/accept")
@editor_required
def accept_article(article_id: int):
    """Write the ticked proposals as records with citations, to a chosen or new deal."""
    article, _ = _load(article_id)
    form = request.form
    ids = [int(i) for i in form.getlist("proposal") if i.isdigit()]
    target = form.get("deal", "new")
    if target == "other":
        target = form.get("other_deal", "")
    choice = DealChoice(
        slug=None if target == "new" else target,
        title=form.get("title", ""),
        kind=form.get("kind", "agreement"),
        status=form.get("status", "announced"),
    )
    session = get_session()
    try:
        done = accept(
            session=session, actor=actor(), article=article, choice=choice, proposal_ids=ids
        )
    except AcceptError as exc:
        session.rollback()
        return _article_page(article_id, str(exc), 400)
    session.commit()
    flash(
        f"Accepted {len(done.citations)} proposals into {done.deal.title}: "
        f"{len(done.events)} events, {len(done.citations)} citations."
    )
    return redirect(url_for("records.deal", slug=done.deal.slug))


@bp.post("/inbox/<int:article_id>/reject")
@editor_required
def reject_article(article_id: int):
    """Set the whole article aside (it stays, so a second arrival is still recognised)."""
    article, _ = _load(article_id)
    if article.status == "accepted":
        return _article_page(article_id, "This article is accepted; its records stay.", 400)
    article.status = "rejected"
    get_session().commit()
    flash("Article rejected.")
    return redirect(url_for("inbox.index"))
