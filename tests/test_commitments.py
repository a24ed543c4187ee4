"""Commitments against deliveries: the seeded Pakistan deal keeps USSM's investment (US to
Pakistan) apart from Pakistan's supply of minerals (Pakistan to the US), the consignment counts
against the supply only, nothing unreported reads as 0; the deal page lists commitments and the
status history; commitments.csv and status_history.csv hold them; the seed refuses bad ones."""

from __future__ import annotations

import csv
import io

from tests.dashboard_helpers import charts

PAKISTAN = "/deals/ussm-fwo-critical-minerals-mou-2025"
CONSIGNMENT = "pakistan-us-first-critical-minerals-consignment-2025"


def _row(html: str, slug: str) -> str:
    return html.split(f'data-commitment="{slug}"', 1)[1].split("</tr>", 1)[0]


def test_pakistan_deal_shows_investment_and_supply_apart(seeded):
    html = seeded.get(PAKISTAN).get_data(as_text=True)
    assert 'id="commitments-h">Commitments<' in html
    investment = _row(html, "ussm-investment-in-pakistan-2025")
    assert 'data-kind="investment"' in html
    assert "US Strategic Metals</a> → <a" in investment
    assert "approximately USD 500,000,000" in investment
    assert "disbursements not reported" in investment
    assert CONSIGNMENT not in investment
    supply = _row(html, "pakistan-mineral-supply-to-us-2025")
    assert "Frontier Works Organisation</a> → <a" in supply
    assert f'data-shipment="{CONSIGNMENT}"' in supply
    assert "1 shipment" in supply
    assert 'quantity: <span class="not-reported">not reported' in supply
    assert "amount not reported" in supply
    assert "USD 0" not in supply


def test_delivery_chart_compares_like_with_like(seeded):
    figure = charts(seeded.get("/parties/pakistan").get_data(as_text=True))["delivery"]
    promised, delivered = figure["data"]
    labels = promised["y"]
    investment = labels.index("Investment: US Strategic Metals → Frontier Works Organisation")
    supply = labels.index("Supply of minerals: Frontier Works Organisation → US Strategic Metals")
    assert promised["x"][investment] == 0.5
    assert delivered["x"][investment] is None
    assert delivered["customdata"][investment][0] == "disbursements not reported"
    assert promised["x"][supply] is None and delivered["x"][supply] is None
    assert delivered["customdata"][supply][0].startswith("1 shipment; quantity not reported")
    # A click on either bar opens the deal, where its sources are (the last customdata item).
    assert delivered["customdata"][supply][-1] == "/deals/ussm-fwo-critical-minerals-mou-2025"


def test_status_history_on_the_deal_page(seeded):
    html = seeded.get("/deals/malaysia-raw-rare-earth-export-moratorium-2024").get_data(
        as_text=True
    )
    row = html.split('data-status="in_force"', 1)[1].split("</tr>", 1)[0]
    assert '<time datetime="2024-01">January 2024</time>' in row
    assert "Jakarta Post" in row
    antimony = seeded.get("/deals/china-antimony-export-controls-2024").get_data(as_text=True)
    assert antimony.index('data-status="announced"') < antimony.index('data-status="in_force"')
    assert "15 September 2024" in antimony


def _csv(client, path: str) -> list[dict]:
    response = client.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_commitments_csv_has_one_row_per_commitment(seeded):
    rows = {r["slug"]: r for r in _csv(seeded, "/export/commitments.csv")}
    investment = rows["ussm-investment-in-pakistan-2025"]
    assert investment["deal_slug"] == "ussm-fwo-critical-minerals-mou-2025"
    assert investment["kind"] == "investment"
    assert investment["from_party"] == "us-strategic-metals"
    assert investment["to_party"] == "frontier-works-organisation"
    assert investment["value_amount"] == "500000000"
    assert investment["value_approximate"] == "true"
    supply = rows["pakistan-mineral-supply-to-us-2025"]
    assert supply["value_amount"] == "" and supply["quantity"] == ""
    filtered = _csv(seeded, "/export/commitments.csv?commodity=lithium")
    assert [r["slug"] for r in filtered] == ["doe-atvm-loan-to-lithium-americas-2024"]


