"""/admin/jobs: the schedule, the feeds, recent runs and "run now", for admins."""

from __future__ import annotations

from concurrent.futures import Future

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_wtf import FlaskForm
from sqlmodel import select
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from tracker.auth.guard import actor, admin_required
from tracker.db import engine, get_session
from tracker.jobs import JobContext, background, job_specs, run
from tracker.jobs.feed_list import (
    MAX_FEED_NAME_CHARS,
    MAX_FEED_URL_CHARS,
    FeedListError,
    add_feed,
    list_feeds,
    remove_feed,
)
from tracker.jobs.scheduler import scheduled_jobs
from tracker.models import Deal, Feed, JobRun, ReviewFlag, Source
from tracker.models.common import utcnow
from tracker.records import audit

bp = Blueprint("admin_jobs", __name__, url_prefix="/admin")

# Runs shown on the page, newest first; older ones stay in job_run.
RECENT_RUNS = 50
# Open questions shown per kind (stalled deals, dead links); the rest wait their turn.
REVIEW_ROWS = 50
# While a run is going the page reloads itself this often (a meta refresh: no script needed).
REFRESH_SECONDS = 2
MANUAL_RUNS = "tracker.manual_runs"


class RunNowForm(FlaskForm):
    """Only the CSRF token: the job is named in the URL."""


class FeedForm(FlaskForm):
    """A feed to add to the list."""

    url = StringField(
        "Feed URL (RSS or Atom)", validators=[DataRequired(), Length(max=MAX_FEED_URL_CHARS)]
    )
    name = StringField("Name", validators=[Length(max=MAX_FEED_NAME_CHARS)])


@bp.get("/jobs")
@admin_required
def index(feed_form: FeedForm | None = None, status: int = 200):
    """The schedule, the feeds, and the most recent runs (reloading while one is going)."""
    runs = list(
        get_session().exec(
            select(JobRun).order_by(JobRun.started_at.desc(), JobRun.id.desc()).limit(RECENT_RUNS)
        )
    )
    going = any(r.outcome == "running" for r in runs) or _manual_run_pending()
    return render_template(
        "admin/jobs.html",
        specs=scheduled_jobs(current_app.config),
        next_runs=_next_runs(),
        runs=runs,
        refresh=REFRESH_SECONDS if going else None,
        stalled=_stalled(),
        dead_links=_dead_links(),
        feeds=list_feeds(get_session()),
        form=RunNowForm(),
        feed_form=feed_form or FeedForm(formdata=None),
        limit=RECENT_RUNS,
    ), status


@bp.post("/feeds")
@admin_required
def feeds_add():
    """Add a feed to the feed table (audited); the next poll reads it."""
    form = FeedForm()
    if form.validate_on_submit():
        session = get_session()
        try:
            feed = add_feed(session, actor=actor(), url=form.url.data, name=form.name.data)
        except FeedListError as exc:
            session.rollback()
            form.url.errors = [str(exc)]
        else:
            session.commit()
            flash(f"Added the feed {feed.name}; the next poll reads it.")
            return redirect(url_for(".index"), 303)
    return index(feed_form=form, status=400)


@bp.post("/feeds/<int:feed_id>/remove")
@admin_required
def feeds_remove(feed_id: int):
    """Take a feed off the list (the audit history keeps it)."""
    if not RunNowForm().validate_on_submit():
        abort(400)
    session = get_session()
    feed = session.get(Feed, feed_id)
    if feed is None:
        abort(404, f"No feed has the id {feed_id}.")
    name = feed.name
    remove_feed(session, actor=actor(), feed=feed)
    session.commit()
    flash(f"Removed the feed {name}.")
    return redirect(url_for(".index"), 303)


@bp.post("/jobs/<name>/run")
@admin_required
def run_now(name: str):
    """Start job NAME in the background pool (it may take minutes) and come back to the list,
    which reloads itself until the run has ended."""
    specs = job_specs(current_app.config["TRACKER_POLL_MINUTES"])
    if name not in specs:
        abort(404)
    if not RunNowForm().validate_on_submit():
        abort(400)
    runs: dict[str, Future] = current_app.extensions.setdefault(MANUAL_RUNS, {})
    if name in runs and not runs[name].done():
        flash(f"{name} is running already; its run appears below when it ends.")
        return redirect(url_for(".index"), 303)
    ctx = JobContext.from_config(current_app.config, engine())
    runs[name] = background.submit(run, specs[name], ctx)
    flash(f"{name} started; this page reloads until its run has ended.")
    return redirect(url_for(".index"), 303)


def _manual_run_pending() -> bool:
    """Whether a run started here is still queued or going (its row may not exist yet)."""
    runs: dict[str, Future] = current_app.extensions.get(MANUAL_RUNS, {})
    return any(not future.done() for future in runs.values())


@bp.post("/flags/<int:flag_id>/dismiss")
@admin_required
def dismiss_flag(flag_id: int):
    """An editor answers "stalled?" with "no": the flag closes; the job asks again only after
    another TRACKER_STALE_MONTHS of silence."""
    if not RunNowForm().validate_on_submit():
        abort(400)
    session = get_session()
    flag = session.get(ReviewFlag, flag_id)
    if flag is None:
        abort(404)
    if flag.resolved_at is None:
        flag.resolved_at = utcnow()
        changes = {"resolved_at": [None, flag.resolved_at.isoformat()]}
        audit.log(session, actor=actor(), action="update", record=flag, changes=changes)
        session.commit()
    flash("Flag dismissed.")
    return redirect(url_for(".index"), 303)


def _stalled() -> list[tuple[Deal, ReviewFlag]]:
    """Deals with an open "stalled?" flag, oldest flag first."""
    rows = get_session().exec(
        select(Deal, ReviewFlag)
        .join(ReviewFlag, (ReviewFlag.record_id == Deal.id) & (ReviewFlag.record_type == "deal"))
        .where(ReviewFlag.resolved_at.is_(None), Deal.deleted.is_(False))
        .order_by(ReviewFlag.id)
        .limit(REVIEW_ROWS)
    )
    return list(rows)


def _dead_links() -> list[Source]:
    """Sources whose link the last check found dead."""
    rows = get_session().exec(
        select(Source).where(Source.link_dead.is_(True)).order_by(Source.id).limit(REVIEW_ROWS)
    )
    return list(rows)


def _next_runs() -> dict[str, str]:
    """Next fire times when this process runs the scheduler (the development server)."""
    scheduler = current_app.extensions.get("tracker.scheduler")
    if scheduler is None:
        return {}
    return {
        job.id: f"{job.next_run_time:%Y-%m-%d %H:%M} UTC"
        for job in scheduler.get_jobs()
        if job.next_run_time
    }
