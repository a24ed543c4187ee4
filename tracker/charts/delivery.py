"""Promised vs delivered: each commitment beside what was delivered against it, like with like;
what no source reports is said to be "not reported", never drawn as 0."""

from __future__ import annotations

from dataclasses import replace

import plotly.graph_objects as go

from tracker.charts.common import PALETTE, Chart, finish, plural, short, text, usd, usd_bn
from tracker.queries.commitments import CommitmentRow
from tracker.queries.delivery import KindTotal
from tracker.records.money import format_amount, hedge
from tracker.records.vocab import COMMITMENT_KINDS, label

# A click on a deal's bars opens its page, where its sources are (static/charts.js).
DEAL_PATH = "/deals/{}"
CLICK_HINT = "<br><i>click for the deal and its sources</i><extra></extra>"

ROW_PX, BASE_PX = 44, 110
NOT_REPORTED = "not reported"


def _what(r: CommitmentRow) -> str:
    c = r.commitment
    thing = r.commodity.name if r.commodity else ("minerals" if r.goods else "")
    return f"{label(COMMITMENT_KINDS, c.kind)}{f' of {thing}' if thing else ''}"


def _title(r: CommitmentRow) -> str:
    mark = " \u26a0" if r.disputed else ""
    return f"{_what(r)}: {r.from_party.name} → {r.to_party.name}{mark}"


def promised(r: CommitmentRow) -> str:
    """What was promised, as stated: a quantity, a value, or 'not reported'."""
    c = r.commitment
    parts = []
    if c.quantity is not None:
        parts.append(f"{c.quantity.normalize():,f} {c.unit or ''}".strip())
    if c.value_undisclosed:
        parts.append("value undisclosed")
    elif c.value_amount is not None:
        words = hedge(c)
        amount = format_amount(c.value_amount, c.value_currency)
        parts.append(f"{words} {amount}" if words else amount)
    if r.disputed:
        parts.append("\u26a0 sources disagree on the value")
    return "; ".join(parts) or NOT_REPORTED


def delivered(r: CommitmentRow) -> str:
    """What was delivered against it: shipments (goods) or disbursements (money)."""
    if r.delivered is None:
        return f"disbursements {NOT_REPORTED}"
    d = r.delivered
    if not d.shipments:
        return "no shipment recorded"
    quantity = "; ".join(
        f"{q.normalize():,f} {unit} {name}".replace("  ", " ")
        for (name, unit), q in d.quantities.items()
    )
    value = usd(d.usd) if d.items_with_usd else f"value {NOT_REPORTED}"
    return f"{plural(len(d.shipments), 'shipment')}; quantity {quantity or NOT_REPORTED}; {value}"


def _caption(totals: list[KindTotal], basis: str) -> str:
    if not totals:
        return "No commitment is recorded for the selected deals."
    parts = []
    for t in totals:
        money = f", {usd(t.usd)} where a USD figure is stated" if t.with_usd else ""
        parts.append(f"{plural(t.commitments, label(COMMITMENT_KINDS, t.kind).lower())}{money}")
    return (
        f"{basis}. Each commitment (what one party promised another under a deal) beside what "
        "was delivered against it: shipments going the same way carrying the commodity count "
        "against supply and offtake; investments and loans would count disbursements. Nothing "
        "unreported is drawn as zero. Export controls have no commitments. In all: "
        + "; ".join(parts)
        + "."
    )


def _unique(labels: list[str]) -> list[str]:
    """Category labels made distinct ("... (2)"), so two alike commitments keep two bars."""
    seen: dict[str, int] = {}
    out = []
    for name in labels:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def delivery_chart(rows: list[CommitmentRow], totals: list[KindTotal], *, basis: str) -> Chart:
    """Paired bars per commitment: USD promised and USD delivered, where each is reported."""
    table = [
        (r.deal_title, _what(r), f"{r.from_party.name} → {r.to_party.name}", promised(r),
         delivered(r))
        for r in rows
    ]  # fmt: skip
    chart = Chart(
        id="delivery",
        title="Promised vs delivered",
        caption=_caption(totals, basis),
        headers=("Deal", "Commitment", "From → to", "Promised", "Delivered against it"),
        rows=table,
        rows_kind="deals",
        empty="No deal in this selection has a commitment recorded: nothing to compare.",
    )
    if not rows:
        return chart
    labels = _unique([short(text(_title(r)), 72) for r in rows])
    promised_usd = [
        usd_bn(r.commitment.value_usd) if r.commitment.value_usd is not None else None for r in rows
    ]
    delivered_usd = [
        usd_bn(r.delivered.usd) if r.delivered and r.delivered.items_with_usd else None
        for r in rows
    ]
    fig = go.Figure(
        [
            go.Bar(
                name="Promised, USD bn (where stated)",
                orientation="h",
                y=labels,
                x=promised_usd,
                marker={"color": PALETTE[0]},
                customdata=[
                    [text(r.deal_title), text(promised(r)), DEAL_PATH.format(r.deal_slug)]
                    for r in rows
                ],
                hovertemplate="%{y}<br>%{customdata[0]}<br>Promised: %{customdata[1]}" + CLICK_HINT,
            ),
            go.Bar(
                name="Delivered, USD bn (where reported)",
                orientation="h",
                y=labels,
                x=delivered_usd,
                marker={"color": PALETTE[2]},
                text=[text(delivered(r)) for r in rows],
                textposition="outside",
                cliponaxis=False,
                customdata=[[text(delivered(r)), DEAL_PATH.format(r.deal_slug)] for r in rows],
                hovertemplate="%{y}<br>Delivered: %{customdata[0]}" + CLICK_HINT,
            ),
        ]
    )
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed", type="category")
    height = BASE_PX + ROW_PX * len(rows)
    return replace(chart, figure_json=finish(fig, height=height), traces=len(fig.data))
