"""datapackage.json: the Frictionless description of every file and column, licence and citation."""

from __future__ import annotations

from datetime import date
from typing import Any

from tracker.export.columns import BOOLEAN, FOREIGN_KEYS, KEYS, KINDS, TITLES, Column

PACKAGE_NAME = "critical-minerals-deal-tracker"
PACKAGE_TITLE = "Critical-minerals deal tracker"
# Data under CC BY 4.0: anyone may reuse it, with credit, which is what a cited dataset wants.
LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
CITATION_TEMPLATE = (
    "Critical-minerals deal tracker ({year}). Deals, shipments and export controls, cited to the "
    "news. Version {version}. Licensed CC BY 4.0. Cite the version and the date you downloaded "
    "it; for a single figure, cite the sources given in citations.csv as well."
)
DESCRIPTION = (
    "Critical-minerals deals, shipments, events and export controls drawn from news articles. "
    "Every figure traces to the sources that state it (citations.csv), with verbatim quotes where "
    "the source's text is kept. Dates are the first day of the period the sources give, with a "
    "precision column (day, month, quarter, year). Amounts are plain decimals with an ISO 4217 "
    "currency; an undisclosed value is empty with value_undisclosed = true, never 0. Lists in one "
    "cell are names joined by '; '. A text cell that a spreadsheet would run as a formula "
    "(beginning with =, +, -, @, a tab or a carriage return, after any apostrophes) is written "
    "with one more leading apostrophe; remove that one apostrophe to read the text as stated. "
    "Number, date and boolean columns are never prefixed."
)
TRUE, FALSE = "true", "false"


def citation(version: str, today: date) -> str:
    """How to cite this version of the data."""
    return CITATION_TEMPLATE.format(year=today.year, version=version)


def field(column: Column) -> dict[str, Any]:
    """A Frictionless table-schema field for COLUMN."""
    out: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "description": column.description,
    }
    if column.unit:
        out["unit"] = column.unit
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.allowed:
        constraints["enum"] = list(column.allowed)
    if constraints:
        out["constraints"] = constraints
    if column.type == BOOLEAN:
        out["trueValues"], out["falseValues"] = [TRUE], [FALSE]
    return out


def resource(kind: str, path: str | None = None) -> dict[str, Any]:
    """The resource entry of KIND.csv."""
    schema: dict[str, Any] = {
        "fields": [field(c) for c in KINDS[kind]],
        "missingValues": [""],
    }
    schema["primaryKey"] = list(KEYS[kind])
    schema["foreignKeys"] = [
        {"fields": column, "reference": {"resource": other, "fields": key}}
        for column, other, key in FOREIGN_KEYS.get(kind, ())
    ]
    return {
        "name": kind,
        "path": path or f"{kind}.csv",
        "title": TITLES[kind],
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def datapackage(
    *, version: str, today: date, filters: list[tuple[str, str]] | None = None
) -> dict[str, Any]:
    """The whole data package; FILTERS (query pairs) are recorded when the files are a selection."""
    package: dict[str, Any] = {
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "description": DESCRIPTION,
        "version": version,
        "created": f"{today.isoformat()}T00:00:00Z",  # the spec wants an RFC 3339 datetime
        "licenses": [LICENCE],
        "citation": citation(version, today),
        "resources": [resource(kind) for kind in KINDS],
    }
    if filters:
        package["filters"] = [{"parameter": k, "value": v} for k, v in filters]
    return package
