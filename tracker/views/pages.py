"""The dashboard, the timeline and the health check."""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, render_template
from sqlalchemy import text

from tracker.charts import dashboards
from tracker.db import get_session
from tracker.queries.coverage import coverage
from tracker.queries.deals import count_deals
from tracker.queries.event_facets import event_facets
from tracker.queries.events import count_events, list_events
from tracker.queries.shipments import count_shipments
from tracker.views.cached import cached
from tracker.views.common import current_filter, page_count

bp = Blueprint("pages", __name__)
LATEST_EVENTS = 10


@bp.get("/")
def dashboard():
    """Counts, charts and the latest events for the current Filter."""
    f = current_filter()
    return cached(
        "dashboard",
        f,
        lambda: render_template("pages/dashboard.html", f=f, **_dashboard_data(get_session(), f)),
    )


def _dashboard_data(session, f) -> dict:
    return {
        "counts": {
            "deals": count_deals(session, f),
            "shipments": count_shipments(session, f),
            "events": count_events(session, f),
        },
        "latest": list_events(session, replace(f, page=1, per_page=LATEST_EVENTS)),
        "coverage": coverage(session),
        "charts": dashboards.dashboard_charts(session, f),
    }


@bp.get("/timeline")
def timeline():
    """Every event the Filter selects, oldest first."""
    f = current_filter()
    return cached(
        "timeline",
        f,
        lambda: render_template("pages/timeline.html", f=f, **_timeline_data(get_session(), f)),
    )


def _timeline_data(session, f) -> dict:
    total = count_events(session, f)
    return {
        "total": total,
        "pages": page_count(total, f.per_page),
        "events": list_events(session, f, newest_first=False),
        "charts": [dashboards.timeline(session, f)],
        "facets": event_facets(session, f),
    }


@bp.get("/methodology")
def methodology():
    """What is tracked and how: values, currencies, dates, groups, disagreements, citing."""
    return render_template("pages/methodology.html", coverage=coverage(get_session()))


@bp.get("/healthz")
def healthz():
    """Up, and the database answers."""
    get_session().exec(text("SELECT 1"))
    return {"status": "ok"}
