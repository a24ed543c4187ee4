"""Editing records by hand or by import: every write audited, views and commands stay thin."""
