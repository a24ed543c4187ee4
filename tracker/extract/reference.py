"""Reference data (commodities, organisations, media) loaded from the repo's data/ directory."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Commodity:
    """One commodity of data/commodities.toml."""

    slug: str
    name: str
    symbol: str | None
    aliases: tuple[str, ...]

    @property
    def canonical(self) -> str:
        """The name the extractor reports: the reference name, lowercased."""
        return self.name.lower()


@dataclass(frozen=True)
class Organisation:
    """A known body: canonical name, aliases, home country."""

    name: str
    country: str | None = None
    kind: str = "company"
    aliases: tuple[str, ...] = ()
    generic_aliases: tuple[str, ...] = ()


@dataclass
class Reference:
    """All reference data the extractor needs."""

    commodities: list[Commodity]
    expansions: dict[str, list[str]]
    organisations: list[Organisation] = field(default_factory=list)
    media: frozenset[str] = frozenset()

    @classmethod
    def load(cls, data_dir: Path) -> Reference:
        """Read commodities.toml and organisations.toml from data_dir."""
        data_dir = Path(data_dir)
        with open(data_dir / "commodities.toml", "rb") as fh:
            raw = tomllib.load(fh)
        commodities = [
            Commodity(c["slug"], c["name"], c.get("symbol"), tuple(c.get("aliases", ())))
            for c in raw.get("commodity", [])
            if c.get("extract", True)  # groups and forms reported under their own words' entry
        ]
        orgs: list[Organisation] = []
        media: frozenset[str] = frozenset()
        org_file = data_dir / "organisations.toml"
        if org_file.exists():
            with open(org_file, "rb") as fh:
                raw_orgs = tomllib.load(fh)
            orgs = [
                Organisation(
                    o["name"],
                    o.get("country") or None,
                    o.get("kind", "company"),
                    tuple(o.get("aliases", ())),
                    tuple(o.get("generic_aliases", ())),
                )
                for o in raw_orgs.get("organisation", [])
            ]
            media = frozenset(n.lower() for n in raw_orgs.get("media", {}).get("names", []))
        return cls(commodities, dict(raw.get("expansions", {})), orgs, media)

    def by_slug(self, slug: str) -> Commodity | None:
        """The commodity with this slug, or None."""
        return next((c for c in self.commodities if c.slug == slug), None)
