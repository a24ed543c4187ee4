"""The critical-minerals deal tracker."""

from tracker.app import create_app

__all__ = ["create_app"]
