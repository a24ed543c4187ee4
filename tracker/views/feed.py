"""/feed.atom: new and changed records under the Filter, for feed readers."""

from __future__ import annotations

from flask import Blueprint, Response, request, url_for

from tracker.db import get_session
from tracker.export import atom
from tracker.queries.changes import Change, recent_changes
from tracker.queries.filters import FilterError
from tracker.views.common import current_filter
from tracker.views.helpers import query

bp = Blueprint("feed", __name__)


@bp.get("/feed.atom")
def atom_feed():
    """The latest deals, shipments and events the Filter selects, newest write first."""
    for name in ("page", "per_page", "sort"):
        if name in request.args:
            raise FilterError(name, "a feed always holds the latest changes, newest first")
    f = current_filter()
    qs = query(f.to_args())
    suffix = f"?{qs}" if qs else ""
    chosen = ", ".join(f"{k}={v}" for k, v in f.to_args())
    body = atom.feed(
        title="Deal tracker: new and changed records" + (f" ({chosen})" if chosen else ""),
        self_url=url_for("feed.atom_feed", _external=True) + suffix,
        page_url=url_for("records.deals", _external=True) + suffix,
        feed_id=url_for("feed.atom_feed", _external=True) + suffix,
        changes=recent_changes(get_session(), f),
        entry_url=_entry_url,
    )
    return Response(body, content_type="application/atom+xml; charset=utf-8")


# The page of a record without a deal, by the kind of change (an event had been sent to the
# shipments' JSON, which has no such slug).
OWN_PAGE = {"deal": "records.deal", "shipment": "records.shipment", "event": "records.event"}


def _entry_url(change: Change) -> str:
    """The deal page of the change's deal, or the record's own page when it has none."""
    if change.deal_slug:
        return url_for("records.deal", slug=change.deal_slug, _external=True)
    return url_for(OWN_PAGE[change.kind], slug=change.slug, _external=True)
