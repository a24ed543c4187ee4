"""Recompute the summary tables from the records and list where the stored ones differ."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from sqlalchemy import Connection, select

from tracker.summaries import deal_groups, facet_tally
from tracker.summaries.shipment_words import W, present, words_select
from tracker.summaries.tallies import CENT, COLUMNS, T, dollars, selects

# Differences listed in full; past this many the rest are counted.
MAX_SHOWN = 20


def _row(values) -> tuple:
    """A stored tally row in comparable form (sums to the cent, whatever the driver returns)."""
    *head, usd = values
    return (*head, Decimal(str(usd or 0)).quantize(CENT))


def differences(connection: Connection) -> list[str]:
    """One line per shipment_tally row that is missing, extra or wrong; empty when in step."""
    expected: Counter = Counter()
    for query in selects():  # these sum in cents
        expected.update((*head, dollars(c)) for *head, c in connection.execute(query))
    stored = Counter(_row(r) for r in connection.execute(select(*(T.c[c] for c in COLUMNS))))
    lines = [f"shipment_tally lacks {_show(r)}" for r in sorted(expected - stored, key=str)]
    lines += [f"shipment_tally has extra {_show(r)}" for r in sorted(stored - expected, key=str)]
    lines += _words_differences(connection) + _groups_differences(connection)
    return lines + _facet_differences(connection)


def _words_differences(connection: Connection) -> list[str]:
    """deal_shipment_words rows missing, extra or wrong (the lines compared as a set: their
    order is the database's); none before revision 0015 made it."""
    if not present(connection):
        return []
    expected = {i: frozenset(text.split("\n")) for i, text in connection.execute(words_select())}
    stored = {i: frozenset(text.split("\n")) for i, text in connection.execute(select(W))}
    return _per_deal("deal_shipment_words", expected, stored)


def _groups_differences(connection: Connection) -> list[str]:
    """deal_groups rows missing, extra or wrong; none before revision 0017 made the table."""
    if not deal_groups.present(connection):
        return []
    expected = deal_groups.computed(connection)
    stored = {i: tuple(rest) for i, *rest in connection.execute(select(deal_groups.G))}
    return _per_deal("deal_groups", expected, stored)


def _facet_differences(connection: Connection) -> list[str]:
    """facet_count rows missing, extra or wrong; none before revision 0018 made the table."""
    if not facet_tally.present(connection):
        return []
    expected, stored = facet_tally.counted(connection), facet_tally.stored(connection)
    lines = []
    for key in sorted(expected.keys() | stored.keys()):
        had, has = stored.get(key, NOTHING), expected.get(key, NOTHING)
        if had != has:
            shown = "/".join(key)
            lines.append(f"facet_count {shown}: {_sums(had)}, the records give {_sums(has)}")
    return lines


NOTHING = (0, 0, 0)


def _sums(sums: tuple[int, int, int]) -> str:
    count, with_usd, cents = sums
    return f"{count} ({with_usd} with USD {Decimal(cents) / 100:,.2f})"


def _per_deal(table: str, expected: dict, stored: dict) -> list[str]:
    """One line per deal whose row of TABLE (one row per deal) is missing, extra or wrong."""
    lines = []
    for deal_id in sorted(expected.keys() | stored.keys()):
        if deal_id not in stored:
            lines.append(f"{table} lacks deal {deal_id}")
        elif deal_id not in expected:
            lines.append(f"{table} has extra deal {deal_id}")
        elif stored[deal_id] != expected[deal_id]:
            lines.append(f"{table} differs for deal {deal_id}")
    return lines


def _show(row: tuple) -> str:
    return ", ".join(f"{name}={value}" for name, value in zip(COLUMNS, row, strict=True))


def report(lines: list[str]) -> str:
    """The differences as the check command prints them."""
    shown = lines[:MAX_SHOWN]
    if len(lines) > MAX_SHOWN:
        shown.append(f"... and {len(lines) - MAX_SHOWN} more")
    return "\n".join(shown)
