"""The JSON API: records for programs, described by an OpenAPI document (no Flask here)."""
