"""Loading reference data and seed records: validate everything, then write all or nothing."""

from tracker.seeding.errors import SeedError
from tracker.seeding.run import seed

__all__ = ["SeedError", "seed"]
