"""Existing deals an article may belong to: ranked by shared parties other than countries, then
by close dates, then by shared commodities and countries (which many unrelated deals share)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import false
from sqlmodel import Session, select

from tracker.models import Commodity, Deal, DealCommodity, DealParty, InboxProposal, Party
from tracker.records.partial_dates import PartialDate

# Points shown to the editor; the order itself is by the ranking key in suggest_deals.
PARTY_POINTS = 3
COMMODITY_POINTS = 2
DATE_POINTS = 2
COUNTRY_POINTS = 1
# News about a deal keeps coming for months after it is signed.
DATE_WINDOW = timedelta(days=180)
MAX_SUGGESTIONS = 5


@dataclass
class Suggestion:
    """A deal with its score and the reasons for it, in words."""

    deal: Deal
    score: int
    reasons: list[str] = field(default_factory=list)


def suggest_deals(session: Session, proposals: list[InboxProposal]) -> list[Suggestion]:
    """The best-matching deals for PROPOSALS (pending, edited or accepted), best first."""
    live = [p for p in proposals if p.status != "rejected"]
    parties, countries = _party_slugs(session, live)
    commodities = {p.payload["commodity"] for p in live if p.kind == "commodity"}
    dates = [PartialDate.parse(p.payload["date"]) for p in live if p.kind == "event"]
    if not parties and not commodities:
        return []
    shared_parties = _shared(session, DealParty, Party, parties)
    shared_countries = _shared(session, DealParty, Party, countries)
    shared_commodities = _shared(session, DealCommodity, Commodity, commodities)
    # A shared country alone suggests nothing: many unrelated deals share one.
    ids = set(shared_parties) | set(shared_commodities)
    deals = session.exec(select(Deal).where(Deal.id.in_(ids), Deal.deleted == false())).all()
    ranked = []
    for deal in deals:
        s = Suggestion(deal, 0)
        shared = [
            ("parties", PARTY_POINTS, shared_parties.get(deal.id, set())),
            ("commodities", COMMODITY_POINTS, shared_commodities.get(deal.id, set())),
            ("countries", COUNTRY_POINTS, shared_countries.get(deal.id, set())),
        ]
        for label, points, names in shared:
            if names:
                s.score += points * len(names)
                s.reasons.append(f"{label}: {', '.join(sorted(names))}")
        near = _near(deal, dates)
        if near:
            s.score += DATE_POINTS
            s.reasons.append(f"dates within {DATE_WINDOW.days} days: {near}")
        key = (-len(shared[0][2]), not near, -len(shared[1][2]), -len(shared[2][2]), deal.title)
        ranked.append((key, s))
    ranked.sort(key=lambda pair: pair[0])
    return [s for _, s in ranked[:MAX_SUGGESTIONS]]


def _party_slugs(session: Session, proposals: list[InboxProposal]) -> tuple[set[str], set[str]]:
    """Slugs of the named organisations, and of the countries, the proposals name."""
    slugs = {
        p.payload["party"] for p in proposals if p.kind == "organisation" and p.payload.get("party")
    }
    iso3 = [p.payload["iso3"] for p in proposals if p.kind == "country"]
    countries = set()
    if iso3:
        countries = set(session.exec(select(Party.slug).where(Party.iso3.in_(iso3))).all())
    return slugs - countries, countries


def _shared(session: Session, link, model, slugs: set[str]) -> dict[int, set[str]]:
    """deal id -> names of the SLUGS records it is linked to."""
    if not slugs:
        return {}
    fk = link.party_id if model is Party else link.commodity_id
    rows = session.exec(
        select(link.deal_id, model.name).join(model, model.id == fk).where(model.slug.in_(slugs))
    ).all()
    found: dict[int, set[str]] = {}
    for deal_id, name in rows:
        found.setdefault(deal_id, set()).add(name)
    return found


def _near(deal: Deal, dates: list[PartialDate]) -> str:
    """The first article date within DATE_WINDOW of the deal's known span, as text ('' if none)."""
    if deal.first_date is None or deal.last_date is None:
        return ""
    lo, hi = _shifted(deal.first_date, -DATE_WINDOW), _shifted(deal.last_date, DATE_WINDOW)
    for d in dates:
        if d.start <= hi and d.end >= lo:
            return d.iso()
    return ""


def _shifted(day: date, by: timedelta) -> date:
    """DAY moved BY, kept within the calendar (a deal stored as year 1 or 9999 before dates
    were range-checked must not break the page)."""
    try:
        return day + by
    except OverflowError:
        return date.min if by < timedelta(0) else date.max
