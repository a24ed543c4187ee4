"""Researcher exports: columns, streaming CSV, the data package and releases (no Flask)."""
