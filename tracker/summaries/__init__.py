"""Summary tables kept in step with the records: maintained in the same transaction as every
write (tallies.watch on the session factories), rebuilt after bulk loads, checked on demand."""

# Execution option of a bulk statement that replaces one record's links: (owner column, id),
# e.g. ("deal_id", 12). The summaries refresh that record before commit instead of rebuilding.
LINKS_OWNER = "tracker_links_owner"
