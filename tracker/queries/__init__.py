"""Queries: SQL statements built from a Filter, returning plain rows for pages, CSV and JSON."""
