"""Reference data: commodities from data/commodities.toml and every ISO 3166 country."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pycountry

COMMODITY_FILE = "commodities.toml"


def slugify(text: str) -> str:
    """Lowercase ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass(frozen=True)
class CountryRow:
    """A country as the tracker names it."""

    iso3: str
    name: str
    slug: str
    aliases: tuple[str, ...]


def countries() -> list[CountryRow]:
    """Every ISO 3166-1 country, with its common name where it has one."""
    rows = []
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        aliases = {c.name, getattr(c, "official_name", c.name), c.alpha_2, c.alpha_3} - {name}
        rows.append(CountryRow(c.alpha_3, name, slugify(name), tuple(sorted(aliases))))
    return rows


def commodity_rows(data_dir: Path) -> list[dict]:
    """The commodities of the reference file, as dicts of Commodity fields."""
    with open(data_dir / COMMODITY_FILE, "rb") as fh:
        data = tomllib.load(fh)
    rows = []
    for entry in data["commodity"]:
        rows.append(
            {
                "slug": entry["slug"],
                "name": entry["name"],
                "symbol": entry.get("symbol"),
                "group": entry["group"],
                "hs_codes": list(entry.get("hs_codes", [])),
                "aliases": list(entry.get("aliases", [])),
                "critical": list(entry.get("critical", [])),
            }
        )
    return rows
