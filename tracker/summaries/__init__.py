"""Summary tables kept in step with the records: maintained in the same transaction as every
write (tallies.watch on the session factories), rebuilt after bulk loads, checked on demand."""