def test_status_history_csv_and_datapackage(seeded):
    rows = _csv(seeded, "/export/status_history.csv?party=malaysia")
    moratorium = [r for r in rows if r["deal_slug"].startswith("malaysia-raw")]
    assert moratorium == [
        {
            "deal_slug": "malaysia-raw-rare-earth-export-moratorium-2024",
            "status": "in_force",
            "from_on": "2024-01-01",
            "from_precision": "month",
            "source_url": moratorium[0]["source_url"],
            "source_publisher": "The Jakarta Post (Reuters)",
            "note": moratorium[0]["note"],
        }
    ]
    package = seeded.get("/export/datapackage.json").get_json()
    names = {r["name"]: r for r in package["resources"]}
    assert {"commitments", "status_history"} <= set(names)
    fields = [f["name"] for f in names["commitments"]["schema"]["fields"]]
    assert fields[:8] == [
        "slug", "deal_slug", "kind", "from_party", "from_party_name", "to_party",
        "to_party_name", "commodity",
    ]  # fmt: skip


def test_seed_refuses_a_bad_commitment_and_writes_nothing(runner, tmp_path):
    seed_file = tmp_path / "bad.toml"
    seed_file.write_text(
        """
[[commitments]]
slug = "bad-one"
deal = "no-such-deal"
kind = "gift"
from_party = "USA"
to_party = "USA"
quantity = "5"
"""
    )
    result = runner.invoke(args=["seed", str(seed_file)])
    assert result.exit_code != 0
    for words in ("no deal is called 'no-such-deal'", "'gift' is not one of", "unit"):
        assert words in result.output, result.output


def test_commitments_csv_imports_back_unchanged_and_refuses_bad_rows(seeded_app, seeded, tmp_path):
    data = seeded.get("/export/commitments.csv").get_data()
    path = tmp_path / "commitments.csv"
    path.write_bytes(data)
    runner = seeded_app.test_cli_runner()
    result = runner.invoke(args=["import", "commitments", str(path)])
    assert result.exit_code == 0, result.output
    assert "0 created, 0 updated" in result.output
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    # USSM (the buyer, rows[0]'s from_party) commits to take antimony from FWO.
    new = dict(rows[0], slug="pakistan-antimony-offtake", kind="offtake", commodity="antimony")
    new["summary"] = "USSM to take antimony from FWO."
    new |= {"quantity": "1000", "unit": "t", "due_on": "2026-04-01", "due_precision": "quarter"}
    new |= {key: "" for key in new if key.startswith("value_") and "amount" in key}
    new |= {"value_currency": "", "value_usd": "", "value_approximate": "false"}
    bad = dict(new, slug="bad-commitment", kind="gift", to_party="nobody-at-all")
    writer_out = io.StringIO()
    writer = csv.DictWriter(writer_out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows([new, bad])
    path.write_text(writer_out.getvalue(), encoding="utf-8")
    refused = runner.invoke(args=["import", "commitments", str(path)])
    assert refused.exit_code == 1
    assert "kind" in refused.output and "nobody-at-all" in refused.output
    assert "pakistan-antimony-offtake" not in seeded.get("/export/commitments.csv").text
    writer_out = io.StringIO()
    writer = csv.DictWriter(writer_out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerow(new)
    path.write_text(writer_out.getvalue(), encoding="utf-8")
    accepted = runner.invoke(args=["import", "commitments", str(path)])
    assert accepted.exit_code == 0, accepted.output
    page = seeded.get("/deals/ussm-fwo-critical-minerals-mou-2025").get_data(as_text=True)
    offtake = _row(page, "pakistan-antimony-offtake")
    assert "Q2 2026" in offtake and "1,000 t" in offtake
    # The consignment carried antimony the same way, so it counts against this promise too.
    assert f'data-shipment="{CONSIGNMENT}"' in offtake


def test_a_disputed_commitment_value_is_marked_on_the_page_and_chart(seeded):
    html = seeded.get("/deals/doe-lithium-americas-atvm-loan-2024").get_data(as_text=True)
    loan = _row(html, "doe-atvm-loan-to-lithium-americas-2024")
    assert "USD 2,260,000,000" in loan and "data-disputed" in loan
    assert "USD 2230000000" in html.split('id="conflicts"', 1)[1]
    figure = charts(seeded.get("/parties/lithium-americas").get_data(as_text=True))["delivery"]
    promised = figure["data"][0]
    i = next(i for i, t in enumerate(promised["y"]) if t.startswith("Loan:"))
    assert promised["y"][i].endswith("\u26a0")
    assert "sources disagree" in promised["customdata"][i][1]
