"""The poll_feeds job: new articles about tracked commodities from news feeds into the inbox."""

from __future__ import annotations

import logging

from sqlalchemy import select

from tracker.db import unit_of_work
from tracker.extract import CommodityMatcher, Reference
from tracker.fetching.web import FetchError, fetch
from tracker.inbox import service as inbox
from tracker.inbox.urls import BadURL, canonical_url
from tracker.jobs.articles import fetch_article, published_or
from tracker.jobs.feed_list import list_feeds
from tracker.jobs.feeds import MAX_FEED_BYTES, Entry, FeedError, parse_feed
from tracker.jobs.runner import Counts, HostRateLimit, JobContext
from tracker.models import Feed, InboxArticle, Source

log = logging.getLogger(__name__)

# Audit name of inbox articles the job adds.
FEED_ACTOR = "job:poll_feeds"


class _Poll:
    """One run of poll_feeds: its context, counts, commodity matcher and rate limit."""

    def __init__(self, ctx: JobContext, counts: Counts) -> None:
        self.ctx, self.counts = ctx, counts
        self.matcher = CommodityMatcher(Reference.load(ctx.data_dir))
        self.limit = HostRateLimit(ctx.host_delay_s)

    def feed(self, feed: Feed) -> None:
        """Read one feed and take its entries; a broken feed is recorded and skipped."""
        self.limit.wait(feed.url)
        try:
            body = fetch(
                feed.url,
                max_bytes=MAX_FEED_BYTES,
                timeout_s=self.ctx.fetch_timeout_s,
                allow=self.ctx.fetch_allow,
            )
            entries = parse_feed(body.body)
        except (FetchError, FeedError) as exc:
            self.counts.error(f"feed {feed.name}", exc)
            return
        self.ctx.progress(f"feed {feed.name}: {len(entries)} entries")
        for entry in entries:
            self.counts.seen += 1
            try:
                self.entry(entry)
            except (FetchError, BadURL, inbox.IngestError) as exc:
                self.counts.error(f"entry {entry.link[:200]}", exc)
            except Exception as exc:  # one entry's surprise must not cost the other entries
                log.exception("poll_feeds: entry %s", entry.link[:200])
                self.counts.error(f"entry {entry.link[:200]}", f"{type(exc).__name__}: {exc}")

    def entry(self, entry: Entry) -> None:
        """Fetch an entry about a tracked commodity and put it in the inbox, unless known."""
        if not self.matcher.find(f"{entry.title}\n{entry.summary}"):
            self.counts.skipped += 1  # about nothing the tracker follows
            return
        url = canonical_url(entry.link)  # tracking parameters off: the same page, asked plainly
        if self.known(url):
            self.counts.skipped += 1  # no need to fetch it again
            return
        self.limit.wait(url)
        page = fetch_article(url, timeout_s=self.ctx.fetch_timeout_s, allow=self.ctx.fetch_allow)
        # Only now write, in one short transaction: an article lands whole or not at all.
        with unit_of_work(self.ctx.engine) as session:
            result = inbox.ingest_text(
                session=session,
                actor=FEED_ACTOR,
                text=page.text,
                data_dir=self.ctx.data_dir,
                url=page.url,
                title=entry.title or page.title,
                published=published_or(page, entry.published),
                origin="feed",
            )
        if result.duplicate:
            self.counts.skipped += 1  # the same text arrived before under another address
        else:
            self.counts.new += 1

    def known(self, url: str) -> bool:
        """Whether URL is in the inbox (fetched, not failed) or is a source already."""
        with unit_of_work(self.ctx.engine) as session:
            hit = (
                session.execute(
                    select(InboxArticle.id).where(
                        InboxArticle.url == url, InboxArticle.error.is_(None)
                    )
                ).first()
                or session.execute(select(Source.id).where(Source.url == url)).first()
            )
        return hit is not None


def poll_feeds(ctx: JobContext, counts: Counts) -> None:
    """Poll every feed in the feed table; each feed's and entry's errors are recorded and passed."""
    poll = _Poll(ctx, counts)
    with unit_of_work(ctx.engine) as session:
        # Detached copies: the list is read in one short transaction, not held across fetches.
        feeds = [Feed(url=f.url, name=f.name) for f in list_feeds(session)]
    for feed in feeds:
        poll.feed(feed)
