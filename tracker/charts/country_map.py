"""The country map: two choropleths (deal count, deal value in USD) over the world geometry the
app serves itself (plotly.js is told to load it from /geo/, never from its CDN)."""

from __future__ import annotations

import math
from decimal import Decimal
from urllib.parse import urlencode

import plotly.graph_objects as go

from tracker.charts.common import Chart, finish, plural, text, usd, usd_bn

MAP_PX = 420
HEADERS = ("Country", "ISO 3166 code", "Deals", "Value of those deals (USD)")
# Light to dark blue: a choropleth reads by darkness; the same hue keeps it legible in grey.
SCALE = "Blues"


def maps(rows: list[tuple[str, str, int, Decimal | None]], filter_pairs: list) -> list[Chart]:
    """The deal-count map and the deal-value map of ROWS (ISO3, name, deals, USD)."""
    table = [(name, iso3, f"{n:,}", usd(value)) for iso3, name, n, value in rows]
    common = {"headers": HEADERS, "rows": table, "rows_kind": "deals"}
    if not rows:
        empty = "No deal in the selection names a country."
        return [
            Chart("map-deals", "Deals by country", "", empty=empty, **common),
            Chart("map-value", "Deal value by country", "", empty=empty, **common),
        ]
    links = [_deals_link(filter_pairs, iso3) for iso3, *_ in rows]
    names = [text(name) for _, name, _, _ in rows]
    counts = _figure(
        rows,
        [n for _, _, n, _ in rows],
        [
            [name, plural(n, "deal"), link]
            for name, (_, _, n, _), link in zip(names, rows, links, strict=True)
        ],
        "Deals",
        tickformat=",d",
        whole=True,
    )
    valued = [r for r in rows if r[3] is not None]
    value_links = [_deals_link(filter_pairs, iso3) for iso3, *_ in valued]
    values = _figure(
        valued,
        [round(usd_bn(v), 3) for *_, v in valued],
        [
            [text(name), usd(v), link]
            for (_, name, _, v), link in zip(valued, value_links, strict=True)
        ],
        "USD bn",
        tickformat=",.2~f",
    )
    total = sum(n for _, _, n, _ in rows)
    return [
        Chart(
            "map-deals",
            "Deals by country",
            "Each country shaded by the number of selected deals it takes part in, itself or "
            "through a party based there; a deal of several countries counts under each "
            f"({plural(total, 'country-deal pair')}). Click a country for its deals.",
            figure_json=counts,
            traces=1,
            **common,
        ),
        Chart(
            "map-value",
            "Deal value by country",
            "The announced USD value of those deals, whole under each country taking part; "
            "deals without a USD figure add nothing here.",
            figure_json=values if valued else None,
            traces=1 if valued else 0,
            empty="No deal in the selection has a USD figure.",
            **common,
        ),
    ]


def _deals_link(pairs: list, iso3: str) -> str:
    kept = [(k, v) for k, v in pairs if k not in ("country", "page")]
    return "/deals?" + urlencode([*kept, ("country", iso3)])


def _figure(
    rows, z: list, customdata: list, unit: str, *, tickformat: str, whole: bool = False
) -> str:
    dtick = max(1, math.ceil(max(z) / 5)) if whole else None
    fig = go.Figure(
        go.Choropleth(
            locations=[r[0] for r in rows],
            locationmode="ISO-3",
            z=z,
            # From zero: a country with one deal is not drawn as "none" when all have one.
            zmin=0,
            zmax=max(z) or 1,
            customdata=customdata,
            hovertemplate="%{customdata[0]}: %{customdata[1]}<extra></extra>",
            colorscale=SCALE,
            marker={"line": {"color": "#ffffff", "width": 0.5}},
            colorbar={
                "title": {"text": unit},
                "tickformat": tickformat,
                # Whole steps for counts: a scale of 0 to 2 deals ticked 0, 0.5, 1... read
                # as fractions of a deal (None: Plotly's own steps, for values).
                "tick0": 0,
                "dtick": dtick,
                "orientation": "h",
                "thickness": 10,
                "len": 0.6,
                "y": 0,
                "yanchor": "top",
            },
        )
    )
    fig.update_geos(
        projection_type="natural earth",
        resolution=110,
        showframe=False,
        showcoastlines=False,
        showcountries=True,
        countrycolor="#c9ced6",
        showland=True,
        landcolor="#f1f3f6",
        lataxis_range=[-58, 85],
    )
    return finish(fig, height=MAP_PX)
