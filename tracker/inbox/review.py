"""Checking and deciding on single proposals: edit (values checked) and reject."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlmodel import Session, select

from tracker.models import Commodity, InboxProposal, Party
from tracker.records import vocab
from tracker.records.checks import Checker

# A summary is one or two sentences on a timeline.
MAX_SUMMARY_CHARS = 1000
MAX_NAME_CHARS = 200
FLAGS = ("approximate", "up_to", "more_than")
# Payload key of the extractor's original values, kept when an editor first edits a proposal so
# `tracker eval-extract --inbox` can count the original as a fact the editor replaced.
PROPOSED = "proposed"


class ProposalError(ValueError):
    """A proposal's values cannot be written; the message names the field."""


def check_payload(
    session: Session, kind: str, values: dict[str, Any], *, role_required: bool = True
) -> dict[str, Any]:
    """VALUES of a KIND proposal, checked and normalised (ProposalError names the bad field);
    the extractor's original, when VALUES carry one, is kept as it was. A party with no role
    passes only when ROLE_REQUIRED is false (an edit may keep "no role"; accepting may not)."""
    checker = _CHECKS.get(kind)
    if checker is None:
        raise ProposalError(f"unknown proposal kind {kind!r}")
    checked = checker(session, final_values(values))
    if role_required and "role" in checked and not checked["role"]:
        raise ProposalError(f"role: choose one of {', '.join(vocab.ROLES)} (none is stated)")
    if isinstance(values.get(PROPOSED), dict):
        checked[PROPOSED] = values[PROPOSED]
    return checked


def final_values(payload: dict[str, Any]) -> dict[str, Any]:
    """A proposal's current values, without the extractor's original kept beside them."""
    return {k: v for k, v in payload.items() if k != PROPOSED}


def _commodity(session: Session, v: dict[str, Any]) -> dict[str, Any]:
    slug = (v.get("commodity") or "").strip()
    name = session.exec(select(Commodity.name).where(Commodity.slug == slug)).first()
    if name is None:
        raise ProposalError(f"commodity: no commodity has the slug {slug!r}")
    return {"commodity": slug, "name": name}


def _role(v: dict[str, Any]) -> str:
    """The party's role, or "" for "no role" (none stated; check_payload says when it will do)."""
    role = (v.get("role") or "").strip()
    if role and role not in vocab.ROLES:
        raise ProposalError(f"role: {role!r} is not one of {', '.join(vocab.ROLES)}")
    return role


def _country(session: Session, v: dict[str, Any]) -> dict[str, Any]:
    iso3 = (v.get("iso3") or "").strip().upper()
    if session.exec(select(Party.id).where(Party.iso3 == iso3)).first() is None:
        raise ProposalError(f"iso3: {iso3!r} is not an ISO 3166 alpha-3 country code")
    return {"iso3": iso3, "role": _role(v)}


def _checked(raw: dict[str, Any], read) -> Any:
    """READ(checker) on RAW with the shared checkers; the first problem is the error."""
    checker = Checker(raw)
    value = read(checker)
    if checker.problems:
        raise ProposalError(str(checker.problems[0]))
    return value


def _organisation(session: Session, v: dict[str, Any]) -> dict[str, Any]:
    name = _checked(v, lambda c: c.text("name", required=True, max_chars=MAX_NAME_CHARS))
    party = (v.get("party") or "").strip() or None
    if party and session.exec(select(Party.id).where(Party.slug == party)).first() is None:
        raise ProposalError(f"party: no party has the slug {party!r}; leave it empty to add one")
    kind = v.get("kind") or "company"
    if kind not in vocab.PARTY_KINDS or kind == "country":
        raise ProposalError(f"kind: {kind!r} is not an organisation kind")
    country = _checked(v, lambda c: c.country("country"))
    return {"name": name, "party": party, "kind": kind, "country": country, "role": _role(v)}


def _money_checks(c: Checker) -> tuple[Decimal | None, str | None, Decimal | None]:
    amount, currency, usd = c.decimal("amount"), c.currency("currency"), c.decimal("usd")
    c.usd_figure(*(("amount", amount) if currency == "USD" else ("usd", usd)))
    return amount, currency, usd


def _money(_session: Session, v: dict[str, Any]) -> dict[str, Any]:
    raw = {"amount": str(v.get("amount") or "").replace(",", ""), "currency": v.get("currency")}
    raw["usd"] = v.get("usd")
    amount, currency, usd = _checked(raw, _money_checks)
    if not amount or currency is None:
        raise ProposalError("amount: give a positive number and its ISO 4217 currency")
    out = {"amount": str(amount), "currency": currency, "usd": str(usd) if usd else None}
    out |= {"text": v.get("text")} | {f: bool(v.get(f)) for f in FLAGS}
    return out


def _event(_session: Session, v: dict[str, Any]) -> dict[str, Any]:
    when, kind, summary = _checked(
        v,
        lambda c: (
            c.date("date", required=True),
            c.choice("kind", vocab.EVENT_KINDS),
            c.text("summary", required=True, max_chars=MAX_SUMMARY_CHARS),
        ),
    )
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
    original = proposal.payload.get(PROPOSED) or final_values(proposal.payload)
    values = final_values(values)  # the original is the extractor's, never the form's
    checked = check_payload(session, proposal.kind, proposal.payload | values, role_required=False)
    proposal.payload = checked | {PROPOSED: original}
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
