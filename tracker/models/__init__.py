"""The tracker's tables. Import from here: every table is registered on SQLModel.metadata."""

from tracker.models.audit import AuditEntry
from tracker.models.commitments import Commitment, DealStatusChange
from tracker.models.deals import Deal, DealCommodity, DealParty
from tracker.models.events import Event, EventParty
from tracker.models.feeds import Feed
from tracker.models.inbox import InboxArticle, InboxProposal
from tracker.models.jobs import JobRun, ReviewFlag
from tracker.models.reference import Commodity, Party
from tracker.models.shipments import Shipment, ShipmentItem
from tracker.models.sources import Citation, Source
from tracker.models.summaries import (
    DealGroups,
    DealShipmentWords,
    FacetCount,
    FacetMember,
    ShipmentTally,
)
from tracker.models.users import LoginFailure, User
from tracker.models.version import DataVersion, PageToken

__all__ = [
    "AuditEntry",
    "Citation",
    "Commitment",
    "Commodity",
    "DataVersion",
    "Deal",
    "DealCommodity",
    "DealParty",
    "DealGroups",
    "DealShipmentWords",
    "FacetCount",
    "FacetMember",
    "DealStatusChange",
    "Event",
    "EventParty",
    "Feed",
    "InboxArticle",
    "InboxProposal",
    "JobRun",
    "LoginFailure",
    "PageToken",
    "Party",
    "ReviewFlag",
    "Shipment",
    "ShipmentItem",
    "ShipmentTally",
    "Source",
    "User",
]
