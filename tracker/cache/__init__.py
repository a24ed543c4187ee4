"""Page data cached per data version, and the version every write bumps."""
