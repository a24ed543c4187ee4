"""The record layer's checks: pure functions from raw values to clean values and problems."""

from tracker.records.checks.fields import Checker, Problem, Refs
from tracker.records.checks.kinds import (
    CHECKS,
    Checked,
    check_citation,
    check_deal,
    check_event,
    check_item,
    check_party,
    check_shipment,
    check_source,
)

__all__ = [
    "CHECKS",
    "Checked",
    "Checker",
    "Problem",
    "Refs",
    "check_citation",
    "check_deal",
    "check_event",
    "check_item",
    "check_party",
    "check_shipment",
    "check_source",
]
