"""The review inbox: articles waiting for an editor, and what the extractor proposed from them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Column, DateTime
from sqlmodel import Field, SQLModel

from tracker.models.common import timestamp_column

# fetching: an address waits for its background fetch; failed: the fetch did not work;
# duplicate: the fetch gave an article already here (duplicate_of), which the arrival is linked to.
ARTICLE_STATUSES = ("fetching", "failed", "duplicate", "pending", "accepted", "rejected")
ARTICLE_ORIGINS = ("paste", "url", "upload", "feed")
PROPOSAL_KINDS = ("commodity", "country", "organisation", "money", "event")
PROPOSAL_STATUSES = ("pending", "accepted", "rejected", "edited")


class InboxArticle(SQLModel, table=True):
    """One article as it arrived (pasted, fetched, uploaded), before and after review."""

    __tablename__ = "inbox_article"

    id: int | None = Field(default=None, primary_key=True)
    # Canonical form (see tracker.inbox.urls); empty for pasted text without a URL.
    url: str | None = Field(default=None, max_length=2000, unique=True, index=True)
    title: str = Field(default="", max_length=500)
    text: str = ""
    # SHA-256 of the text: the same article pasted twice is recognised by it.
    text_hash: str | None = Field(default=None, max_length=64, unique=True, index=True)
    published_on: date | None = None
    fetched_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    status: str = Field(default="pending", max_length=10, index=True)
    origin: str = Field(max_length=10)
    # Why a fetch failed (timeout, too large, not HTML); the URL stays in the inbox.
    error: str | None = None
    # How often the same article arrived again (by URL or by text) and was linked here.
    arrivals: int = 1
    # The source written when the article was accepted, or the one it already was.
    source_id: int | None = Field(default=None, foreign_key="source.id", index=True)
    duplicate_of: int | None = Field(default=None, foreign_key="inbox_article.id")
    created_at: datetime = Field(sa_column=timestamp_column())


class InboxProposal(SQLModel, table=True):
    """One fact the extractor proposed, with the sentence it came from (offsets into the text)."""

    __tablename__ = "inbox_proposal"

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="inbox_article.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=20)
    # The proposed value: {"commodity": slug}, {"iso3": ...}, {"name": ..., "party": slug}, ...
    payload: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    sentence: str
    start: int
    end: int
    status: str = Field(default="pending", max_length=10, index=True)
    # What accepting it wrote (a deal, an event) so the article page can link to it.
    record_type: str | None = Field(default=None, max_length=20)
    record_id: int | None = None
