"""Recompute the summary tables from the records and list where the stored ones differ."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from sqlalchemy import Connection, select

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
    return lines


def _show(row: tuple) -> str:
    return ", ".join(f"{name}={value}" for name, value in zip(COLUMNS, row, strict=True))


def report(lines: list[str]) -> str:
    """The differences as the check command prints them."""
    shown = lines[:MAX_SHOWN]
    if len(lines) > MAX_SHOWN:
        shown.append(f"... and {len(lines) - MAX_SHOWN} more")
    return "\n".join(shown)
