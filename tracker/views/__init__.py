"""Blueprints: the pages, the static assets and the error pages."""
