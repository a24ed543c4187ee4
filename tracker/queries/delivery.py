"""Promised against delivered, like with like: each commitment of the selected deals against
what was delivered under it (tracker/queries/commitments.py says what counts). A deal's
headline value is not a promise of goods, and an investment is never set against shipments."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlmodel import Session

from tracker.models import Commitment, Deal
from tracker.queries.aggregates import value_conditions
from tracker.queries.commitments import CommitmentRow, commitments_for
from tracker.queries.filters import Filter

# The deals whose commitments a chart can show readably, largest promise first.
MAX_DELIVERY_DEALS = 8


@dataclass(frozen=True)
class KindTotal:
    """The selected deals' commitments of one kind: how many, and the USD promised where known."""

    kind: str
    commitments: int
    usd: Decimal
    with_usd: int


def delivery_rows(session: Session, f: Filter) -> list[CommitmentRow]:
    """The commitments of the selected deals with the largest promises (at most a chart's
    worth of deals), each with what was delivered against it."""
    selected = select(Deal.id).where(*value_conditions(f))
    largest = session.scalars(
        select(Commitment.deal_id)
        .where(Commitment.deal_id.in_(selected))
        .group_by(Commitment.deal_id)
        .order_by(func.max(Commitment.value_usd).desc().nulls_last(), Commitment.deal_id)
        .limit(MAX_DELIVERY_DEALS)
    ).all()
    return commitments_for(session, list(largest))


def commitment_totals(session: Session, f: Filter) -> list[KindTotal]:
    """Every commitment of the selected deals, per kind (one GROUP BY)."""
    selected = select(Deal.id).where(*value_conditions(f))
    rows = session.execute(
        select(
            Commitment.kind,
            func.count(),
            func.coalesce(func.sum(Commitment.value_usd), 0),
            func.count(Commitment.value_usd),
        )
        .where(Commitment.deal_id.in_(selected))
        .group_by(Commitment.kind)
        .order_by(Commitment.kind)
    ).all()
    return [KindTotal(kind, n, Decimal(usd), with_usd) for kind, n, usd, with_usd in rows]
