"""Where sources disagree: the same field of the same record cited with incompatible values."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from tracker.records.partial_dates import PartialDate, compatible

# Fields that hold one fact each; several parties or summaries are not a disagreement.
SINGLE_VALUED = frozenset(
    {
        "signed",
        "announced",
        "effective",
        "ended",
        "date",
        "dispatched",
        "arrived",
        "value",
        "status",
        "description",
        "kind",
        "origin",
        "destination",
    }
)
_MONEY = re.compile(r"^([A-Z]{3}) (\d+(?:\.\d+)?)$")


@dataclass(frozen=True)
class Claim:
    """One source's value for a field."""

    value: str
    source_id: int
    source_label: str


@dataclass(frozen=True)
class Conflict:
    """A field whose sources state incompatible values."""

    record_type: str
    record_id: int
    field: str
    claims: tuple[Claim, ...]


def agree(a: str, b: str) -> bool:
    """Whether two stated values can both be true."""
    try:
        return compatible(a, b)
    except ValueError:
        pass
    ma, mb = _MONEY.match(a), _MONEY.match(b)
    if ma and mb:
        if ma.group(1) != mb.group(1):
            return True  # the same value restated in another currency is not a disagreement
        try:
            return Decimal(ma.group(2)) == Decimal(mb.group(2))
        except InvalidOperation:
            return False
    return a.strip().casefold() == b.strip().casefold()


def find_conflicts(citations) -> list[Conflict]:
    """Conflicts among (citation, source) pairs, in a stable order."""
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    for citation, source in citations:
        if citation.field not in SINGLE_VALUED or not citation.value:
            continue
        key = (citation.record_type, citation.record_id, citation.field)
        claim = Claim(citation.value, source.id, source.publisher)
        if claim not in groups[key]:
            groups[key].append(claim)
    conflicts = []
    for (rtype, rid, fld), claims in groups.items():
        values = [c.value for c in claims]
        if any(not agree(a, b) for i, a in enumerate(values) for b in values[i + 1 :]):
            conflicts.append(Conflict(rtype, rid, fld, tuple(claims)))
    return conflicts


def is_date(value: str) -> bool:
    """Whether VALUE is a partial date."""
    try:
        PartialDate.parse(value)
    except ValueError:
        return False
    return True
