"""Checking and deciding on single proposals: edit (values checked) and reject."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from sqlmodel import Session, select

from tracker.models import Commodity, InboxProposal, Party
from tracker.records import vocab
from tracker.records.partial_dates import PartialDate

# A summary is one or two sentences on a timeline.
MAX_SUMMARY_CHARS = 1000
MAX_NAME_CHARS = 200
FLAGS = ("approximate", "up_to", "more_than")


class ProposalError(ValueError):
    """A proposal's values cannot be written; the message names the field."""


def check_payload(session: Session, kind: str, values: dict[str, Any]) -> dict[str, Any]:
    """VALUES of a KIND proposal, checked and normalised (ProposalError names the bad field)."""
    checker = _CHECKS.get(kind)
    if checker is None:
        raise ProposalError(f"unknown proposal kind {kind!r}")
    return checker(session, values)


def _commodity(session: Session, v: dict[str, Any]) -> dict[str, Any]:
    slug = (v.get("commodity") or "").strip()
    name = session.exec(select(Commodity.name).where(Commodity.slug == slug)).first()
    if name is None:
        raise ProposalError(f"commodity: no commodity has the slug {slug!r}")
    return {"commodity": slug, "name": name}


def _role(v: dict[str, Any]) -> str:
    role = (v.get("role") or "").strip()
    if role not in vocab.ROLES:
        raise ProposalError(f"role: {role!r} is not one of {', '.join(vocab.ROLES)}")
    return role


def _country(session: Session, v: dict[str, Any]) -> dict[str, Any]:
    iso3 = (v.get("iso3") or "").strip().upper()
    if session.exec(select(Party.id).where(Party.iso3 == iso3)).first() is None:
        raise ProposalError(f"iso3: {iso3!r} is not an ISO 3166 alpha-3 country code")
    return {"iso3": iso3, "role": _role(v)}


def _organisation(session: Session, v: dict[str, Any]) -> dict[str, Any]:
    name = (v.get("name") or "").strip()
    if not name or len(name) > MAX_NAME_CHARS:
        raise ProposalError(
            f"name: give the organisation's name (at most {MAX_NAME_CHARS} characters)"
        )
    party = (v.get("party") or "").strip() or None
    if party and session.exec(select(Party.id).where(Party.slug == party)).first() is None:
        raise ProposalError(f"party: no party has the slug {party!r}; leave it empty to add one")
    kind = v.get("kind") or "company"
    if kind not in vocab.PARTY_KINDS or kind == "country":
        raise ProposalError(f"kind: {kind!r} is not an organisation kind")
    country = (v.get("country") or "").strip().upper() or None
    return {"name": name, "party": party, "kind": kind, "country": country, "role": _role(v)}


def _money(_session: Session, v: dict[str, Any]) -> dict[str, Any]:
    try:
        amount = Decimal(str(v.get("amount")).replace(",", ""))
    except InvalidOperation:
        raise ProposalError(f"amount: {v.get('amount')!r} is not a number") from None
    if not amount.is_finite() or amount <= 0:
        raise ProposalError("amount: give a positive number")
    currency = (v.get("currency") or "").strip().upper()
    if len(currency) != 3 or not currency.isalpha():
        raise ProposalError(f"currency: {currency!r} is not an ISO 4217 code such as USD")
    usd = v.get("usd")
    out = {"amount": str(amount), "currency": currency, "usd": str(usd) if usd else None}
    out |= {"text": v.get("text")} | {f: bool(v.get(f)) for f in FLAGS}
    return out


def _event(_session: Session, v: dict[str, Any]) -> dict[str, Any]:
    try:
        when = PartialDate.parse(v.get("date") or "")
    except ValueError as exc:
        raise ProposalError(f"date: {exc}") from None
    kind = v.get("kind") or ""
    if kind not in vocab.EVENT_KINDS:
        raise ProposalError(f"kind: {kind!r} is not one of {', '.join(vocab.EVENT_KINDS)}")
    summary = (v.get("summary") or "").strip()
    if not summary or len(summary) > MAX_SUMMARY_CHARS:
        raise ProposalError(f"summary: give one (at most {MAX_SUMMARY_CHARS} characters)")
    return {"date": when.iso(), "kind": kind, "summary": summary}


_CHECKS = {
    "commodity": _commodity,
    "country": _country,
    "organisation": _organisation,
    "money": _money,
    "event": _event,
}


def edit(session: Session, *, proposal: InboxProposal, values: dict[str, Any]) -> None:
    """Replace the proposal's values with checked VALUES; it stays to be accepted."""
    _open(proposal)
    for name, value in values.items():
        if isinstance(value, str) and "\x00" in value:
            raise ProposalError(f"{name}: remove the NUL character")
    proposal.payload = check_payload(session, proposal.kind, proposal.payload | values)
    proposal.status = "edited"
    session.add(proposal)
    session.flush()


def reject(session: Session, *, proposal: InboxProposal) -> None:
    """Set the proposal aside; accepting the article will not write it."""
    _open(proposal)
    proposal.status = "rejected"
    session.add(proposal)
    session.flush()


def _open(proposal: InboxProposal) -> None:
    if proposal.status == "accepted":
        raise ProposalError("this proposal is already accepted; edit the record it became instead")
