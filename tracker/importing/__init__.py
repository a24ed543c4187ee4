"""CSV import of deals, shipments and events: check every row, then write all or nothing."""
